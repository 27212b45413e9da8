/**
 * Hints for the two faults Windows can sometimes mend by itself: a public root missing from the
 * stores (Windows adds those on demand through automatic root updates) and a missing
 * intermediate with an "CA Issuers" address (Windows may download it). Both need the internet,
 * which is exactly what a locked-down PC lacks, so the fault stays and the hint says why.
 */
import { bundledRootCertificates } from '../../host/network/pure';
import { X509Certificate } from 'node:crypto';
import { thumbprintOf, type CertificateInfo } from './certificate-info';

let publicRoots: Set<string> | undefined;

/** Whether the certificate is one of the widely trusted public roots (Node's bundled list). */
export function isPublicRoot(thumbprint: string): boolean {
  if (!publicRoots) {
    publicRoots = new Set(
      bundledRootCertificates.map((pem) =>
        thumbprintOf(new Uint8Array(new X509Certificate(pem).raw)),
      ),
    );
  }
  return publicRoots.has(thumbprint);
}

/** The "CA Issuers" URLs of the certificate's Authority Information Access extension. */
export function caIssuerUrls(info: CertificateInfo): string[] {
  const access = info.x509.infoAccess ?? '';
  return access
    .split('\n')
    .map((line) => /^CA Issuers - URI:(.+)$/.exec(line.trim())?.[1])
    .filter((url): url is string => url !== undefined);
}
