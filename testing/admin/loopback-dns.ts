/**
 * A DNS server on 127.0.0.1 (UDP, random port) answering from a small zone, like a recursive
 * resolver would: a CNAME answer carries the records behind it. Names not in the zone are
 * NXDOMAIN; names without the asked type are NODATA. `silent` never answers at all.
 */
import * as dgram from 'node:dgram';
import type { AddressInfo } from 'node:net';
import dns2, { Packet } from 'dns2';

export interface ZoneEntry {
  CNAME?: string;
  A?: string[];
  AAAA?: string[];
  SRV?: Array<{ priority: number; weight: number; port: number; target: string }>;
}

export type Zone = Record<string, ZoneEntry>;

export interface LoopbackDns {
  /** "127.0.0.1:<port>", ready for AdminCheckOptions.dns.servers. */
  server: string;
  /** Names asked, in order ("A lyncdiscover.contoso.test"), to prove nothing went elsewhere. */
  queries: string[];
  close(): Promise<void>;
}

const TYPE_NAMES: Record<number, string> = {
  [Packet.TYPE.A]: 'A',
  [Packet.TYPE.AAAA]: 'AAAA',
  [Packet.TYPE.CNAME]: 'CNAME',
  [Packet.TYPE.SRV]: 'SRV',
};
const NXDOMAIN = 3;
type Resource = Packet['answers'][number];

function answer(zone: Zone, name: string, type: number, response: Packet, depth = 0): boolean {
  const entry = zone[name.toLowerCase()];
  if (!entry) return false;
  const base = { name, class: Packet.CLASS.IN, ttl: 60 };
  if (entry.CNAME && type !== Packet.TYPE.CNAME) {
    response.answers.push({
      ...base,
      type: Packet.TYPE.CNAME,
      domain: entry.CNAME,
    } as Resource);
    if (depth < 8) answer(zone, entry.CNAME, type, response, depth + 1);
    return true;
  }
  if (type === Packet.TYPE.CNAME && entry.CNAME) {
    response.answers.push({ ...base, type, domain: entry.CNAME } as Resource);
  }
  if (type === Packet.TYPE.A) {
    for (const address of entry.A ?? [])
      response.answers.push({ ...base, type, address } as Resource);
  }
  if (type === Packet.TYPE.AAAA) {
    for (const address of entry.AAAA ?? [])
      response.answers.push({ ...base, type, address } as Resource);
  }
  if (type === Packet.TYPE.SRV) {
    for (const srv of entry.SRV ?? []) response.answers.push({ ...base, type, ...srv } as Resource);
  }
  return true;
}

export async function startLoopbackDns(zone: Zone): Promise<LoopbackDns> {
  const queries: string[] = [];
  const server = dns2.createServer({
    udp: true,
    handle: (request, send) => {
      const response = Packet.createResponseFromRequest(request);
      const [question] = request.questions;
      if (question) {
        queries.push(`${TYPE_NAMES[question.type] ?? question.type} ${question.name}`);
        if (!answer(zone, question.name, question.type, response)) response.header.rcode = NXDOMAIN;
      }
      void send(response);
    },
  });
  const addresses = await server.listen({ udp: { port: 0, address: '127.0.0.1' } });
  const port = (addresses.udp as AddressInfo).port;
  return { server: `127.0.0.1:${port}`, queries, close: () => server.close() };
}

/** A UDP port that receives DNS queries and never answers: a DNS server behind a firewall. */
export async function startSilentDns(): Promise<LoopbackDns> {
  const socket = dgram.createSocket('udp4');
  const queries: string[] = [];
  socket.on('message', () => queries.push('ignored'));
  await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', () => resolve()));
  const { port } = socket.address();
  return {
    server: `127.0.0.1:${port}`,
    queries,
    close: () => new Promise<void>((resolve) => socket.close(() => resolve())),
  };
}
