import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import type { HostSystem } from '../ports';
import {
  adjustPracticePc,
  certificateEntryFor,
  CLIENT_RUNNING,
  DECOYS,
  KB_LYNC2013,
  openPracticePc,
  resetPracticePc,
  type FolderFact,
} from '.';

let folder: string;
let root: string;
beforeEach(async () => {
  folder = await mkdtemp(join(tmpdir(), 'practice-pc-'));
  root = join(folder, 'pc');
});
afterEach(async () => {
  await rm(folder, { recursive: true, force: true });
});

async function fresh(scenario = 'kb-lync2013'): Promise<HostSystem> {
  await resetPracticePc(root, scenario);
  return openPracticePc(root);
}

async function pathOf(pc: HostSystem, fact: FolderFact, ...more: string[]): Promise<string> {
  return pc.files.join((await pc.files.knownFolder(fact.knownFolder))!, ...fact.segments, ...more);
}

async function allFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await allFiles(full)));
    else out.push(full);
  }
  return out;
}

const SCRATCH = { hive: 'HKCU', path: 'Software\\PracticeTest' } as const;

describe('creating and opening', () => {
  test('a folder without a practice PC is not-found', async () => {
    await expect(openPracticePc(folder)).rejects.toMatchObject({ code: 'not-found' });
  });

  test('an unknown scenario is refused and creates nothing', async () => {
    await expect(resetPracticePc(root, 'no-such-scenario')).rejects.toMatchObject({
      code: 'invalid-request',
    });
    await expect(readdir(root)).rejects.toThrow();
  });

  test('a folder holding other things is never replaced', async () => {
    await mkdir(root);
    await writeFile(join(root, 'precious.txt'), 'mine');
    await expect(resetPracticePc(root, 'healthy')).rejects.toMatchObject({
      code: 'invalid-request',
    });
    expect(await readFile(join(root, 'precious.txt'), 'utf8')).toBe('mine');
  });

  test('a practice PC whose creation was interrupted is replaced, not refused', async () => {
    await mkdir(join(root, 'drive'), { recursive: true });
    await writeFile(join(root, '.building'), '');
    await writeFile(join(root, 'registry.json'), '{"format":1');
    await expect(openPracticePc(root)).rejects.toMatchObject({ code: 'not-found' });
    await resetPracticePc(root, 'healthy');
    expect((await openPracticePc(root)).practiceScenario).toBe('healthy');
    expect(await readdir(root)).not.toContain('.building');
  });

  test('reset replaces the previous practice PC and leaves nothing else behind', async () => {
    const pc = await fresh();
    await pc.registry.setValue(SCRATCH, 'Old', { type: 'REG_DWORD', data: 1 });
    await resetPracticePc(root, 'healthy');
    const again = await openPracticePc(root);
    expect(again.practiceScenario).toBe('healthy');
    expect(again.description).toBe(`practice PC 'healthy' in ${root}`);
    expect(await again.registry.getValue(SCRATCH, 'Old')).toBeUndefined();
    expect(await readdir(folder)).toEqual(['pc']);
  });
});

describe('state on disk', () => {
  test('changes made through one host are seen by the next one opened', async () => {
    const first = await fresh();
    await first.registry.setValue(SCRATCH, 'Count', {
      type: 'REG_QWORD',
      data: '18446744073709551615',
    });
    await first.credentials.remove(KB_LYNC2013.credentials.primaryOcs.targetName, 'generic');
    const local = await first.files.knownFolder('LocalAppData');
    await first.files.writeFile(first.files.join(local!, 'note.txt'), new Uint8Array([1, 2, 3]));
    await first.dns.flush();

    const second = await openPracticePc(root);
    expect(await second.registry.getValue(SCRATCH, 'Count')).toEqual({
      type: 'REG_QWORD',
      data: '18446744073709551615',
    });
    expect(
      await second.credentials.read(KB_LYNC2013.credentials.primaryOcs.targetName, 'generic'),
    ).toBeUndefined();
    expect([...(await second.files.readFile(second.files.join(local!, 'note.txt')))]).toEqual([
      1, 2, 3,
    ]);
    expect(await second.dns.flush()).toEqual({
      flushed: true,
      method: 'practice',
      detail: 'practice DNS cache flush #2',
    });
    // And the first host sees what the second one did, though it read the files before.
    await second.registry.setValue(SCRATCH, 'Later', { type: 'REG_SZ', data: 'from second' });
    expect(await first.registry.getValue(SCRATCH, 'Later')).toEqual({
      type: 'REG_SZ',
      data: 'from second',
    });
  });

  test('concurrent changes are all kept and no temporary file is left', async () => {
    const pc = await fresh();
    await Promise.all(
      Array.from({ length: 40 }, (_, index) =>
        pc.registry.setValue(SCRATCH, `Value${index}`, { type: 'REG_DWORD', data: index }),
      ),
    );
    const reopened = await openPracticePc(root);
    expect(await reopened.registry.listValues(SCRATCH)).toHaveLength(40);
    expect((await readdir(root)).filter((name) => name.endsWith('.tmp'))).toEqual([]);
  });

  test('no planted or protected secret is on disk in clear text', async () => {
    const pc = await fresh();
    const backup = await pc.secrets.protect(new Uint8Array(Buffer.from('backed-up-secret-xyz')));
    await writeFile(join(root, 'drive', 'backup.bin'), backup);
    const secrets = [
      ...Object.values(KB_LYNC2013.credentials).map((fact) => fact.secret),
      ...DECOYS.credentials.map((fact) => fact.secret),
      'backed-up-secret-xyz',
    ];
    for (const file of await allFiles(root)) {
      const content = await readFile(file);
      for (const secret of secrets) {
        expect(content.includes(Buffer.from(secret, 'utf16le')), `${secret} in ${file}`).toBe(
          false,
        );
        expect(content.includes(Buffer.from(secret, 'utf8')), `${secret} in ${file}`).toBe(false);
      }
    }
    expect(Buffer.from(await pc.secrets.unprotect(backup)).toString()).toBe('backed-up-secret-xyz');
  });
});

describe('damaged practice files', () => {
  const cases: Array<[string, string]> = [
    ['registry.json', '{"format":1,"hives":'],
    [
      'registry.json',
      '{"format":1,"hives":{"HKCU":{"name":"x","values":[{"name":"a","value":{"type":"REG_DWORD","data":-1}}],"subkeys":[]},"HKLM":{"name":"y","values":[],"subkeys":[]}}}',
    ],
    ['credentials.json', '{"format":1,"credentials":[{"targetName":"x"}]}'],
    ['certificates/CurrentUser-My.json', '[1,2,3]'],
    ['machine.json', 'not json at all'],
  ];

  for (const [file, content] of cases) {
    test(`${file} with ${content.slice(0, 24)}… is corrupt-data naming the file, and is left as it is`, async () => {
      const pc = await fresh();
      await writeFile(join(root, file), content);
      const attempts: Array<Promise<unknown>> = [
        pc.registry.setValue(SCRATCH, 'x', { type: 'REG_DWORD', data: 1 }),
        pc.credentials.write({
          targetName: 'x',
          type: 'generic',
          userName: 'u',
          persist: 'local-machine',
          lastWritten: '',
          secret: new Uint8Array(1),
        }),
        pc.certificates.list({ location: 'CurrentUser', name: 'My' }),
        pc.processes.find(['lync.exe']),
      ];
      const results = await Promise.allSettled(attempts);
      const failures = results.filter((result) => result.status === 'rejected');
      expect(failures).toHaveLength(1);
      expect(failures[0]).toMatchObject({
        reason: { code: 'corrupt-data', details: { path: join(root, file) } },
      });
      expect(await readFile(join(root, file), 'utf8')).toBe(content);
    });
  }

  test('a damaged manifest or key file is corrupt-data', async () => {
    const pc = await fresh();
    await writeFile(join(root, 'vault.key'), 'short');
    await expect(
      pc.credentials.read(KB_LYNC2013.credentials.primaryOcs.targetName, 'generic'),
    ).rejects.toMatchObject({ code: 'corrupt-data', details: { path: join(root, 'vault.key') } });
    await writeFile(join(root, 'practice-pc.json'), '{"format":"something else"}');
    await expect(openPracticePc(root)).rejects.toMatchObject({ code: 'corrupt-data' });
  });

  test('a malformed certificate is listed beside the others, never hiding them', async () => {
    const pc = await fresh();
    const my = { location: 'CurrentUser', name: 'My' } as const;
    const garbage = new Uint8Array(Buffer.from('this is not DER'));
    await pc.certificates.importEntry(my, certificateEntryFor(garbage, { friendlyName: 'broken' }));
    const listed = await pc.certificates.list(my);
    expect(listed).toHaveLength(5);
    expect(listed.find((entry) => entry.friendlyName === 'broken')?.der).toEqual(garbage);
  });

  test('an entry that is not a serialized certificate is refused', async () => {
    const pc = await fresh();
    await expect(
      pc.certificates.importEntry(
        { location: 'CurrentUser', name: 'My' },
        new Uint8Array([1, 2, 3]),
      ),
    ).rejects.toMatchObject({ code: 'invalid-request' });
  });
});

describe('files', () => {
  test('nothing outside the practice drive can be reached', async () => {
    const pc = await fresh();
    await expect(pc.files.readFile('/etc/hostname')).rejects.toMatchObject({
      code: 'access-denied',
    });
    await expect(pc.files.remove(join(root, 'registry.json'))).rejects.toMatchObject({
      code: 'access-denied',
    });
    const local = await pc.files.knownFolder('LocalAppData');
    await expect(
      pc.files.remove(pc.files.join(local!, '..', '..', '..', '..', '..')),
    ).rejects.toMatchObject({
      code: 'access-denied',
    });
    await expect(pc.files.list('relative/path')).rejects.toMatchObject({ code: 'invalid-request' });
  });

  test('paths are judged as resolved: dot segments, doubled and trailing separators', async () => {
    const pc = await fresh();
    const local = (await pc.files.knownFolder('LocalAppData'))!;
    const up = '/..'.repeat(local.split(/[\\/]/).length);
    // Written by hand, not joined: what a caller could pass without normalizing.
    for (const outside of [
      `${local}${up}/etc`,
      `${local}/..${up}`,
      `${local}//..${up}/`,
      `${local}/./..${up}/.`,
    ]) {
      await expect(pc.files.list(outside), outside).rejects.toMatchObject({
        code: 'access-denied',
      });
    }
    const inside = await pc.files.list(local);
    for (const same of [`${local}/`, `${local}//`, `${local}/.`, `${local}/x/..`, `${local}/./`]) {
      expect(await pc.files.list(same), same).toEqual(inside);
    }
    // Names that only look like dot segments are ordinary names.
    for (const name of ['...', '..x', '.x']) {
      expect(await pc.files.stat(`${local}/${name}`), name).toBeUndefined();
    }
  });

  test('joins as node:path joins, for normal and unnormalized parts alike', async () => {
    const pc = await fresh();
    const local = (await pc.files.knownFolder('LocalAppData'))!;
    const cases: string[][] = [
      [local, 'Microsoft', 'Office', '16.0', 'Lync'],
      [local, 'Microsoft/Office', 'sip_user@contoso.com'],
      [local],
      [local, ''],
      [local, '', 'x'],
      [local, '..', 'x'],
      [local, '.', 'x'],
      [local, 'x/'],
      [local, 'x//y'],
      [`${local}/`, 'x'],
      [local, '...', '..x', '.x'],
      ['relative', 'x'],
      ['', 'x'],
      [],
    ];
    for (const parts of cases) {
      expect(pc.files.join(...parts), JSON.stringify(parts)).toBe(join(...parts));
    }
  });
});

describe('a running client', () => {
  test("holds its own address's cache files open, and removes nothing when refused", async () => {
    const pc = await fresh('client-running');
    const cache = KB_LYNC2013.cacheFolders;
    const endpoint = await pathOf(pc, cache.localPrimary, 'EndpointConfiguration.cache');
    await expect(pc.files.remove(endpoint)).rejects.toMatchObject({
      code: 'file-locked',
      details: { path: endpoint, process: 'lync.exe', pid: CLIENT_RUNNING.process.pid },
    });
    const lyncFolder = await pathOf(pc, {
      knownFolder: 'LocalAppData',
      segments: cache.localPrimary.segments.slice(0, -1),
    });
    await expect(pc.files.remove(lyncFolder)).rejects.toMatchObject({ code: 'file-locked' });
    expect((await pc.files.list(await pathOf(pc, cache.localSecond)))?.length).toBe(2);
    expect(await pc.files.stat(endpoint)).toBeDefined();

    // Another address's cache and the roaming copy of a different client are not held open.
    await pc.files.remove(await pathOf(pc, cache.localSecond));
    expect(await pc.files.list(await pathOf(pc, cache.localSecond))).toBeUndefined();
  });

  test('closes when asked, records that it stopped and releases its files', async () => {
    const pc = await fresh('client-running');
    const [lync] = await pc.processes.find(['lync.exe']);
    await pc.processes.requestClose(lync!.pid);
    expect(await pc.processes.waitForExit(lync!.pid, 1000)).toBe(true);
    expect(await pc.processes.find(['lync.exe'])).toEqual([]);
    expect(await pc.registry.getValue(CLIENT_RUNNING.runningStateKey, 'UpAndRunning')).toEqual({
      type: 'REG_DWORD',
      data: 0,
    });
    await pc.files.remove(await pathOf(pc, KB_LYNC2013.cacheFolders.localPrimary));
  });

  test('a client that ignores close requests stays until terminated, which leaves UpAndRunning', async () => {
    await resetPracticePc(root, 'client-running');
    await adjustPracticePc(root, { clients: { ignoresClose: true } });
    const pc = await openPracticePc(root);
    const pid = CLIENT_RUNNING.process.pid;
    await pc.processes.requestClose(pid);
    const started = Date.now();
    expect(await pc.processes.waitForExit(pid, 150)).toBe(false);
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
    await pc.processes.terminate(pid);
    expect(await pc.processes.waitForExit(pid, 0)).toBe(true);
    expect(await pc.registry.getValue(CLIENT_RUNNING.runningStateKey, 'UpAndRunning')).toEqual({
      type: 'REG_DWORD',
      data: 2,
    });
  });

  test("another user's client cannot be closed or ended without elevation", async () => {
    await resetPracticePc(root, 'client-running');
    await adjustPracticePc(root, { clients: { ownedByCurrentUser: false } });
    const pc = await openPracticePc(root);
    const pid = CLIENT_RUNNING.process.pid;
    await expect(pc.processes.terminate(pid)).rejects.toMatchObject({ code: 'access-denied' });
    await expect(pc.processes.requestClose(pid)).rejects.toMatchObject({ code: 'access-denied' });
    expect(await pc.processes.find(['lync.exe'])).toMatchObject([{ ownedByCurrentUser: false }]);

    await adjustPracticePc(root, { identity: { elevated: true, userName: 'admin' } });
    expect(await pc.identity.current()).toMatchObject({
      elevated: true,
      userName: 'admin',
      domain: 'CONTOSO',
    });
    await pc.processes.terminate(pid);
    expect(await pc.processes.find(['lync.exe'])).toEqual([]);
    await expect(adjustPracticePc(root, { identity: { sid: 'not a sid' } })).rejects.toMatchObject({
      code: 'invalid-request',
    });
    expect((await pc.identity.current()).sid).toMatch(/^S-1-5-21-/);
  });

  test('launching lync.exe starts a client signed in as the saved address', async () => {
    const pc = await fresh();
    const exe = await pathOf(pc, KB_LYNC2013.installFolder, 'lync.exe');
    await pc.processes.launch(exe);
    const [lync] = await pc.processes.find(['lync.exe']);
    expect(lync).toMatchObject({ name: 'lync.exe', path: exe, ownedByCurrentUser: true });
    expect(await pc.registry.getValue(KB_LYNC2013.runningStateKey, 'UpAndRunning')).toEqual({
      type: 'REG_DWORD',
      data: 2,
    });
    const endpoint = await pathOf(pc, KB_LYNC2013.cacheFolders.localPrimary, 'GalContacts.db');
    await expect(pc.files.remove(endpoint)).rejects.toMatchObject({ code: 'file-locked' });
    await expect(pc.processes.launch(exe + '.missing')).rejects.toMatchObject({
      code: 'not-found',
    });
  });
});
