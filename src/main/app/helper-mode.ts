/**
 * The app's executable started as the elevated helper (`--elevated-helper <request>`): one admin
 * operation, no window, then exit. It gets a temporary user-data folder of its own, so the
 * elevated process never writes into (or locks) the signed-in user's app data the running app
 * uses, and every way it can end, a rejected promise included, exits with a code: an elevated
 * process must never stay behind invisibly.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { rawMessage } from '../../shared/errors';
import { HELPER_EXIT, HELPER_FLAG, type HelperIo } from '../elevation/helper-main';

/** The part of Electron's `app` the helper mode uses. */
export interface HelperModeApp {
  setPath(name: 'userData', path: string): void;
  exit(code: number): void;
}

/** The request file when argv asks for the helper: exactly one argument after the flag. */
export function helperRequest(argv: readonly string[]): string | undefined {
  const at = argv.indexOf(HELPER_FLAG);
  if (at === -1) return undefined;
  return argv.length === at + 2 ? (argv[at + 1] ?? '') : '';
}

export async function runHelperMode(
  app: HelperModeApp,
  requestFile: string,
  io: HelperIo,
  run: (requestFile: string, io: HelperIo) => Promise<number>,
): Promise<void> {
  const userData = mkdtempSync(join(tmpdir(), 'sfb-signin-repair-helper-'));
  app.setPath('userData', userData);
  let code: number;
  try {
    code = await run(requestFile, io);
  } catch (error) {
    io.stderr(`Elevated helper: ${rawMessage(error)}\n`);
    code = HELPER_EXIT.failed;
  }
  try {
    rmSync(userData, { recursive: true, force: true });
  } catch {
    // A file Chromium still holds open on Windows: the folder is in %TEMP%, left to Windows.
  }
  app.exit(code);
}
