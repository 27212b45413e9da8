/**
 * electron-builder's own `--win dir --x64` build of this project, with zero downloads: the
 * Electron runtime folder is a STAND-IN (testing/packaging/pe-resources.mjs, not Electron), so
 * every step of electron-builder runs for real (file filters, app.asar, asarUnpack, the exe's
 * version strings and icon, the manifest), and the result is inspected with @electron/asar and
 * resedit. The project is copied into a private folder and built there (scripts/build.mjs), so
 * other tests rebuilding dist/ cannot change what is packed.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, symlinkSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { listPackage } from '@electron/asar';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as z from 'zod';
import { buildProduct } from '../scripts/build.mjs';
import {
  readExeResources,
  STAND_IN_STRINGS,
  writeStandInElectron,
} from '../testing/packaging/pe-resources.mjs';

const repo = join(import.meta.dirname, '..');
const pkg = z
  .object({ version: z.string(), author: z.string() })
  .parse(JSON.parse(readFileSync(join(repo, 'package.json'), 'utf8')));

let work: string;
let appDir: string;
let build: { status: number | null; output: string; ms: number };

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'sfb-package-'));
  const project = join(work, 'project');
  for (const entry of ['package.json', 'electron-builder.yml', 'assets', 'bin'])
    cpSync(join(repo, entry), join(project, entry), { recursive: true });
  symlinkSync(join(repo, 'node_modules'), join(project, 'node_modules'), 'dir');
  await buildProduct({ outDir: join(project, 'dist'), log: () => undefined });
  writeStandInElectron(join(work, 'electron-dist'));
  mkdirSync(join(work, 'electron-cache'));
  const started = Date.now();
  const run = spawnSync(
    process.execPath,
    [
      join(repo, 'node_modules/electron-builder/cli.js'),
      '--win',
      'dir',
      '--x64',
      '--config',
      'electron-builder.yml',
      `-c.electronDist=${join(work, 'electron-dist')}`,
      '-c.npmRebuild=false',
      `-c.directories.output=${join(work, 'release')}`,
    ],
    {
      cwd: project,
      encoding: 'utf8',
      env: {
        ...process.env,
        ELECTRON_CACHE: join(work, 'electron-cache'),
        ELECTRON_BUILDER_CACHE: join(work, 'electron-cache'),
        CSC_LINK: '',
        WIN_CSC_LINK: '',
      },
    },
  );
  build = { status: run.status, output: `${run.stdout}${run.stderr}`, ms: Date.now() - started };
  appDir = join(work, 'release', 'win-unpacked');
}, 180_000);
afterAll(() => rm(work, { recursive: true, force: true }));

const exe = () => readExeResources(join(appDir, 'SfB Sign-in Repair.exe'));

describe('the Windows package (electron-builder --win dir --x64, stand-in runtime)', () => {
  it('builds with electron-builder’s own steps and no download', () => {
    expect(build.status, build.output).toBe(0);
    // Electron's download cache was an empty folder of this test's and stays empty.
    expect(readdirSync(join(work, 'electron-cache'))).toEqual([]);
    console.log(`[package] electron-builder --win dir: ${build.ms} ms`);
  });

  it('app.asar holds the built app and koffi, nothing else', () => {
    const files = listPackage(join(appDir, 'resources', 'app.asar'), { isPack: false })
      .map((path) => path.replaceAll('\\', '/'))
      .filter((path) => !path.startsWith('/dist/renderer/assets/'));
    expect(files.filter((path) => /\.[a-z]+$/.test(path)).sort()).toEqual([
      '/bin/built-from.cjs',
      '/bin/bundle-loader.cjs',
      '/bin/sfb-signin-repair.cjs',
      '/dist/cli-certificates.cjs',
      '/dist/cli.cjs',
      '/dist/main.cjs',
      '/dist/preload.cjs',
      '/dist/renderer/icon.svg',
      '/dist/renderer/index.html',
      '/node_modules/koffi/LICENSE.txt',
      '/node_modules/koffi/build/koffi/win32_x64/koffi.node',
      '/node_modules/koffi/index.js',
      '/node_modules/koffi/indirect.js',
      '/node_modules/koffi/package.json',
      '/package.json',
    ]);
  });

  it('carries koffi’s native module for win32_x64 only, unpacked beside the archive', () => {
    const unpacked = join(appDir, 'resources', 'app.asar.unpacked', 'node_modules', 'koffi');
    const natives = readdirSync(unpacked, { recursive: true, encoding: 'utf8' })
      .filter((path) => path.endsWith('.node'))
      .map((path) => relative(unpacked, join(unpacked, path)).replaceAll('\\', '/'));
    expect(natives).toEqual(['build/koffi/win32_x64/koffi.node']);
    const sha256 = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');
    expect(sha256(join(unpacked, 'build/koffi/win32_x64/koffi.node'))).toBe(
      sha256(join(repo, 'node_modules/koffi/build/koffi/win32_x64/koffi.node')),
    );
  });

  it('names the exe ours in its version resource: product, description, company, version', () => {
    const { strings, fileVersion } = exe();
    expect(strings).toMatchObject({
      ProductName: 'SfB Sign-in Repair',
      // What Task Manager shows as the process name.
      FileDescription: 'SfB Sign-in Repair',
      CompanyName: pkg.author,
      ProductVersion: `${pkg.version}.0`,
      FileVersion: pkg.version,
    });
    expect(Object.values(strings)).not.toContain(STAND_IN_STRINGS.CompanyName);
    expect(fileVersion).toEqual(pkg.version.split('.').map(Number));
  });

  it('holds the product icon in every size of assets/icon.ico', () => {
    const ico = readFileSync(join(repo, 'assets/icon.ico'));
    const expected = Array.from({ length: ico.readUInt16LE(4) }, (_, i) => ico[6 + 16 * i] || 256);
    const sizes = exe().iconSizes.sort((a, b) => a - b);
    expect(sizes).toEqual(expected.sort((a, b) => a - b));
    expect(sizes).toEqual(expect.arrayContaining([16, 32, 256]));
  });

  it('keeps the manifest at asInvoker: no UAC prompt at start', () => {
    expect(exe().manifest).toMatch(/<requestedExecutionLevel level="asInvoker"/);
  });

  it('leaves no Electron default app and writes no installer in a dir build', () => {
    expect(existsSync(join(appDir, 'resources', 'default_app.asar'))).toBe(false);
    expect(readdirSync(join(work, 'release')).filter((f) => f.endsWith('.exe'))).toEqual([]);
  });
});
