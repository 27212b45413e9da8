/**
 * Tries, from this PC, every revocation address the checked chains name: a GET of each CRL
 * (which must come back as a CRL, not a proxy's page) and a real OCSP request to each responder
 * for the first certificate naming it. All at once, each within the step's budget, so a
 * black-holed address costs one budget, not one per address.
 */
import type { NetworkPort } from '../../host/network/ports';
import { isIpAddress } from '../../host/network/pure';
import type { RevocationCheck, RevocationKind } from '../../../shared/model/admin';
import { REVOCATION_DETAIL as SAY } from '../../../shared/wording';
import type { CertificateInfo } from './certificate-info';
import type { TargetOutcome } from './check-target';
import { readTlv, SEQUENCE, BIT_STRING } from './der';
import type { DnsClient } from './dns-client';
import { ocspGetUrl, ocspRequest } from './ocsp';
import { readOcspResponse } from './ocsp-response';
import { crlDistributionPoints, ocspResponders } from './revocation-addresses';

/** CRLs of large CAs run to megabytes; more than this is cut and still counts as served. */
const MAX_CRL_BYTES = 32 * 1024 * 1024;
const MAX_OCSP_BYTES = 64 * 1024;

export interface RevocationAddress {
  url: string;
  kind: RevocationKind;
  /** Thumbprints of the certificates naming it. */
  certificates: string[];
  namedBy: string[];
  /** For OCSP: the first certificate naming it and its issuer, to ask about. */
  ask?: { certificate: CertificateInfo; issuer: CertificateInfo };
}

export interface RevocationResult {
  checks: RevocationCheck[];
  /** Per certificate (thumbprint): the addresses it names, to tell whether any one works. */
  byCertificate: Map<string, { subject: string; urls: string[] }>;
  /** Whether any chain was read at all. */
  chainsRead: number;
}

/** The addresses named by every certificate below the root of every chain read, once each. */
export function revocationAddresses(outcomes: TargetOutcome[]): {
  addresses: RevocationAddress[];
  byCertificate: RevocationResult['byCertificate'];
  chainsRead: number;
} {
  const addresses = new Map<string, RevocationAddress>();
  const byCertificate: RevocationResult['byCertificate'] = new Map();
  let chainsRead = 0;
  const add = (
    info: CertificateInfo,
    url: string,
    kind: RevocationKind,
    issuer: CertificateInfo | undefined,
  ) => {
    const key = `${kind} ${url}`;
    const entry: RevocationAddress = addresses.get(key) ?? {
      url,
      kind,
      certificates: [],
      namedBy: [],
    };
    if (kind === 'ocsp' && issuer && !entry.ask) entry.ask = { certificate: info, issuer };
    if (!entry.certificates.includes(info.thumbprint)) {
      entry.certificates.push(info.thumbprint);
      entry.namedBy.push(info.subject);
    }
    addresses.set(key, entry);
    const certificate = byCertificate.get(info.thumbprint) ?? { subject: info.subject, urls: [] };
    if (!certificate.urls.includes(key)) certificate.urls.push(key);
    byCertificate.set(info.thumbprint, certificate);
  };
  for (const outcome of outcomes) {
    if (outcome.state !== 'checked' || outcome.verdict.links.length === 0) continue;
    chainsRead++;
    // Roots are trusted as they are: Windows checks revocation below them only.
    const { links } = outcome.verdict;
    links.forEach((link, index) => {
      if (link.role === 'root') return;
      const issuer = links[index + 1]?.info;
      for (const url of crlDistributionPoints(link.info)) add(link.info, url, 'crl', issuer);
      for (const url of ocspResponders(link.info)) add(link.info, url, 'ocsp', issuer);
    });
  }
  return { addresses: [...addresses.values()], byCertificate, chainsRead };
}

/** A DER CRL (CertificateList: tbsCertList, algorithm, signature) filling the whole body, or PEM. */
export function looksLikeCrl(body: Uint8Array): boolean {
  const text = Buffer.from(body.subarray(0, 64)).toString('latin1');
  if (text.startsWith('-----BEGIN X509 CRL-----')) return true;
  try {
    const list = readTlv(body, 0);
    if (list.tag !== SEQUENCE || list.end !== body.length) return false;
    const tbs = readTlv(body, list.contentStart, list.end);
    const algorithm = readTlv(body, tbs.end, list.end);
    const signature = readTlv(body, algorithm.end, list.end);
    return (
      tbs.tag === SEQUENCE &&
      algorithm.tag === SEQUENCE &&
      signature.tag === BIT_STRING &&
      signature.end === list.end
    );
  } catch {
    return false;
  }
}

export interface RevocationContext {
  network: NetworkPort;
  /** Set when the administrator chose DNS servers: names are resolved through them only. */
  dns?: DnsClient;
  timeoutMs: number;
}

async function tryAddress(
  address: RevocationAddress,
  context: RevocationContext,
): Promise<RevocationCheck> {
  const base = { url: address.url, kind: address.kind, namedBy: address.namedBy };
  let url: URL;
  try {
    url = new URL(address.url);
  } catch {
    return { ...base, outcome: 'not-tried', detail: SAY.invalidAddress };
  }
  if (url.protocol === 'ldap:') {
    return { ...base, outcome: 'not-tried', detail: SAY.ldapNotTried };
  }
  if (url.protocol !== 'http:') {
    return { ...base, outcome: 'not-tried', detail: SAY.schemeNotTried(url.protocol) };
  }
  const started = Date.now();
  let connectAddress: string | undefined;
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (context.dns && !isIpAddress(host)) {
    const answer = await context.dns.addresses(host);
    if (!answer.ok) {
      return {
        ...base,
        outcome: 'unreachable',
        detail: answer.kind === 'missing' ? SAY.doesNotResolve(host) : answer.message,
        elapsedMs: Date.now() - started,
      };
    }
    connectAddress = answer.records[0];
  }
  let request: Uint8Array | undefined;
  if (address.ask) {
    try {
      request = ocspRequest(address.ask.certificate, address.ask.issuer);
    } catch {
      request = undefined;
    }
  }
  const result = await context.network.httpGet({
    url: request ? ocspGetUrl(address.url, request) : address.url,
    ...(connectAddress ? { connectAddress } : {}),
    timeoutMs: Math.max(1, context.timeoutMs - (Date.now() - started)),
    maxBytes: address.kind === 'crl' ? MAX_CRL_BYTES : MAX_OCSP_BYTES,
  });
  const elapsedMs = Date.now() - started;
  if (result.outcome === 'timed-out') {
    return {
      ...base,
      outcome: 'timed-out',
      detail: SAY.noAnswerWithin(context.timeoutMs),
      elapsedMs,
    };
  }
  if (result.outcome === 'failed') {
    return {
      ...base,
      outcome: 'unreachable',
      detail: result.unresolved ? SAY.doesNotResolve(host) : result.reason,
      elapsedMs,
    };
  }
  const type = result.contentType ? `, ${result.contentType}` : '';
  if (address.kind === 'ocsp') {
    if (!request || !address.ask) {
      // Without the issuer no request can be made: any HTTP answer shows the responder is there.
      return {
        ...base,
        outcome: 'reachable',
        detail: SAY.responderAnsweredWithoutRequest(result.status, type),
        elapsedMs,
      };
    }
    const about = address.ask.certificate.subject;
    const answer =
      result.status === 200
        ? readOcspResponse(result.body, address.ask.certificate, address.ask.issuer)
        : undefined;
    if (answer?.kind === 'status') {
      return {
        ...base,
        outcome: 'reachable',
        detail: SAY.responderSays(about, answer.certificateStatus),
        certificateStatus: answer.certificateStatus,
        elapsedMs,
      };
    }
    if (answer?.kind === 'untrusted') {
      // The responder is there, but what it sent is no answer the client takes: for this
      // certificate, revocation cannot be checked through this address.
      return {
        ...base,
        // A signature this step cannot check (RSASSA-PSS, ...) is not a failed one: reached, no status.
        outcome: answer.reason === 'algorithm' ? 'reachable' : 'untrusted-answer',
        detail: SAY.responderUntrusted(about, answer.reason, address.ask.issuer.subject),
        elapsedMs,
      };
    }
    if (answer?.kind === 'refused') {
      return {
        ...base,
        outcome: 'reachable',
        detail: SAY.responderRefused(about, answer.status),
        elapsedMs,
      };
    }
    return {
      ...base,
      outcome: 'unreachable',
      detail:
        result.status === 200
          ? SAY.notOcsp(result.body.length, type)
          : SAY.answeredHttp(result.status, type),
      elapsedMs,
    };
  }
  if (result.status !== 200) {
    return {
      ...base,
      outcome: 'unreachable',
      detail: SAY.answeredHttp(result.status, type),
      elapsedMs,
    };
  }
  if (!result.truncated && !looksLikeCrl(result.body)) {
    return {
      ...base,
      outcome: 'unreachable',
      detail: SAY.notACrl(result.body.length, type),
      elapsedMs,
    };
  }
  const size = result.truncated
    ? `more than ${MAX_CRL_BYTES} bytes`
    : `${result.body.length} bytes`;
  return { ...base, outcome: 'reachable', detail: SAY.crlServed(size), elapsedMs };
}

export async function checkRevocation(
  outcomes: TargetOutcome[],
  context: RevocationContext,
): Promise<RevocationResult> {
  const { addresses, byCertificate, chainsRead } = revocationAddresses(outcomes);
  const checks = await Promise.all(addresses.map((address) => tryAddress(address, context)));
  return { checks, byCertificate, chainsRead };
}
