/**
 * Writes the smallest PE32+ image that carries a version resource, so a seeded `lync.exe` has
 * a real file version for version.dll to read (GetFileVersionInfoW / VerQueryValueW), the way
 * the product reads the real client's. The image has no code and is never started.
 */

const FILE_ALIGNMENT = 0x200;
const SECTION_RVA = 0x1000;

function versionParts(version: string): [number, number, number, number] {
  const parts = version.split('.').map((part) => Number(part));
  if (
    parts.length !== 4 ||
    parts.some((part) => !Number.isInteger(part) || part < 0 || part > 0xffff)
  ) {
    throw new Error(`A file version is four numbers 0..65535, got '${version}'`);
  }
  return parts as [number, number, number, number];
}

/** VS_VERSIONINFO with VS_FIXEDFILEINFO and no string tables. */
function versionInfo(version: string): Buffer {
  const [major, minor, build, revision] = versionParts(version);
  const key = Buffer.from('VS_VERSION_INFO\0', 'utf16le');
  const headerLength = 6 + key.length; // wLength, wValueLength, wType, szKey
  const fixedOffset = Math.ceil(headerLength / 4) * 4;
  const total = fixedOffset + 52;
  const info = Buffer.alloc(total);
  info.writeUInt16LE(total, 0);
  info.writeUInt16LE(52, 2);
  info.writeUInt16LE(0, 4);
  key.copy(info, 6);
  const fixed = [
    0xfeef04bd, // dwSignature
    0x00010000, // dwStrucVersion
    ((major << 16) | minor) >>> 0,
    ((build << 16) | revision) >>> 0,
    ((major << 16) | minor) >>> 0,
    ((build << 16) | revision) >>> 0,
    0x3f, // dwFileFlagsMask
    0, // dwFileFlags
    0x00040004, // VOS_NT_WINDOWS32
    0x1, // VFT_APP
    0,
    0,
    0,
  ];
  fixed.forEach((value, index) => info.writeUInt32LE(value, fixedOffset + index * 4));
  return info;
}

/** .rsrc: root (RT_VERSION) → name (1) → language (0x0409) → data entry → VS_VERSIONINFO. */
function resourceSection(version: string): Buffer {
  const info = versionInfo(version);
  const directory = (offsetOfNext: number, id: number, isDirectory: boolean) => {
    const block = Buffer.alloc(24);
    block.writeUInt16LE(1, 14); // NumberOfIdEntries
    block.writeUInt32LE(id, 16);
    block.writeUInt32LE(((isDirectory ? 0x80000000 : 0) | offsetOfNext) >>> 0, 20);
    return block;
  };
  const dataEntryOffset = 72;
  const dataOffset = dataEntryOffset + 16;
  const dataEntry = Buffer.alloc(16);
  dataEntry.writeUInt32LE(SECTION_RVA + dataOffset, 0);
  dataEntry.writeUInt32LE(info.length, 4);
  return Buffer.concat([
    directory(24, 16, true), // RT_VERSION
    directory(48, 1, true),
    directory(dataEntryOffset, 0x0409, false),
    dataEntry,
    info,
  ]);
}

export function peWithVersion(version: string): Uint8Array {
  const rsrc = resourceSection(version);
  const rawSize = Math.ceil(rsrc.length / FILE_ALIGNMENT) * FILE_ALIGNMENT;
  const image = Buffer.alloc(FILE_ALIGNMENT + rawSize);
  image.write('MZ', 0, 'latin1');
  image.writeUInt32LE(0x40, 0x3c); // e_lfanew
  image.write('PE\0\0', 0x40, 'latin1');
  const coff = 0x44;
  image.writeUInt16LE(0x8664, coff); // AMD64
  image.writeUInt16LE(1, coff + 2); // one section
  image.writeUInt16LE(240, coff + 16); // SizeOfOptionalHeader (PE32+)
  image.writeUInt16LE(0x0022, coff + 18); // EXECUTABLE_IMAGE | LARGE_ADDRESS_AWARE
  const opt = coff + 20;
  image.writeUInt16LE(0x20b, opt); // PE32+
  image.writeUInt32LE(rawSize, opt + 8); // SizeOfInitializedData
  image.writeUInt32LE(SECTION_RVA, opt + 20); // BaseOfCode
  image.writeBigUInt64LE(0x140000000n, opt + 24); // ImageBase
  image.writeUInt32LE(0x1000, opt + 32); // SectionAlignment
  image.writeUInt32LE(FILE_ALIGNMENT, opt + 36);
  image.writeUInt16LE(6, opt + 40); // OS 6.0
  image.writeUInt16LE(6, opt + 48); // subsystem 6.0
  image.writeUInt32LE(SECTION_RVA + Math.ceil(rsrc.length / 0x1000) * 0x1000, opt + 56); // SizeOfImage
  image.writeUInt32LE(FILE_ALIGNMENT, opt + 60); // SizeOfHeaders
  image.writeUInt16LE(2, opt + 68); // Windows GUI
  image.writeUInt16LE(0x8140, opt + 70); // NX compatible, dynamic base, terminal-server aware
  image.writeBigUInt64LE(0x100000n, opt + 72);
  image.writeBigUInt64LE(0x1000n, opt + 80);
  image.writeBigUInt64LE(0x100000n, opt + 88);
  image.writeBigUInt64LE(0x1000n, opt + 96);
  image.writeUInt32LE(16, opt + 108); // NumberOfRvaAndSizes
  image.writeUInt32LE(SECTION_RVA, opt + 112 + 2 * 8); // resource directory
  image.writeUInt32LE(rsrc.length, opt + 112 + 2 * 8 + 4);
  const section = opt + 240;
  image.write('.rsrc', section, 'latin1');
  image.writeUInt32LE(rsrc.length, section + 8); // VirtualSize
  image.writeUInt32LE(SECTION_RVA, section + 12);
  image.writeUInt32LE(rawSize, section + 16);
  image.writeUInt32LE(FILE_ALIGNMENT, section + 20);
  image.writeUInt32LE(0x40000040, section + 36); // initialised data, readable
  rsrc.copy(image, FILE_ALIGNMENT);
  return new Uint8Array(image);
}
