/**
 * Names compared as Windows compares file, registry key, value and credential names: ordinal,
 * one UTF-16 code unit at a time, through the upper-case table (RtlUpcaseUnicodeString), with no
 * Unicode case folding. So `KATE` and `kate` are one name, while `\u212Aate` (the Kelvin sign)
 * and `ß`/`SS` are not: `toLowerCase`/`localeCompare` would fold them together and let a repair
 * for one address reach a look-alike folder.
 *
 * The table here is JavaScript's simple upper-casing of one code unit, kept only when it is one
 * code unit and never when it would turn a non-ASCII character into an ASCII one (`ı`→`I`,
 * `ſ`→`S`): a look-alike is never taken for an ASCII name.
 */

function upcaseUnit(code: number): number {
  if (code < 0x80) return code >= 0x61 && code <= 0x7a ? code - 0x20 : code;
  const upper = String.fromCharCode(code).toUpperCase();
  if (upper.length !== 1) return code;
  const mapped = upper.charCodeAt(0);
  return mapped < 0x80 ? code : mapped;
}

/** `name` through the Windows upper-case table, one code unit at a time. */
export function windowsUpcase(name: string): string {
  let out = '';
  for (let index = 0; index < name.length; index += 1) {
    out += String.fromCharCode(upcaseUnit(name.charCodeAt(index)));
  }
  return out;
}

/** The one comparison for addresses, paths and names Windows treats as case-insensitive. */
export function sameWindowsName(a: string, b: string): boolean {
  return a === b || (a.length === b.length && windowsUpcase(a) === windowsUpcase(b));
}

/** Whether `name` starts with `prefix` as Windows would compare them. */
export function startsWithWindowsName(name: string, prefix: string): boolean {
  return name.length >= prefix.length && sameWindowsName(name.slice(0, prefix.length), prefix);
}
