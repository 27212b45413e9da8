/**
 * The administrators' step's words: pool discovery through DNS, the retired Skype for Business
 * Online records, and the revocation addresses tried from this PC. Written once for the report,
 * the command line and the wizard.
 */
import type {
  DeploymentShape,
  DiscoveryState,
  RevocationCheck,
  RevocationKind,
  RevocationOutcome,
} from '../model/admin';
import { countOf } from './numbers';

/** What `diagnose --admin` adds, for the command line's help. */
export const ADMIN_CHECKS_HELP =
  "add the administrators' checks: pool discovery (DNS), certificate chains, revocation addresses, clock";

export const SFB_ONLINE_RETIRED = 'Skype for Business Online was retired on 31 July 2021';

export const DISCOVERY_STATE_WORDS: Record<DiscoveryState, string> = {
  found: 'FOUND',
  missing: 'not present',
  dangling: 'DANGLING',
  'no-answer': 'NO ANSWER',
  retired: 'RETIRED SERVICE',
};

export type RecordScope = 'internal' | 'external';
export type RecordService = 'web' | 'sip' | 'federation';

const SERVICE_WORDS: Record<RecordService, string> = {
  web: 'web services (autodiscover, HTTPS)',
  sip: 'SIP pool (SIP over TLS)',
  federation: 'federation (not used to sign in)',
};

/** "1. SRV _sipinternaltls._tcp.contoso.com", or without a position for the federation record. */
export function discoveryRecordLabel(
  position: number | undefined,
  type: 'name' | 'srv',
  name: string,
): string {
  const record = `${type === 'srv' ? 'SRV ' : ''}${name}`;
  return position === undefined ? `Also checked: ${record}` : `${position}. ${record}`;
}

export interface DiscoveryEvidenceInput {
  state: DiscoveryState;
  found: string;
  scope: RecordScope;
  service: RecordService;
  /** The first record that answers, the one the client uses. */
  used: boolean;
  /** A missing record the deployment does not need (an external one of an internal-only pool). */
  notNeeded: boolean;
}

export function discoveryEvidence(input: DiscoveryEvidenceInput): string {
  const role = `${input.scope}, ${SERVICE_WORDS[input.service]}`;
  const state = `${DISCOVERY_STATE_WORDS[input.state]} (${role}): ${input.found}`;
  const tail = input.used
    ? ' ← the client uses this one'
    : input.notNeeded
      ? '; not needed by an internal-only deployment'
      : input.state === 'retired'
        ? `; ${SFB_ONLINE_RETIRED}`
        : '';
  return `${state}${tail}`;
}

export const DEPLOYMENT_SHAPE_WORDS: Record<DeploymentShape, string> = {
  'internal-only':
    'internal only: internal records and no external ones. None are needed: PCs inside the network sign in, PCs outside cannot.',
  'external-only':
    'external records only: PCs sign in through the edge and the reverse proxy, inside the network as well.',
  'internal-and-external': 'internal and external records: PCs sign in inside and outside.',
  none: 'no record found that leads to a pool.',
};

export const DISCOVERY_ORDER_NOTE =
  'The client asks these records in this order and uses the first that answers.';

export function retiredRecordsSummary(records: string[]): string {
  const first = records[0] ?? '';
  const more = records.length > 1 ? ` (and ${records.length - 1} more)` : '';
  return (
    `${first}${more} still ${records.length > 1 ? 'point' : 'points'} at Skype for Business Online. ` +
    `${SFB_ONLINE_RETIRED}: remove ${records.length > 1 ? 'these records' : 'this record'} or point ` +
    `${records.length > 1 ? 'them' : 'it'} at your on-premises pool.`
  );
}

export function retiredRecordDetail(record: string, onlineName: string): string {
  return (
    `${record} leads to ${onlineName}, a name of Skype for Business Online. ${SFB_ONLINE_RETIRED} ` +
    'and its servers are gone: a client that follows this record cannot sign in. Remove the record, ' +
    'or point it at the on-premises pool (its web services for lyncdiscover, its SIP ' +
    'pool or edge for the SIP records).'
  );
}

export function poolFoundSummary(record: string, endpoint: string): string {
  return `The client finds its pool through ${record}, the first record that answers (${endpoint}).`;
}

export function noPoolSummary(domain: string): string {
  return (
    `No record leads the client to a pool for ${domain}: none of lyncdiscoverinternal, ` +
    'lyncdiscover, _sipinternaltls._tcp, _sip._tls, sipinternal, sip or sipexternal answers with ' +
    'an address. Publish at least the internal ones (lyncdiscoverinternal and _sipinternaltls._tcp).'
  );
}

export function danglingRecordsSummary(records: string[]): string {
  return (
    `${records.join(', ')} ${records.length > 1 ? 'exist' : 'exists'} but ${records.length > 1 ? 'point' : 'points'} at ` +
    'a name without an address: the client skips it, which slows sign-in. Fix or remove it.'
  );
}

export function dnsUnansweredSummary(records: string[]): string {
  return `The DNS server did not answer for ${records.join(', ')}.`;
}

export const NO_DOMAIN_SUMMARY = 'No SIP domain is known, so the DNS records were not checked.';
export const NO_DOMAIN_DETAIL =
  'Give the SIP domain (for example contoso.com) to check its DNS records.';

export function notNeededDetail(records: string[]): string {
  return (
    `${records.join(', ')} ${records.length > 1 ? 'are' : 'is'} not published. This is an ` +
    'internal-only deployment, which needs no external records; only PCs inside the network can sign in.'
  );
}

// ---------------------------------------------------------------------------------------------
// Revocation

export const REVOCATION_OUTCOME_WORDS: Record<RevocationOutcome, string> = {
  reachable: 'reachable',
  unreachable: 'UNREACHABLE',
  'timed-out': 'TIMED OUT',
  'not-tried': 'not tried',
  'untrusted-answer': 'ANSWER NOT TRUSTED',
};

const KIND_WORDS: Record<RevocationKind, string> = {
  crl: 'CRL',
  ocsp: 'OCSP',
};

export const revocationLabel = (kind: RevocationKind, url: string) => `${KIND_WORDS[kind]} ${url}`;

export function revocationEvidence(check: RevocationCheck): string {
  const time = check.elapsedMs === undefined ? '' : ` after ${check.elapsedMs} ms`;
  return (
    `${REVOCATION_OUTCOME_WORDS[check.outcome]}${time}: ${check.detail}; ` +
    `named by ${check.namedBy.join(', ')}`
  );
}

export const LOCKED_DOWN_REVOCATION =
  'The client checks that no certificate in the chain is revoked, through these addresses. A PC ' +
  'that cannot reach them (a locked-down network, a proxy or firewall that blocks them) fails ' +
  'sign-in even though the chain is trusted. Let this PC reach them over HTTP, or publish the ' +
  'CRLs where it can.';

export function revocationProblemSummary(failed: RevocationCheck[]): string {
  const first = failed[0];
  const which = first
    ? ` (first: ${first.url}, ${REVOCATION_OUTCOME_WORDS[first.outcome].toLowerCase()})`
    : '';
  const addresses = countOf(failed.length, 'revocation address', 'revocation addresses');
  // Reached but answered with nothing the client trusts is not "cannot reach".
  const verb = failed.every((check) => check.outcome === 'untrusted-answer')
    ? 'gets no trusted answer from'
    : failed.some((check) => check.outcome === 'untrusted-answer')
      ? 'cannot reach, or gets no trusted answer from,'
      : 'cannot reach';
  return (
    `This PC ${verb} ${addresses} named in the servers' certificates${which}: ` +
    'sign-in fails where revocation cannot be checked.'
  );
}

export function revokedCertificateSummary(responder: string, subject: string): string {
  return `The OCSP responder ${responder} says ${subject} is revoked: the client refuses a revoked certificate. Replace it.`;
}

export function revocationOkSummary(reached: number): string {
  return `This PC reached every revocation address named in the chains (${reached}).`;
}

export const REVOCATION_NOT_TRIED_SUMMARY =
  'The chains name revocation addresses this step does not try (LDAP): check them by hand.';
export const REVOCATION_NONE_NAMED =
  'The certificates of the servers reached name no revocation address (CRL or OCSP).';
export const REVOCATION_NO_CHAIN =
  'No certificate chain was read, so no revocation address was tried.';
/** What happened at one revocation address, after its outcome word. */
export const REVOCATION_DETAIL = {
  invalidAddress: 'not a valid address',
  ldapNotTried:
    'LDAP address: this step tries HTTP addresses only (domain-joined PCs read LDAP CRLs from Active Directory)',
  schemeNotTried: (scheme: string) => `${scheme} address: not tried`,
  doesNotResolve: (host: string) => `${host} does not resolve`,
  noAnswerWithin: (ms: number) => `no answer within ${ms} ms`,
  answeredHttp: (status: number, type: string) => `answered HTTP ${status}${type}`,
  crlServed: (size: string) => `served a CRL (${size})`,
  notACrl: (bytes: number, type: string) =>
    `answered HTTP 200 but not with a CRL (${bytes} bytes${type}): a proxy or sign-in page in the way?`,
  notOcsp: (bytes: number, type: string) =>
    `answered HTTP 200 but not with an OCSP response (${bytes} bytes${type}): a proxy or sign-in page in the way?`,
  responderSays: (subject: string, status: string) => `the responder says ${subject} is ${status}`,
  responderUntrusted: (
    subject: string,
    reason: 'signature' | 'not-about-certificate' | 'algorithm',
    issuer: string,
  ) =>
    reason === 'signature'
      ? `the responder answered about ${subject}, but the answer is signed neither by the issuer ${issuer} nor by a responder it authorised: the client does not trust it`
      : reason === 'algorithm'
        ? `the responder answered about ${subject} with a signature algorithm this step cannot check`
        : `the responder answered, but not about ${subject}: the client takes no status from it`,
  responderRefused: (subject: string, status: string) =>
    `the responder answered about ${subject}: ${status}`,
  responderAnsweredWithoutRequest: (status: number, type: string) =>
    `the responder answered HTTP ${status}${type} (no request: the issuer is not in the chain)`,
};
