// Types for pe-signature.mjs.
export function signatureOf(image: Buffer): { offset: number; size: number };
export function peChecksum(image: Buffer): number;
export function withoutSignature(image: Buffer): Buffer;
