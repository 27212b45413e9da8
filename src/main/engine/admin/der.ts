/**
 * Just enough DER reading for the certificate fields Node's X509Certificate does not expose (the
 * signature algorithm, the CRL distribution points) and for telling a CRL from anything else.
 * Every read is bounds-checked and throws a plain Error on malformed input.
 */

export interface Tlv {
  tag: number;
  /** Where the element's tag is: `der.subarray(start, end)` is the whole element. */
  start: number;
  contentStart: number;
  end: number;
}

export function readTlv(der: Uint8Array, offset: number, limit = der.length): Tlv {
  if (offset + 2 > limit) throw new Error('truncated DER');
  const tag = der[offset] as number;
  let lengthByte = der[offset + 1] as number;
  let cursor = offset + 2;
  let length = lengthByte;
  if (lengthByte & 0x80) {
    const count = lengthByte & 0x7f;
    if (count === 0 || count > 4 || cursor + count > limit) throw new Error('bad DER length');
    length = 0;
    for (let i = 0; i < count; i++) {
      lengthByte = der[cursor++] as number;
      length = length * 256 + lengthByte;
    }
  }
  const end = cursor + length;
  if (end > limit) throw new Error('truncated DER');
  return { tag, start: offset, contentStart: cursor, end };
}

/** The elements inside a constructed element, in order. */
export function childrenOf(der: Uint8Array, parent: Tlv): Tlv[] {
  const children: Tlv[] = [];
  let offset = parent.contentStart;
  while (offset < parent.end) {
    const child = readTlv(der, offset, parent.end);
    children.push(child);
    offset = child.end;
  }
  return children;
}

export function decodeOid(bytes: Uint8Array): string {
  if (bytes.length === 0) throw new Error('empty OID');
  const parts: number[] = [];
  let value = 0;
  for (const byte of bytes) {
    value = value * 128 + (byte & 0x7f);
    if (!(byte & 0x80)) {
      parts.push(value);
      value = 0;
    }
  }
  const first = parts.shift() ?? 0;
  const head = first < 80 ? [Math.floor(first / 40), first % 40] : [2, first - 80];
  return [...head, ...parts].join('.');
}

export const SEQUENCE = 0x30;
export const OCTET_STRING = 0x04;
export const OBJECT_IDENTIFIER = 0x06;
export const BIT_STRING = 0x03;
