import { randomInt } from 'node:crypto';

// No 0/O, 1/I/L, 5/S or 2/Z: the code is read aloud over the phone to a helpdesk.
const ALPHABET = 'ABCDEFGHJKMNPQRTUVWXY346789';

/** A short code that names this session in a helpdesk call and in the report. */
export function newSupportCode(length = 6): string {
  let code = '';
  for (let i = 0; i < length; i += 1) code += ALPHABET[randomInt(ALPHABET.length)];
  return code;
}
