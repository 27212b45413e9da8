import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { Minimatch } from 'minimatch';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import * as z from 'zod';
import { validateConfiguration } from 'app-builder-lib/out/util/config/config';
import { DebugLogger } from 'builder-util';
import { APP_ID } from '../src/main/app/app-identity';

const root = join(import.meta.dirname, '..');

const configSchema = z.object({
  appId: z.string().regex(/^[a-z0-9]+(\.[a-z0-9-]+)+$/i),
  productName: z.string(),
  directories: z.object({ output: z.string(), buildResources: z.string() }),
  files: z.array(z.string()),
  asar: z.boolean(),
  asarUnpack: z.array(z.string()),
  win: z.object({
    icon: z.string(),
    requestedExecutionLevel: z.string(),
    target: z.array(z.object({ target: z.string(), arch: z.array(z.string()) })),
  }),
  nsis: z.object({
    oneClick: z.boolean(),
    perMachine: z.boolean(),
    allowElevation: z.boolean(),
    installerIcon: z.string(),
  }),
  portable: z.object({ requestExecutionLevel: z.string() }),
});

const rawConfig: unknown = parse(readFileSync(join(root, 'electron-builder.yml'), 'utf8'));
const config = configSchema.parse(rawConfig);

/** electron-builder's `${arch}` in file patterns, as it expands them for each build. */
const forArch = (patterns: string[], arch: string) =>
  patterns.map((pattern) => pattern.replaceAll('${arch}', arch));

/** electron-builder's own check of a configuration (its JSON schema and deprecations). */
async function validationErrors(candidate: unknown): Promise<string | undefined> {
  try {
    await validateConfiguration(
      candidate as Parameters<typeof validateConfiguration>[0],
      new DebugLogger(false),
    );
    return undefined;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

/**
 * electron-builder applies `files` patterns in order: a file is packaged when the last pattern
 * that can change its state includes it (its FileMatcher's minimatchAll).
 */
function isPackaged(path: string, patterns: string[]): boolean {
  let included = false;
  for (const source of patterns) {
    const pattern = new Minimatch(source, { dot: true });
    if (included !== pattern.negate) continue;
    included = pattern.match(path);
  }
  return included;
}

function listFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(root, join(entry.parentPath, entry.name)).split('\\').join('/'));
}

describe('electron-builder.yml', () => {
  it('passes electron-builder’s own schema validation', async () => {
    expect(await validationErrors(rawConfig)).toBeUndefined();
  }, 30_000);

  it('a broken copy is rejected, naming each error', async () => {
    const base = rawConfig as Record<string, Record<string, unknown>>;
    const broken = {
      ...base,
      win: { ...base.win, requestedExecutionLevel: 'root-please' },
      nsis: { ...base.nsis, oneClik: false },
      asar: 'yes',
    };
    const errors = await validationErrors(broken);
    expect(errors).toContain('configuration.win.requestedExecutionLevel');
    expect(errors).toContain('configuration.nsis');
    expect(errors).toContain('configuration.asar');
  }, 30_000);

  it('has the appId the app sets as its AppUserModelID', () => {
    expect(config.appId).toBe(APP_ID);
  });

  it('names the product and installs per user without administrator rights', () => {
    expect(config.productName).toBe('SfB Sign-in Repair');
    expect(config.win.requestedExecutionLevel).toBe('asInvoker');
    expect(config.nsis.perMachine).toBe(false);
    expect(config.nsis.allowElevation).toBe(false);
    expect(config.portable.requestExecutionLevel).toBe('user');
    expect(config.win.target.map((t) => t.target).sort()).toEqual(['nsis', 'portable']);
    expect(config.win.target.find((t) => t.target === 'nsis')?.arch).toContain('x64');
  });

  it.each(['x64', 'arm64'])(
    'packages koffi with the %s Windows binary only, unpacked from the asar archive',
    (arch) => {
      const files = forArch(config.files, arch);
      const koffiFiles = listFiles(join(root, 'node_modules/koffi/build/koffi'));
      const packaged = koffiFiles.filter((file) => isPackaged(file, files));
      expect(packaged).toEqual([`node_modules/koffi/build/koffi/win32_${arch}/koffi.node`]);
      expect(koffiFiles.filter((file) => file.includes('/linux_x64/')).length).toBeGreaterThan(0);
      expect(isPackaged('node_modules/koffi/index.js', files)).toBe(true);
      expect(isPackaged('node_modules/koffi/package.json', files)).toBe(true);

      const unpacked = (file: string) =>
        forArch(config.asarUnpack, arch).some((source) =>
          new Minimatch(source, { dot: true }).match(file),
        );
      expect(config.asar).toBe(true);
      expect(unpacked(`node_modules/koffi/build/koffi/win32_${arch}/koffi.node`)).toBe(true);
      expect(unpacked('node_modules/koffi/index.js')).toBe(false);
    },
  );

  it('packages the built app and nothing else from node_modules', () => {
    const pkg = z
      .object({ main: z.string() })
      .parse(JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')));
    expect(isPackaged(pkg.main, config.files)).toBe(true);
    expect(isPackaged('dist/preload.cjs', config.files)).toBe(true);
    expect(isPackaged('dist/renderer/index.html', config.files)).toBe(true);
    expect(isPackaged('dist/renderer/assets/index-abc123.js', config.files)).toBe(true);
    expect(isPackaged('dist/main.cjs.map', config.files)).toBe(false);
    expect(isPackaged('node_modules/react/index.js', config.files)).toBe(false);
    expect(isPackaged('node_modules/electron/index.js', config.files)).toBe(false);
    expect(isPackaged('src/main/app/main.ts', config.files)).toBe(false);
  });

  it('packages the command line with every file of bin/ it requires', () => {
    const required = new Set<string>();
    const visit = (file: string) => {
      if (required.has(file)) return;
      required.add(file);
      const source = readFileSync(join(root, file), 'utf8');
      for (const [, local] of source.matchAll(/require\('\.\/([^']+)'\)/g)) visit(`bin/${local}`);
    };
    visit('bin/sfb-signin-repair.cjs');
    expect([...required].sort()).toEqual([
      'bin/built-from.cjs',
      'bin/bundle-loader.cjs',
      'bin/sfb-signin-repair.cjs',
    ]);
    for (const file of required) expect(isPackaged(file, config.files), file).toBe(true);
  });

  it('points at real icons: a PNG and an ICO that holds a 256 px image', () => {
    expect(config.directories.buildResources).toBe('assets');
    const png = readFileSync(join(root, 'assets/icon.png'));
    expect(png.subarray(0, 8)).toEqual(
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    );
    expect(png.readUInt32BE(16)).toBeGreaterThanOrEqual(256);
    expect(png.readUInt32BE(20)).toBe(png.readUInt32BE(16));

    for (const icon of [config.win.icon, config.nsis.installerIcon]) {
      const ico = readFileSync(join(root, icon));
      expect(ico.readUInt16LE(0)).toBe(0);
      expect(ico.readUInt16LE(2)).toBe(1);
      const count = ico.readUInt16LE(4);
      const sizes: number[] = [];
      for (let i = 0; i < count; i += 1) {
        const entry = 6 + 16 * i;
        sizes.push(ico[entry] === 0 ? 256 : (ico[entry] ?? -1));
        const length = ico.readUInt32LE(entry + 8);
        const offset = ico.readUInt32LE(entry + 12);
        expect(offset + length).toBeLessThanOrEqual(ico.length);
        // Each entry is a complete PNG image.
        expect(ico.subarray(offset, offset + 4)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47]));
      }
      expect(sizes).toContain(16);
      expect(sizes).toContain(32);
      expect(sizes).toContain(256);
    }
  });
});
