import { sipAddressSchema } from '../shared/operations';
import { REPAIR_STEP_IDS } from '../shared/repairs';
import type { RepairStepId } from '../shared/repairs';
import { usageError } from './cli-error';

export function isRepairStepId(value: string): value is RepairStepId {
  return (REPAIR_STEP_IDS as readonly string[]).includes(value);
}

/** `--steps a,b` → step ids; an unknown id names the valid ones. */
export function parseStepList(text: string): RepairStepId[] {
  const ids = text
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
  if (ids.length === 0) throw usageError('--steps needs at least one step id.');
  const unknown = ids.filter((id) => !isRepairStepId(id));
  if (unknown.length > 0) {
    throw usageError(
      `Unknown repair step ${unknown.map((id) => `"${id}"`).join(', ')}. Steps: ${REPAIR_STEP_IDS.join(', ')}.`,
      { step: unknown[0] ?? '' },
    );
  }
  return [...new Set(ids as RepairStepId[])];
}

export function parseStepId(text: string): RepairStepId {
  if (!isRepairStepId(text)) {
    throw usageError(`Unknown repair step "${text}". Steps: ${REPAIR_STEP_IDS.join(', ')}.`, {
      step: text,
    });
  }
  return text;
}

export function parseAddress(text: string): string {
  const parsed = sipAddressSchema.safeParse(text);
  if (!parsed.success) {
    throw usageError(`"${text}" is not a SIP address like user@contoso.com.`, { address: text });
  }
  return parsed.data.replace(/^sip:/i, '');
}

/** Run ids as the engine makes them: letters, digits, - and _. */
export function parseRunId(text: string): string {
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(text)) {
    throw usageError(`"${text}" is not a run id (see: runs).`, { runId: text });
  }
  return text;
}

/** `--close-timeout SECONDS`: how long a client gets to close before it counts as not closing. */
export function parseCloseTimeout(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const seconds = Number(text);
  if (!/^\d+$/.test(text.trim()) || seconds < 1 || seconds > 600) {
    throw usageError(`--close-timeout takes whole seconds from 1 to 600, not "${text}".`);
  }
  return seconds * 1000;
}
