/**
 * The one gate between what the data folder says and what the engine does. Apply, undo and
 * recovery all pass every action through `refuseOutOfScope` before changing anything, and
 * every backup document through `checkBackupDocument` before restoring from it. A journal or
 * plan that names anything a planner could not have produced for this profile is refused as a
 * whole: nothing is changed.
 */
import { REPAIR_STEPS, type RepairStepId } from '../../../shared/repairs';
import { AppError } from '../../../shared/errors';
import type { HostSystem } from '../../host/ports';
import { executorFor } from '../actions';
import type { InternalTarget } from '../actions/internal-target';
import type { BackupDocumentCheck } from '../../journal/sealed-backup-reader';
import { CACHE_LOCATIONS, CLIENT_SPECS } from '../inventory/locations';
import { ALLOWED_TARGETS, GUID, isPlainName, type ScopeProfile } from './allowed-targets';

export interface ScopedAction {
  actionId?: string;
  id?: string;
  stepId: RepairStepId;
  undoable: boolean;
  internal: InternalTarget;
}

const DISALLOWED = [
  { location: 'CurrentUser', name: 'Disallowed' },
  { location: 'LocalMachine', name: 'Disallowed' },
] as const;

/** The current profile's places, from the host alone. */
export async function readScopeProfile(host: HostSystem): Promise<ScopeProfile> {
  const roots = new Map<string, string | undefined>();
  for (const location of CACHE_LOCATIONS) {
    if (!roots.has(location.folder)) {
      roots.set(location.folder, await host.files.knownFolder(location.folder));
    }
  }
  const cacheLocations = CACHE_LOCATIONS.flatMap((location) => {
    const root = roots.get(location.folder);
    return root ? [host.files.join(root, ...location.parts)] : [];
  });
  const disallowed = new Set<string>();
  for (const store of DISALLOWED) {
    for (const entry of await host.certificates.list(store)) {
      disallowed.add(entry.thumbprint.toUpperCase());
    }
  }
  return {
    cacheLocations,
    join: (location, name) =>
      name === ''
        ? `${host.files.join(location, 'x').slice(0, -1)}`
        : host.files.join(location, name),
    settingsKeys: CLIENT_SPECS.map((spec) => spec.settingsKey),
    disallowed,
  };
}

/** Why `action` is outside what its step can plan, or `undefined` when it is inside. */
export function outOfScope(action: ScopedAction, profile: ScopeProfile): string | undefined {
  const rule = ALLOWED_TARGETS[action.stepId];
  if (!rule) return `"${action.stepId}" is not a step that changes anything itself`;
  if (action.undoable !== executorFor(action.internal).undoable) {
    return 'it claims to be undoable when it is not, or the reverse';
  }
  const why = rule(action.internal, profile);
  return why === undefined ? undefined : `${REPAIR_STEPS[action.stepId].title}: ${why}`;
}

/** Every reason the actions fall outside their steps, one line each. */
export function scopeProblems(actions: ScopedAction[], profile: ScopeProfile): string[] {
  return actions.flatMap((action) => {
    const why = outOfScope(action, profile);
    return why === undefined ? [] : [`${action.actionId ?? action.id ?? '?'}: ${why}`];
  });
}

/** Refuses (`corrupt-data`) unless every action is one its step's planner could produce. */
export async function refuseOutOfScope(
  host: HostSystem,
  what: string,
  actions: ScopedAction[],
): Promise<void> {
  const problems = scopeProblems(actions, await readScopeProfile(host));
  if (problems.length === 0) return;
  throw new AppError(
    'corrupt-data',
    `Refused: ${what} names changes no repair step makes, so it was not written by this tool for this profile. Nothing was changed. ${problems.join('; ')}.`,
    { problems: problems.join('\n') },
  );
}

function checkSubkeyNames(tree: unknown, where: string): void {
  if (typeof tree !== 'object' || tree === null || !('subkeys' in tree)) return;
  const subkeys = (tree as { subkeys: unknown }).subkeys;
  if (!Array.isArray(subkeys)) return;
  for (const child of subkeys) {
    const name = (child as { name?: unknown } | null)?.name;
    if (typeof name !== 'string' || name === '' || name.includes('\\')) {
      throw new AppError(
        'corrupt-data',
        `Refused: ${where} names a subkey "${String(name)}" no key can have.`,
      );
    }
    checkSubkeyNames(child, where);
  }
}

/**
 * A backup document is used only when its relative paths stay inside the backed-up folder
 * (no `..`, separators, drive letters, empty or absolute parts) and its key trees name only
 * subkeys.
 */
export function checkBackupDocument(name: string, document: unknown): void {
  const where = `the backup index ${name}`;
  if (typeof document === 'object' && document !== null && 'entries' in document) {
    const entries = (document as { entries: unknown }).entries;
    if (!Array.isArray(entries))
      throw new AppError('corrupt-data', `Refused: ${where} is damaged.`);
    for (const entry of entries) {
      const path = (entry as { path?: unknown } | null)?.path;
      if (!Array.isArray(path) || path.length === 0 || !path.every(isPlainName)) {
        throw new AppError(
          'corrupt-data',
          `Refused: ${where} holds the path ${JSON.stringify(path)}, which would lead outside the folder it backs up. Nothing was restored from it.`,
        );
      }
    }
  }
  checkSubkeyNames(document, where);
}

/**
 * A value a restore writes with `set-registry-value` (the MachineGuid value, the only one scope
 * lets that kind change) must be what that value can hold: a GUID as REG_SZ. A backup holding
 * anything else (a path, another type) is damaged and nothing is written from it.
 */
function checkRestoredValue(target: InternalTarget, name: string, document: unknown): void {
  if (target.kind !== 'set-registry-value') return;
  const value = (document as { value?: { type?: unknown; data?: unknown } } | null)?.value;
  if (value?.type === 'REG_SZ' && typeof value.data === 'string' && GUID.test(value.data)) return;
  throw new AppError(
    'corrupt-data',
    `Refused: the backup ${name} of ${target.name} holds no GUID as text, which is all ${target.name} can hold; it is damaged. Nothing was restored from it.`,
  );
}

/** The checks every document of `target`'s backup passes before anything is restored from it. */
export function backupCheckFor(target: InternalTarget): BackupDocumentCheck {
  return (name, document) => {
    checkBackupDocument(name, document);
    checkRestoredValue(target, name, document);
  };
}
