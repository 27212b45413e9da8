/**
 * Test support: the runs an attacker would plant (issue 12), for any host. Each names what a
 * "recovery" of it would have done: delete HKCU\Software\Microsoft, overwrite lync.exe through
 * `..` parts, import a root into LocalMachine\Root, plant an Office credential, write HKLM.
 */
import { createHash } from 'node:crypto';
import type { PlantedRun } from './plant-run';

export interface HostileCase {
  name: string;
  run: PlantedRun;
  /** How the engine must treat it once the journal checks: refused whole, or never restored. */
  expect: 'refused' | 'restore-refused';
}

const sha256 = (data: Uint8Array) => createHash('sha256').update(data).digest('hex');

/** `localAppData`: the host's LocalAppData; `join` as the host joins paths. */
export function hostileCases(
  localAppData: string,
  join: (...parts: string[]) => string,
): HostileCase[] {
  const evil = new Uint8Array(Buffer.from('EVIL'));
  const tree = (name: string) => ({ name, values: [], subkeys: [] });
  const run = (id: string, stepId: string, internal: Record<string, unknown>, backup = {}) => ({
    runId: `r20261201100000000-${id}`,
    steps: [stepId],
    actions: [{ id: 'a1', stepId, description: 'Planted', undoable: true, internal }],
    backups: { a1: backup },
  });
  const microsoftKey = { hive: 'HKCU', path: 'Software\\Microsoft' };
  return [
    {
      name: 'registry tree deletion',
      expect: 'refused',
      run: run(
        'aaaa01',
        'clear-connection-settings',
        { kind: 'delete-registry-key', key: microsoftKey },
        { 'registry-key.json': tree('Microsoft') },
      ),
    },
    {
      name: 'registry deletion labelled flush-dns-cache',
      expect: 'refused',
      run: run(
        'aaaa02',
        'flush-dns-cache',
        { kind: 'delete-registry-key', key: microsoftKey },
        { 'registry-key.json': tree('Microsoft') },
      ),
    },
    {
      name: 'a LocalMachine root',
      expect: 'refused',
      run: run(
        'aaaa03',
        'remove-distrusted-root',
        {
          kind: 'delete-certificate',
          store: { location: 'LocalMachine', name: 'Root' },
          thumbprint: 'A'.repeat(40),
        },
        {
          'certificate.entry': evil,
          'certificate.json': { thumbprint: 'A'.repeat(40), store: 'LocalMachine\\Root' },
        },
      ),
    },
    {
      name: 'a credential plant',
      expect: 'refused',
      run: run(
        'aaaa04',
        'remove-stored-credentials',
        {
          kind: 'delete-credential',
          targetName: 'MicrosoftOffice16_Data:orgid=user@contoso.com',
          type: 'generic',
        },
        {
          'credential.json': {
            targetName: 'MicrosoftOffice16_Data:orgid=user@contoso.com',
            type: 'generic',
            userName: 'attacker',
            persist: 'local-machine',
            lastWritten: '2026-12-01T10:00:00.000Z',
            protectedSecret: Buffer.from(evil).toString('base64'),
          },
        },
      ),
    },
    {
      name: 'an HKLM value labelled fix-machine-guid',
      expect: 'refused',
      run: run(
        'aaaa05',
        'fix-machine-guid',
        {
          kind: 'set-registry-value',
          key: {
            hive: 'HKLM',
            path: 'SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Run',
            view: '64',
          },
          name: 'Planted',
          expected: { type: 'REG_SZ', data: 'a' },
          value: { type: 'REG_SZ', data: 'b' },
        },
        { 'registry-value.json': { value: { type: 'REG_SZ', data: 'C:\\evil.exe' } } },
      ),
    },
    {
      name: '`..` parts in a backup index',
      expect: 'restore-refused',
      run: run(
        'aaaa06',
        'clear-endpoint-cache',
        {
          kind: 'delete-folder',
          path: join(localAppData, 'Microsoft', 'Office', '15.0', 'Lync', 'sip_user@contoso.com'),
        },
        {
          'folder.json': {
            root: 'ignored',
            entries: [
              {
                path: [...Array(8).fill('..'), 'Program Files', 'Microsoft Office', 'lync.exe'],
                kind: 'file',
                offset: 0,
                size: evil.byteLength,
                sha256: sha256(evil),
              },
            ],
          },
          'files.pack': evil,
        },
      ),
    },
  ];
}
