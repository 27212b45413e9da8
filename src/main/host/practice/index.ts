/**
 * The practice PC: a simulated Windows user profile kept in a folder (layout.ts), implementing
 * every host port with the semantics of the Windows adapters, so the whole product runs and is
 * tested on any machine.
 */
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readdir, rename, rm } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { AppError } from '../../../shared/errors';
import type { HostSystem } from '../ports';
import { BUILDING_MARKER, MANIFEST_FILE } from './layout';
import { openPracticeHost } from './practice-host';
import { addScale, checkScale, type PracticeScale } from './scenarios/scale';
import { SCENARIOS, scenarioNamed } from './scenarios';

export type { PracticeScale } from './scenarios/scale';
export { SCALE_CACHE_SUBFOLDER, SCALE_CREDENTIAL_PREFIX } from './scenarios/scale';
export * from './scenarios/facts';
export { certificateEntryFor } from './certificate-entry';
export { adjustPracticePc } from './adjust';

export { DEFAULT_PRACTICE_SCENARIO, PRACTICE_SCENARIOS } from './scenario-catalogue';

/**
 * Refuses to replace a folder that holds anything but a practice PC (or one whose creation was
 * interrupted, which carries the building marker).
 */
async function checkReplaceable(root: string): Promise<void> {
  if (!existsSync(root) || existsSync(join(root, MANIFEST_FILE))) return;
  if (existsSync(join(root, BUILDING_MARKER))) return;
  let entries: string[];
  try {
    entries = await readdir(root);
  } catch {
    throw new AppError('invalid-request', `${root} is not a folder`, { path: root });
  }
  if (entries.length > 0) {
    throw new AppError(
      'invalid-request',
      `${root} is not empty and is not a practice PC; it is left as it is`,
      { path: root },
    );
  }
}

/** Creates (replacing any previous one) a practice PC for `scenario` in `root`. */
export async function resetPracticePc(
  rootPath: string,
  scenario: string,
  scale: PracticeScale = {},
): Promise<void> {
  const definition = scenarioNamed(scenario);
  if (!definition) {
    throw new AppError(
      'invalid-request',
      `There is no practice scenario '${scenario}'. Scenarios: ${SCENARIOS.map((s) => s.name).join(', ')}`,
      { scenario },
    );
  }
  const bulk = checkScale(scale);
  const root = resolve(rootPath);
  await checkReplaceable(root);
  await mkdir(dirname(root), { recursive: true });

  // The previous practice PC is moved aside first and restored if building fails, so a
  // failure half-way loses nothing. The manifest is written last: a reader never takes a
  // half-built folder for a practice PC. Built in place because the scenario records absolute
  // paths (install folders, process images) inside its documents.
  const retired = join(
    dirname(root),
    `.${basename(root)}.retired-${randomBytes(4).toString('hex')}`,
  );
  const hadPrevious = existsSync(root);
  if (hadPrevious) await rename(root, retired);
  try {
    // The builders load only here: every other command opens a practice PC already made.
    const [{ PracticeBuilder }, { practiceMachineSeeding }, { ScenarioSeeder }] = await Promise.all(
      [
        import('./scenarios/practice-builder'),
        import('./scenarios/practice-machine-seeding'),
        import('./scenarios/scenario-seeder'),
      ],
    );
    const now = new Date();
    const pc = new PracticeBuilder(root, scenario, now);
    await pc.save();
    const host = await openPracticeHost(root);
    const seed = await ScenarioSeeder.open(host, practiceMachineSeeding(root), now);
    await definition.build(seed, now);
    await host.close();
    await addScale(pc, now, bulk, definition.primaryCacheFolder);
    await pc.finish();
  } catch (error) {
    await rm(root, { recursive: true, force: true });
    if (hadPrevious) await rename(retired, root);
    throw error;
  }
  if (hadPrevious) await rm(retired, { recursive: true, force: true });
}

/** Opens the practice PC in `root`; AppError 'not-found' when none exists there. */
export function openPracticePc(root: string): Promise<HostSystem> {
  return openPracticeHost(root);
}
