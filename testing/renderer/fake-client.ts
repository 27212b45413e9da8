/**
 * A fake of the one boundary the component tests cannot reach: the preload's bridge to main.
 * It keeps state like main does (scans reflect applied and undone repairs, a running client
 * refuses changes), so the wizard's flows are exercised end to end inside jsdom. The real
 * bridge, handlers and engine are exercised by the browser walkthroughs in e2e/.
 */
import { EXTERNAL_LINKS } from '../../src/shared/external-links';
import type {
  OperationName,
  OperationRequest,
  OperationResult,
  ProgressEvent,
  RepairClient,
} from '../../src/shared/operations';
import type { ClientError, Diagnosis, Plan, Run } from '../../src/renderer/client/client-types';
import {
  lync2010Diagnosis,
  lync2013Diagnosis,
  planFor,
  profileFinding,
  sfb2019Diagnosis,
  withLync2010Too,
} from './fake-data';
import { isPerUserStep } from '../../src/renderer/profile-view';

export interface FakeClientOptions {
  /** `sfb2019`: Skype for Business 2019 from Click-to-Run. */
  kind?: 'lync2013' | 'lync2010' | 'sfb2019';
  /** Lync 2010 is installed beside Lync 2013 (which stays the primary client). */
  lync2010Too?: boolean;
  /** Lync runs; `stubborn` ignores polite close requests like a client with a dialog open. */
  clientRunning?: false | 'cooperative' | 'stubborn';
  /** "Now" for `backups.purge` by age (the real clock by default, as the component uses). */
  now?: () => Date;
  /**
   * The app runs as another account than the signed-in user: the scan reports it first, plans of
   * per-user steps are refused and "Restart normally" answers as main does on the practice PC.
   */
  wrongProfile?: { runningAs: string; signedIn: string; elevated: boolean };
  /** Makes an operation fail with this error every time. */
  failures?: Partial<Record<OperationName, ClientError>>;
  /** Earlier runs as main lists them, e.g. one that was interrupted (has `attention`). */
  earlierRuns?: Run[];
  /**
   * The data folder is locked by SfB Sign-in Repair on another computer: changes are refused
   * with main's `file-locked` error until `lock.break` names this very lock.
   */
  foreignLock?: { host: string; since: string };
  /** Changes the recorded diagnosis before main would send it (a finding another PC reports). */
  reportedAs?: (diagnosis: Diagnosis) => Diagnosis;
}

export interface FakeClient extends RepairClient {
  calls: Array<{ name: OperationName; request: unknown }>;
  progressListeners: number;
  /** Resolves operations only when released, so tests can look at busy states. */
  hold(name: OperationName): () => void;
  /** The user exits Lync themselves (from its icon next to the clock), outside the app. */
  exitClient(): void;
  /** A copy of the app on another computer takes the data folder's lock (see `foreignLock`). */
  lockFromAnotherComputer(lock: { host: string; since: string }): void;
  /**
   * The user signs in again after the changes made so far: an undo of them then finds newer
   * data, keeps it (`newerKept`, `undoUndoable`) and an undo of that undo puts it back.
   */
  signInAgain(): void;
  /** Whether the newer data of `signInAgain` is in place on the PC (not only kept in a backup). */
  newerInPlace(): boolean;
}

type Handler<N extends OperationName> = (
  request: OperationRequest<N>,
) => OperationResult<N> | Promise<OperationResult<N>>;

export function createFakeClient(options: FakeClientOptions = {}): FakeClient {
  const repaired = new Set<string>();
  const plans = new Map<string, Plan>();
  const runs = new Map<string, { run: Run; steps: string[]; sizeBytes: number }>();
  const now = options.now ?? (() => new Date());
  const undoable = (run: Run) =>
    run.undoable &&
    run.backupsPurgedAt === undefined &&
    run.actions.some((action) => action.outcome === 'applied');
  const listeners = new Set<(event: ProgressEvent) => void>();
  const held = new Map<OperationName, Promise<void>>();
  let running = options.clientRunning ?? false;
  let foreignLock = options.foreignLock;
  /** Main's refusal while another computer holds the lock (data-lock.ts words and details). */
  const lockedOut = () =>
    foreignLock && {
      ok: false as const,
      error: {
        code: 'file-locked' as const,
        message: `The data folder is locked by SfB Sign-in Repair on another computer, "${foreignLock.host}" (process 4321, since ${foreignLock.since}); from here it cannot be told whether that copy still runs. Nothing was changed. If it no longer runs, break the lock: run the command again with --break-lock.`,
        details: {
          path: 'C:\\Users\\user\\AppData\\Local\\SfB Sign-in Repair\\engine.lock',
          pid: 4321,
          lockHost: foreignLock.host,
          lockedSince: foreignLock.since,
        },
      },
    };
  let counter = 0;
  for (const run of options.earlierRuns ?? []) {
    runs.set(run.id, { run, steps: [...run.steps], sizeBytes: 1024 });
  }

  const ok = <T>(value: T) => ({ ok: true as const, value });
  const err = (code: ClientError['code'], message: string) => ({
    ok: false as const,
    error: { code, message },
  });
  /** Runs a later sign-in wrote over, and whether that newer data is on the PC or kept. */
  const newer = new Map<string, 'in-place' | 'kept'>();
  const diagnosis = () => {
    const base =
      options.kind === 'lync2010'
        ? lync2010Diagnosis(repaired)
        : options.kind === 'sfb2019'
          ? sfb2019Diagnosis(repaired)
          : lync2013Diagnosis(repaired);
    const both = options.lync2010Too ? withLync2010Too(base) : base;
    const report = options.reportedAs ? options.reportedAs(both) : both;
    const profile = options.wrongProfile;
    return profile
      ? {
          ...report,
          wrongProfile: profile,
          findings: [profileFinding(profile), ...report.findings],
        }
      : report;
  };
  const emit = (event: ProgressEvent) => listeners.forEach((listener) => listener(event));

  const handlers: { [N in OperationName]: Handler<N> } = {
    'session.info': () =>
      ok({
        hostKind: 'practice',
        practiceScenario: diagnosis().practiceScenario,
        hostDescription: 'Practice PC',
        userName: 'CONTOSO\\user',
        elevated: false,
        supportCode: 'K7Q2XM',
        appVersion: '0.1.0',
      }),
    'diagnosis.run': () => ok(diagnosis()),
    'admin.check': () =>
      ok({
        findings: [
          {
            id: 'certificate-chain',
            status: 'ok',
            kbStep: 'admin-certificate-chain',
            summary: 'The chain of sip.contoso.com is trusted.',
            evidence: [],
            repairs: [],
          },
        ],
      }),
    'repair.plan': (request) => {
      const profile = options.wrongProfile;
      if (profile && request.steps.some(isPerUserStep)) {
        return err(
          'wrong-profile',
          `This tool was started as ${profile.runningAs} while ${profile.signedIn} is signed in.`,
        );
      }
      const plan = planFor(
        `plan-${++counter}`,
        request.steps,
        request.address ?? diagnosis().currentAddress,
      );
      plans.set(plan.id, plan);
      return ok(plan);
    },
    'repair.apply': (request) => {
      const plan = plans.get(request.planId);
      if (!plan) return err('unknown-plan', 'No plan with that id.');
      if (running && plan.requiresClientClosed) {
        return err('client-running', 'Lync is running (lync.exe); close it first.');
      }
      const locked = lockedOut();
      if (locked) return locked;
      const actions = plan.steps.flatMap((step) => step.actions);
      actions.forEach((action, index) =>
        emit({
          operation: 'repair.apply',
          message: action.description,
          done: index + 1,
          total: actions.length,
        }),
      );
      const steps = plan.steps.map((step) => step.stepId);
      steps.forEach((step) => repaired.add(step));
      if (
        steps.includes('remove-personal-certificate') &&
        steps.includes('clear-connection-settings')
      ) {
        repaired.add('delete-sign-in-info');
      }
      const run: Run = {
        id: `run-${++counter}`,
        planId: plan.id,
        address: plan.address,
        startedAt: '2026-11-25T10:02:00.000Z',
        finishedAt: '2026-11-25T10:02:01.000Z',
        status: 'applied',
        steps,
        actions: actions.map((action) => ({
          actionId: action.id,
          stepId: action.stepId,
          description: action.description,
          outcome: 'applied',
          verified: true,
        })),
        undoable: actions.some((action) => action.undoable),
      };
      // Backups of a few KB per change, like a credential or a small cache folder.
      runs.set(run.id, { run, steps, sizeBytes: 3_072 * actions.length });
      return ok(run);
    },
    // As main: the client's own process; its UcMapi companion is closed with it, not listed.
    'client.status': () =>
      ok({
        running: running
          ? [{ pid: options.kind === 'sfb2019' ? 5120 : 4242, name: 'lync.exe' }]
          : [],
      }),
    'client.close': (request) => {
      if (running === 'stubborn' && !request.force) {
        return ok({ closed: false, stillRunning: ['lync.exe'] });
      }
      running = false;
      return ok({ closed: true, stillRunning: [] });
    },
    'client.start': (request) => {
      // As main does: the client asked for, else the diagnosis's primary one; only when none runs.
      const report = diagnosis();
      const client = request.kind
        ? report.clients.find((candidate) => candidate.kind === request.kind)
        : report.primaryClient;
      if (!client) {
        return ok({
          started: false,
          refusal: 'no-client' as const,
          reason: 'Lync or Skype for Business is not installed on this PC.',
        });
      }
      const about = { client: client.displayName, path: client.executablePath };
      const image = options.kind === 'lync2010' ? 'communicator.exe' : 'lync.exe';
      if (running) {
        return ok({
          ...about,
          started: false,
          pid: 4242,
          refusal: 'already-running' as const,
          reason: `${client.displayName} already runs (${image}, pid 4242): sign in there.`,
        });
      }
      running = 'cooperative';
      return ok({ ...about, started: true, pid: 5000 + ++counter });
    },
    'runs.list': () =>
      ok({
        runs: [...runs.values()].map(({ run }) => ({
          id: run.id,
          address: run.address,
          startedAt: run.startedAt,
          finishedAt: run.finishedAt,
          status: run.status,
          steps: run.steps,
          actionCount: run.actions.length,
          undoable: undoable(run),
          ...(run.backupsPurgedAt ? { backupsPurgedAt: run.backupsPurgedAt } : {}),
          ...(run.attention ? { attention: run.attention } : {}),
          ...(run.newerKept ? { newerKept: run.newerKept } : {}),
          ...(run.undoUndoable ? { undoUndoable: run.undoUndoable } : {}),
        })),
      }),
    'runs.recover': (request) => {
      const entry = runs.get(request.runId);
      if (!entry) return err('unknown-run', 'No run with that id.');
      if (running) return err('client-running', 'Lync is running (lync.exe); close it first.');
      const locked = lockedOut();
      if (locked) return locked;
      const kind = entry.run.attention?.kind;
      if (kind !== 'interrupted' && kind !== 'recovery-failed') {
        return err('invalid-request', 'That change was not interrupted.');
      }
      const { attention: _attention, ...rest } = entry.run;
      entry.run = { ...rest, status: 'rolled-back' };
      return ok(entry.run);
    },
    'runs.undo': (request) => {
      const entry = runs.get(request.runId);
      if (!entry) return err('unknown-run', 'No run with that id.');
      if (running) return err('client-running', 'Lync is running (lync.exe); close it first.');
      const locked = lockedOut();
      if (locked) return locked;
      if (newer.get(entry.run.id) === 'kept' && entry.run.undoUndoable) {
        // As the engine does: the changes are made again and the kept newer data is put back.
        entry.steps.forEach((step) => repaired.add(step));
        newer.set(entry.run.id, 'in-place');
        const { newerKept: _kept, undoUndoable: _undoUndoable, ...rest } = entry.run;
        entry.run = {
          ...rest,
          status: 'applied',
          undoable: true,
          actions: rest.actions.map((action) => ({ ...action, outcome: 'applied' as const })),
        };
        return ok(entry.run);
      }
      if (entry.run.status === 'undone')
        return err('unknown-run', 'That change was already undone.');
      if (entry.run.backupsPurgedAt) {
        return err('invalid-request', 'It can no longer be undone: its backups were deleted.');
      }
      const undone = request.stepId ? [request.stepId] : entry.steps;
      undone.forEach((step) => repaired.delete(step));
      if (undone.length > 0) repaired.delete('delete-sign-in-info');
      const status = request.stepId && entry.steps.length > 1 ? 'partly-undone' : 'undone';
      entry.run = {
        ...entry.run,
        status,
        undoable: status === 'partly-undone',
        actions: entry.run.actions.map((action) =>
          undone.includes(action.stepId) ? { ...action, outcome: 'undone' as const } : action,
        ),
      };
      if (newer.get(entry.run.id) === 'in-place' && status === 'undone') {
        // The undo finds what the later sign-in saved, keeps it with the run and puts the old
        // back; the engine answers with the run's own record, as here.
        newer.set(entry.run.id, 'kept');
        entry.run = {
          ...entry.run,
          newerKept: entry.run.actions.map((action) => action.description),
          undoUndoable: true,
        };
        return ok(entry.run);
      }
      return ok({
        ...entry.run,
        id: `run-${++counter}`,
        status,
        steps: undone as Run['steps'],
        actions: entry.run.actions
          .filter((action) => undone.includes(action.stepId))
          .map((action) => ({ ...action, outcome: 'undone' as const })),
      });
    },
    'backups.list': () =>
      ok({
        backups: [...runs.values()].map(({ run, sizeBytes }) => ({
          runId: run.id,
          startedAt: run.startedAt,
          sizeBytes: run.backupsPurgedAt ? 0 : sizeBytes,
          undoable: undoable(run),
          ...(run.backupsPurgedAt ? { purgedAt: run.backupsPurgedAt } : {}),
        })),
      }),
    'backups.purge': (request) => {
      const unknown = (request.runIds ?? []).filter((id) => !runs.has(id));
      if (unknown.length > 0)
        return err('unknown-run', `There is no repair ${unknown.join(', ')}.`);
      const locked = lockedOut();
      if (locked) return locked;
      const cutoff =
        request.olderThanDays !== undefined
          ? now().getTime() - request.olderThanDays * 24 * 60 * 60 * 1000
          : undefined;
      const purged: Array<{ runId: string; freedBytes: number }> = [];
      for (const entry of runs.values()) {
        if (request.runIds && !request.runIds.includes(entry.run.id)) continue;
        const finished = Date.parse(entry.run.finishedAt ?? entry.run.startedAt);
        if (cutoff !== undefined && !(finished < cutoff)) continue;
        purged.push({
          runId: entry.run.id,
          freedBytes: entry.run.backupsPurgedAt ? 0 : entry.sizeBytes,
        });
        entry.run = {
          ...entry.run,
          backupsPurgedAt: entry.run.backupsPurgedAt ?? now().toISOString(),
        };
      }
      return ok({ purged, kept: [] });
    },
    'report.build': (request) =>
      ok({
        fileName: `sfb-signin-report.${request.format}`,
        mimeType: request.format === 'html' ? 'text/html' : 'application/json',
        content:
          request.format === 'html' ? '<!doctype html><title>Report</title>' : '{"report":true}',
        summary: 'SfB Sign-in Repair — summary\nSupport code: K7Q2XM\n',
      }),
    'practice.list': () => ok({ current: 'kb-lync2013', scenarios: [] }),
    'practice.reset': (request) => ok({ scenario: request.name }),
    'app.openExternal': (request) => ok({ opened: true, url: EXTERNAL_LINKS[request.link].url }),
    'app.restartAsUser': () => {
      const profile = options.wrongProfile;
      if (!profile) {
        return ok({
          outcome: 'not-needed' as const,
          practice: true,
          runningAs: 'CONTOSO\\user',
          signedIn: 'user',
          message: 'This app already runs as the signed-in user (CONTOSO\\user).',
        });
      }
      return ok({
        outcome: profile.elevated ? ('restarting' as const) : ('start-it-yourself' as const),
        practice: true,
        runningAs: profile.runningAs,
        signedIn: profile.signedIn,
        message: profile.elevated
          ? `Practice PC: nothing was started. On a real PC the app would now ask Windows Explorer, which runs as ${profile.signedIn}, to start SfB Sign-in Repair again without administrator rights, and close this window.`
          : `Practice PC: nothing was started. A real PC would answer: Close this window, then start SfB Sign-in Repair yourself while signed in as ${profile.signedIn}.`,
      });
    },
    'lock.break': (request) => {
      if (!foreignLock) return ok({ broken: false });
      if (request.host !== foreignLock.host || request.since !== foreignLock.since) {
        return lockedOut() ?? ok({ broken: false });
      }
      foreignLock = undefined;
      return ok({ broken: true });
    },
  };

  const fake = {
    calls: [] as FakeClient['calls'],
    get progressListeners() {
      return listeners.size;
    },
    hold(name: OperationName) {
      let release = () => {};
      held.set(name, new Promise<void>((resolve) => (release = resolve)));
      return () => {
        held.delete(name);
        release();
      };
    },
    exitClient() {
      running = false;
    },
    lockFromAnotherComputer(lock: { host: string; since: string }) {
      foreignLock = lock;
    },
    signInAgain() {
      for (const { run } of runs.values()) {
        if (run.status === 'applied' || run.status === 'partial') newer.set(run.id, 'in-place');
      }
    },
    newerInPlace() {
      return [...newer.values()].includes('in-place');
    },
    onProgress(listener: (event: ProgressEvent) => void) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
  } as unknown as FakeClient;

  for (const name of Object.keys(handlers) as OperationName[]) {
    Object.assign(fake, {
      [name]: async (request: unknown) => {
        fake.calls.push({ name, request });
        await held.get(name);
        const failure = options.failures?.[name];
        if (failure) return { ok: false, error: failure };
        return (handlers[name] as Handler<typeof name>)(request as never);
      },
    });
  }
  return fake;
}
