/** Practice PC helpers around the serialized store element layout (`../certificate-entry.ts`). */
export * from '../certificate-entry';
import {
  CERT_KEY_PROV_INFO_PROP_ID,
  CERT_FRIENDLY_NAME_PROP_ID,
  serializeCertificateEntry,
  type CertificateProperty,
} from '../certificate-entry';

/** UTF-16LE with its terminating NUL, as Windows keeps a friendly name. */
export function encodeFriendlyName(name: string): Uint8Array {
  return new Uint8Array(Buffer.from(`${name}\u0000`, 'utf16le'));
}

export function friendlyNameOf(properties: CertificateProperty[]): string | undefined {
  const property = properties.find((candidate) => candidate.id === CERT_FRIENDLY_NAME_PROP_ID);
  if (!property) return undefined;
  const text = Buffer.from(property.data).toString('utf16le');
  return text.endsWith('\u0000') ? text.slice(0, -1) : text;
}

export function hasPrivateKeyLink(properties: CertificateProperty[]): boolean {
  return properties.some((candidate) => candidate.id === CERT_KEY_PROV_INFO_PROP_ID);
}

/** The container a practice key link names (see practiceKeyLink). */
export function keyContainerOf(properties: CertificateProperty[]): string | undefined {
  const link = properties.find((candidate) => candidate.id === CERT_KEY_PROV_INFO_PROP_ID);
  if (!link) return undefined;
  const text = Buffer.from(link.data).toString('utf16le');
  return text.endsWith('\u0000') ? text.slice(0, -1) : text;
}

/**
 * The practice PC's stand-in for a key link: the container name in UTF-16LE. It is kept and
 * round-tripped as opaque bytes like any other property; only its presence matters.
 */
export function practiceKeyLink(container: string): CertificateProperty {
  return {
    id: CERT_KEY_PROV_INFO_PROP_ID,
    data: new Uint8Array(Buffer.from(`${container}\u0000`, 'utf16le')),
  };
}

/** Builds an entry from a DER certificate and the two properties the product reads. */
export function certificateEntryFor(
  der: Uint8Array,
  options: { friendlyName?: string; keyContainer?: string } = {},
): Uint8Array {
  const properties: CertificateProperty[] = [];
  if (options.keyContainer !== undefined) properties.push(practiceKeyLink(options.keyContainer));
  if (options.friendlyName !== undefined) {
    properties.push({
      id: CERT_FRIENDLY_NAME_PROP_ID,
      data: encodeFriendlyName(options.friendlyName),
    });
  }
  return serializeCertificateEntry({ der, properties });
}
