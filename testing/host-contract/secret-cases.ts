import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import type { ContractCase } from './contract-case';
import { sameBytes } from './scratch';

export function secretCases(): ContractCase[] {
  return [
    {
      name: 'secrets: protect and unprotect round-trip, and the blob does not contain the secret',
      async run(host) {
        const plain = new Uint8Array(randomBytes(1000));
        plain.set(Buffer.from('a planted secret'), 100);
        const blob = await host.secrets.protect(plain);
        assert.ok(blob.length > 0);
        assert.equal(Buffer.from(blob).includes(Buffer.from('a planted secret')), false);
        sameBytes(await host.secrets.unprotect(blob), plain, 'unprotected secret');
      },
    },
    {
      name: 'secrets: a changed blob is refused rather than decrypted',
      async run(host) {
        const blob = await host.secrets.protect(new Uint8Array(Buffer.from('tamper with me')));
        const changed = blob.slice();
        const at = changed.length - 1;
        changed[at] = (changed[at] ?? 0) ^ 0x01;
        await assert.rejects(host.secrets.unprotect(changed));
        await assert.rejects(host.secrets.unprotect(new Uint8Array(randomBytes(64))));
      },
    },
  ];
}
