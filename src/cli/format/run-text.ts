import type { RunRecord } from '../../shared/repairs';
import type { Output } from '../output';

export function printRun(out: Output, run: RunRecord, verb: 'Repair' | 'Undo'): void {
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
}
