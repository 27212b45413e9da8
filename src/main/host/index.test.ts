import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { currentPracticeScenario, defaultDataDir, openHost, resetPractice } from './index';
import { KB_LYNC2013 } from './practice';

let dataDir: string;
beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'host-factory-'));
});
afterEach(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

describe('defaultDataDir', () => {
  test("is Electron's userData for the product on each platform", () => {
    expect(
      defaultDataDir('win32', { APPDATA: 'C:\\Users\\ann\\AppData\\Roaming' }, 'C:\\Users\\ann'),
    ).toBe('C:\\Users\\ann\\AppData\\Roaming\\SfB Sign-in Repair');
    expect(defaultDataDir('win32', {}, 'C:\\Users\\ann')).toBe(
      'C:\\Users\\ann\\AppData\\Roaming\\SfB Sign-in Repair',
    );
    expect(defaultDataDir('linux', {}, '/home/ann')).toBe('/home/ann/.config/SfB Sign-in Repair');
    expect(defaultDataDir('linux', { XDG_CONFIG_HOME: '/cfg' }, '/home/ann')).toBe(
      '/cfg/SfB Sign-in Repair',
    );
    expect(defaultDataDir('darwin', {}, '/Users/ann')).toBe(
      '/Users/ann/Library/Application Support/SfB Sign-in Repair',
    );
  });
});

describe('openHost', () => {
  test('uses the default practice scenario off Windows and creates it on first use', async () => {
    const opened = await openHost({ platform: 'linux', dataDir });
    expect(opened.host.kind).toBe('practice');
    expect(opened.host.practiceScenario).toBe('kb-lync2013');
    expect(opened.engineDataDir).toBe(join(dataDir, 'practice', 'kb-lync2013', 'engine'));
    const address = await opened.host.registry.getValue(
      KB_LYNC2013.userSettingsKey,
      'ServerSipUri',
    );
    expect(address).toEqual({ type: 'REG_SZ', data: 'user@contoso.com' });
    expect((await readFile(join(dataDir, 'practice', 'current'), 'utf8')).trim()).toBe(
      'kb-lync2013',
    );
  });

  test('keeps changes between opens and remembers the scenario selected last', async () => {
    const first = await openHost({ platform: 'linux', dataDir, practice: 'kb-lync2010' });
    await first.host.registry.setValue({ hive: 'HKCU', path: 'Software\\Marker' }, 'Kept', {
      type: 'REG_DWORD',
      data: 7,
    });
    const again = await openHost({ platform: 'linux', dataDir });
    expect(again.host.practiceScenario).toBe('kb-lync2010');
    expect(
      await again.host.registry.getValue({ hive: 'HKCU', path: 'Software\\Marker' }, 'Kept'),
    ).toEqual({
      type: 'REG_DWORD',
      data: 7,
    });
    expect(await currentPracticeScenario(dataDir)).toBe('kb-lync2010');
  });

  test('writes the selection only when it changes', async () => {
    const current = join(dataDir, 'practice', 'current');
    await openHost({ platform: 'linux', dataDir, practice: 'healthy' });
    const written = await stat(current, { bigint: true });
    for (const practice of [undefined, 'healthy']) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      await openHost({ platform: 'linux', dataDir, ...(practice ? { practice } : {}) });
      // A rewrite (a new file renamed over it) would change its modification time.
      expect((await stat(current, { bigint: true })).mtimeNs).toBe(written.mtimeNs);
    }
    await openHost({ platform: 'linux', dataDir, practice: 'kb-lync2010' });
    expect(await currentPracticeScenario(dataDir)).toBe('kb-lync2010');
    await writeFile(current, 'no-such-scenario\n');
    await openHost({ platform: 'linux', dataDir });
    expect(await currentPracticeScenario(dataDir)).toBe('kb-lync2013');
  });

  test('on Windows uses the practice PC only when asked, with the empty name meaning "last used"', async () => {
    await openHost({ platform: 'win32', dataDir, practice: 'healthy' });
    const opened = await openHost({ platform: 'win32', dataDir, practice: '' });
    expect(opened.host.kind).toBe('practice');
    expect(opened.host.practiceScenario).toBe('healthy');
  });

  test('refuses an unknown scenario name without creating anything', async () => {
    await expect(
      openHost({ platform: 'linux', dataDir, practice: '../../etc' }),
    ).rejects.toMatchObject({
      code: 'invalid-request',
    });
    await expect(readFile(join(dataDir, 'practice', 'current'), 'utf8')).rejects.toThrow();
  });

  test('resetPractice starts afresh and clears that scenario’s engine data', async () => {
    const opened = await openHost({ platform: 'linux', dataDir, practice: 'healthy' });
    await opened.host.registry.deleteKey(KB_LYNC2013.userSettingsKey);
    const { writeFile, mkdir } = await import('node:fs/promises');
    await mkdir(opened.engineDataDir, { recursive: true });
    await writeFile(join(opened.engineDataDir, 'journal.jsonl'), 'old run\n');
    await resetPractice(dataDir, 'healthy');
    const fresh = await openHost({ platform: 'linux', dataDir });
    expect(await fresh.host.registry.listValues(KB_LYNC2013.userSettingsKey)).toBeDefined();
    await expect(readFile(join(opened.engineDataDir, 'journal.jsonl'))).rejects.toThrow();
  });
});
