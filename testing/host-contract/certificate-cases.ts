import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import type { CertificateStoreRef, HostSystem } from '../../src/main/host/ports';
import { certificateEntryFor } from '../../src/main/host/practice/certificate-entry';
import type { ContractCase } from './contract-case';
import { marker, sameBytes } from './scratch';
import { scratchCertificate } from './scratch-certificate';

const MY: CertificateStoreRef = { location: 'CurrentUser', name: 'My' };

function thumbprint(der: Uint8Array): string {
  return createHash('sha1').update(der).digest('hex').toUpperCase();
}

/** Generates certificates, and removes them from CurrentUser\My afterwards whatever happens. */
async function withScratchCertificates(
  host: HostSystem,
  count: number,
  work: (ders: Uint8Array[], label: string) => Promise<void>,
): Promise<void> {
  const label = marker();
  const ders: Uint8Array[] = [];
  for (let index = 0; index < count; index += 1)
    ders.push(await scratchCertificate(`${label} ${index}`));
  try {
    await work(ders, label);
  } finally {
    for (const der of ders) await host.certificates.remove(MY, thumbprint(der));
  }
}

async function listed(host: HostSystem, der: Uint8Array) {
  const wanted = thumbprint(der);
  return (await host.certificates.list(MY)).find((entry) => entry.thumbprint === wanted);
}

export function certificateCases(): ContractCase[] {
  return [
    {
      name: 'certificates: a certificate without a linked key reports its private key missing',
      async run(host) {
        await withScratchCertificates(host, 1, async ([der]) => {
          assert.ok(der);
          assert.equal(await host.certificates.privateKeyStatus(MY, thumbprint(der)), undefined);
          await host.certificates.importEntry(MY, certificateEntryFor(der));
          assert.equal(await host.certificates.privateKeyStatus(MY, thumbprint(der)), 'missing');
        });
      },
    },
    {
      name: 'certificates: import, list, export, remove and re-import round-trip exactly',
      async run(host) {
        await withScratchCertificates(host, 1, async ([der], label) => {
          assert.ok(der);
          const friendlyName = `Contract Zoë ${label}`;
          await host.certificates.importEntry(MY, certificateEntryFor(der, { friendlyName }));
          const first = await listed(host, der);
          assert.ok(first, 'the imported certificate is listed');
          assert.equal(first.thumbprint, thumbprint(der));
          assert.match(first.thumbprint, /^[0-9A-F]{40}$/);
          sameBytes(first.der, der, 'listed DER');
          assert.equal(first.friendlyName, friendlyName);
          assert.equal(first.hasPrivateKey, false);

          const exported = await host.certificates.exportEntry(MY, first.thumbprint);
          assert.ok(exported, 'the certificate exports');
          assert.equal(await host.certificates.remove(MY, first.thumbprint), true);
          assert.equal(await listed(host, der), undefined, 'removed certificate is not listed');
          assert.equal(await host.certificates.exportEntry(MY, first.thumbprint), undefined);
          assert.equal(await host.certificates.remove(MY, first.thumbprint), false);

          await host.certificates.importEntry(MY, exported);
          const back = await listed(host, der);
          assert.ok(back, 'the re-imported certificate is listed');
          sameBytes(back.der, der, 're-imported DER');
          assert.equal(back.thumbprint, first.thumbprint);
          assert.equal(back.friendlyName, friendlyName);
          assert.equal(back.hasPrivateKey, first.hasPrivateKey);
        });
      },
    },
    {
      name: 'certificates: removing one leaves every other certificate as it was',
      async run(host) {
        await withScratchCertificates(host, 2, async ([gone, kept]) => {
          assert.ok(gone && kept);
          await host.certificates.importEntry(MY, certificateEntryFor(gone));
          await host.certificates.importEntry(MY, certificateEntryFor(kept));
          const before = (await host.certificates.list(MY)).filter(
            (entry) => entry.thumbprint !== thumbprint(gone),
          );
          assert.equal(await host.certificates.remove(MY, thumbprint(gone)), true);
          const after = await host.certificates.list(MY);
          assert.equal(after.length, before.length);
          for (const entry of before) {
            const same = after.find((other) => other.thumbprint === entry.thumbprint);
            assert.ok(same, `certificate ${entry.thumbprint} is still there`);
            sameBytes(same.der, entry.der, `DER of ${entry.thumbprint}`);
            assert.equal(same.hasPrivateKey, entry.hasPrivateKey);
            assert.equal(same.friendlyName, entry.friendlyName);
          }
        });
      },
    },
    {
      name: 'certificates: importing a certificate already there leaves one copy',
      async run(host) {
        await withScratchCertificates(host, 1, async ([der]) => {
          assert.ok(der);
          await host.certificates.importEntry(MY, certificateEntryFor(der));
          await host.certificates.importEntry(MY, certificateEntryFor(der));
          const copies = (await host.certificates.list(MY)).filter(
            (entry) => entry.thumbprint === thumbprint(der),
          );
          assert.equal(copies.length, 1);
        });
      },
    },
    {
      name: 'certificates: thumbprints are matched whatever their letter case',
      async run(host) {
        await withScratchCertificates(host, 1, async ([der]) => {
          assert.ok(der);
          await host.certificates.importEntry(MY, certificateEntryFor(der));
          const lower = thumbprint(der).toLowerCase();
          assert.ok(await host.certificates.exportEntry(MY, lower));
          assert.equal(await host.certificates.remove(MY, lower), true);
          assert.equal(await listed(host, der), undefined);
        });
      },
    },
    {
      name: "certificates: a CurrentUser store is the user's own: LocalMachine's certificates neither show through nor get removed",
      async run(host) {
        // Writing LocalMachine takes an administrator on a real PC, so a standard user's run
        // cannot place the machine copy; the practice PC and an elevated run always check it.
        // CA rather than Root: on a real PC every change to CurrentUser\Root asks the user in a
        // dialog, and Windows shows LocalMachine\CA through CurrentUser\CA just the same.
        if (host.practiceScenario === undefined && !(await host.identity.current()).elevated)
          return;
        const user: CertificateStoreRef = { location: 'CurrentUser', name: 'CA' };
        const machine: CertificateStoreRef = { location: 'LocalMachine', name: 'CA' };
        const label = marker();
        const [der, own] = [
          await scratchCertificate(`${label} machine`),
          await scratchCertificate(`${label} user`),
        ];
        const copies = async (store: CertificateStoreRef, wanted: Uint8Array) =>
          (await host.certificates.list(store)).filter(
            (entry) => entry.thumbprint === thumbprint(wanted),
          );
        try {
          // The user's own certificate keeps CurrentUser\CA in existence, as on any real PC.
          await host.certificates.importEntry(user, certificateEntryFor(own));
          await host.certificates.importEntry(machine, certificateEntryFor(der));
          assert.equal((await copies(machine, der)).length, 1, 'the machine copy is listed');
          assert.deepEqual(
            await copies(user, der),
            [],
            'a machine-only certificate is not a user copy',
          );
          assert.equal(await host.certificates.exportEntry(user, thumbprint(der)), undefined);
          assert.equal(await host.certificates.remove(user, thumbprint(der)), false);
          assert.equal((await copies(machine, der)).length, 1, 'the machine copy survives');

          await host.certificates.importEntry(user, certificateEntryFor(der));
          assert.equal((await copies(user, der)).length, 1, 'the user copy is listed once');
          assert.equal(await host.certificates.remove(user, thumbprint(der)), true);
          assert.deepEqual(await copies(user, der), [], 'no copy shows once the user copy is gone');
          const kept = await copies(machine, der);
          assert.equal(kept.length, 1, 'the machine copy is still there');
          sameBytes(kept[0]?.der, der, 'machine copy DER');
          assert.equal((await copies(user, own)).length, 1, "the user's own certificate is kept");
        } finally {
          await host.certificates.remove(user, thumbprint(own));
          await host.certificates.remove(user, thumbprint(der));
          await host.certificates.remove(machine, thumbprint(der));
        }
        assert.deepEqual(await copies(machine, der), [], 'nothing is left in LocalMachine');
      },
    },
    {
      name: 'certificates: every store can be listed',
      async run(host) {
        for (const location of ['CurrentUser', 'LocalMachine'] as const) {
          for (const name of ['My', 'Root', 'CA', 'Disallowed'] as const) {
            const entries = await host.certificates.list({ location, name });
            assert.ok(Array.isArray(entries), `${location}\\${name} lists`);
            for (const entry of entries) assert.equal(entry.thumbprint, thumbprint(entry.der));
          }
        }
      },
    },
  ];
}
