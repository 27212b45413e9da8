/**
 * Checks of the short cuts a diagnosis takes through the Win32 adapters: file entries and
 * listings from kernel32 must be exactly what Node's `lstat` and `readdir` say; a registry key
 * or certificate store handle shared by reads that follow each other at once must never show
 * the key or store as it was before a change; the process list must hold this very process.
 * Same shape as the other Windows cases; every fixture is scratch and removed again.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import type { DirectoryEntry, FileEntry } from '../../src/main/host/ports';
import type { RegistryKeyRef } from '../../src/shared/registry-value';
import { issueCertificate } from '../../src/main/host/practice/scenarios/certificate-factory';
import { certificateEntryFor } from '../../src/main/host/practice/certificate-entry';
import { longPath } from '../../src/main/host/windows/files';
import { processSnapshot } from '../../src/main/host/windows/process-list';
import type { WindowsCase } from './windows-cases';

const scratch = () => randomBytes(4).toString('hex');

/** What Node's fs says of `path`, in the port's shape. */
async function nodeEntry(path: string, name: string): Promise<FileEntry | undefined> {
  try {
    const stats = await fs.lstat(longPath(path));
    return {
      name,
      kind: stats.isFile() ? 'file' : stats.isDirectory() ? 'directory' : 'other',
      size: stats.isFile() ? stats.size : 0,
    };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return undefined;
    throw error;
  }
}

async function nodeListing(dir: string): Promise<DirectoryEntry[] | undefined> {
  try {
    const entries = await fs.readdir(longPath(dir), { withFileTypes: true });
    return entries
      .map((each): DirectoryEntry => ({
        name: each.name,
        kind: each.isFile() ? 'file' : each.isDirectory() ? 'directory' : 'other',
      }))
      .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return undefined;
    throw error;
  }
}

export function readPathCases(): WindowsCase[] {
  return [
    {
      name: "files: stat and listKinds answer as Node's lstat and readdir do (files, folders, missing, a file taken for a folder, long paths, sub-millisecond times)",
      async run(host) {
        const local = (await host.files.knownFolder('LocalAppData')) ?? '';
        const root = host.files.join(local, `SfbSigninRepairWine-${scratch()}`);
        const deep = host.files.join(
          root,
          ...Array.from({ length: 12 }, (_, i) => `folder-${i}-${'x'.repeat(20)}`),
        );
        try {
          const file = host.files.join(root, 'Grüße.cache');
          const empty = host.files.join(root, 'empty.dat');
          const longFile = host.files.join(deep, 'GalContacts.db');
          await host.files.writeFile(file, new Uint8Array(70_000).fill(7));
          await host.files.writeFile(empty, new Uint8Array(0));
          await host.files.writeFile(longFile, new Uint8Array([1, 2, 3]));
          assert.ok(longFile.length > 260, `path is ${longFile.length} characters`);
          await host.files.makeDirectory(host.files.join(root, 'sub'));

          const paths = [
            root,
            file,
            empty,
            longFile,
            deep,
            host.files.join(root, 'sub'),
            host.files.join(root, 'missing.txt'),
            host.files.join(root, 'missing', 'deeper.txt'),
            host.files.join(file, 'inside-a-file.txt'),
          ];
          for (const path of paths) {
            const name = path.slice(path.lastIndexOf('\\') + 1);
            assert.deepEqual(await host.files.stat(path), await nodeEntry(path, name), path);
          }
          assert.equal((await host.files.stat(file))?.size, 70_000);

          for (const dir of [root, deep, host.files.join(root, 'sub'), file, `${root}\\missing`]) {
            assert.deepEqual(await host.files.listKinds(dir), await nodeListing(dir), dir);
          }
          assert.deepEqual(
            (await host.files.listKinds(root))?.map((entry) => `${entry.name}:${entry.kind}`),
            [
              'Grüße.cache:file',
              'empty.dat:file',
              'folder-0-xxxxxxxxxxxxxxxxxxxx:directory',
              'sub:directory',
            ],
          );
          assert.equal(await host.files.listKinds(file), undefined);
        } finally {
          await host.files.remove(root);
        }
      },
    },
    {
      name: 'registry: reads that follow a change at once see it, and a key deleted by another program reads as absent',
      async run(host) {
        const key: RegistryKeyRef = {
          hive: 'HKCU',
          path: `Software\\SfbSigninRepairWine\\${scratch()}`,
        };
        try {
          await host.registry.setValue(key, 'a', { type: 'REG_SZ', data: 'one' });
          // No await between a read and the change after it may let the event loop turn, so the
          // reads below go through the handle the first read opened, where one is shared.
          assert.deepEqual(await host.registry.listValues(key), [
            { name: 'a', value: { type: 'REG_SZ', data: 'one' } },
          ]);
          assert.deepEqual(await host.registry.listSubkeys(key), []);
          await host.registry.setValue(key, 'b', { type: 'REG_DWORD', data: 2 });
          await host.registry.createKey({ ...key, path: `${key.path}\\child` });
          assert.deepEqual(
            (await host.registry.listValues(key))?.map((entry) => entry.name).sort(),
            ['a', 'b'],
          );
          assert.deepEqual(await host.registry.listSubkeys(key), ['child']);
          assert.equal(await host.registry.deleteValue(key, 'a'), true);
          assert.equal(await host.registry.getValue(key, 'a'), undefined);
          assert.deepEqual(await host.registry.getValue(key, 'b'), { type: 'REG_DWORD', data: 2 });

          // Another program deletes the key while this one's handle is still open: reg.exe,
          // run synchronously so the event loop cannot turn and close the handle first.
          assert.ok(await host.registry.listValues(key));
          execFileSync('reg', ['delete', `HKCU\\${key.path}`, '/f'], { windowsHide: true });
          assert.equal(await host.registry.listValues(key), undefined);
          assert.equal(await host.registry.listSubkeys(key), undefined);
          assert.equal(await host.registry.getValue(key, 'b'), undefined);
        } finally {
          await host.registry.deleteKey({ hive: 'HKCU', path: 'Software\\SfbSigninRepairWine' });
        }
      },
    },
    {
      name: 'certificates: a listing right after an import or a removal shows it',
      async run(host) {
        const store = { location: 'CurrentUser', name: 'My' } as const;
        const now = Date.now();
        const der = await issueCertificate({
          subject: `CN=wine-shared-${scratch()}`,
          issuer: 'CN=SfbSigninRepair Wine Test',
          notBefore: new Date(now - 86_400_000),
          notAfter: new Date(now + 86_400_000),
        });
        const thumbprint = createHash('sha1').update(der).digest('hex').toUpperCase();
        const listed = async () =>
          (await host.certificates.list(store)).some((each) => each.thumbprint === thumbprint);
        try {
          assert.equal(await listed(), false);
          await host.certificates.importEntry(store, certificateEntryFor(der));
          assert.equal(await listed(), true);
          assert.equal(await host.certificates.privateKeyStatus(store, thumbprint), 'missing');
          assert.equal(await host.certificates.remove(store, thumbprint), true);
          assert.equal(await listed(), false);
          assert.equal(await host.certificates.privateKeyStatus(store, thumbprint), undefined);
          assert.equal(await host.certificates.exportEntry(store, thumbprint), undefined);
        } finally {
          await host.certificates.remove(store, thumbprint);
        }
      },
    },
    {
      name: 'processes: the process list holds this process by its image name',
      async run(host) {
        const listed = processSnapshot();
        assert.ok(listed.length > 1, `${listed.length} processes listed`);
        assert.equal(new Set(listed.map((each) => each.pid)).size, listed.length);
        const me = listed.find((each) => each.pid === process.pid);
        assert.equal(me?.name.toLowerCase(), 'node.exe');
        const found = await host.processes.find(['NODE.EXE']);
        assert.ok(
          found.some((each) => each.pid === process.pid && each.ownedByCurrentUser),
          JSON.stringify(found),
        );
      },
    },
  ];
}
