/**
 * A certificate with its store properties in the layout of a Windows serialized store element
 * (what CertSerializeCertificateStoreElement produces and CertAddSerializedElementToStore
 * reads): a run of properties, each `propId: u32le, 1: u32le, length: u32le, data`, ending with
 * the certificate itself as property 32. The practice PC exports and imports exactly this, so
 * an entry built here can be imported on either host.
 */
import { AppError } from '../../shared/errors';

export const CERT_KEY_PROV_INFO_PROP_ID = 2;
export const CERT_FRIENDLY_NAME_PROP_ID = 11;
export const CERT_CERT_PROP_ID = 32;

const HEADER_BYTES = 12;
/** The second header field; Windows writes 1 (the encoding type of the property data). */
const ENCODING_MARKER = 1;

export interface CertificateProperty {
  id: number;
  data: Uint8Array;
}

export interface CertificateEntry {
  der: Uint8Array;
  /** Every property other than the certificate, in the order they came. */
  properties: CertificateProperty[];
}

function invalid(reason: string): AppError {
  return new AppError('invalid-request', `Not a serialized certificate entry: ${reason}`);
}

export function parseCertificateEntry(bytes: Uint8Array): CertificateEntry {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const properties: CertificateProperty[] = [];
  let der: Uint8Array | undefined;
  let offset = 0;
  while (offset < bytes.length) {
    if (offset + HEADER_BYTES > bytes.length) throw invalid(`truncated header at byte ${offset}`);
    const id = view.getUint32(offset, true);
    const marker = view.getUint32(offset + 4, true);
    const length = view.getUint32(offset + 8, true);
    offset += HEADER_BYTES;
    if (marker !== ENCODING_MARKER) throw invalid(`unexpected marker ${marker} for property ${id}`);
    if (offset + length > bytes.length) throw invalid(`property ${id} runs past the end`);
    const data = bytes.slice(offset, offset + length);
    offset += length;
    if (id === CERT_CERT_PROP_ID) {
      if (der) throw invalid('more than one certificate');
      der = data;
    } else {
      if (der) throw invalid(`property ${id} after the certificate`);
      properties.push({ id, data });
    }
  }
  if (!der || der.length === 0) throw invalid('no certificate in it');
  return { der, properties };
}

export function serializeCertificateEntry(entry: CertificateEntry): Uint8Array {
  const parts = [...entry.properties, { id: CERT_CERT_PROP_ID, data: entry.der }];
  const total = parts.reduce((sum, part) => sum + HEADER_BYTES + part.data.length, 0);
  const bytes = new Uint8Array(total);
  const view = new DataView(bytes.buffer);
  let offset = 0;
  for (const part of parts) {
    view.setUint32(offset, part.id, true);
    view.setUint32(offset + 4, ENCODING_MARKER, true);
    view.setUint32(offset + 8, part.data.length, true);
    bytes.set(part.data, offset + HEADER_BYTES);
    offset += HEADER_BYTES + part.data.length;
  }
  return bytes;
}
