import type { RepairPlan } from '../../shared/repairs';
import {
  ANY_CLIENT_NAME,
  countOf,
  kbStepLabel,
  planSafety,
  targetFacts,
} from '../../shared/wording';
import type { Output } from '../output';

export function actionCount(plan: RepairPlan): number {
  return plan.steps.reduce((n, s) => n + s.actions.length, 0);
}

export function printPlan(out: Output, plan: RepairPlan): void {
  out.line(out.bold(`Plan for ${plan.address ?? 'this PC'}:`));
  plan.steps.forEach((step, i) => {
    out.line(`${String(i + 1).padStart(2)}. ${out.bold(step.title)}`);
    out.line(out.dim(`    KB: ${kbStepLabel(step.kbStep)}`));
    if (step.actions.length === 0) out.line(`    ${step.note ?? 'Nothing to do.'}`);
    for (const action of step.actions) {
      out.line(
        `    - ${action.description}${action.undoable ? '' : out.yellow(' (cannot be undone)')}`,
      );
      if (out.verbose) {
        for (const [label, value] of targetFacts(action.target)) {
          out.line(out.dim(`        ${label}: ${value}`));
        }
      }
    }
  });
  for (const warning of plan.warnings) out.line(out.yellow(`Note: ${warning}`));
  // When it runs, a warning above already says that it has to be closed.
  if (plan.requiresClientClosed && plan.clientRunning !== true) {
    out.line(`${plan.client ?? ANY_CLIENT_NAME} must be closed for these changes.`);
  }
  if (plan.requiresAdmin) out.line('These changes need administrator rights.');
  const n = actionCount(plan);
  const undoable = plan.steps.flatMap((s) => s.actions).filter((a) => a.undoable).length;
  out.line(`${countOf(n, 'change', 'changes')} in all. ${planSafety(n, undoable)}`);
}
