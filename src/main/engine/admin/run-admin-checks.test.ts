/**
 * The administrators' step end to end on a practice PC: its real certificate stores (seeded with
 * the test CA through the port), real TLS servers and a real DNS server on loopback. Every name
 * resolves through the loopback DNS server to 127.0.0.1, so nothing leaves the machine.
 */
import { rootCertificates } from 'node:tls';
import { X509Certificate } from 'node:crypto';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Finding, FindingId } from '../../../shared/findings';
import { OPERATIONS } from '../../../shared/operations';
import type { CertificateStoreRef } from '../../host/ports';
import {
  certificateEntryFor,
  practiceFixture,
  type PracticeFixture,
} from '../../../../testing/engine/practice';
import { nodeNetwork } from '../../host/network/node-network';
import type { HostSystem } from '../../host/ports';
import {
  DIGICERT_GLOBAL_ROOT_G2_THUMBPRINT,
  runAdminChecks as runAdminChecksWith,
  type AdminCheckOptions,
} from './index';
import { thumbprintOf } from './certificate-info';
import {
  closedPort,
  startHttpServer,
  startSilentServer,
  startTlsServer,
  type LoopbackServer,
  type TlsServerOptions,
} from '../../../../testing/admin/loopback-servers';
import {
  startLoopbackDns,
  startSilentDns,
  type LoopbackDns,
  type Zone,
} from '../../../../testing/admin/loopback-dns';
import {
  DAYS,
  makeCrl,
  makeIntermediate,
  makeOcspResponder,
  makeRoot,
  makeServer,
  type TestCertificate,
} from '../../../../testing/admin/test-pki';
import { startOcspResponder } from '../../../../testing/admin/ocsp-responder';
import { ROOT_STORE_DIALOG_WARNING } from './remove-distrusted-root-planner';

const DOMAIN = 'contoso.test';
const network = nodeNetwork();
/** The real network port: every server and DNS server below listens on loopback. */
const runAdminChecks = (host: HostSystem, options: Omit<AdminCheckOptions, 'network'> = {}) =>
  runAdminChecksWith(host, { network, ...options });
const USER_ROOT: CertificateStoreRef = { location: 'CurrentUser', name: 'Root' };
const USER_DISALLOWED: CertificateStoreRef = { location: 'CurrentUser', name: 'Disallowed' };

let root: TestCertificate;
let issuing: TestCertificate;
const cleanups: Array<() => Promise<void>> = [];

beforeAll(async () => {
  root = await makeRoot('Contoso Test Root CA');
  issuing = await makeIntermediate('Contoso Test Issuing CA', root);
});

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function fixture(): Promise<PracticeFixture> {
  const pc = await practiceFixture('kb-lync2013');
  cleanups.push(() => pc.dispose());
  return pc;
}

async function seedTrust(pc: PracticeFixture): Promise<void> {
  await pc.host.certificates.importEntry(USER_ROOT, certificateEntryFor(root.der));
}

async function server(options: TlsServerOptions): Promise<LoopbackServer> {
  const running = await startTlsServer(options);
  cleanups.push(() => running.close());
  return running;
}

async function dnsServer(zone: Zone): Promise<LoopbackDns> {
  const running = await startLoopbackDns(zone);
  cleanups.push(() => running.close());
  return running;
}

const byId = (findings: Finding[]) =>
  Object.fromEntries(findings.map((finding) => [finding.id, finding])) as Record<
    FindingId,
    Finding
  >;

const evidenceValue = (finding: Finding, label: string) =>
  finding.evidence.find((item) => item.label === label)?.value;

describe('runAdminChecks on a practice PC with loopback servers', () => {
  it('follows discovery to the web services on 443 and the SIP pool on its SRV port, and names the failing link', async () => {
    const pc = await fixture();
    await seedTrust(pc);
    const webCertificate = await makeServer([`webint.${DOMAIN}`], issuing);
    const poolCertificate = await makeServer([`pool.${DOMAIN}`, `sipinternal.${DOMAIN}`], issuing);
    const expiredAdfs = await makeServer([`adfs.${DOMAIN}`], issuing, {
      notBefore: new Date(Date.now() - 400 * DAYS),
      notAfter: new Date(Date.now() - 3 * DAYS),
    });
    const web = await server({ chain: [webCertificate, issuing] });
    // A SIP pool completes the TLS handshake and then speaks SIP, never HTTP.
    const pool = await server({ chain: [poolCertificate, issuing], mode: 'tls-only' });
    const adfs = await server({ chain: [expiredAdfs, issuing] });
    const loopback = { A: ['127.0.0.1'] };
    // An internal-only deployment: no lyncdiscover, _sip._tls, sipexternal or federation record.
    const dns = await dnsServer({
      [`lyncdiscoverinternal.${DOMAIN}`]: { CNAME: `webint.${DOMAIN}` },
      [`webint.${DOMAIN}`]: loopback,
      [`_sipinternaltls._tcp.${DOMAIN}`]: {
        SRV: [{ priority: 0, weight: 0, port: pool.port, target: `pool.${DOMAIN}` }],
      },
      [`pool.${DOMAIN}`]: loopback,
      [`sipinternal.${DOMAIN}`]: loopback,
      [`adfs.${DOMAIN}`]: loopback,
    });

    const started = Date.now();
    const findings = await runAdminChecks(pc.host, {
      domain: DOMAIN,
      targets: [`adfs.${DOMAIN}:${adfs.port}`],
      dns: { servers: [dns.server] },
      portOverrides: {
        [`lyncdiscoverinternal.${DOMAIN}`]: web.port,
        [`sipinternal.${DOMAIN}`]: pool.port,
      },
      timeoutMs: 1500,
    });
    expect(Date.now() - started).toBeLessThan(5000);
    expect(findings.map((finding) => finding.id)).toEqual([
      'certificate-chain',
      'dns-records',
      'revocation',
      'clock',
    ]);
    const {
      'certificate-chain': chain,
      'dns-records': records,
      clock,
      revocation,
    } = byId(findings);

    expect(chain.status).toBe('problem');
    expect(chain.kbStep).toBe('admin-certificate-chain');
    expect(chain.summary).toBe(
      `This PC does not trust the certificate chain of adfs.${DOMAIN}:${adfs.port}: ` +
        `server certificate CN=adfs.${DOMAIN}: expired on ${expiredAdfs.certificate.notAfter.toISOString().replace('.000Z', 'Z')}.`,
    );
    expect(chain.repairs).toEqual([]);
    expect(chain.evidence.filter((item) => item.kind === 'host').map((item) => item.label)).toEqual(
      [
        `lyncdiscoverinternal.${DOMAIN}:${web.port}`,
        `pool.${DOMAIN}:${pool.port}`,
        `sipinternal.${DOMAIN}:${pool.port}`,
        `adfs.${DOMAIN}:${adfs.port}`,
      ],
    );
    expect(evidenceValue(chain, `lyncdiscoverinternal.${DOMAIN}:${web.port}`)).toMatch(
      /^chain trusted by this PC \(3 links/,
    );
    expect(
      evidenceValue(
        chain,
        `lyncdiscoverinternal.${DOMAIN}:${web.port} link 1: server certificate (sent by the server)`,
      ),
    ).toContain('Name mismatch is expected');
    // The SIP pool was reached on the port its SRV record names.
    expect(evidenceValue(chain, `pool.${DOMAIN}:${pool.port}`)).toMatch(/^chain trusted/);
    expect(
      evidenceValue(chain, `pool.${DOMAIN}:${pool.port} link 3: root (from CurrentUser\\Root)`),
    ).toContain(`thumbprint ${thumbprintOf(root.der)}`);
    expect(
      evidenceValue(
        chain,
        `adfs.${DOMAIN}:${adfs.port} link 1: server certificate (sent by the server)`,
      ),
    ).toMatch(/PROBLEM: expired on/);

    expect(records.status).toBe('ok');
    expect(records.summary).toBe(
      `The client finds its pool through lyncdiscoverinternal.${DOMAIN}, the first record that answers (lyncdiscoverinternal.${DOMAIN}:443).`,
    );
    expect(revocation.status).toBe('ok');
    expect(revocation.summary).toBe(
      'The certificates of the servers reached name no revocation address (CRL or OCSP).',
    );
    expect(clock.status).toBe('ok');
    // SIP servers are not asked for the time; the web servers are.
    expect(clock.evidence.map((item) => item.label)).toEqual([
      `lyncdiscoverinternal.${DOMAIN}:${web.port}`,
      `adfs.${DOMAIN}:${adfs.port}`,
    ]);
    // What the wizard receives through IPC passes the operation table's response schema.
    expect(() => OPERATIONS['admin.check'].response.parse({ findings })).not.toThrow();
    expect(dns.queries.every((query) => query.includes('.test'))).toBe(true);
  });

  it('tries every CRL and OCSP address of the chains within the budget, one by one', async () => {
    const pc = await fixture();
    await seedTrust(pc);
    const closed = await closedPort();
    const silent = await startSilentServer();
    cleanups.push(() => silent.close());
    const published = await startHttpServer({
      '/portal': { contentType: 'text/html', body: '<html>Sign in to the proxy</html>' },
    });
    cleanups.push(() => published.close());
    const rootCrl = `http://127.0.0.1:${closed}/root.crl`;
    const issuingCrl = published.url('/issuing.crl');
    const ocsp = `http://127.0.0.1:${silent.port}/ocsp`;
    const revokingIssuer = await makeIntermediate('Contoso Revocation Issuing CA', root, {
      crlUrls: [rootCrl],
    });
    const crl = await makeCrl(revokingIssuer);
    published.files['/issuing.crl'] = { contentType: 'application/pkix-crl', body: crl };
    const leaf = await makeServer([`web.${DOMAIN}`], revokingIssuer, {
      crlUrls: [issuingCrl, published.url('/portal'), 'ldap:///CN=Contoso,CN=CDP,DC=contoso'],
      ocspUrl: ocsp,
    });
    const web = await server({ chain: [leaf, revokingIssuer] });
    const dns = await dnsServer({ [`web.${DOMAIN}`]: { A: ['127.0.0.1'] } });

    const started = Date.now();
    const findings = byId(
      await runAdminChecks(pc.host, {
        targets: [`web.${DOMAIN}:${web.port}`],
        dns: { servers: [dns.server] },
        timeoutMs: 800,
      }),
    );
    const elapsed = Date.now() - started;
    expect(elapsed).toBeGreaterThanOrEqual(750);
    expect(elapsed).toBeLessThan(3000);
    expect(findings['certificate-chain'].status).toBe('ok');
    const revocation = findings.revocation;
    const leafName = `CN=web.${DOMAIN}`;
    const issuerName = 'CN=Contoso Revocation Issuing CA';
    expect(revocation.evidence.map((item) => [item.label, item.value.split(':')[0]])).toEqual([
      [`CRL ${issuingCrl}`, expect.stringMatching(/^reachable after \d+ ms$/)],
      [`CRL ${published.url('/portal')}`, expect.stringMatching(/^UNREACHABLE after \d+ ms$/)],
      ['CRL ldap:///CN=Contoso,CN=CDP,DC=contoso', 'not tried'],
      [`OCSP ${ocsp}`, expect.stringMatching(/^TIMED OUT after \d+ ms$/)],
      [`CRL ${rootCrl}`, expect.stringMatching(/^UNREACHABLE after \d+ ms$/)],
    ]);
    expect(evidenceValue(revocation, `CRL ${issuingCrl}`)).toMatch(
      new RegExp(`: served a CRL \\(${crl.length} bytes\\); named by ${leafName}$`),
    );
    expect(evidenceValue(revocation, `CRL ${published.url('/portal')}`)).toContain(
      'answered HTTP 200 but not with a CRL',
    );
    expect(evidenceValue(revocation, `OCSP ${ocsp}`)).toContain('no answer within 800 ms');
    expect(evidenceValue(revocation, `CRL ${rootCrl}`)).toMatch(
      new RegExp(`connection refused; named by ${issuerName}$`),
    );
    expect(published.requests).toEqual(expect.arrayContaining(['GET /issuing.crl', 'GET /portal']));
    // The issuing CA's only address fails: its revocation cannot be checked, so sign-in fails.
    expect(revocation.status).toBe('problem');
    expect(revocation.summary).toBe(
      `This PC cannot reach 3 revocation addresses named in the servers' certificates ` +
        `(first: ${published.url('/portal')}, unreachable): sign-in fails where revocation cannot be checked.`,
    );
    expect(revocation.detail).toContain('locked-down network');
    expect(() =>
      OPERATIONS['admin.check'].response.parse({ findings: Object.values(findings) }),
    ).not.toThrow();
  });

  it("asks the chain's OCSP responder about the certificate and reports its answer", async () => {
    const pc = await fixture();
    await seedTrust(pc);
    const dns = await dnsServer({ [`web.${DOMAIN}`]: { A: ['127.0.0.1'] } });
    const ocspIssuer = await makeIntermediate('Contoso OCSP Issuing CA', root);
    // OpenSSL's own responder answers from the CA's index, signing with the issuer's key.
    const responder = await startOcspResponder(ocspIssuer, [
      { serialNumber: '1001', subject: `CN=web.${DOMAIN}`, status: 'good' },
      { serialNumber: '1002', subject: `CN=web.${DOMAIN}`, status: 'revoked' },
    ]);
    cleanups.push(() => responder.close());

    const revocationOf = async (serialNumber: string) => {
      const leaf = await makeServer([`web.${DOMAIN}`], ocspIssuer, {
        ocspUrl: responder.url,
        serialNumber,
      });
      const web = await server({ chain: [leaf, ocspIssuer] });
      return byId(
        await runAdminChecks(pc.host, {
          targets: [`web.${DOMAIN}:${web.port}`],
          dns: { servers: [dns.server] },
          timeoutMs: 3000,
        }),
      ).revocation;
    };

    const good = await revocationOf('1001');
    expect(evidenceValue(good, `OCSP ${responder.url}`)).toMatch(
      /^reachable after \d+ ms: the responder says CN=web\.contoso\.test is good; named by CN=web\.contoso\.test$/,
    );
    expect(good.status).toBe('ok');

    const revoked = await revocationOf('1002');
    expect(evidenceValue(revoked, `OCSP ${responder.url}`)).toContain(
      'the responder says CN=web.contoso.test is revoked',
    );
    expect(revoked.status).toBe('problem');
    expect(revoked.summary).toBe(
      `The OCSP responder ${responder.url} says CN=web.contoso.test is revoked: the client refuses a revoked certificate. Replace it.`,
    );

    // A serial the CA never issued: the responder answers "unknown".
    const unknown = await revocationOf('1003');
    expect(evidenceValue(unknown, `OCSP ${responder.url}`)).toContain('is unknown');
  });

  it('takes an OCSP answer only when the issuer, or a responder it authorised, signed it', async () => {
    const pc = await fixture();
    await seedTrust(pc);
    const dns = await dnsServer({ [`web.${DOMAIN}`]: { A: ['127.0.0.1'] } });
    const ocspIssuer = await makeIntermediate('Contoso OCSP Issuing CA', root);
    const revocationSignedBy = async (signer: TestCertificate) => {
      const responder = await startOcspResponder(
        ocspIssuer,
        [{ serialNumber: '2001', subject: `CN=web.${DOMAIN}`, status: 'good' }],
        signer,
      );
      cleanups.push(() => responder.close());
      const leaf = await makeServer([`web.${DOMAIN}`], ocspIssuer, {
        ocspUrl: responder.url,
        serialNumber: '2001',
      });
      const web = await server({ chain: [leaf, ocspIssuer] });
      const finding = byId(
        await runAdminChecks(pc.host, {
          targets: [`web.${DOMAIN}:${web.port}`],
          dns: { servers: [dns.server] },
          timeoutMs: 3000,
        }),
      ).revocation;
      return { finding, evidence: evidenceValue(finding, `OCSP ${responder.url}`) };
    };

    // A responder certificate the issuing CA signed for OCSP signing: trusted.
    const delegated = await revocationSignedBy(
      await makeOcspResponder('Contoso OCSP Responder', ocspIssuer),
    );
    expect(delegated.evidence).toContain('the responder says CN=web.contoso.test is good');
    expect(delegated.finding.status).toBe('ok');

    // Signed by a certificate of the same CA without the OCSP signing purpose, or by another CA:
    // the client takes no status from either, so this certificate's revocation cannot be checked.
    for (const signer of [
      await makeOcspResponder('Contoso Web Server', ocspIssuer, { ocspSigning: false }),
      await makeIntermediate('Fabrikam Issuing CA', root),
    ]) {
      const refused = await revocationSignedBy(signer);
      expect(refused.evidence).toMatch(
        /^ANSWER NOT TRUSTED after \d+ ms: the responder answered about CN=web\.contoso\.test, but the answer is signed neither by the issuer CN=Contoso OCSP Issuing CA nor by a responder it authorised: the client does not trust it; named by CN=web\.contoso\.test$/,
      );
      expect(refused.finding.status).toBe('problem');
      expect(refused.finding.summary).toMatch(
        /^This PC gets no trusted answer from 1 revocation address named in the servers' certificates \(first: http:\/\/127\.0\.0\.1:\d+, answer not trusted\)/,
      );
    }
  });

  it('says the PC clock is off when a server reports a time more than five minutes away', async () => {
    const pc = await fixture();
    await seedTrust(pc);
    const leaf = await makeServer([`adfs.${DOMAIN}`], issuing);
    const behind = await server({
      chain: [leaf, issuing],
      serverTime: () => new Date(Date.now() - 7 * 60 * 1000 - 3000),
    });
    const near = await server({
      chain: [leaf, issuing],
      serverTime: () => new Date(Date.now() - 2 * 60 * 1000),
    });
    const dns = await dnsServer({ [`adfs.${DOMAIN}`]: { A: ['127.0.0.1'] } });
    const options = { dns: { servers: [dns.server] }, timeoutMs: 1500 };

    const skewed = byId(
      await runAdminChecks(pc.host, { ...options, targets: [`adfs.${DOMAIN}:${behind.port}`] }),
    );
    expect(skewed.clock.status).toBe('problem');
    expect(skewed.clock.summary).toMatch(
      new RegExp(
        `more than 5 minutes off: adfs\\.contoso\\.test:${behind.port} \\(the PC is 7 min [3-4] s ahead of the server\\)`,
      ),
    );
    expect(skewed['certificate-chain'].status).toBe('ok');

    const fine = byId(
      await runAdminChecks(pc.host, { ...options, targets: [`adfs.${DOMAIN}:${near.port}`] }),
    );
    expect(fine.clock.status).toBe('ok');

    // A server the administrator added that cannot be reached tempers an otherwise good result.
    const closed = await closedPort();
    const partly = byId(
      await runAdminChecks(pc.host, {
        ...options,
        targets: [`adfs.${DOMAIN}:${near.port}`, `127.0.0.1:${closed}`],
      }),
    );
    expect(partly['certificate-chain'].status).toBe('warning');
    expect(partly['certificate-chain'].summary).toBe(
      'The chains that could be checked are trusted, but 1 of the servers you added could not be reached.',
    );
    expect(evidenceValue(fine.clock, `adfs.${DOMAIN}:${near.port}`)).toMatch(
      /PC is 2 min( 1 s)? ahead of/,
    );

    // The PC's own clock may be the one that is off: the same server read from a PC 10 min behind.
    const pcBehind = byId(
      await runAdminChecks(pc.host, {
        ...options,
        targets: [`adfs.${DOMAIN}:${near.port}`],
        now: () => new Date(Date.now() - 12 * 60 * 1000),
      }),
    );
    expect(pcBehind.clock.status).toBe('problem');
    expect(pcBehind.clock.summary).toContain('behind the server');
  });

  it('reports closed and silent targets as unreachable within the budget, never as untrusted', async () => {
    const pc = await fixture();
    await seedTrust(pc);
    const closed = await closedPort();
    const silent = await startSilentServer();
    cleanups.push(() => silent.close());
    // The practice PC's signed-in domain (contoso.com) is looked up too: an empty loopback zone
    // keeps those look-ups on this machine.
    const dns = await dnsServer({});

    const started = Date.now();
    const findings = byId(
      await runAdminChecks(pc.host, {
        targets: [`127.0.0.1:${closed}`, `127.0.0.1:${silent.port}`],
        dns: { servers: [dns.server] },
        timeoutMs: 700,
      }),
    );
    const elapsed = Date.now() - started;
    expect(elapsed).toBeGreaterThanOrEqual(650);
    expect(elapsed).toBeLessThan(2500);
    const chain = findings['certificate-chain'];
    expect(chain.status).toBe('unknown');
    expect(chain.summary).toBe('No server could be reached, so no certificate chain was checked.');
    expect(evidenceValue(chain, `127.0.0.1:${closed}`)).toBe('unreachable: connection refused');
    expect(evidenceValue(chain, `127.0.0.1:${silent.port}`)).toBe(
      'unreachable: no TLS answer within 700 ms',
    );
    expect(chain.evidence.some((item) => /untrusted|NOT trusted/i.test(item.value))).toBe(false);
    expect(findings.clock.status).toBe('unknown');
    expect(findings.revocation.status).toBe('unknown');
    // The signed-in domain publishes no discovery record, so only the added servers are probed.
    expect(chain.evidence.map((item) => item.label)).toEqual([
      `127.0.0.1:${closed}`,
      `127.0.0.1:${silent.port}`,
    ]);
  });

  it('finishes within its budget when the DNS server never answers, and says so', async () => {
    const pc = await fixture();
    const silentDns = await startSilentDns();
    cleanups.push(() => silentDns.close());
    const started = Date.now();
    const findings = byId(
      await runAdminChecks(pc.host, {
        domain: DOMAIN,
        targets: [`adfs.${DOMAIN}`],
        dns: { servers: [silentDns.server] },
        timeoutMs: 500,
      }),
    );
    expect(Date.now() - started).toBeLessThan(2500);
    expect(findings['dns-records'].status).toBe('unknown');
    expect(findings['dns-records'].summary).toMatch(
      /^The DNS server did not answer for lyncdiscoverinternal\.contoso\.test, lyncdiscover\.contoso\.test, /,
    );
    expect(findings['certificate-chain'].status).toBe('unknown');
    expect(evidenceValue(findings['certificate-chain'], `adfs.${DOMAIN}:443`)).toBe(
      `unreachable: A adfs.${DOMAIN}: the DNS server did not answer in time`,
    );
    expect(silentDns.queries.length).toBeGreaterThan(0);
  });

  it('reads the SIP domain from the signed-in address when none is given', async () => {
    const pc = await fixture();
    const dns = await dnsServer({});
    const findings = byId(
      await runAdminChecks(pc.host, { dns: { servers: [dns.server] }, timeoutMs: 800 }),
    );
    expect(findings['dns-records'].evidence[0]).toEqual({
      kind: 'text',
      label: 'SIP domain',
      value: 'contoso.com',
    });
    expect(findings['dns-records'].status).toBe('problem');
    expect(findings['dns-records'].summary).toMatch(
      /^No record leads the client to a pool for contoso\.com/,
    );
    expect(dns.queries).toEqual(
      expect.arrayContaining([
        'CNAME lyncdiscoverinternal.contoso.com',
        'SRV _sipinternaltls._tcp.contoso.com',
        'A sipinternal.contoso.com',
        'SRV _sip._tls.contoso.com',
      ]),
    );
    expect(findings['certificate-chain'].summary).toBe(
      'No server to check: no DNS record leads to one and none was added (host:port).',
    );
  });

  it('refuses a malformed target or domain with a clear error', async () => {
    const pc = await fixture();
    await expect(
      runAdminChecks(pc.host, { targets: ['adfs.contoso.test:99999'] }),
    ).rejects.toMatchObject({
      code: 'invalid-request',
      message: expect.stringContaining('"adfs.contoso.test:99999" is not a server to check'),
    });
    await expect(runAdminChecks(pc.host, { domain: 'not a domain' })).rejects.toMatchObject({
      code: 'invalid-request',
    });
    await expect(
      runAdminChecks(pc.host, { domain: 'contoso.test', dns: { servers: ['not-an-ip'] } }),
    ).rejects.toMatchObject({
      code: 'invalid-request',
      message: expect.stringContaining('Not DNS servers to ask: not-an-ip'),
    });
    await expect(
      runAdminChecks(pc.host, { portOverrides: { 'sip.contoso.test': 0 } }),
    ).rejects.toMatchObject({ code: 'invalid-request' });
  });
});

describe('the distrusted DigiCert Global Root G2 in CurrentUser\\Root', () => {
  const g2Pem = rootCertificates.find(
    (pem) => thumbprintOf(new X509Certificate(pem).raw) === DIGICERT_GLOBAL_ROOT_G2_THUMBPRINT,
  );

  it('is recognised, offered for repair, removed with a backup and restored exactly by undo', async () => {
    expect(g2Pem, 'Node ships DigiCert Global Root G2 among its roots').toBeDefined();
    const g2 = new Uint8Array(new X509Certificate(g2Pem as string).raw);
    const pc = await fixture();
    await pc.host.certificates.importEntry(
      USER_ROOT,
      certificateEntryFor(g2, { friendlyName: 'DigiCert Global Root G2' }),
    );
    await pc.host.certificates.importEntry(USER_DISALLOWED, certificateEntryFor(g2));
    const before = await pc.host.certificates.exportEntry(
      USER_ROOT,
      DIGICERT_GLOBAL_ROOT_G2_THUMBPRINT,
    );
    const otherRoots = (await pc.host.certificates.list(USER_ROOT))
      .map((entry) => entry.thumbprint)
      .filter((thumbprint) => thumbprint !== DIGICERT_GLOBAL_ROOT_G2_THUMBPRINT);
    expect(otherRoots.length).toBeGreaterThan(0);

    const found = byId(
      await runAdminChecks(pc.host, { timeoutMs: 500, dns: { servers: ['127.0.0.1:9'] } }),
    )['certificate-chain'];
    expect(found.status).toBe('problem');
    expect(found.repairs).toEqual(['remove-distrusted-root']);
    expect(found.summary).toContain('DigiCert Global Root G2');
    expect(found.evidence.find((item) => item.kind === 'thumbprint')?.value).toContain(
      'known DigiCert Global Root G2 case',
    );

    const engine = pc.engine();
    const plan = await engine.plan({ steps: ['remove-distrusted-root'] });
    const step = plan.steps[0];
    expect(step?.actions.map((action) => action.target)).toEqual([
      expect.objectContaining({
        kind: 'certificate',
        store: 'CurrentUser\\Root',
        thumbprint: DIGICERT_GLOBAL_ROOT_G2_THUMBPRINT,
      }),
    ]);
    expect(plan.requiresClientClosed).toBe(false);
    expect(plan.warnings).toContain(ROOT_STORE_DIALOG_WARNING);

    const run = await engine.apply(plan.id);
    expect(run.status).toBe('applied');
    expect(run.actions.every((action) => action.verified)).toBe(true);
    expect(
      await pc.host.certificates.exportEntry(USER_ROOT, DIGICERT_GLOBAL_ROOT_G2_THUMBPRINT),
    ).toBeUndefined();
    // Only the user-level Root copy goes: the Disallowed entry and every other root stay.
    expect(
      await pc.host.certificates.exportEntry(USER_DISALLOWED, DIGICERT_GLOBAL_ROOT_G2_THUMBPRINT),
    ).toBeDefined();
    expect((await pc.host.certificates.list(USER_ROOT)).map((entry) => entry.thumbprint)).toEqual(
      otherRoots,
    );

    const after = byId(
      await runAdminChecks(pc.host, { timeoutMs: 500, dns: { servers: ['127.0.0.1:9'] } }),
    )['certificate-chain'];
    expect(after.repairs).toEqual([]);
    expect(after.status).not.toBe('problem');

    const undone = await engine.undo(run.id);
    expect(undone.status).toBe('undone');
    const restored = await pc.host.certificates.exportEntry(
      USER_ROOT,
      DIGICERT_GLOBAL_ROOT_G2_THUMBPRINT,
    );
    expect(Buffer.from(restored as Uint8Array).equals(Buffer.from(before as Uint8Array))).toBe(
      true,
    );
  });

  it('plans nothing when no user root is distrusted', async () => {
    const pc = await fixture();
    const plan = await pc.engine().plan({ steps: ['remove-distrusted-root'] });
    expect(plan.steps[0]?.actions).toEqual([]);
    expect(plan.steps[0]?.note).toBe('No root in CurrentUser\\Root is also in a Disallowed store.');
  });
});
