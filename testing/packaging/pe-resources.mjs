// Windows executables for the packaging tests, through resedit (the library electron-builder
// itself edits exe resources with). Plain JavaScript with its own .d.mts: resedit's typings pull
// the DOM library into the whole TypeScript program.
//
// writeStandInElectron writes a STAND-IN for Electron's Windows runtime folder, NOT Electron:
// electron-builder's `--win dir` build needs an `electronDist` folder, and Electron's Windows zip
// comes from GitHub, which these machines cannot reach. The stand-in `electron.exe` is an empty
// PE32+ image (no code, never started) with what electron-builder edits in the real one: a
// version resource whose strings are Electron's (so the test sees ours replace them) and
// Electron's manifest, which asks for `asInvoker`. What electron-builder does to it is real;
// what Electron does at run time is not shown by it.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Buffer } from 'node:buffer';
import { NtExecutable, NtExecutableResource, Resource } from 'resedit';

const EN_US = { lang: 1033, codepage: 1200 };
const RT_MANIFEST = 24;

export const STAND_IN_STRINGS = {
  CompanyName: 'GitHub, Inc.',
  FileDescription: 'Electron',
  ProductName: 'Electron',
  OriginalFilename: 'electron.exe',
};

/** Electron's application manifest, execution level as in its releases. */
const MANIFEST = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<assembly xmlns="urn:schemas-microsoft-com:asm.v1" manifestVersion="1.0">
  <trustInfo xmlns="urn:schemas-microsoft-com:asm.v3">
    <security><requestedPrivileges>
      <requestedExecutionLevel level="asInvoker" uiAccess="false"/>
    </requestedPrivileges></security>
  </trustInfo>
</assembly>
`;

function standInExe() {
  const exe = NtExecutable.createEmpty(false, false);
  const resources = NtExecutableResource.from(exe);
  const version = Resource.VersionInfo.createEmpty();
  version.lang = EN_US.lang;
  version.setStringValues(EN_US, { ...STAND_IN_STRINGS, FileVersion: '45.5.0' });
  version.setFileVersion(45, 5, 0, 0);
  version.setProductVersion(45, 5, 0, 0);
  version.outputToResourceEntries(resources.entries);
  const manifest = Buffer.from(MANIFEST, 'utf8');
  resources.entries.push({
    type: RT_MANIFEST,
    id: 1,
    lang: EN_US.lang,
    codepage: EN_US.codepage,
    bin: manifest.buffer.slice(manifest.byteOffset, manifest.byteOffset + manifest.length),
  });
  resources.outputResource(exe);
  return Buffer.from(exe.generate());
}

/** Writes the stand-in runtime folder (electron.exe and files Electron's zip has beside it). */
export function writeStandInElectron(dir) {
  mkdirSync(join(dir, 'resources'), { recursive: true });
  writeFileSync(join(dir, 'electron.exe'), standInExe());
  writeFileSync(join(dir, 'LICENSE'), 'Stand-in for Electron’s runtime folder (tests only).\n');
  writeFileSync(join(dir, 'version'), '45.5.0');
}

/** What Windows shows of an exe: version strings and numbers, icon sizes, manifest. */
export function readExeResources(file) {
  const entries = NtExecutableResource.from(NtExecutable.from(readFileSync(file))).entries;
  const [info] = Resource.VersionInfo.fromEntries(entries);
  const [language] = info?.getAllLanguagesForStringValues() ?? [];
  const fixed = info?.fixedInfo;
  const [group] = Resource.IconGroupEntry.fromEntries(entries);
  const manifest = entries.find((entry) => entry.type === RT_MANIFEST);
  return {
    strings: info && language ? info.getStringValues(language) : {},
    fileVersion: fixed
      ? [fixed.fileVersionMS >>> 16, fixed.fileVersionMS & 0xffff, fixed.fileVersionLS >>> 16]
      : [],
    iconSizes: (group?.icons ?? []).map((icon) => icon.width || 256),
    manifest: manifest ? Buffer.from(manifest.bin).toString('utf8') : '',
  };
}
