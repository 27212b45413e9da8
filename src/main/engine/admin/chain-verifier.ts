/**
 * Builds the chain a Windows PC would build for a server's certificate, from what the server
 * presented plus the PC's own stores, and says for every link what is wrong with it.
 */
import { isIpAddress } from '../../host/network/pure';
import {
  namesIssuer,
  readCertificate,
  signatureVerifies,
  type CertificateInfo,
} from './certificate-info';
import { caIssuerUrls, isPublicRoot } from './public-roots';
import type { StoreLabel, TrustSnapshot } from './trust-store';

export type LinkFaultCode =
  | 'unreadable'
  | 'expired'
  | 'not-yet-valid'
  | 'issuer-missing'
  | 'untrusted-root'
  | 'distrusted'
  | 'bad-signature'
  | 'name-mismatch'
  | 'weak-signature';

export interface LinkFault {
  code: LinkFaultCode;
  message: string;
}

export interface ChainLink {
  /** 0 is the server's own certificate. */
  position: number;
  role: 'server' | 'intermediate' | 'root';
  /** Where the certificate came from: the server's handshake or one of the PC's stores. */
  source: 'presented' | StoreLabel;
  info: CertificateInfo;
  /** The Root stores that hold this certificate (empty when it is not a trusted anchor). */
  trustedIn: StoreLabel[];
  faults: LinkFault[];
  /** Things worth saying that are not faults, e.g. an expected name mismatch. */
  notes: string[];
}

export interface ChainVerdict {
  /** No link has a fault: Windows would accept this chain for this name. */
  trusted: boolean;
  links: ChainLink[];
  /** Presented certificates that could not be parsed, or extra ones not part of the chain. */
  notes: string[];
}

export interface VerifyChainOptions {
  /** The name the client connects to (host name or IP address). */
  hostName: string;
  now: Date;
  /**
   * Names the certificate may carry instead of `hostName` without it being a fault, e.g. the
   * CNAME target of lyncdiscover.<domain> when it points at Microsoft's web directory.
   */
  expectedAlternateNames?: string[];
  /** Why a match on an alternate name is expected, said in the link's notes. */
  alternateNameReason?: string;
}

interface Candidate {
  info: CertificateInfo;
  source: 'presented' | StoreLabel;
}

const MAX_DEPTH = 10;

function day(date: Date): string {
  return date.toISOString().replace('.000Z', 'Z');
}

function certificateNames(info: CertificateInfo): string {
  const san = info.x509.subjectAltName;
  return san && san.length > 0 ? san : info.subject;
}

function nameMatches(info: CertificateInfo, name: string): boolean {
  if (isIpAddress(name)) return info.x509.checkIP(name) !== undefined;
  return info.x509.checkHost(name) !== undefined;
}

/** Prefers an issuer whose signature checks out; then a trusted anchor; then what was sent. */
function pickIssuer(
  child: CertificateInfo,
  candidates: Candidate[],
  trust: TrustSnapshot,
): { candidate: Candidate; verified: boolean } | undefined {
  const named = candidates.filter((candidate) => namesIssuer(candidate.info, child));
  if (named.length === 0) return undefined;
  const rank = (candidate: Candidate) =>
    trust.rootStores.has(candidate.info.thumbprint) ? 0 : candidate.source === 'presented' ? 1 : 2;
  const ordered = [...named].sort((a, b) => rank(a) - rank(b));
  const verifying = ordered.find((candidate) => signatureVerifies(candidate.info, child));
  if (verifying) return { candidate: verifying, verified: true };
  const first = ordered[0] as Candidate;
  return { candidate: first, verified: false };
}

export function verifyChain(
  presented: Uint8Array[],
  trust: TrustSnapshot,
  options: VerifyChainOptions,
): ChainVerdict {
  const notes: string[] = [];
  if (presented.length === 0)
    return { trusted: false, links: [], notes: ['The server sent no certificate.'] };
  const parsed: CertificateInfo[] = [];
  for (const [index, der] of presented.entries()) {
    try {
      parsed.push(readCertificate(der));
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      if (index === 0) {
        notes.push(`The server's own certificate could not be read: ${reason}`);
        return { trusted: false, links: [], notes };
      }
      notes.push(`Certificate ${index + 1} sent by the server could not be read: ${reason}`);
    }
  }
  const leaf = parsed[0] as CertificateInfo;

  const pool: Candidate[] = [
    ...parsed.slice(1).map((info) => ({ info, source: 'presented' as const })),
    ...trust.roots.map(({ info, store }) => ({ info, source: store })),
    ...trust.intermediates.map(({ info, store }) => ({ info, source: store })),
  ];

  const path: Candidate[] = [{ info: leaf, source: 'presented' }];
  const badSignature = new Set<number>();
  let anchored = trust.rootStores.has(leaf.thumbprint);
  let ended = anchored || leaf.selfSigned;
  while (!ended && path.length < MAX_DEPTH) {
    const current = path[path.length - 1] as Candidate;
    const used = new Set(path.map((link) => link.info.thumbprint));
    const pick = pickIssuer(
      current.info,
      pool.filter((candidate) => !used.has(candidate.info.thumbprint)),
      trust,
    );
    if (!pick) break;
    if (!pick.verified) badSignature.add(path.length - 1);
    path.push(pick.candidate);
    anchored = trust.rootStores.has(pick.candidate.info.thumbprint);
    ended = anchored || pick.candidate.info.selfSigned;
  }

  const usedPresented = new Set(path.map((link) => link.info.thumbprint));
  const extra = parsed.filter((info) => !usedPresented.has(info.thumbprint));
  for (const info of extra)
    notes.push(`The server also sent ${info.subject}, which is not part of the chain.`);

  const lastIndex = path.length - 1;
  const links: ChainLink[] = path.map((candidate, position) => {
    const { info } = candidate;
    const trustedIn = trust.rootStores.get(info.thumbprint) ?? [];
    const isAnchor = position === lastIndex && (trustedIn.length > 0 || info.selfSigned);
    const role: ChainLink['role'] = position === 0 ? 'server' : isAnchor ? 'root' : 'intermediate';
    const link: ChainLink = {
      position,
      role,
      source: candidate.source,
      info,
      trustedIn,
      faults: [],
      notes: [],
    };
    const fault = (code: LinkFaultCode, message: string) => link.faults.push({ code, message });

    if (options.now < info.notBefore)
      fault('not-yet-valid', `not valid until ${day(info.notBefore)}`);
    if (options.now > info.notAfter) fault('expired', `expired on ${day(info.notAfter)}`);
    if (badSignature.has(position)) {
      const issuer = path[position + 1]?.info.subject ?? info.issuer;
      fault('bad-signature', `its signature does not verify with the key of ${issuer}`);
    }
    if (info.signatureAlgorithm.weak && !isAnchor) {
      fault(
        'weak-signature',
        `signed with ${info.signatureAlgorithm.name}, a weak algorithm Windows rejects`,
      );
    }
    const distrustedIn = trust.disallowed.get(info.thumbprint);
    if (distrustedIn) {
      fault('distrusted', `explicitly distrusted: it is in ${distrustedIn.join(' and ')}`);
    }
    if (position === lastIndex) {
      if (isAnchor && trustedIn.length === 0) {
        const hint = isPublicRoot(info.thumbprint)
          ? '; it is a public root that Windows adds through automatic root updates when it can reach Windows Update, otherwise import it by hand'
          : '';
        fault(
          'untrusted-root',
          `this root is not in the trusted root stores (CurrentUser\\Root or LocalMachine\\Root)${hint}`,
        );
      } else if (!isAnchor) {
        const urls = caIssuerUrls(info);
        const hint =
          urls.length > 0
            ? `; Windows may download it from ${urls.join(' or ')} when it can reach that address`
            : '';
        fault(
          'issuer-missing',
          `its issuer (${info.issuer}) was not sent by the server and is not in the CA or Root stores${hint}`,
        );
      }
    }
    if (position === 0) {
      if (!nameMatches(info, options.hostName)) {
        const alternate = options.expectedAlternateNames?.find((name) => nameMatches(info, name));
        if (alternate) {
          link.notes.push(
            `Name mismatch is expected: the certificate is for ${certificateNames(info)}, which covers ` +
              `${alternate}${options.alternateNameReason ? ` (${options.alternateNameReason})` : ''}.`,
          );
        } else {
          fault('name-mismatch', `it is for ${certificateNames(info)}, not ${options.hostName}`);
        }
      }
    }
    return link;
  });

  return { trusted: links.every((link) => link.faults.length === 0), links, notes };
}
