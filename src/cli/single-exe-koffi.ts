/**
 * koffi's native module inside sfb-signin-repair.exe (the command line as a Node single
 * executable application, built by scripts/dist-cli.mjs). Windows loads a DLL only from a file,
 * so the module embedded in the exe is written out once, and every file is checked against the
 * SHA-256 the build recorded before it is loaded:
 * 1. `koffi.node` beside the exe (an administrator may deploy it there, e.g. in Program Files);
 * 2. else a copy under `%LOCALAPPDATA%\SfB Sign-in Repair\native\<hash>\`, written from the
 *    exe's own asset when missing or not matching.
 * A file that does not match is never loaded.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';

/** Written in by the build (esbuild `define`). */
declare const SFB_KOFFI_NATIVE_SHA256: string;

export const KOFFI_ASSET = 'koffi.node';

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

function matches(file: string, expected: string): boolean {
  return existsSync(file) && sha256(readFileSync(file)) === expected;
}

function embeddedModule(expected: string): Buffer {
  const sea = process.getBuiltinModule('node:sea') as typeof import('node:sea') | undefined;
  if (!sea?.isSea()) throw new Error('koffi’s native module is embedded only in the single exe');
  const bytes = Buffer.from(sea.getAsset(KOFFI_ASSET));
  if (sha256(bytes) !== expected) throw new Error('The exe’s embedded koffi module is damaged');
  return bytes;
}

function localCopy(expected: string): string {
  const base = process.env.LOCALAPPDATA ?? join(homedir(), 'AppData', 'Local');
  const file = join(base, 'SfB Sign-in Repair', 'native', expected.slice(0, 16), KOFFI_ASSET);
  if (matches(file, expected)) return file;
  mkdirSync(dirname(file), { recursive: true });
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, embeddedModule(expected));
  try {
    renameSync(temporary, file);
  } catch {
    // Another run loaded its copy meanwhile (Windows keeps a loaded DLL locked): checked below.
    rmSync(temporary, { force: true });
  }
  if (!matches(file, expected)) throw new Error(`${file} is not the module this exe carries`);
  return file;
}

/** The loaded native module, for koffi's own `require('./build/koffi/win32_x64/koffi.node')`. */
export function loadKoffiNative(): unknown {
  const expected = SFB_KOFFI_NATIVE_SHA256;
  const beside = join(dirname(process.execPath), KOFFI_ASSET);
  const file = matches(beside, expected) ? beside : localCopy(expected);
  const module = { exports: {} as unknown };
  process.dlopen(module, file);
  return module.exports;
}
