/**
 * Pool discovery against a real DNS server on loopback (dns2, UDP, random port) answering the
 * zones below: an internal-only pool, one published inside and out, records left pointing at the
 * retired Skype for Business Online, dangling and missing records, and a server that never
 * answers.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { nodeNetwork } from '../../host/network/node-network';
import { createDnsClient } from './dns-client';
import { discoverPool } from './discovery';
import { dnsRecordsFinding } from './dns-records-finding';
import { discoveredTargets } from './targets';
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

const INTERNAL: Zone = {
  'lyncdiscoverinternal.contoso.test': { CNAME: 'webint.contoso.test' },
  'webint.contoso.test': { A: ['10.0.0.20'] },
  '_sipinternaltls._tcp.contoso.test': {
    SRV: [{ priority: 0, weight: 0, port: 5061, target: 'pool.contoso.test' }],
  },
  'sipinternal.contoso.test': { A: ['10.0.0.21'] },
  'pool.contoso.test': { A: ['10.0.0.21'] },
};

const EXTERNAL: Zone = {
  'lyncdiscover.contoso.test': { CNAME: 'webext.contoso.test' },
  'webext.contoso.test': { A: ['192.0.2.20'] },
  '_sip._tls.contoso.test': {
    SRV: [{ priority: 0, weight: 0, port: 443, target: 'edge.contoso.test' }],
  },
  'sipexternal.contoso.test': { A: ['192.0.2.21'] },
  'edge.contoso.test': { A: ['192.0.2.21'] },
  '_sipfederationtls._tcp.contoso.test': {
    SRV: [{ priority: 0, weight: 0, port: 5061, target: 'edge.contoso.test' }],
  },
};

async function discover(zone: Zone) {
  const dns = await startLoopbackDns(zone);
  running.push(dns);
  const client = createDnsClient(nodeNetwork(), { servers: [dns.server], timeoutMs: 1000 });
  try {
    const result = await discoverPool(client, DOMAIN);
    return { result, finding: dnsRecordsFinding(result, client.servers), queries: dns.queries };
  } finally {
    client.close();
  }
}

type Discovered = Awaited<ReturnType<typeof discover>>;
const states = ({ result }: Discovered) =>
  Object.fromEntries([...result.records, result.federation].map((r) => [r.name, r.state]));
const evidence = ({ finding }: Discovered, label: string) =>
  finding.evidence.find((item) => item.label === label)?.value;

describe('pool discovery on a loopback DNS server', () => {
  it('passes an internal-only deployment without any external record', async () => {
    const found = await discover(INTERNAL);
    expect(states(found)).toEqual({
      'lyncdiscoverinternal.contoso.test': 'found',
      'lyncdiscover.contoso.test': 'missing',
      '_sipinternaltls._tcp.contoso.test': 'found',
      '_sip._tls.contoso.test': 'missing',
      'sipinternal.contoso.test': 'found',
      'sip.contoso.test': 'missing',
      'sipexternal.contoso.test': 'missing',
      '_sipfederationtls._tcp.contoso.test': 'missing',
    });
    expect(found.result.shape).toBe('internal-only');
    expect(found.finding.status).toBe('ok');
    expect(found.finding.summary).toBe(
      'The client finds its pool through lyncdiscoverinternal.contoso.test, the first record that answers (lyncdiscoverinternal.contoso.test:443).',
    );
    expect(evidence(found, '2. lyncdiscover.contoso.test')).toBe(
      'not present (external, web services (autodiscover, HTTPS)): no record; not needed by an internal-only deployment',
    );
    expect(found.finding.detail).toContain(
      'internal-only deployment, which needs no external records',
    );
    // The SIP pool is probed on the port its SRV record names, the web services on 443.
    expect(discoveredTargets(found.result)).toEqual([
      {
        host: 'lyncdiscoverinternal.contoso.test',
        port: 443,
        origin: 'lyncdiscoverinternal',
        http: true,
      },
      { host: 'pool.contoso.test', port: 5061, origin: 'sipinternaltls', http: false },
      { host: 'sipinternal.contoso.test', port: 5061, origin: 'sipinternal', http: false },
    ]);
  });

  it("reports every record in the client's order and uses the first that answers", async () => {
    const both = await discover({ ...INTERNAL, ...EXTERNAL });
    expect(both.result.shape).toBe('internal-and-external');
    expect(both.result.used?.name).toBe('lyncdiscoverinternal.contoso.test');
    expect(both.finding.evidence.map((item) => item.label)).toEqual([
      'SIP domain',
      'Asked',
      'Deployment',
      'Discovery order',
      '1. lyncdiscoverinternal.contoso.test',
      '2. lyncdiscover.contoso.test',
      '3. SRV _sipinternaltls._tcp.contoso.test',
      '4. SRV _sip._tls.contoso.test',
      '5. sipinternal.contoso.test',
      '6. sip.contoso.test',
      '7. sipexternal.contoso.test',
      'Also checked: SRV _sipfederationtls._tcp.contoso.test',
    ]);
    expect(evidence(both, '1. lyncdiscoverinternal.contoso.test')).toMatch(
      /^FOUND \(internal, web services.*CNAME webint\.contoso\.test \(10\.0\.0\.20\) ← the client uses this one$/,
    );
    expect(evidence(both, '2. lyncdiscover.contoso.test')).not.toContain('the client uses');

    // Without the autodiscover names the SIP records decide, internal before external.
    const sipOnly = { ...INTERNAL, ...EXTERNAL };
    delete sipOnly['lyncdiscoverinternal.contoso.test'];
    delete sipOnly['lyncdiscover.contoso.test'];
    const srv = await discover(sipOnly);
    expect(srv.result.used?.name).toBe('_sipinternaltls._tcp.contoso.test');
    expect(srv.finding.summary).toContain('(pool.contoso.test:5061)');
    // The SRV records come before the host-name fallbacks, the external one included.
    delete sipOnly['_sipinternaltls._tcp.contoso.test'];
    const external = await discover(sipOnly);
    expect(external.result.used?.name).toBe('_sip._tls.contoso.test');
    expect(external.finding.summary).toContain('(edge.contoso.test:443)');
    // Without any SRV record, sip.<domain> is tried after sipinternal.<domain>.
    const hostNames = await discover({
      'sip.contoso.test': { A: ['10.0.0.22'] },
      'sipexternal.contoso.test': { A: ['192.0.2.21'] },
    });
    expect(hostNames.result.used?.name).toBe('sip.contoso.test');
    expect(hostNames.finding.summary).toContain('(sip.contoso.test:5061)');

    const externalOnly = await discover(EXTERNAL);
    expect(externalOnly.result.shape).toBe('external-only');
    expect(externalOnly.result.used?.name).toBe('lyncdiscover.contoso.test');
    expect(externalOnly.finding.status).toBe('ok');
  });

  it('calls records pointing at Skype for Business Online retired, not expected values', async () => {
    const online: Zone = {
      ...INTERNAL,
      'lyncdiscover.contoso.test': { CNAME: 'webdir.online.lync.com' },
      'webdir.online.lync.com': { A: ['127.0.0.1'] },
      '_sip._tls.contoso.test': {
        SRV: [{ priority: 100, weight: 1, port: 443, target: 'sipdir.online.lync.com' }],
      },
      'sipexternal.contoso.test': { CNAME: 'sipdir.online.lync.com' },
      '_sipfederationtls._tcp.contoso.test': {
        SRV: [{ priority: 100, weight: 1, port: 5061, target: 'sipfed.online.lync.com' }],
      },
    };
    const found = await discover(online);
    expect(states(found)).toMatchObject({
      'lyncdiscover.contoso.test': 'retired',
      '_sip._tls.contoso.test': 'retired',
      'sipexternal.contoso.test': 'retired',
      '_sipfederationtls._tcp.contoso.test': 'retired',
      'lyncdiscoverinternal.contoso.test': 'found',
    });
    expect(found.finding.status).toBe('problem');
    expect(found.finding.summary).toBe(
      'lyncdiscover.contoso.test (and 3 more) still point at Skype for Business Online. ' +
        'Skype for Business Online was retired on 31 July 2021: remove these records or point them at your on-premises pool.',
    );
    expect(found.finding.detail).toContain(
      'SRV _sip._tls.contoso.test leads to sipdir.online.lync.com, a name of Skype for Business Online.',
    );
    // Retired records are not probed: only the internal pool is.
    expect(discoveredTargets(found.result).map((target) => target.origin)).toEqual([
      'lyncdiscoverinternal',
      'sipinternaltls',
      'sipinternal',
    ]);

    const infra = await discover({
      'lyncdiscoverinternal.contoso.test': { CNAME: 'webpoolam41e02.infra.lync.com' },
      'webpoolam41e02.infra.lync.com': { A: ['127.0.0.1'] },
    });
    expect(infra.result.records[0]?.state).toBe('retired');
    expect(infra.result.used?.name).toBe('lyncdiscoverinternal.contoso.test');
    expect(infra.finding.summary).toMatch(/^lyncdiscoverinternal\.contoso\.test still points at/);
  });

  it('says when no record leads to a pool, and warns about a dangling one', async () => {
    const none = await discover({});
    expect(none.result.shape).toBe('none');
    expect(none.finding.status).toBe('problem');
    expect(none.finding.summary).toMatch(/^No record leads the client to a pool for contoso\.test/);

    const dangling = await discover({
      ...INTERNAL,
      '_sipinternaltls._tcp.contoso.test': {
        SRV: [{ priority: 0, weight: 0, port: 5061, target: 'oldpool.contoso.test' }],
      },
    });
    expect(dangling.result.records[2]?.state).toBe('dangling');
    expect(dangling.finding.status).toBe('warning');
    expect(dangling.finding.summary).toContain('SRV _sipinternaltls._tcp.contoso.test exists');
    expect(evidence(dangling, '3. SRV _sipinternaltls._tcp.contoso.test')).toContain(
      'oldpool.contoso.test, which does not resolve to an address',
    );
  });

  it('reads a DNS server that never answers as no answer, not as missing records', async () => {
    const silent = await startSilentDns();
    running.push(silent);
    const client = createDnsClient(nodeNetwork(), { servers: [silent.server], timeoutMs: 300 });
    const started = Date.now();
    const result = await discoverPool(client, DOMAIN);
    client.close();
    expect(Date.now() - started).toBeLessThan(3000);
    expect(new Set(result.records.map((record) => record.state))).toEqual(new Set(['no-answer']));
    expect(dnsRecordsFinding(result, client.servers).status).toBe('unknown');
    expect(silent.queries.length).toBeGreaterThan(0);
  });
});
