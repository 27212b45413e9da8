/**
 * Checks of the Win32 adapters that go beyond the shared host contract: things only the real
 * Windows APIs can show (registry views landing in WOW6432Node, values written by the API read
 * back through a second API, store properties surviving serialisation, DPAPI refusing a
 * changed blob). Same shape as the contract cases (node:assert, no test runner), and safe on a
 * real PC: every fixture is scratch and removed again.
 */
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import type { HostSystem } from '../../src/main/host/ports';
import type { RegistryKeyRef, RegistryValue } from '../../src/shared/registry-value';
import { issueCertificate } from '../../src/main/host/practice/scenarios/certificate-factory';
import { certificateEntryFor } from '../../src/main/host/practice/certificate-entry';
import { decodeValue, encodeValue } from '../../src/main/host/windows/registry';
import { isAppError } from '../../src/shared/errors';
import { closeHandle, declare, type Handle } from '../../src/main/host/windows/ffi';
import { createKeyContainer, deleteKeyContainer, linkKeyContainer } from './key-link';

/** Opens a file with no sharing at all, as a running client holds its cache database. */
export const openExclusive = (() => {
  const CreateFileW = declare<
    (
      name: string,
      access: number,
      share: number,
      security: null,
      disposition: number,
      flags: number,
      template: number,
    ) => Handle
  >(
    'kernel32.dll',
    'intptr_t __stdcall CreateFileW(str16 lpFileName, uint32_t dwDesiredAccess, uint32_t dwShareMode, void *lpSecurityAttributes, uint32_t dwCreationDisposition, uint32_t dwFlagsAndAttributes, intptr_t hTemplateFile)',
  );
  const GENERIC_READ = 0x80000000;
  const OPEN_EXISTING = 3;
  return (path: string): Handle => {
    const handle = CreateFileW(path, GENERIC_READ, 0, null, OPEN_EXISTING, 0, 0);
    if (handle === -1 || handle === -1n) throw new Error(`CreateFileW failed for ${path}`);
    return handle;
  };
})();

export interface WindowsCase {
  name: string;
  run(host: HostSystem): Promise<void>;
}

const scratch = () => randomBytes(4).toString('hex');

const EVERY_TYPE: Array<[string, RegistryValue]> = [
  ['', { type: 'REG_SZ', data: 'default value' }],
  ['sz', { type: 'REG_SZ', data: 'Grüße 日本 ✓' }],
  ['empty-sz', { type: 'REG_SZ', data: '' }],
  ['expand', { type: 'REG_EXPAND_SZ', data: '%LOCALAPPDATA%\\Microsoft' }],
  ['multi', { type: 'REG_MULTI_SZ', data: ['one', 'twö', 'three'] }],
  ['multi-empty', { type: 'REG_MULTI_SZ', data: [] }],
  ['dword', { type: 'REG_DWORD', data: 0xffffffff }],
  ['dword-zero', { type: 'REG_DWORD', data: 0 }],
  ['qword', { type: 'REG_QWORD', data: '18446744073709551615' }],
  ['qword-2^53+1', { type: 'REG_QWORD', data: '9007199254740993' }],
  ['binary', { type: 'REG_BINARY', data: Buffer.from([0, 1, 0, 255, 0]).toString('base64') }],
  ['binary-empty', { type: 'REG_BINARY', data: '' }],
  ['none', { type: 'REG_RAW', rawType: 0, data: Buffer.from([7, 0, 7]).toString('base64') }],
  [
    'big-endian',
    { type: 'REG_RAW', rawType: 5, data: Buffer.from([0, 0, 1, 2]).toString('base64') },
  ],
  ['short-dword', { type: 'REG_RAW', rawType: 4, data: Buffer.from([1, 2]).toString('base64') }],
];

async function expectAppError(promise: Promise<unknown>, code: string): Promise<void> {
  await assert.rejects(promise, (error: unknown) => {
    assert.ok(isAppError(error), `expected a AppError, got ${String(error)}`);
    assert.equal(error.code, code, error.message);
    return true;
  });
}

export function windowsCases(): WindowsCase[] {
  return [
    {
      name: 'registry: every value type round-trips through RegSetValueExW / RegQueryValueExW / RegEnumValueW',
      async run(host) {
        const key: RegistryKeyRef = {
          hive: 'HKCU',
          path: `Software\\SfbSigninRepairWine\\${scratch()}`,
        };
        try {
          for (const [name, value] of EVERY_TYPE) await host.registry.setValue(key, name, value);
          for (const [name, value] of EVERY_TYPE) {
            assert.deepEqual(await host.registry.getValue(key, name), value, `value '${name}'`);
          }
          const listed = await host.registry.listValues(key);
          assert.ok(listed);
          const byName = new Map(listed.map((entry) => [entry.name, entry.value]));
          assert.equal(byName.size, EVERY_TYPE.length);
          for (const [name, value] of EVERY_TYPE)
            assert.deepEqual(byName.get(name), value, `listed '${name}'`);
          // Key names are case-insensitive, as on Windows.
          assert.deepEqual(
            await host.registry.getValue({ ...key, path: key.path.toUpperCase() }, 'dword'),
            {
              type: 'REG_DWORD',
              data: 0xffffffff,
            },
          );
          assert.equal(await host.registry.deleteValue(key, 'sz'), true);
          assert.equal(await host.registry.deleteValue(key, 'sz'), false);
          assert.equal(await host.registry.getValue(key, 'sz'), undefined);
        } finally {
          await host.registry.deleteKey({ hive: 'HKCU', path: 'Software\\SfbSigninRepairWine' });
        }
      },
    },
    {
      name: 'registry: value codec is exact for every type',
      async run() {
        for (const [, value] of EVERY_TYPE) {
          const encoded = encodeValue(value);
          assert.deepEqual(decodeValue(encoded.type, encoded.data), value);
        }
        assert.throws(() => encodeValue({ type: 'REG_DWORD', data: -1 }));
        assert.throws(() => encodeValue({ type: 'REG_QWORD', data: '18446744073709551616' }));
      },
    },
    {
      name: 'registry: subkeys, deleteKey of a whole tree, absent keys answer undefined/false',
      async run(host) {
        const root: RegistryKeyRef = {
          hive: 'HKCU',
          path: `Software\\SfbSigninRepairWine\\${scratch()}`,
        };
        try {
          await host.registry.createKey({ ...root, path: `${root.path}\\a\\deep\\deeper` });
          await host.registry.setValue({ ...root, path: `${root.path}\\b` }, 'x', {
            type: 'REG_DWORD',
            data: 1,
          });
          assert.deepEqual((await host.registry.listSubkeys(root))?.sort(), ['a', 'b']);
          assert.equal(await host.registry.deleteKey(root), true);
          assert.equal(await host.registry.deleteKey(root), false);
          assert.equal(await host.registry.listValues(root), undefined);
          assert.equal(await host.registry.listSubkeys(root), undefined);
          assert.equal(await host.registry.getValue(root, 'x'), undefined);
          assert.equal(await host.registry.deleteValue(root, 'x'), false);
        } finally {
          await host.registry.deleteKey({ hive: 'HKCU', path: 'Software\\SfbSigninRepairWine' });
        }
      },
    },
    {
      name: 'registry: the 32-bit view of HKLM\\SOFTWARE lands in WOW6432Node',
      async run(host) {
        const name = `SfbSigninRepairWine${scratch()}`;
        const view32: RegistryKeyRef = { hive: 'HKLM', path: `SOFTWARE\\${name}`, view: '32' };
        try {
          await host.registry.setValue(view32, 'InstallationDirectory', {
            type: 'REG_SZ',
            data: 'C:\\x86',
          });
          assert.deepEqual(await host.registry.getValue(view32, 'InstallationDirectory'), {
            type: 'REG_SZ',
            data: 'C:\\x86',
          });
          assert.equal(
            await host.registry.getValue({ ...view32, view: '64' }, 'InstallationDirectory'),
            undefined,
          );
          assert.deepEqual(
            await host.registry.getValue(
              { hive: 'HKLM', path: `SOFTWARE\\WOW6432Node\\${name}`, view: '64' },
              'InstallationDirectory',
            ),
            { type: 'REG_SZ', data: 'C:\\x86' },
          );
          assert.equal(await host.registry.deleteKey(view32), true);
          assert.equal(
            await host.registry.listValues({
              hive: 'HKLM',
              path: `SOFTWARE\\WOW6432Node\\${name}`,
              view: '64',
            }),
            undefined,
          );
        } finally {
          await host.registry.deleteKey(view32);
        }
      },
    },
    {
      name: 'registry: a malformed key path is refused with invalid-request',
      async run(host) {
        await expectAppError(
          host.registry.getValue({ hive: 'HKCU', path: '\\Software' }, 'x'),
          'invalid-request',
        );
        await expectAppError(
          host.registry.setValue({ hive: 'HKCU', path: 'Software\\' }, 'x', {
            type: 'REG_DWORD',
            data: 1,
          }),
          'invalid-request',
        );
      },
    },
    {
      name: 'certificates: import, list with DER and properties, export, remove, import back exactly',
      async run(host) {
        const store = { location: 'CurrentUser', name: 'My' } as const;
        const now = Date.now();
        const der = await issueCertificate({
          subject: `CN=wine-${scratch()}`,
          issuer: 'CN=SfbSigninRepair Wine Test',
          notBefore: new Date(now - 86_400_000),
          notAfter: new Date(now + 86_400_000),
        });
        const other = await issueCertificate({
          subject: `CN=wine-other-${scratch()}`,
          issuer: 'CN=SfbSigninRepair Wine Test',
          notBefore: new Date(now - 86_400_000),
          notAfter: new Date(now + 86_400_000),
        });
        const thumbprint = createHash('sha1').update(der).digest('hex').toUpperCase();
        const otherThumbprint = createHash('sha1').update(other).digest('hex').toUpperCase();
        try {
          await host.certificates.importEntry(
            store,
            certificateEntryFor(der, { friendlyName: 'Wine fixture ✓' }),
          );
          await host.certificates.importEntry(store, certificateEntryFor(other));
          const listed = await host.certificates.list(store);
          const mine = listed.find((certificate) => certificate.thumbprint === thumbprint);
          assert.ok(mine, 'imported certificate is listed');
          assert.deepEqual(Buffer.from(mine.der), Buffer.from(der));
          assert.equal(mine.friendlyName, 'Wine fixture ✓');
          assert.equal(mine.hasPrivateKey, false);
          const entry = await host.certificates.exportEntry(store, thumbprint);
          assert.ok(entry && entry.length > der.length);
          assert.equal(await host.certificates.remove(store, thumbprint), true);
          assert.equal(await host.certificates.remove(store, thumbprint), false);
          assert.equal(await host.certificates.exportEntry(store, thumbprint), undefined);
          const after = await host.certificates.list(store);
          assert.equal(
            after.some((certificate) => certificate.thumbprint === thumbprint),
            false,
          );
          assert.ok(
            after.some((certificate) => certificate.thumbprint === otherThumbprint),
            'the other certificate survives',
          );
          await host.certificates.importEntry(store, entry);
          const back = (await host.certificates.list(store)).find(
            (certificate) => certificate.thumbprint === thumbprint,
          );
          assert.ok(back);
          assert.deepEqual(Buffer.from(back.der), Buffer.from(der));
          assert.equal(back.friendlyName, 'Wine fixture ✓');
          assert.deepEqual(
            Buffer.from((await host.certificates.exportEntry(store, thumbprint)) ?? []),
            Buffer.from(entry),
          );
          await expectAppError(
            host.certificates.importEntry(store, new Uint8Array([1, 2, 3, 4, 5])),
            'corrupt-data',
          );
          await expectAppError(
            host.certificates.remove(store, 'not-a-thumbprint'),
            'invalid-request',
          );
        } finally {
          await host.certificates.remove(store, thumbprint);
          await host.certificates.remove(store, otherThumbprint);
        }
      },
    },
    {
      name: 'certificates: a key in a real container is usable, a link to a container that is gone is unusable, no link is missing; export and import keep a usable key usable',
      async run(host) {
        const store = { location: 'CurrentUser', name: 'My' } as const;
        const now = Date.now();
        const issue = async (name: string) => {
          const der = await issueCertificate({
            subject: `CN=wine-key-${name}-${scratch()}`,
            issuer: 'CN=SfbSigninRepair Wine Test',
            notBefore: new Date(now - 86_400_000),
            notAfter: new Date(now + 86_400_000),
          });
          await host.certificates.importEntry(store, certificateEntryFor(der));
          return createHash('sha1').update(der).digest('hex').toUpperCase();
        };
        const container = `wine-key-${scratch()}`;
        const gone = `wine-key-gone-${scratch()}`;
        const usable = await issue('usable');
        const lost = await issue('lost');
        const bare = await issue('bare');
        try {
          createKeyContainer(container);
          linkKeyContainer(store, usable, container);
          linkKeyContainer(store, lost, gone);
          const listed = await host.certificates.list(store);
          const linked = (thumbprint: string) =>
            listed.find((certificate) => certificate.thumbprint === thumbprint)?.hasPrivateKey;
          assert.deepEqual([linked(usable), linked(lost), linked(bare)], [true, true, false]);
          assert.equal(await host.certificates.privateKeyStatus(store, usable), 'usable');
          assert.equal(await host.certificates.privateKeyStatus(store, lost), 'unusable');
          assert.equal(await host.certificates.privateKeyStatus(store, bare), 'missing');
          assert.equal(await host.certificates.privateKeyStatus(store, '00'.repeat(20)), undefined);
          // What undo does: the serialized entry brings the link back, and the key opens.
          const entry = await host.certificates.exportEntry(store, usable);
          assert.ok(entry);
          assert.equal(await host.certificates.remove(store, usable), true);
          await host.certificates.importEntry(store, entry);
          assert.equal(await host.certificates.privateKeyStatus(store, usable), 'usable');
        } finally {
          for (const thumbprint of [usable, lost, bare])
            await host.certificates.remove(store, thumbprint);
          deleteKeyContainer(container);
        }
      },
    },
    {
      name: "certificates: CurrentUser\\Root is the user's own store: a LocalMachine-only root does not show there, and removing the user copy leaves the machine copy",
      async run(host) {
        const user = { location: 'CurrentUser', name: 'Root' } as const;
        const machine = { location: 'LocalMachine', name: 'Root' } as const;
        const now = Date.now();
        const der = await issueCertificate({
          subject: `CN=wine-root-${scratch()}`,
          issuer: 'CN=SfbSigninRepair Wine Test',
          notBefore: new Date(now - 86_400_000),
          notAfter: new Date(now + 86_400_000),
          ca: true,
        });
        // A user root of its own keeps CurrentUser\\Root in existence, as on every real PC (an
        // absent store lists nothing whatever the view, which would hide a leaking one).
        const bystander = await issueCertificate({
          subject: `CN=wine-user-root-${scratch()}`,
          issuer: 'CN=SfbSigninRepair Wine Test',
          notBefore: new Date(now - 86_400_000),
          notAfter: new Date(now + 86_400_000),
          ca: true,
        });
        const thumbprint = createHash('sha1').update(der).digest('hex').toUpperCase();
        const bystanderThumbprint = createHash('sha1')
          .update(bystander)
          .digest('hex')
          .toUpperCase();
        const copies = async (store: typeof user | typeof machine) =>
          (await host.certificates.list(store)).filter((c) => c.thumbprint === thumbprint);
        try {
          await host.certificates.importEntry(user, certificateEntryFor(bystander));
          // The prefix user can write HKLM, as an elevated administrator can on a real PC.
          await host.certificates.importEntry(machine, certificateEntryFor(der));
          assert.equal((await copies(machine)).length, 1, 'the machine copy is listed');
          assert.deepEqual(await copies(user), [], 'a machine-only root is not a user copy');
          assert.equal(await host.certificates.exportEntry(user, thumbprint), undefined);
          assert.equal(
            await host.certificates.remove(user, thumbprint),
            false,
            'removing from CurrentUser never reaches the machine copy',
          );
          assert.equal((await copies(machine)).length, 1, 'the machine copy survives');

          await host.certificates.importEntry(
            user,
            certificateEntryFor(der, { friendlyName: 'user copy' }),
          );
          const userCopies = await copies(user);
          assert.equal(userCopies.length, 1, 'the user copy is listed once');
          assert.equal(userCopies[0]?.friendlyName, 'user copy');
          assert.equal(await host.certificates.remove(user, thumbprint), true);
          assert.deepEqual(await copies(user), [], 'after removal no user copy shows');
          const kept = await copies(machine);
          assert.equal(kept.length, 1, 'the machine copy is still there');
          assert.deepEqual(Buffer.from(kept[0]?.der ?? []), Buffer.from(der));
          assert.equal(
            kept[0]?.friendlyName,
            undefined,
            'it is the machine copy, not the user one',
          );
          const userRoots = await host.certificates.list(user);
          assert.ok(
            userRoots.some((c) => c.thumbprint === bystanderThumbprint),
            'the other user root is untouched',
          );
          assert.equal(
            userRoots.some((c) => c.thumbprint === thumbprint),
            false,
          );
        } finally {
          await host.certificates.remove(user, bystanderThumbprint);
          await host.certificates.remove(user, thumbprint);
          await host.certificates.remove(machine, thumbprint);
        }
        assert.deepEqual(await copies(machine), [], 'the scratch root is gone from the machine');
      },
    },
    {
      name: 'certificates: the prefix root store enumerates with DER whose SHA-1 is the thumbprint',
      async run(host) {
        const roots = await host.certificates.list({ location: 'LocalMachine', name: 'Root' });
        assert.ok(roots.length > 10, `expected the prefix's roots, got ${roots.length}`);
        for (const root of roots) {
          assert.equal(
            createHash('sha1').update(root.der).digest('hex').toUpperCase(),
            root.thumbprint,
          );
        }
      },
    },
    {
      name: 'credentials: write, filtered list, read with binary secret and unicode user, remove',
      async run(host) {
        const prefix = `SfbSigninRepairWine${scratch()}`;
        const secret = new Uint8Array([0, 1, 2, 250, 0, 255]);
        const record = {
          targetName: `${prefix}:uri=user@contoso.com:specific:OCS:1`,
          type: 'generic' as const,
          userName: 'CONTOSO\\Jürgen',
          persist: 'local-machine' as const,
          comment: 'wine fixture',
          lastWritten: new Date().toISOString(),
          secret,
        };
        try {
          await host.credentials.write(record);
          await host.credentials.write({
            ...record,
            targetName: `${prefix}Other:x`,
            comment: undefined,
          });
          const listed = await host.credentials.list(`${prefix}:*`);
          assert.deepEqual(
            listed.map((entry) => entry.targetName),
            [record.targetName],
          );
          const read = await host.credentials.read(record.targetName, 'generic');
          assert.ok(read);
          assert.deepEqual(Buffer.from(read.secret), Buffer.from(secret));
          assert.equal(read.userName, record.userName);
          assert.equal(read.comment, 'wine fixture');
          assert.equal(read.persist, 'local-machine');
          assert.ok(
            Math.abs(Date.parse(read.lastWritten) - Date.now()) < 10 * 60_000,
            read.lastWritten,
          );
          assert.ok(
            (await host.credentials.list()).some((entry) => entry.targetName === record.targetName),
          );
          assert.equal(await host.credentials.remove(record.targetName, 'generic'), true);
          assert.equal(await host.credentials.remove(record.targetName, 'generic'), false);
          assert.equal(await host.credentials.read(record.targetName, 'generic'), undefined);
          assert.deepEqual(await host.credentials.list(`${prefix}:*`), []);
        } finally {
          await host.credentials.remove(record.targetName, 'generic');
          await host.credentials.remove(`${prefix}Other:x`, 'generic');
        }
      },
    },
    {
      name: 'secrets: DPAPI round-trip, a changed blob is refused',
      async run(host) {
        const plain = new Uint8Array(randomBytes(300));
        const blob = await host.secrets.protect(plain);
        assert.notDeepEqual(Buffer.from(blob), Buffer.from(plain));
        assert.equal(Buffer.from(blob).includes(Buffer.from(plain.subarray(0, 16))), false);
        assert.deepEqual(Buffer.from(await host.secrets.unprotect(blob)), Buffer.from(plain));
        const changed = new Uint8Array(blob);
        changed[changed.length - 5] = (changed[changed.length - 5] ?? 0) ^ 0xff;
        await expectAppError(host.secrets.unprotect(changed), 'corrupt-data');
        assert.deepEqual(
          Buffer.from(await host.secrets.unprotect(await host.secrets.protect(new Uint8Array()))),
          Buffer.alloc(0),
        );
      },
    },
    {
      name: 'files: known folders, nested write/list/stat/read/remove, long paths, unicode names',
      async run(host) {
        const local = await host.files.knownFolder('LocalAppData');
        assert.ok(local && /AppData\\Local$/i.test(local), `LocalAppData is ${local}`);
        assert.match((await host.files.knownFolder('RoamingAppData')) ?? '', /AppData\\Roaming$/i);
        assert.ok(await host.files.knownFolder('Profile'));
        assert.match(
          (await host.files.knownFolder('ProgramFilesX86')) ?? '',
          /Program Files \(x86\)$/i,
        );
        assert.match((await host.files.knownFolder('ProgramFiles')) ?? '', /Program Files$/i);
        const root = host.files.join(local, `SfbSigninRepairWine-${scratch()}`);
        try {
          const deep = host.files.join(
            root,
            ...Array.from({ length: 12 }, (_, i) => `folder-${i}-${'x'.repeat(20)}`),
          );
          const file = host.files.join(deep, 'Grüße.cache');
          assert.ok(file.length > 260, `path is ${file.length} characters`);
          await host.files.writeFile(file, new Uint8Array([1, 2, 3]));
          assert.deepEqual(await host.files.stat(file), {
            name: 'Grüße.cache',
            kind: 'file',
            size: 3,
          });
          assert.deepEqual(Buffer.from(await host.files.readFile(file)), Buffer.from([1, 2, 3]));
          assert.deepEqual(
            (await host.files.list(deep))?.map((entry) => entry.name),
            ['Grüße.cache'],
          );
          await host.files.remove(root);
          assert.equal(await host.files.stat(root), undefined);
          assert.equal(await host.files.list(root), undefined);
          await expectAppError(host.files.readFile(file), 'not-found');
        } finally {
          await host.files.remove(root);
        }
      },
    },
    {
      name: 'files: deleting a folder with a file held open without sharing is file-locked, naming it',
      async run(host) {
        const local = (await host.files.knownFolder('LocalAppData')) ?? '';
        const root = host.files.join(local, `SfbSigninRepairWine-${scratch()}`);
        const locked = host.files.join(root, 'sip_user@contoso.com', 'GalContacts.db');
        await host.files.writeFile(locked, new Uint8Array([1, 2, 3]));
        const handle = openExclusive(locked);
        try {
          await assert.rejects(host.files.remove(root), (error: unknown) => {
            assert.ok(isAppError(error), String(error));
            assert.equal(error.code, 'file-locked', error.message);
            assert.match(String(error.details.path), /GalContacts\.db$/);
            return true;
          });
          await expectAppError(host.files.readFile(locked), 'file-locked');
        } finally {
          closeHandle(handle);
        }
        // Nothing was lost: the locked file is still there and intact.
        assert.deepEqual(Buffer.from(await host.files.readFile(locked)), Buffer.from([1, 2, 3]));
        await host.files.remove(root);
        assert.equal(await host.files.stat(root), undefined);
      },
    },
    {
      name: 'files: a file without a version resource has no version',
      async run(host) {
        const local = (await host.files.knownFolder('LocalAppData')) ?? '';
        const file = host.files.join(local, `SfbSigninRepairWine-${scratch()}.exe`);
        try {
          await host.files.writeFile(file, new Uint8Array(Buffer.from('MZ not really')));
          assert.equal(await host.files.fileVersion(file), undefined);
        } finally {
          await host.files.remove(file);
        }
      },
    },
    {
      name: 'identity: user name, SID of the token, elevation flag',
      async run(host) {
        const identity = await host.identity.current();
        assert.ok(identity.userName.length > 0);
        assert.match(identity.sid, /^S-1-5-\d+(-\d+)*$/);
        assert.equal(typeof identity.elevated, 'boolean');
      },
    },
    {
      name: 'processes: find by image name with owner, wait, terminate; absent names find nothing',
      async run(host) {
        assert.deepEqual(await host.processes.find(['no-such-client.exe']), []);
        const me = await host.processes.find(['node.exe']);
        const self = me.find((info) => info.pid === process.pid);
        assert.ok(self, `node.exe ${process.pid} among ${JSON.stringify(me)}`);
        assert.equal(self.ownedByCurrentUser, true);
        assert.match(self.path ?? '', /node\.exe$/i);
        await host.processes.launch(process.execPath, ['-e', 'setTimeout(() => {}, 60000)']);
        let child: number | undefined;
        for (let attempt = 0; attempt < 50 && child === undefined; attempt += 1) {
          child = (await host.processes.find(['node.exe'])).find(
            (info) => info.pid !== process.pid,
          )?.pid;
          if (child === undefined) await new Promise((resolve) => setTimeout(resolve, 100));
        }
        assert.ok(child !== undefined, 'the launched process is found');
        await host.processes.requestClose(child); // a windowless process: nothing to post to
        assert.equal(await host.processes.waitForExit(child, 300), false);
        await host.processes.terminate(child);
        assert.equal(await host.processes.waitForExit(child, 10_000), true);
        await expectAppError(host.processes.launch('C:\\no\\such\\lync.exe'), 'not-found');
      },
    },
    {
      name: 'services: an installed service has a state, a missing one is undefined',
      async run(host) {
        assert.equal(await host.services.query('msoidsvc'), undefined);
        const rpc = await host.services.query('RpcSs');
        assert.ok(rpc, 'RpcSs is installed in every prefix');
        assert.equal(rpc.name, 'RpcSs');
        assert.notEqual(rpc.state, 'unknown');
      },
    },
    {
      name: 'dns: a flush answers with what was tried and never claims success it did not get',
      async run(host) {
        const result = await host.dns.flush();
        assert.ok(result.method === 'api' || result.method === 'ipconfig');
        assert.equal(typeof result.flushed, 'boolean');
        if (!result.flushed) assert.ok(result.detail && result.detail.length > 0);
      },
    },
  ];
}
