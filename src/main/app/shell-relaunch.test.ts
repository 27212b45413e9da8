import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { explorerPath, relaunchExecutable, shellRelauncher } from './shell-relaunch';

let dir: string | undefined;
afterEach(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
  dir = undefined;
});

describe('shell relaunch', () => {
  it('finds Windows Explorer in the Windows folder the environment names', () => {
    expect(explorerPath({ SystemRoot: 'D:\\WINNT' })).toBe('D:\\WINNT\\explorer.exe');
    expect(explorerPath({ windir: 'C:\\Windows' })).toBe('C:\\Windows\\explorer.exe');
    expect(explorerPath({})).toBe('C:\\Windows\\explorer.exe');
  });

  it('starts the portable launcher again, not its unpacked copy in %TEMP%', () => {
    const unpacked = 'C:\\Users\\ann\\AppData\\Local\\Temp\\2kQ1\\SfB Sign-in Repair.exe';
    const portable = 'D:\\Tools\\SfB-Sign-in-Repair-0.1.0-portable.exe';
    expect(relaunchExecutable({ PORTABLE_EXECUTABLE_FILE: portable }, unpacked)).toBe(portable);
    // The installed app: no portable launcher, its own exe.
    expect(relaunchExecutable({}, unpacked)).toBe(unpacked);
    expect(relaunchExecutable({ PORTABLE_EXECUTABLE_FILE: '' }, unpacked)).toBe(unpacked);
  });

  it('hands exactly the executable path, spaces and all, to the shell and does not wait for it', async () => {
    // Explorer cannot run here: Node stands in for it and records the argument it was given.
    dir = await mkdtemp(join(tmpdir(), 'sfb relaunch '));
    const record = join(dir, 'argv.json');
    const stand = join(dir, 'stand-in shell.cjs');
    await writeFile(
      stand,
      `require('node:fs').writeFileSync(${JSON.stringify(record)}, JSON.stringify(process.argv.slice(1)));`,
    );
    // Node runs its one argument as a script, so the "executable" is the stand-in itself: had
    // the path been split at its spaces, nothing would be recorded.
    await shellRelauncher({ executable: stand, shell: process.execPath }).relaunch();
    await expect
      .poll(async () => readFile(record, 'utf8').catch(() => ''), { timeout: 10_000 })
      .toBe(JSON.stringify([stand]));
  });

  it('rejects when the shell cannot be started at all', async () => {
    await expect(
      shellRelauncher({
        executable: 'C:\\Apps\\SfB Sign-in Repair.exe',
        shell: join(tmpdir(), 'no-such-shell-here'),
      }).relaunch(),
    ).rejects.toMatchObject({ code: 'ENOENT' });
  });
});
