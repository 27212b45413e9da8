/**
 * The host factory: the real Windows host on Windows, the practice PC everywhere else and on
 * Windows when asked for. The platform is an argument, and the Windows adapters are imported
 * only on that one path, so no Windows-only module loads anywhere else. The practice PC loads
 * when one is opened or reset, not for a command that opens no host (`--help`, `--version`).
 */
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { AppError } from '../../shared/errors';
import {
  engineDataDir,
  practiceCurrentFile,
  practiceDir,
  practiceEngineDir,
  practicePcDir,
} from './paths';
import type { HostSystem } from './ports';
import type { PracticeScale } from './practice';
import {
  DEFAULT_PRACTICE_SCENARIO,
  isPracticeScenario,
  PRACTICE_SCENARIOS,
} from './practice/scenario-catalogue';
import { MANIFEST_FILE } from './practice/layout';
import { writeFileAtomic } from './practice/json-document';

export { defaultDataDir, practicePcDir } from './paths';

export interface OpenHostOptions {
  platform: NodeJS.Platform;
  dataDir: string;
  /**
   * A practice scenario name. The empty string asks for the practice PC with the scenario
   * selected last (or the default). Without it, Windows gets the real host.
   */
  practice?: string;
}

export interface OpenedHost {
  host: HostSystem;
  engineDataDir: string;
}

function checkScenario(name: string): string {
  if (!isPracticeScenario(name)) {
    throw new AppError(
      'invalid-request',
      `There is no practice scenario '${name}'. Scenarios: ${PRACTICE_SCENARIOS.map((s) => s.name).join(', ')}`,
      { scenario: name },
    );
  }
  return name;
}

/**
 * The scenario selected last, when one was and it still exists. A one-line file read with a
 * synchronous call: the first asynchronous file call starts Node's thread pool, which a command
 * on the practice PC otherwise never needs.
 */
export async function currentPracticeScenario(dataDir: string): Promise<string | undefined> {
  try {
    const name = readFileSync(practiceCurrentFile(dataDir), 'utf8').trim();
    return isPracticeScenario(name) ? name : undefined;
  } catch {
    return undefined;
  }
}

async function rememberScenario(dataDir: string, scenario: string): Promise<void> {
  await mkdir(practiceDir(dataDir), { recursive: true });
  await writeFileAtomic(practiceCurrentFile(dataDir), `${scenario}\n`);
}

/**
 * Starts `scenario`'s practice PC afresh and selects it. Its engine data (journal, backups) is
 * cleared too: runs recorded against the old practice PC cannot be undone on a new one.
 */
export async function resetPractice(
  dataDir: string,
  scenario: string,
  scale?: PracticeScale,
): Promise<void> {
  checkScenario(scenario);
  const { resetPracticePc } = await import('./practice');
  await resetPracticePc(practicePcDir(dataDir, scenario), scenario, scale);
  await rm(practiceEngineDir(dataDir, scenario), { recursive: true, force: true });
  await rememberScenario(dataDir, scenario);
}

export async function openHost(options: OpenHostOptions): Promise<OpenedHost> {
  const usePractice = options.platform !== 'win32' || options.practice !== undefined;
  if (!usePractice) {
    const windows = await import('./windows');
    return {
      host: await windows.createWindowsHost(),
      engineDataDir: engineDataDir(options.dataDir),
    };
  }

  const current = await currentPracticeScenario(options.dataDir);
  const scenario = checkScenario(options.practice || current || DEFAULT_PRACTICE_SCENARIO);
  const root = practicePcDir(options.dataDir, scenario);
  if (!existsSync(join(root, MANIFEST_FILE))) {
    const { resetPracticePc } = await import('./practice');
    await resetPracticePc(root, scenario);
    await rm(practiceEngineDir(options.dataDir, scenario), { recursive: true, force: true });
  }
  // Written (and synced) only when the selection changes, not by every command.
  if (scenario !== current) await rememberScenario(options.dataDir, scenario);
  // The host alone: the scenarios' facts and builders load only when a practice PC is made.
  const { openPracticeHost } = await import('./practice/practice-host');
  return {
    host: await openPracticeHost(root),
    engineDataDir: practiceEngineDir(options.dataDir, scenario),
  };
}
