/**
 * The same app in real Electron, where its runtime is installed. The runtime is looked up
 * without requiring the `electron` package, because requiring it starts a download.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { _electron, type ElectronApplication, type Page } from 'playwright-core';
import { REPO_ROOT } from './paths';

const DEFAULT_BINARY: Partial<Record<NodeJS.Platform, string>> = {
  win32: 'electron.exe',
  darwin: 'Electron.app/Contents/MacOS/Electron',
};

export function electronBinaryPath(): string | undefined {
  const packageDir = join(REPO_ROOT, 'node_modules', 'electron');
  const pathFile = join(packageDir, 'path.txt');
  const recorded = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : undefined;
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH;
  const binary = override
    ? join(override, recorded || DEFAULT_BINARY[process.platform] || 'electron')
    : recorded
      ? join(packageDir, 'dist', recorded)
      : undefined;
  return binary && existsSync(binary) ? binary : undefined;
}

export const ELECTRON_MISSING =
  'no Electron runtime on this machine (its download from GitHub is blocked); the same app runs in Chromium through startApp';

export interface ElectronAppHarness {
  app: ElectronApplication;
  page: Page;
  dataDir: string;
  close(): Promise<void>;
}

export async function launchElectronApp(
  options: { scenario?: string } = {},
): Promise<ElectronAppHarness> {
  const executablePath = electronBinaryPath();
  if (!executablePath) throw new Error(ELECTRON_MISSING);
  const build = spawnSync(process.execPath, [join(REPO_ROOT, 'scripts', 'build.mjs')], {
    cwd: REPO_ROOT,
    encoding: 'utf8',
  });
  if (build.status !== 0) throw new Error(`The build failed:\n${build.stdout}\n${build.stderr}`);
  const dataDir = await mkdtemp(join(tmpdir(), 'sfb-electron-'));
  const app = await _electron.launch({
    executablePath,
    args: [REPO_ROOT, '--practice', options.scenario ?? 'kb-lync2013', '--data-dir', dataDir],
    cwd: REPO_ROOT,
  });
  const page = await app.firstWindow();
  return {
    app,
    page,
    dataDir,
    async close() {
      await app.close().catch(() => undefined);
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
