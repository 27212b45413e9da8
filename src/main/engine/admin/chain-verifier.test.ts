/**
 * The chain verifier against real TLS servers on loopback presenting chains made here. The
 * trust store is a small in-memory certificate-store port (testing/memory-certificate-store.ts):
 * these cases are about the verifier's judgement; run-admin-checks.test.ts covers the practice
 * PC's real stores end to end.
 */
import { X509Certificate } from 'node:crypto';
import { rootCertificates } from 'node:tls';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { verifyChain, type ChainVerdict } from './chain-verifier';
import { nodeNetwork } from '../../host/network/node-network';
import { loadTrust } from './trust-store';
import { startTlsServer, type LoopbackServer } from '../../../../testing/admin/loopback-servers';
import { memoryCertificateStore } from '../../../../testing/admin/memory-certificate-store';
import {
  DAYS,
  makeIntermediate,
  makeRoot,
  makeServer,
  tamperSignature,
  type TestCertificate,
} from '../../../../testing/admin/test-pki';

const HOST = 'sip.contoso.test';
let root: TestCertificate;
let intermediate: TestCertificate;
let server: TestCertificate;
const servers: LoopbackServer[] = [];

beforeAll(async () => {
  root = await makeRoot('Contoso Test Root CA');
  intermediate = await makeIntermediate('Contoso Test Issuing CA', root);
  server = await makeServer([HOST], intermediate);
});

afterEach(async () => {
  await Promise.all(servers.splice(0).map((running) => running.close()));
});

interface JudgeOptions {
  host?: string;
  roots?: TestCertificate[];
  intermediates?: TestCertificate[];
  disallowed?: TestCertificate[];
  expectedAlternateNames?: string[];
}

async function judge(chain: TestCertificate[], options: JudgeOptions = {}): Promise<ChainVerdict> {
  const running = await startTlsServer({ chain });
  servers.push(running);
  const probe = await nodeNetwork().probeTls({
    host: options.host ?? HOST,
    http: true,
    connectAddress: '127.0.0.1',
    port: running.port,
    timeoutMs: 5000,
    now: () => new Date(),
  });
  if (!probe.reachable) throw new Error(`probe failed: ${probe.reason}`);
  expect(probe.chain.map((der) => Buffer.from(der).toString('base64'))).toEqual(
    chain.map((certificate) => Buffer.from(certificate.der).toString('base64')),
  );
  const store = memoryCertificateStore();
  for (const trusted of options.roots ?? [root]) {
    store.add({ location: 'CurrentUser', name: 'Root' }, trusted.der);
  }
  for (const ca of options.intermediates ?? []) {
    store.add({ location: 'CurrentUser', name: 'CA' }, ca.der);
  }
  for (const bad of options.disallowed ?? []) {
    store.add({ location: 'CurrentUser', name: 'Disallowed' }, bad.der);
  }
  return verifyChain(probe.chain, await loadTrust(store), {
    hostName: options.host ?? HOST,
    now: new Date(),
    ...(options.expectedAlternateNames
      ? { expectedAlternateNames: options.expectedAlternateNames }
      : {}),
  });
}

const faultsOf = (verdict: ChainVerdict) =>
  verdict.links.map((link) => link.faults.map((fault) => fault.code));

describe('chain verifier on loopback TLS servers', () => {
  it('trusts a good chain that ends at a root in CurrentUser\\Root', async () => {
    const verdict = await judge([server, intermediate]);
    expect(verdict.trusted).toBe(true);
    expect(verdict.links.map((link) => [link.role, link.source])).toEqual([
      ['server', 'presented'],
      ['intermediate', 'presented'],
      ['root', 'CurrentUser\\Root'],
    ]);
    expect(verdict.links[2]?.info.thumbprint).toBe(
      Buffer.from(await crypto.subtle.digest('SHA-1', root.der))
        .toString('hex')
        .toUpperCase(),
    );
    expect(faultsOf(verdict)).toEqual([[], [], []]);
  });

  it('names an expired server certificate, and only that link', async () => {
    const expired = await makeServer([HOST], intermediate, {
      notBefore: new Date(Date.now() - 400 * DAYS),
      notAfter: new Date(Date.now() - 2 * DAYS),
    });
    const verdict = await judge([expired, intermediate]);
    expect(verdict.trusted).toBe(false);
    expect(faultsOf(verdict)).toEqual([['expired'], [], []]);
    expect(verdict.links[0]?.faults[0]?.message).toMatch(/^expired on \d{4}-\d\d-\d\d/);
  });

  it('names a server certificate that is not valid yet', async () => {
    const early = await makeServer([HOST], intermediate, {
      notBefore: new Date(Date.now() + 3 * DAYS),
      notAfter: new Date(Date.now() + 300 * DAYS),
    });
    const verdict = await judge([early, intermediate]);
    expect(faultsOf(verdict)).toEqual([['not-yet-valid'], [], []]);
  });

  it('says the issuer is missing when the intermediate is neither sent nor in the CA store', async () => {
    const verdict = await judge([server]);
    expect(verdict.trusted).toBe(false);
    expect(faultsOf(verdict)).toEqual([['issuer-missing']]);
    expect(verdict.links[0]?.faults[0]?.message).toContain('CN=Contoso Test Issuing CA');
  });

  it('says where Windows could download a missing intermediate from', async () => {
    const pointing = await makeServer([HOST], intermediate, {
      caIssuersUrl: 'http://pki.contoso.test/issuing.crt',
    });
    const verdict = await judge([pointing]);
    expect(faultsOf(verdict)).toEqual([['issuer-missing']]);
    expect(verdict.links[0]?.faults[0]?.message).toContain(
      'Windows may download it from http://pki.contoso.test/issuing.crt',
    );
  });

  it('completes the chain from CurrentUser\\CA when the server omits the intermediate', async () => {
    const verdict = await judge([server], { intermediates: [intermediate] });
    expect(verdict.trusted).toBe(true);
    expect(verdict.links.map((link) => link.source)).toEqual([
      'presented',
      'CurrentUser\\CA',
      'CurrentUser\\Root',
    ]);
  });

  it('says the root is untrusted when the PC does not have it', async () => {
    const verdict = await judge([server, intermediate, root], { roots: [] });
    expect(faultsOf(verdict)).toEqual([[], [], ['untrusted-root']]);
    expect(verdict.links[2]?.source).toBe('presented');
  });

  it('says a root in the Disallowed store is explicitly distrusted', async () => {
    const verdict = await judge([server, intermediate], { disallowed: [root] });
    expect(faultsOf(verdict)).toEqual([[], [], ['distrusted']]);
    expect(verdict.links[2]?.faults[0]?.message).toContain('CurrentUser\\Disallowed');
  });

  it('says a tampered signature does not verify', async () => {
    const verdict = await judge([tamperSignature(server), intermediate]);
    expect(faultsOf(verdict)).toEqual([['bad-signature'], [], []]);
  });

  it('says a certificate re-signed by another key with the same issuer name does not verify', async () => {
    const impostor = await makeRoot('Not the issuing CA');
    const forged = await makeServer([HOST], intermediate, {
      signWith: impostor.keys,
      omitAuthorityKeyId: true,
    });
    const verdict = await judge([forged, intermediate]);
    expect(faultsOf(verdict)).toEqual([['bad-signature'], [], []]);
  });

  it('reports a name mismatch with the names the certificate carries', async () => {
    const other = await makeServer(['portal.fabrikam.test'], intermediate);
    const verdict = await judge([other, intermediate]);
    expect(faultsOf(verdict)).toEqual([['name-mismatch'], [], []]);
    expect(verdict.links[0]?.faults[0]?.message).toBe(
      'it is for DNS:portal.fabrikam.test, not sip.contoso.test',
    );
  });

  it('reports the lyncdiscover → *.online.lync.com mismatch as expected, not as a fault', async () => {
    const microsoft = await makeServer(['*.online.lync.com'], intermediate);
    const verdict = await judge([microsoft, intermediate], {
      host: 'lyncdiscover.contoso.test',
      expectedAlternateNames: ['webdir.online.lync.com'],
    });
    expect(verdict.trusted).toBe(true);
    expect(verdict.links[0]?.notes.join(' ')).toContain('webdir.online.lync.com');
  });

  it('flags an intermediate signed with SHA-1 as weak', async () => {
    const weak = await makeIntermediate('Contoso Legacy CA', root, { hash: 'SHA-1' });
    const leaf = await makeServer([HOST], weak);
    const verdict = await judge([leaf, weak]);
    expect(faultsOf(verdict)).toEqual([[], ['weak-signature'], []]);
    expect(verdict.links[1]?.faults[0]?.message).toContain('ecdsa-with-SHA1');
  });

  it('says so when the server certificate cannot be read, without throwing', async () => {
    const verdict = verifyChain(
      [new TextEncoder().encode('garbage'), intermediate.der],
      await loadTrust(memoryCertificateStore()),
      { hostName: HOST, now: new Date() },
    );
    expect(verdict.trusted).toBe(false);
    expect(verdict.links).toEqual([]);
    expect(verdict.notes[0]).toMatch(/^The server's own certificate could not be read/);
  });

  it('skips an unreadable entry in a trust store and says which one', async () => {
    const store = memoryCertificateStore();
    store.add({ location: 'LocalMachine', name: 'Root' }, new TextEncoder().encode('broken'));
    store.add({ location: 'CurrentUser', name: 'Root' }, root.der);
    const trust = await loadTrust(store);
    expect(trust.roots).toHaveLength(1);
    expect(trust.notes[0]).toMatch(/^LocalMachine\\Root holds an unreadable certificate/);
  });

  it('says a missing public root is one Windows adds through automatic root updates', async () => {
    const publicRoot = rootCertificates.find((pem) =>
      new X509Certificate(pem).subject.split('\n').includes('CN=DigiCert Global Root G2'),
    ) as string;
    const verdict = verifyChain(
      [new Uint8Array(new X509Certificate(publicRoot).raw)],
      await loadTrust(memoryCertificateStore()),
      { hostName: 'global-root-g2.digicert.com', now: new Date('2030-01-01T00:00:00Z') },
    );
    const faults = verdict.links[0]?.faults ?? [];
    expect(faults.map((fault) => fault.code)).toContain('untrusted-root');
    expect(faults.find((fault) => fault.code === 'untrusted-root')?.message).toContain(
      'automatic root updates',
    );
  });
});
