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
import {
  DIGICERT_GLOBAL_ROOT_G2_THUMBPRINT,
  runAdminChecks,
  type AdminCheckOptions,
} from './index';
import { thumbprintOf } from './certificate-info';
import {
  closedPort,
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
  makeIntermediate,
  makeRoot,
  makeServer,
  type TestCertificate,
} from '../../../../testing/admin/test-pki';
import { ROOT_STORE_DIALOG_WARNING } from './remove-distrusted-root-planner';

const DOMAIN = 'contoso.test';
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
  it('checks every derived and added target, DNS and clock, and names the failing link', async () => {
    const pc = await fixture();
    await seedTrust(pc);
    const microsoft = await makeServer(['*.online.lync.com'], issuing);
    const sipCertificate = await makeServer([`sip.${DOMAIN}`], issuing);
    const expiredAdfs = await makeServer([`adfs.${DOMAIN}`], issuing, {
      notBefore: new Date(Date.now() - 400 * DAYS),
      notAfter: new Date(Date.now() - 3 * DAYS),
    });
    const discover = await server({ chain: [microsoft, issuing] });
    const sip = await server({ chain: [sipCertificate, issuing] });
    const edge = await server({ chain: [microsoft, issuing], mode: 'tls-only' });
    const adfs = await server({ chain: [expiredAdfs, issuing] });
    const loopback = { A: ['127.0.0.1'] };
    const dns = await dnsServer({
      [`lyncdiscover.${DOMAIN}`]: { CNAME: 'webdir.online.lync.com' },
      [`sip.${DOMAIN}`]: { CNAME: 'sipdir.online.lync.com' },
      [`_sip._tls.${DOMAIN}`]: {
        SRV: [{ priority: 100, weight: 1, port: 443, target: 'sipdir.online.lync.com' }],
      },
      [`_sipfederationtls._tcp.${DOMAIN}`]: {
        SRV: [{ priority: 100, weight: 1, port: 5061, target: 'sipfed.online.lync.com' }],
      },
      'webdir.online.lync.com': loopback,
      'sipdir.online.lync.com': loopback,
      'sipfed.online.lync.com': loopback,
      [`adfs.${DOMAIN}`]: loopback,
    });

    const started = Date.now();
    const findings = await runAdminChecks(pc.host, {
      domain: DOMAIN,
      targets: [`adfs.${DOMAIN}:${adfs.port}`],
      dns: { servers: [dns.server] },
      portOverrides: {
        [`lyncdiscover.${DOMAIN}`]: discover.port,
        [`sip.${DOMAIN}`]: sip.port,
        'sipdir.online.lync.com': edge.port,
      },
      timeoutMs: 1500,
    });
    expect(Date.now() - started).toBeLessThan(5000);
    expect(findings.map((finding) => finding.id)).toEqual([
      'certificate-chain',
      'dns-records',
      'clock',
    ]);
    const { 'certificate-chain': chain, 'dns-records': records, clock } = byId(findings);

    expect(chain.status).toBe('problem');
    expect(chain.kbStep).toBe('admin-certificate-chain');
    expect(chain.summary).toBe(
      `This PC does not trust the certificate chain of adfs.${DOMAIN}:${adfs.port}: ` +
        `server certificate CN=adfs.${DOMAIN}: expired on ${expiredAdfs.certificate.notAfter.toISOString().replace('.000Z', 'Z')}.`,
    );
    expect(chain.repairs).toEqual([]);
    expect(evidenceValue(chain, `lyncdiscover.${DOMAIN}:${discover.port}`)).toMatch(
      /^chain trusted by this PC \(3 links/,
    );
    expect(
      evidenceValue(
        chain,
        `lyncdiscover.${DOMAIN}:${discover.port} link 1: server certificate (sent by the server)`,
      ),
    ).toContain('Name mismatch is expected');
    expect(evidenceValue(chain, `sip.${DOMAIN}:${sip.port}`)).toMatch(/^chain trusted/);
    expect(
      evidenceValue(chain, `sip.${DOMAIN}:${sip.port} link 3: root (from CurrentUser\\Root)`),
    ).toContain(`thumbprint ${thumbprintOf(root.der)}`);
    // The SRV target answers TLS but not HTTP, like a SIP edge: its chain is still judged
    // (*.online.lync.com covers sipdir.online.lync.com), it just has no clock to read.
    expect(evidenceValue(chain, `sipdir.online.lync.com:${edge.port}`)).toMatch(/^chain trusted/);
    expect(evidenceValue(chain, `lyncdiscoverinternal.${DOMAIN}:443`)).toBe(
      `not checked: lyncdiscoverinternal.${DOMAIN} does not resolve`,
    );
    expect(
      evidenceValue(
        chain,
        `adfs.${DOMAIN}:${adfs.port} link 1: server certificate (sent by the server)`,
      ),
    ).toMatch(/PROBLEM: expired on/);

    expect(records.status).toBe('ok');
    expect(clock.status).toBe('ok');
    // What the wizard receives through IPC passes the operation table's response schema.
    expect(() => OPERATIONS['admin.check'].response.parse({ findings })).not.toThrow();
    expect(evidenceValue(clock, `sipdir.online.lync.com:${edge.port}`)).toMatch(/^no server time/);
    expect(
      dns.queries.every((query) => query.includes('.test') || query.includes('online.lync.com')),
    ).toBe(true);
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
    const options: AdminCheckOptions = { dns: { servers: [dns.server] }, timeoutMs: 1500 };

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
    expect(evidenceValue(chain, 'lyncdiscover.contoso.com:443')).toBe(
      'not checked: lyncdiscover.contoso.com does not resolve',
    );
  });

  it('finishes within its budget when the DNS server never answers, and says so', async () => {
    const pc = await fixture();
    const silentDns = await startSilentDns();
    cleanups.push(() => silentDns.close());
    const started = Date.now();
    const findings = byId(
      await runAdminChecks(pc.host, {
        domain: DOMAIN,
        dns: { servers: [silentDns.server] },
        timeoutMs: 500,
      }),
    );
    expect(Date.now() - started).toBeLessThan(2500);
    expect(findings['dns-records'].status).toBe('unknown');
    expect(findings['dns-records'].summary).toMatch(/^The DNS server did not answer for /);
    expect(findings['certificate-chain'].status).toBe('unknown');
    expect(evidenceValue(findings['certificate-chain'], `sip.${DOMAIN}:443`)).toBe(
      `unreachable: A sip.${DOMAIN}: the DNS server did not answer in time`,
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
    expect(findings['dns-records'].summary).toContain(
      'Missing DNS record: lyncdiscover.contoso.com',
    );
    expect(dns.queries).toContain('SRV _sip._tls.contoso.com');
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
