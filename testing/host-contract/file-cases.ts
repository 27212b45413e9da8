import assert from 'node:assert/strict';
import type { HostSystem } from '../../src/main/host/ports';
import type { ContractCase } from './contract-case';
import { bytes, marker, rejectsWithCode, sameBytes, SCRATCH_NAME } from './scratch';

/** A scratch folder under LocalAppData, removed afterwards whatever happens. */
async function withScratchFolder(
  host: HostSystem,
  work: (folder: string) => Promise<void>,
): Promise<void> {
  const local = await host.files.knownFolder('LocalAppData');
  assert.ok(local, 'LocalAppData is known');
  const folder = host.files.join(local, `${SCRATCH_NAME}-${marker()}`);
  try {
    await work(folder);
  } finally {
    await host.files.remove(folder);
  }
}

export function fileCases(): ContractCase[] {
  return [
    {
      name: 'files: the user profile folders are known',
      async run(host) {
        for (const id of ['LocalAppData', 'RoamingAppData', 'Profile', 'ProgramFiles'] as const) {
          const folder = await host.files.knownFolder(id);
          assert.ok(folder, `${id} is known`);
          const info = await host.files.stat(folder);
          assert.equal(info?.kind, 'directory', `${id} is a folder`);
        }
        const joined = host.files.join('base', 'child');
        assert.ok(joined.startsWith('base') && joined.endsWith('child') && joined.length > 9);
      },
    },
    {
      name: 'files: write, list, stat, read and remove nested folders with unicode names',
      async run(host) {
        await withScratchFolder(host, async (folder) => {
          const nested = host.files.join(folder, 'Zoë – 日本', 'deeper');
          const data = bytes(0, 1, 2, 0, 255, 0);
          const file = host.files.join(nested, 'sip_zoë@contoso.com.cache');
          await host.files.writeFile(file, data);
          await host.files.writeFile(
            host.files.join(folder, 'top.txt'),
            new Uint8Array(Buffer.from('top')),
          );
          await host.files.makeDirectory(host.files.join(folder, 'empty'));

          sameBytes(await host.files.readFile(file), data, 'file content');
          const info = await host.files.stat(file);
          assert.equal(info?.kind, 'file');
          assert.equal(info?.size, data.length);
          assert.equal(info?.name, 'sip_zoë@contoso.com.cache');

          const top = await host.files.list(folder);
          assert.ok(top);
          const kinds = Object.fromEntries(top.map((entry) => [entry.name, entry.kind]));
          assert.deepEqual(kinds, {
            'Zoë – 日本': 'directory',
            'top.txt': 'file',
            empty: 'directory',
          });
          assert.equal(top.find((entry) => entry.name === 'top.txt')?.size, 3);

          await host.files.remove(file);
          assert.equal(await host.files.stat(file), undefined);
          assert.deepEqual(await host.files.list(nested), []);
          await host.files.remove(host.files.join(folder, 'Zoë – 日本'));
          assert.equal(await host.files.list(nested), undefined);
          const rest = (await host.files.list(folder))?.map((entry) => entry.name).sort();
          assert.deepEqual(rest, ['empty', 'top.txt']);
        });
      },
    },
    {
      name: 'files: absent files and folders answer undefined, reading one fails with not-found',
      async run(host) {
        await withScratchFolder(host, async (folder) => {
          const absent = host.files.join(folder, 'absent', 'file.bin');
          assert.equal(await host.files.list(folder), undefined);
          assert.equal(await host.files.stat(absent), undefined);
          await rejectsWithCode(host.files.readFile(absent), 'not-found');
          await host.files.remove(absent);
        });
      },
    },
    {
      name: 'files: writing replaces a file and a file without a version resource has none',
      async run(host) {
        await withScratchFolder(host, async (folder) => {
          const file = host.files.join(folder, 'plain.exe');
          await host.files.writeFile(file, bytes(1, 2, 3, 4));
          await host.files.writeFile(file, bytes(5));
          sameBytes(await host.files.readFile(file), bytes(5), 'replaced content');
          assert.equal(await host.files.fileVersion(file), undefined);
        });
      },
    },
    {
      name: 'files: listing kinds alone names every entry as the full listing does',
      async run(host) {
        await withScratchFolder(host, async (folder) => {
          assert.equal(await host.files.listKinds(folder), undefined);
          await host.files.writeFile(host.files.join(folder, 'b.cache'), bytes(1, 2));
          await host.files.makeDirectory(host.files.join(folder, 'a – ü'));
          const kinds = await host.files.listKinds(folder);
          const full = await host.files.list(folder);
          const byName = (entries: Array<{ name: string; kind: string }> | undefined) =>
            Object.fromEntries((entries ?? []).map((entry) => [entry.name, entry.kind]));
          assert.deepEqual(byName(kinds), { 'a – ü': 'directory', 'b.cache': 'file' });
          assert.deepEqual(byName(kinds), byName(full));
        });
      },
    },
    {
      name: 'files: a folder moves in one step with everything in it; moving it back restores it',
      async run(host) {
        await withScratchFolder(host, async (folder) => {
          const source = host.files.join(folder, 'sip_zoë@contoso.com');
          const inner = host.files.join(source, 'Tracing', 'deep.cache');
          await host.files.writeFile(inner, bytes(9, 8, 7));
          await host.files.makeDirectory(host.files.join(source, 'empty'));
          const aside = host.files.join(folder, 'moved', 'r1');
          await host.files.makeDirectory(aside);
          const destination = host.files.join(aside, 'a1');

          await host.files.move(source, destination);
          assert.equal(await host.files.stat(source), undefined, 'nothing left at the source');
          sameBytes(
            await host.files.readFile(host.files.join(destination, 'Tracing', 'deep.cache')),
            bytes(9, 8, 7),
            'moved file',
          );
          assert.equal(
            (await host.files.stat(host.files.join(destination, 'empty')))?.kind,
            'directory',
          );

          await host.files.move(destination, source);
          sameBytes(await host.files.readFile(inner), bytes(9, 8, 7), 'file moved back');
          assert.deepEqual(await host.files.list(aside), []);
        });
      },
    },
    {
      name: 'files: a move replaces a file but never a folder, and a missing source is not-found',
      async run(host) {
        await withScratchFolder(host, async (folder) => {
          const first = host.files.join(folder, 'first.cache');
          const second = host.files.join(folder, 'second.cache');
          await host.files.writeFile(first, bytes(1));
          await host.files.writeFile(second, bytes(2));
          await host.files.move(first, second);
          assert.equal(await host.files.stat(first), undefined);
          sameBytes(await host.files.readFile(second), bytes(1), 'replaced file');

          const one = host.files.join(folder, 'one');
          const two = host.files.join(folder, 'two');
          await host.files.writeFile(host.files.join(one, 'x'), bytes(3));
          await host.files.writeFile(host.files.join(two, 'y'), bytes(4));
          await rejectsWithCode(host.files.move(one, two), 'invalid-request');
          sameBytes(await host.files.readFile(host.files.join(one, 'x')), bytes(3), 'source kept');
          sameBytes(await host.files.readFile(host.files.join(two, 'y')), bytes(4), 'folder kept');

          await rejectsWithCode(
            host.files.move(host.files.join(folder, 'absent'), host.files.join(folder, 'else')),
            'not-found',
          );
        });
      },
    },
  ];
}
