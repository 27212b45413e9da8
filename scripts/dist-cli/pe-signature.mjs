// The Authenticode signature of a Windows executable (PE32 / PE32+): where it is, and removing
// it, as `signtool remove /s` does. node.exe is signed by the OpenJS Foundation; once our code is
// injected that signature no longer matches the file, so it is removed before the injection, and
// the organisation's own signature is applied afterwards (scripts/dist-cli.mjs).
//
// The signature is the certificate table named by data directory 4 (IMAGE_DIRECTORY_ENTRY_
// SECURITY), which holds a file offset, not an address, and sits at the end of the file.

import { Buffer } from 'node:buffer';

const SECURITY_DIRECTORY = 4;

function layout(image) {
  if (image.readUInt16LE(0) !== 0x5a4d) throw new Error('Not a Windows executable (no MZ header)');
  const pe = image.readUInt32LE(0x3c);
  if (image.readUInt32LE(pe) !== 0x00004550) throw new Error('Not a PE image (no PE signature)');
  const optional = pe + 24;
  const magic = image.readUInt16LE(optional);
  const directories = optional + (magic === 0x20b ? 112 : magic === 0x10b ? 96 : NaN);
  if (Number.isNaN(directories)) throw new Error(`Unknown optional header magic ${magic}`);
  return { checksumAt: optional + 64, securityAt: directories + SECURITY_DIRECTORY * 8 };
}

/** The certificate table's file offset and size; size 0 when the file is not signed. */
export function signatureOf(image) {
  const { securityAt } = layout(image);
  return { offset: image.readUInt32LE(securityAt), size: image.readUInt32LE(securityAt + 4) };
}

/** The PE checksum (as ImageHlp's CheckSumMappedFile computes it). */
export function peChecksum(image) {
  const { checksumAt } = layout(image);
  const words = Math.floor(image.length / 2);
  const aligned = image.byteOffset % 2 === 0 ? image : Buffer.from(image);
  const view = new Uint16Array(aligned.buffer, aligned.byteOffset, words);
  // 16-bit words added with the carries folded back in; folding once at the end is the same
  // (a JavaScript number holds the unfolded sum of any image exactly).
  let sum = 0;
  for (let i = 0; i < words; i += 1) sum += view[i];
  if (image.length % 2 === 1) sum += image[image.length - 1];
  sum -= image.readUInt16LE(checksumAt) + image.readUInt16LE(checksumAt + 2);
  while (sum > 0xffff) sum = (sum & 0xffff) + Math.floor(sum / 0x10000);
  return (sum + image.length) >>> 0;
}

/** A copy of `image` without its signature, its checksum recomputed; the same bytes if unsigned. */
export function withoutSignature(image) {
  const { offset, size } = signatureOf(image);
  if (size === 0) return image;
  if (offset + size !== image.length) {
    throw new Error('The signature is not at the end of the file; refusing to cut the image');
  }
  const stripped = Buffer.from(image.subarray(0, offset));
  const { securityAt, checksumAt } = layout(stripped);
  stripped.writeUInt32LE(0, securityAt);
  stripped.writeUInt32LE(0, securityAt + 4);
  stripped.writeUInt32LE(peChecksum(stripped), checksumAt);
  return stripped;
}
