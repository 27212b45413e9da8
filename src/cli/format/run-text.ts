import type { RunRecord } from '../../shared/repairs';
import type { Output } from '../output';

/** What needs the user's attention about a run, and how to act on it from the command line. */
export function printAttention(out: Output, run: Pick<RunRecord, 'id' | 'attention'>): void {
  const { attention } = run;
  if (!attention) return;
  out.line(out.yellow(`  ! ${attention.message}`));
  for (const change of attention.stillChanged ?? []) out.line(`      still changed: ${change}`);
  if (attention.kind === 'interrupted' || attention.kind === 'recovery-failed') {
    out.line(`    To put it back: sfb-signin-repair recover ${run.id}`);
  }
}

export function printRun(out: Output, run: RunRecord, verb: 'Repair' | 'Undo' | 'Recovery'): void {
  const ok = run.status === 'applied' || run.status === 'undone' || run.status === 'partly-undone';
  const verified = run.actions.filter((a) => a.verified).length;
  const headline = `${verb} ${run.id}: ${run.status} (${verified} of ${run.actions.length} verified)`;
  out.line(ok ? out.green(headline) : out.red(headline));
  for (const a of run.actions) {
    const mark =
      a.outcome === 'failed'
        ? out.red('✗')
        : a.outcome === 'skipped'
          ? out.yellow('-')
          : out.green('✓');
    out.line(`  ${mark} ${a.description} — ${a.outcome}${a.verified ? ', verified' : ''}`);
    if (a.error) out.line(out.red(`      ${a.error.code}: ${a.error.message}`));
  }
  for (const note of run.notes ?? []) out.line(`  ${note}`);
  printAttention(out, run);
}
