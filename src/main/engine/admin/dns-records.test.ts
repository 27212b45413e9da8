/**
 * DNS record checks against a real DNS server on loopback (dns2, UDP, random port) answering
 * the zones below: good online and on-premises records, missing ones, wrong targets, and a
 * server that never answers.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createDnsClient } from './dns-client';
import { checkDnsRecords } from './dns-records';
import { dnsRecordsFinding } from './dns-records-finding';
import {
  startLoopbackDns,
  startSilentDns,
  type LoopbackDns,
  type Zone,
} from '../../../../testing/admin/loopback-dns';

const DOMAIN = 'contoso.test';
const running: LoopbackDns[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((server) => server.close()));
});

const MICROSOFT_HOSTS: Zone = {
  'webdir.online.lync.com': { A: ['127.0.0.1'] },
  'sipdir.online.lync.com': { A: ['127.0.0.1'] },
  'sipfed.online.lync.com': { A: ['127.0.0.1'] },
};

const ONLINE_ZONE: Zone = {
  ...MICROSOFT_HOSTS,
  'lyncdiscover.contoso.test': { CNAME: 'webdir.online.lync.com' },
  'sip.contoso.test': { CNAME: 'sipdir.online.lync.com' },
  '_sip._tls.contoso.test': {
    SRV: [{ priority: 100, weight: 1, port: 443, target: 'sipdir.online.lync.com' }],
  },
  '_sipfederationtls._tcp.contoso.test': {
    SRV: [{ priority: 100, weight: 1, port: 5061, target: 'sipfed.online.lync.com' }],
  },
};

async function check(zone: Zone, deployment: 'auto' | 'online' | 'on-premises' = 'auto') {
  const dns = await startLoopbackDns(zone);
  running.push(dns);
  const client = createDnsClient({ servers: [dns.server], timeoutMs: 1000 });
  try {
    const result = await checkDnsRecords(client, DOMAIN, deployment);
    return { result, finding: dnsRecordsFinding(result, client.servers), queries: dns.queries };
  } finally {
    client.close();
  }
}

const verdicts = (result: Awaited<ReturnType<typeof check>>['result']) =>
  Object.fromEntries(result.checks.map((c) => [c.record, c.verdict]));

describe('DNS records on a loopback DNS server', () => {
  it('accepts the online-style records and asks only the loopback server', async () => {
    const { result, finding, queries } = await check(ONLINE_ZONE);
    expect(result.deployment).toBe('online');
    expect(verdicts(result)).toEqual({
      'CNAME lyncdiscover.contoso.test': 'ok',
      'CNAME sip.contoso.test': 'ok',
      'SRV _sip._tls.contoso.test': 'ok',
      'SRV _sipfederationtls._tcp.contoso.test': 'ok',
      'CNAME lyncdiscoverinternal.contoso.test': 'absent',
    });
    expect(finding.status).toBe('ok');
    expect(result.sipTlsTarget).toEqual({ host: 'sipdir.online.lync.com', port: 443 });
    expect(result.cnameChains['lyncdiscover.contoso.test']).toEqual(['webdir.online.lync.com']);
    expect(queries).toContain('SRV _sip._tls.contoso.test');
  });

  it('names each missing record precisely', async () => {
    const zone = { ...ONLINE_ZONE };
    delete zone['_sip._tls.contoso.test'];
    delete zone['sip.contoso.test'];
    const { result, finding } = await check(zone);
    expect(verdicts(result)['SRV _sip._tls.contoso.test']).toBe('missing');
    expect(verdicts(result)['CNAME sip.contoso.test']).toBe('missing');
    expect(finding.status).toBe('problem');
    expect(finding.summary).toBe(
      'Missing DNS record: CNAME sip.contoso.test (expected CNAME sipdir.online.lync.com) (and 1 more).',
    );
    expect(finding.evidence).toContainEqual({
      kind: 'host',
      label: 'SRV _sip._tls.contoso.test',
      value:
        'MISSING: found no record; expected priority 100, weight 1, port 443, sipdir.online.lync.com',
    });
  });

  it('shows wrong values with expected beside found', async () => {
    const { result, finding } = await check({
      ...ONLINE_ZONE,
      'sip.contoso.test': { CNAME: 'sipdir.online.lync.co' },
      '_sip._tls.contoso.test': {
        SRV: [{ priority: 100, weight: 1, port: 5061, target: 'sipdir.online.lync.com' }],
      },
    });
    expect(verdicts(result)['CNAME sip.contoso.test']).toBe('wrong');
    expect(verdicts(result)['SRV _sip._tls.contoso.test']).toBe('wrong');
    expect(finding.status).toBe('problem');
    expect(finding.summary).toBe(
      'Wrong DNS record: CNAME sip.contoso.test is CNAME sipdir.online.lync.co; expected CNAME sipdir.online.lync.com (and 1 more).',
    );
    expect(finding.evidence).toContainEqual({
      kind: 'host',
      label: 'SRV _sip._tls.contoso.test',
      value:
        'WRONG: found priority 100, weight 1, port 5061, sipdir.online.lync.com; ' +
        'expected priority 100, weight 1, port 443, sipdir.online.lync.com',
    });
  });

  it('warns about a stale lyncdiscoverinternal record in an online deployment', async () => {
    const { result, finding } = await check({
      ...ONLINE_ZONE,
      'lyncdiscoverinternal.contoso.test': { A: ['10.0.0.9'] },
    });
    expect(verdicts(result)['CNAME lyncdiscoverinternal.contoso.test']).toBe('wrong');
    expect(finding.status).toBe('warning');
  });

  it('checks on-premises records exist and point at names that resolve', async () => {
    const onPremises: Zone = {
      'lyncdiscover.contoso.test': { CNAME: 'web-ext.contoso.test' },
      'web-ext.contoso.test': { A: ['127.0.0.1'] },
      'sip.contoso.test': { A: ['127.0.0.1'] },
      '_sip._tls.contoso.test': {
        SRV: [{ priority: 0, weight: 0, port: 443, target: 'sip.contoso.test' }],
      },
      '_sipfederationtls._tcp.contoso.test': {
        SRV: [{ priority: 0, weight: 0, port: 5061, target: 'sip.contoso.test' }],
      },
    };
    const good = await check(onPremises);
    expect(good.result.deployment).toBe('on-premises');
    expect(good.finding.status).toBe('ok');
    expect(good.result.sipTlsTarget).toEqual({ host: 'sip.contoso.test', port: 443 });

    const dangling = await check({
      ...onPremises,
      '_sip._tls.contoso.test': {
        SRV: [{ priority: 0, weight: 0, port: 443, target: 'edge-old.contoso.test' }],
      },
    });
    expect(verdicts(dangling.result)['SRV _sip._tls.contoso.test']).toBe('wrong');
    expect(dangling.finding.summary).toContain('edge-old.contoso.test, which does not resolve');
  });

  it('reads a DNS server that never answers as no answer, not as missing records', async () => {
    const silent = await startSilentDns();
    running.push(silent);
    const client = createDnsClient({ servers: [silent.server], timeoutMs: 300 });
    const started = Date.now();
    const result = await checkDnsRecords(client, DOMAIN);
    client.close();
    expect(Date.now() - started).toBeLessThan(3000);
    expect(new Set(result.checks.map((c) => c.verdict))).toEqual(new Set(['no-answer']));
    expect(dnsRecordsFinding(result, client.servers).status).toBe('unknown');
    expect(silent.queries.length).toBeGreaterThan(0);
  });
});
