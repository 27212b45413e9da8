import type { ActionOutcome, RunStatus } from '../repairs';

/**
 * One action's outcome in a word, before its description and a colon ("Undone: Delete your
 * sign-in certificate…"): the description says what the action does, the word what became of it.
 */
export const OUTCOME_WORDS: Record<ActionOutcome, string> = {
  applied: 'Done',
  failed: 'Failed',
  skipped: 'Skipped',
  undone: 'Undone',
  'rolled-back': 'Undone after a problem',
};

const RUN_WORDS: Record<RunStatus, string> = {
  applied: 'Done. Every change was made and checked.',
  partial: 'Partly done. Some changes could not be made; what was made is listed below.',
  failed: 'The change could not be made. Nothing was left half-done.',
  undone: 'Undone. Everything this change removed has been put back.',
  'partly-undone': 'Partly undone. The parts listed below have been put back.',
  'rolled-back': 'The change hit a problem and was put back the way it was.',
};

/** What a run (a change or its undo) came to, in one sentence. */
export function runHeadline(run: {
  status: RunStatus;
  actions: ReadonlyArray<{ outcome: ActionOutcome; verified: boolean }>;
}): string {
  if (
    run.status === 'applied' &&
    run.actions.some((action) => !action.verified && action.outcome === 'applied')
  ) {
    return 'Done, but some changes could not be checked afterwards.';
  }
  return RUN_WORDS[run.status];
}

/** Whether the run ended as the person wanted (every change made, or every change put back). */
export function runSucceeded(status: RunStatus): boolean {
  return status === 'applied' || status === 'undone';
}

/**
 * What a plan promises about undo, from the engine's per-change `undoable`: "backed up" is said
 * only of changes that are, and a plan of only a DNS flush says it cannot be undone.
 */
export function planSafety(total: number, undoable: number): string {
  if (total === 0) return 'Nothing needs to change for this step.';
  if (undoable === total) {
    return total === 1
      ? 'It is backed up first, so you can undo it afterwards.'
      : 'Everything is backed up first, so you can undo it afterwards.';
  }
  if (undoable === 0) {
    return total === 1
      ? 'This cannot be undone, and needs no backup: it is harmless.'
      : 'These cannot be undone, and need no backup: they are harmless.';
  }
  return `${undoable} of these ${total} changes are backed up first and can be undone; the ones marked “cannot be undone” cannot.`;
}

/**
 * A run journalled by an earlier version, before journals were sealed: nothing in it can be
 * checked, so it is listed and never acted on. Said calmly: nothing points to tampering.
 */
export function earlierVersionRunMessage(runId: string): string {
  return `Repair "${runId}" was recorded by an earlier version of this tool, before its records were sealed, so it cannot be checked: it is shown with its time and steps and never acted on (not undone, not recovered).`;
}

/** After an undo that found newer data (a later sign-in's) where it put the old back. */
export function newerKeptNote(change: string): string {
  return `Before undoing "${change}", what was there since the repair (from a later sign-in) was backed up first and is kept with this repair: undoing this undo puts it back.`;
}

/** After the undo of an undo put the kept newer data back. */
export function newerPutBackNote(change: string): string {
  return `The undo of "${change}" was itself undone: the change was made again and what was there before that undo is back.`;
}

/** How to undo an undo from the command line (`command` is pasteable). */
export function undoUndoHint(command: string): string {
  return `To put back what the undo kept, undo the undo: ${command}`;
}

/** Before undoing an undo: which repair (`run` as the command line describes it). */
export function undoingUndoLine(run: string): string {
  return `Undoing the undo of ${run}: its changes are made again and what that undo kept is put back.`;
}

/** An undo of an undo leaves a change alone that was changed again since the undo. */
export function changedSinceUndoMessage(change: string): string {
  return `Not made again: "${change}" changed since the undo, so it was left as it is and what the undo kept stays in the backup.`;
}

/**
 * The wizard's words after an undo that found what the client saved since the repair (a later
 * sign-in's password, settings or caches) and kept a copy before putting the older back.
 */
export function newerKeptWords(client: string): {
  title: string;
  explanation: string;
  offer: string;
  button: string;
} {
  return {
    title: `What ${client} saved since the repair was kept`,
    explanation: `${client} had saved newer sign-in information after the repair, for example when you signed in again. The undo put the older information back and kept a copy of the newer one with this change, so nothing was lost.`,
    offer: `If signing in worked with the newer information, put it back: the change is made again and what ${client} saved since the repair returns.`,
    button: 'Put back what was newer',
  };
}

/** Said while "Put back what was newer" runs. */
export const PUTTING_BACK_NEWER = 'Putting back what was newer…';

/** After "Put back what was newer" undid the undo. */
export function newerPutBackWords(client: string): string {
  return `What was newer is back: the change was made again and what ${client} saved since the repair is in place again.`;
}
