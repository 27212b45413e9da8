/**
 * Starting the app again for the person signed in to Windows, from a process that runs elevated.
 * Windows offers no simple call that drops elevation; the dependable route is to hand the
 * executable to Windows Explorer: a new explorer.exe passes the request to the running shell,
 * which belongs to the signed-in user and starts the program at that user's level.
 * That hand-over is long-standing but undocumented Windows behaviour; the documented route
 * (IShellDispatch2::ShellExecute through the desktop's shell view) is not implemented. What is
 * proven and what a Windows PC must show: docs/windows-checklist.md, section 6.
 */
import { spawn } from 'node:child_process';
import { win32 } from 'node:path';
import type { UserRelauncher } from '../session/restart-as-user';

export interface ShellRelaunchOptions {
  /** The app's own executable ("…\SfB Sign-in Repair.exe"). */
  executable: string;
  /** The shell that starts it; Windows Explorer unless a test names another program. */
  shell: string;
}

/** `%SystemRoot%\explorer.exe`, from the environment Windows gives every process. */
export function explorerPath(env: NodeJS.ProcessEnv): string {
  const root = env.SystemRoot ?? env.SYSTEMROOT ?? env.windir ?? 'C:\\Windows';
  return win32.join(root, 'explorer.exe');
}

/**
 * The executable to start again. The portable build is a launcher that unpacks the app into
 * `%TEMP%` and runs it from there: `process.execPath` is that copy, which the launcher deletes
 * when this instance exits, so the launcher's own file (PORTABLE_EXECUTABLE_FILE, set by it) is
 * the one to start.
 */
export function relaunchExecutable(env: NodeJS.ProcessEnv, execPath: string): string {
  const portable = env.PORTABLE_EXECUTABLE_FILE;
  return portable !== undefined && portable !== '' ? portable : execPath;
}

export function shellRelauncher(options: ShellRelaunchOptions): UserRelauncher {
  return {
    relaunch: () =>
      new Promise<void>((resolve, reject) => {
        // Detached and not waited for: explorer.exe hands over and exits with a code of its own
        // choosing, which says nothing about whether the app started.
        const child = spawn(options.shell, [options.executable], {
          detached: true,
          stdio: 'ignore',
        });
        child.once('error', reject);
        child.once('spawn', () => {
          child.unref();
          resolve();
        });
      }),
  };
}
