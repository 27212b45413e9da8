/**
 * `npm start` without the Electron runtime: the wizard served from this machine to a browser
 * window on the practice PC, until that window closes or the user presses Ctrl+C.
 */
import type { ChildProcess } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseAppArgs } from '../app/app-args';
import { defaultDataDir } from '../host';
import { fileAuditSink } from '../ipc/audit';
import { openWizardWindow } from './open-window';
import { bundlePageBridge } from './page-bridge-bundle';
import { openServedApp } from './served-app';

/** A reload reconnects at once; a closed tab or window does not come back. */
const PAGE_GONE_MS = 5_000;
const WINDOW_EXIT_WAIT_MS = 5_000;

export interface ServedRunOptions {
  repoRoot: string;
  /** The app's arguments (`--practice NAME`, `--data-dir DIR`). */
  argv: readonly string[];
  write?: (text: string) => void;
}

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** Ends the app window's browser and waits (a while) for it to let go of its profile folder. */
function closeWindow(window: ChildProcess | undefined): Promise<void> {
  if (!window || window.exitCode !== null || window.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const giveUp = setTimeout(resolve, WINDOW_EXIT_WAIT_MS);
    window.once('exit', () => {
      clearTimeout(giveUp);
      resolve();
    });
    window.kill();
  });
}

/** Resolves with the exit code once the wizard has stopped. */
export async function runServedWizard(options: ServedRunOptions): Promise<number> {
  const write = options.write ?? ((text: string) => process.stdout.write(text));
  const args = parseAppArgs(options.argv);
  if (process.platform === 'win32' && args.practice === undefined) {
    write('In the browser the wizard works on the practice PC only, never on this PC itself.\n');
  }
  const dataDir = args.dataDir ?? defaultDataDir(process.platform, process.env, homedir());
  const pageBridge = await bundlePageBridge(options.repoRoot);
  const served = await openServedApp({
    rendererDir: join(options.repoRoot, 'dist', 'renderer'),
    pageBridge,
    dataDir,
    practice: args.practice ?? '',
    audit: fileAuditSink(join(dataDir, 'logs', 'audit.log')),
  });
  const profileDir = await mkdtemp(join(tmpdir(), 'sfb-wizard-window-'));

  return new Promise<number>((resolve) => {
    const shown: { window?: ChildProcess } = {};
    let stopping = false;
    const stop = () => {
      if (stopping) return;
      stopping = true;
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      void Promise.all([served.close(), closeWindow(shown.window)])
        .then(() => rm(profileDir, { recursive: true, force: true }))
        .finally(() => {
          write('The wizard has stopped.\n');
          resolve(0);
        });
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
    served.progress.whenPageGone(PAGE_GONE_MS, stop);

    const printAddress = () =>
      write(
        `Open this address in a browser on this machine (it works once):\n  ${served.openUrl}\n` +
          'Press Ctrl+C to stop.\n',
      );
    shown.window = openWizardWindow(
      {
        platform: process.platform,
        env: process.env,
        url: served.openUrl,
        profileDir,
        isRoot: process.getuid?.() === 0,
        isExecutable,
      },
      {
        opened: (how) =>
          write(
            how === 'app-window'
              ? 'The wizard is open in its own window; close it or press Ctrl+C to stop.\n'
              : 'The wizard is open in your browser; close its tab or press Ctrl+C to stop.\n',
          ),
        printAddress,
        windowClosed: stop,
      },
    );
  });
}
