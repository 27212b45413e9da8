import type { DiagnosisReport } from '../../shared/findings';
import { ANY_CLIENT_NAME, countOf } from '../../shared/wording';
import { stepsNeedingAdmin } from '../../shared/repairs';
import type { RepairPlan, RepairStepId, RunRecord } from '../../shared/repairs';
import { CliError, usageError } from '../cli-error';
import type { CommandEnv } from '../command-env';
import { EXIT } from '../exit-codes';
import type { ExitCode } from '../exit-codes';
import { actionCount, printPlan } from '../format/plan-text';
import { printRun } from '../format/run-text';
import { pasteableCommand } from '../format/command-hint';
import type { CliSession } from '../session';
import { changeAroundClient, printClientRestart, type ClientRestart } from './client-restart';
import { parseAddress, parseCloseTimeout, parseStepList } from '../steps';

export interface RepairRequest {
  steps?: string;
  all: boolean;
  address?: string;
  dryRun: boolean;
  yes: boolean;
  closeClient: boolean;
  forceClose: boolean;
  /** Seconds, as typed. */
  closeTimeout?: string;
  /** Ask Windows for administrator approval (UAC) for the steps that need it. */
  elevate?: boolean;
  /** Start the client again after closing it (default); `--no-restart-client` says false. */
  restartClient?: boolean;
}

export interface RepairOutcome {
  exitCode: ExitCode;
  plan?: RepairPlan;
  run?: RunRecord;
  dryRun: boolean;
  /** Steps `--all` left out because they need administrator rights. */
  skippedSteps: RepairStepId[];
  /** Set when the command closed the client: whether it was started again. */
  clientRestart?: ClientRestart;
}

/** Usage checks first, so bad arguments never open the PC. */
export function checkRepairRequest(request: RepairRequest): {
  steps?: RepairStepId[];
  address?: string;
} {
  if (request.all === (request.steps !== undefined)) {
    throw usageError('Choose the steps to repair: --steps id,... or --all.');
  }
  if (request.dryRun && request.yes)
    throw usageError('--dry-run changes nothing: leave out --yes.');
  parseCloseTimeout(request.closeTimeout);
  return {
    ...(request.steps !== undefined ? { steps: parseStepList(request.steps) } : {}),
    ...(request.address !== undefined ? { address: parseAddress(request.address) } : {}),
  };
}

/**
 * `--address` names one of the addresses the scan found on this PC; a typo would otherwise
 * plan nothing and say "Nothing to change" as if all were well.
 */
function refuseUnknownAddress(address: string, diagnosis: DiagnosisReport): void {
  const found = diagnosis.addresses;
  if (found.some((known) => known.toLowerCase() === address.toLowerCase())) return;
  throw new CliError(
    EXIT.notFound,
    'not-found',
    found.length === 0
      ? `No sign-in address was found on this PC, so nothing can be repaired for ${address}.`
      : `${address} has not been used with Lync on this PC. Addresses found: ${found.join(', ')}.`,
    { address },
  );
}

const runExit = (run: RunRecord): ExitCode =>
  run.status === 'applied' ? EXIT.ok : EXIT.repairFailed;

/**
 * When the client runs and closing it was not asked for: at a terminal, ask whether to close it
 * (true: close it); otherwise, or when declined, refuse with exit 3. False when none runs.
 */
export async function offerToCloseClient(
  env: CommandEnv,
  running: ReadonlyArray<{ name: string; pid: number }>,
  client: string = ANY_CLIENT_NAME,
): Promise<boolean> {
  if (running.length === 0) return false;
  const names = running.map((p) => `${p.name}, pid ${p.pid}`).join('; ');
  if (env.ctx.interactive) {
    const answer = await env.ctx.prompt(
      `${client} is running (${names}) and must be closed first. Close it now, as if you chose Exit from its menu? [y/N] `,
    );
    if (/^\s*y(es)?\s*$/i.test(answer ?? '')) return true;
  }
  throw new CliError(
    EXIT.clientRunning,
    'client-running',
    `${client} is running (${names}). Close it, or add --close-client. Nothing was changed.`,
  );
}

async function confirm(env: CommandEnv, plan: RepairPlan): Promise<void> {
  if (!env.ctx.interactive) {
    throw new CliError(
      EXIT.notConfirmed,
      'cancelled',
      'Not confirmed: add --yes to apply without a question. Nothing was changed.',
    );
  }
  const n = actionCount(plan);
  const answer = await env.ctx.prompt(
    `Apply ${n === 1 ? 'this change' : `these ${n} changes`}? [y/N] `,
  );
  if (!/^\s*y(es)?\s*$/i.test(answer ?? '')) {
    throw new CliError(EXIT.notConfirmed, 'cancelled', 'Not confirmed. Nothing was changed.');
  }
}

/**
 * Plan → show → (confirm) → close the client if asked → apply → show the run. Shared by
 * `repair` and `remediate`; nothing changes before every check has passed.
 */
export async function runRepair(
  env: CommandEnv,
  session: CliSession,
  request: RepairRequest,
  /** Print the plan and the run as text (remediate prints one summary line instead). */
  display = !env.out.json,
): Promise<RepairOutcome> {
  const checked = checkRepairRequest(request);
  const { engine, host } = session;
  let steps = checked.steps ?? [];
  const skippedSteps: RepairStepId[] = [];
  const elevated = (await host.identity.current()).elevated;
  // Someone must be there to answer the administrator prompt: a person at the terminal, or a
  // caller that asked for it with --elevate. Unattended runs never raise a prompt.
  const mayElevate = !elevated && (request.elevate === true || env.ctx.interactive);
  if (request.all) env.out.progress('Scanning this PC…', undefined, undefined, true);
  const diagnosis =
    request.all || checked.address !== undefined ? await engine.diagnose() : undefined;
  if (diagnosis && checked.address !== undefined) refuseUnknownAddress(checked.address, diagnosis);
  if (request.all && diagnosis) {
    // The diagnosis decides what --all means (its recommended steps); this only filters them.
    steps = [...diagnosis.recommendedSteps];
    if (!elevated && !mayElevate) {
      for (const id of stepsNeedingAdmin(steps)) skippedSteps.push(id);
      steps = steps.filter((id) => !skippedSteps.includes(id));
      for (const id of skippedSteps) {
        env.out.notice(
          `Left out "${id}": it needs administrator rights (run as administrator, or add --elevate).`,
        );
      }
    }
  }
  const plan = await engine.plan({
    steps,
    ...(checked.address ? { address: checked.address } : {}),
  });
  if (display) printPlan(env.out, plan);
  const outcome = (exitCode: ExitCode, run?: RunRecord): RepairOutcome => ({
    exitCode,
    plan,
    ...(run ? { run } : {}),
    dryRun: request.dryRun,
    skippedSteps,
  });
  const adminExit = skippedSteps.length > 0 ? EXIT.needsAdmin : EXIT.ok;
  if (request.dryRun) {
    if (display) env.out.line('Dry run: nothing was changed.');
    return outcome(EXIT.ok);
  }
  if (actionCount(plan) === 0) {
    if (display) env.out.line('Nothing to change.');
    return outcome(adminExit);
  }
  if (plan.requiresAdmin && !elevated && !mayElevate) {
    throw new CliError(
      EXIT.needsAdmin,
      'needs-admin',
      'These changes need administrator rights: run the command as administrator, or add --elevate ' +
        'to have Windows ask for approval. Nothing was changed.',
    );
  }
  if (plan.requiresAdmin && mayElevate && display) {
    env.out.line('Windows will ask for administrator approval for the changes that need it.');
  }
  let closeAsked = request.closeClient || request.forceClose;
  // Refuse before asking anything when the client runs and closing it was not asked for; at a
  // terminal, offer to close it instead.
  if (plan.requiresClientClosed && !closeAsked) {
    closeAsked = await offerToCloseClient(env, await session.engine.runningClients(), plan.client);
  }
  if (!request.yes) await confirm(env, plan);
  const timeoutMs = parseCloseTimeout(request.closeTimeout);
  const { value: run, clientRestart } = await changeAroundClient(
    env,
    engine,
    {
      close: plan.requiresClientClosed && closeAsked,
      force: request.forceClose,
      ...(timeoutMs !== undefined ? { timeoutMs } : {}),
      restart: request.restartClient !== false,
    },
    () => {
      env.out.progress(
        `Backing up and applying ${countOf(actionCount(plan), 'change', 'changes')}…`,
        undefined,
        undefined,
        true,
      );
      return engine.apply(plan.id);
    },
    display,
  );
  if (display) {
    printRun(env.out, run, 'Repair');
    if (run.undoable) {
      const practice = host.kind === 'practice' ? host.practiceScenario : undefined;
      env.out.line(`Undo with: ${pasteableCommand(`undo ${run.id}`, practice)}`);
    }
  }
  const code = runExit(run);
  const result = outcome(code === EXIT.ok ? adminExit : code, run);
  if (!clientRestart) return result;
  if (display) printClientRestart(env, clientRestart);
  return { ...result, clientRestart };
}
