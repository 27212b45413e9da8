/**
 * `plan()`: which address, which steps, exactly which targets. Nothing is changed; the plan is
 * kept in memory and saved in the data folder (with its internal targets) for `apply()`.
 */
import {
  REPAIR_STEP_IDS,
  REPAIR_STEPS,
  type PlannedStep,
  type RepairPlan,
} from '../../shared/repairs';
import { sipAddressSchema } from '../../shared/operations';
import { AppError } from '../../shared/errors';
import { clientNameOf } from '../../shared/wording';
import { executorFor } from './actions';
import { createContext, type DiagnosisContext } from './diagnosis/context';
import { collectAddresses } from './diagnosis/addresses';
import type { EngineState, StoredPlan } from './engine-state';
import { readInventory } from './inventory';
import { refuseWrongProfile } from './profile-guard';
import { PLANNERS } from './repairs/table';
import { expandRepairSteps } from '../../shared/repairs';
import type { JournalAction } from './run-journal';
import { sameAddress, stripSipPrefix } from './sip-address';
import type { PlanRequest } from './types';

function resolveAddress(request: PlanRequest, context: DiagnosisContext): string {
  if (request.address !== undefined) {
    const parsed = sipAddressSchema.safeParse(stripSipPrefix(String(request.address)));
    if (!parsed.success) {
      throw new AppError(
        'invalid-request',
        `"${request.address}" is not a SIP address like user@contoso.com.`,
      );
    }
    return stripSipPrefix(parsed.data);
  }
  if (context.currentAddress) return context.currentAddress;
  const known = collectAddresses(context).list();
  if (known.length === 1 && known[0]) return known[0].address;
  throw new AppError(
    'invalid-request',
    known.length === 0
      ? 'No sign-in address was found on this PC; say which address to repair.'
      : `This profile has used several addresses (${known.map((entry) => entry.address).join(', ')}); say which one to repair.`,
  );
}

export async function makePlan(state: EngineState, request: PlanRequest): Promise<RepairPlan> {
  if (!Array.isArray(request.steps) || request.steps.length === 0) {
    throw new AppError('invalid-request', 'Choose at least one repair step.');
  }
  const unknown = request.steps.filter((step) => !(REPAIR_STEP_IDS as string[]).includes(step));
  if (unknown.length > 0) {
    throw new AppError('invalid-request', `Unknown repair step: ${unknown.join(', ')}.`);
  }
  const steps = expandRepairSteps(request.steps);
  const missing = steps.filter((step) => !PLANNERS[step]);
  if (missing.length > 0) {
    throw new AppError('unsupported', `This version cannot plan: ${missing.join(', ')}.`);
  }
  await refuseWrongProfile(state.host, steps);
  const now = state.now();
  const inventory = await readInventory(state.host);
  const needsAddress = steps.some((step) => PLANNERS[step]?.needsAddress);
  // One reading of the inventory for the address, the client and the other addresses below.
  const context = createContext(inventory, now);
  const address = needsAddress ? resolveAddress(request, context) : undefined;

  const planned: PlannedStep[] = [];
  const actions: JournalAction[] = [];
  const warnings: string[] = [];
  for (const stepId of steps) {
    const planner = PLANNERS[stepId];
    if (!planner) continue;
    const draft = await planner.plan({
      host: state.host,
      inventory,
      ...(address ? { address } : {}),
      now,
    });
    const step: PlannedStep = {
      stepId,
      kbStep: REPAIR_STEPS[stepId].kbStep,
      title: REPAIR_STEPS[stepId].title,
      actions: draft.actions.map((action) => {
        const id = `a${actions.length + 1}`;
        const undoable = executorFor(action.internal).undoable;
        actions.push({
          id,
          stepId,
          description: action.description,
          undoable,
          internal: action.internal,
        });
        return { id, stepId, description: action.description, target: action.target, undoable };
      }),
      ...(draft.note !== undefined ? { note: draft.note } : {}),
    };
    warnings.push(...(draft.warnings ?? []));
    planned.push(step);
  }

  const active = planned.filter((step) => step.actions.length > 0).map((step) => step.stepId);
  const requiresClientClosed = active.some((step) => REPAIR_STEPS[step].needsClientClosed);
  const requiresAdmin = active.some((step) => REPAIR_STEPS[step].needsAdmin);
  const { primary } = context;
  const clientRunning = inventory.processes.some((process) => process.ownedByCurrentUser);
  if (requiresClientClosed && clientRunning) {
    warnings.push(`${clientNameOf(primary)} is running; it has to be closed before these changes.`);
  }
  if (requiresAdmin && !(await state.host.identity.current()).elevated) {
    warnings.push('Removing the braces from MachineGuid needs administrator rights.');
  }
  if (inventory.policies.length > 0 && steps.includes('clear-connection-settings')) {
    warnings.push('Settings enforced by your organisation (policy keys) are kept as they are.');
  }
  if (address) {
    const others = collectAddresses(context)
      .list()
      .filter((entry) => !sameAddress(entry.address, address));
    if (others.length > 0) {
      warnings.push(
        `Only ${address} is changed; ${others.map((entry) => entry.address).join(', ')} ${
          others.length === 1 ? 'stays as it is' : 'stay as they are'
        }.`,
      );
    }
  }

  const plan: RepairPlan = {
    id: state.store.newPlanId(now),
    createdAt: now.toISOString(),
    hostKind: state.host.kind,
    ...(address !== undefined ? { address } : {}),
    steps: planned,
    requiresClientClosed,
    ...(primary ? { client: clientNameOf(primary) } : {}),
    clientRunning,
    requiresAdmin,
    warnings,
  };
  const stored: StoredPlan = { plan, actions };
  state.store.savePlan(plan.id, stored);
  state.plans.set(plan.id, stored);
  return plan;
}
