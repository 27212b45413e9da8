import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..');
const temps: string[] = [];
afterEach(() => {
  for (const dir of temps.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function runStart(args: string[], electronDist: string) {
  return spawnSync(process.execPath, [join(root, 'scripts', 'start.mjs'), ...args], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, ELECTRON_OVERRIDE_DIST_PATH: electronDist },
    timeout: 30_000,
  });
}

describe('npm start', () => {
  it('says plainly that Electron is missing and points at the command line and browser tests', () => {
    const empty = mkdtempSync(join(tmpdir(), 'sfb-no-electron-'));
    temps.push(empty);
    const result = runStart([], empty);
    expect(result.status).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('the Electron runtime is not installed');
    expect(result.stderr).toContain('sfb-signin-repair --help');
    expect(result.stderr).toContain('--practice');
    expect(result.stderr).toContain('npx vitest run e2e/wizard');
    // A message for people, not a crash.
    expect(result.stderr).not.toMatch(/^\s+at /m);
    expect(result.stderr).not.toMatch(/Error:/);
  });

  it('launches the Electron binary with the app folder and the app arguments', () => {
    // Stands in for the Electron binary, which cannot be installed here: records its arguments.
    const dist = mkdtempSync(join(tmpdir(), 'sfb-fake-electron-'));
    temps.push(dist);
    const record = join(dist, 'args.txt');
    const binary = join(dist, process.platform === 'win32' ? 'electron.exe' : 'electron');
    writeFileSync(binary, `#!/bin/sh\nprintf '%s\\n' "$@" > '${record}'\nexit 7\n`);
    chmodSync(binary, 0o755);
    const result = runStart(['--no-build', '--practice', 'kb-lync2010'], dist);
    expect(result.status).toBe(7);
    expect(readFileSync(record, 'utf8').trim().split('\n')).toEqual([
      root,
      '--practice',
      'kb-lync2010',
    ]);
  });
});
