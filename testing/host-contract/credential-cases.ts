import assert from 'node:assert/strict';
import type { CredentialRecord, HostSystem } from '../../src/main/host/ports';
import type { ContractCase } from './contract-case';
import { bytes, marker, rejectsWithCode, sameBytes, SCRATCH_NAME } from './scratch';

/** Scratch credentials under `SfbSigninRepairContract:<marker>`, removed afterwards. */
async function withScratchTargets(
  host: HostSystem,
  work: (prefix: string) => Promise<void>,
): Promise<void> {
  const prefix = `${SCRATCH_NAME}:${marker()}`;
  try {
    await work(prefix);
  } finally {
    for (const left of await host.credentials.list(`${prefix}*`)) {
      await host.credentials.remove(left.targetName, left.type);
    }
  }
}

function record(targetName: string, overrides: Partial<CredentialRecord> = {}): CredentialRecord {
  return {
    targetName,
    type: 'generic',
    userName: 'CONTOSO\\Zoë 日本',
    persist: 'local-machine',
    lastWritten: new Date().toISOString(),
    secret: bytes(0, 1, 2, 255, 0, 128, 0),
    ...overrides,
  };
}

export function credentialCases(): ContractCase[] {
  return [
    {
      name: 'credentials: write, list, read and remove round-trip with binary secrets and unicode users',
      async run(host) {
        await withScratchTargets(host, async (prefix) => {
          const target = `${prefix}:uri=zoë@contoso.com:specific:OCS:1`;
          const written = record(target, { comment: 'contract case' });
          await host.credentials.write(written);

          const found = await host.credentials.list(`${prefix}*`);
          assert.equal(found.length, 1);
          const summary = found[0];
          assert.ok(summary);
          assert.equal(summary.targetName, target);
          assert.equal(summary.type, 'generic');
          assert.equal(summary.userName, written.userName);
          assert.equal(summary.persist, 'local-machine');
          assert.equal(summary.comment, 'contract case');
          assert.ok(!Number.isNaN(Date.parse(summary.lastWritten)), 'lastWritten is a date');
          assert.equal('secret' in summary, false, 'list does not read secrets');

          const read = await host.credentials.read(target, 'generic');
          assert.ok(read);
          sameBytes(read.secret, written.secret, 'secret');
          assert.equal(read.userName, written.userName);

          assert.equal(await host.credentials.remove(target, 'generic'), true);
          assert.equal(await host.credentials.read(target, 'generic'), undefined);
          assert.equal(await host.credentials.remove(target, 'generic'), false);
          assert.deepEqual(await host.credentials.list(`${prefix}*`), []);
        });
      },
    },
    {
      name: 'credentials: a filter Prefix:* does not match PrefixOther',
      async run(host) {
        await withScratchTargets(host, async (prefix) => {
          const names = [`${prefix}:Prefix:a`, `${prefix}:Prefix:b`, `${prefix}:PrefixOther:c`];
          for (const name of names) await host.credentials.write(record(name));
          const narrow = (await host.credentials.list(`${prefix}:Prefix:*`))
            .map((entry) => entry.targetName)
            .sort();
          assert.deepEqual(narrow, [`${prefix}:Prefix:a`, `${prefix}:Prefix:b`]);
          const wide = (await host.credentials.list(`${prefix}:Prefix*`)).map((e) => e.targetName);
          assert.equal(wide.length, 3);
          const all = (await host.credentials.list()).map((entry) => entry.targetName);
          for (const name of names) assert.ok(all.includes(name), `unfiltered list has ${name}`);
        });
      },
    },
    {
      name: 'credentials: writing again replaces the credential, targets match in any case',
      async run(host) {
        await withScratchTargets(host, async (prefix) => {
          const target = `${prefix}:Replace`;
          await host.credentials.write(record(target, { userName: 'first' }));
          await host.credentials.write(record(target, { userName: 'second', secret: bytes(9, 9) }));
          assert.equal((await host.credentials.list(`${prefix}*`)).length, 1);
          const read = await host.credentials.read(target.toUpperCase(), 'generic');
          assert.ok(read);
          assert.equal(read.userName, 'second');
          sameBytes(read.secret, bytes(9, 9), 'replaced secret');
          assert.equal(await host.credentials.read(target, 'domain-password'), undefined);
        });
      },
    },
    {
      name: 'credentials: absent targets answer undefined, false and an empty list',
      async run(host) {
        const target = `${SCRATCH_NAME}:${marker()}:absent`;
        assert.equal(await host.credentials.read(target, 'generic'), undefined);
        assert.equal(await host.credentials.remove(target, 'generic'), false);
        assert.deepEqual(await host.credentials.list(`${target}*`), []);
      },
    },
    {
      name: 'credentials: a secret over the vault limit is refused and nothing is written',
      async run(host) {
        await withScratchTargets(host, async (prefix) => {
          const target = `${prefix}:TooBig`;
          await rejectsWithCode(
            host.credentials.write(record(target, { secret: new Uint8Array(5 * 512 + 1) })),
            'invalid-request',
          );
          assert.equal(await host.credentials.read(target, 'generic'), undefined);
        });
      },
    },
  ];
}
