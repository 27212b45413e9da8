// Builds every runnable part: the command line and Electron's main and preload (esbuild, one
// CommonJS file each, so the Windows build of Node.js and Electron load them as they are) and
// the renderer (Vite). Both through their JavaScript APIs, in this process: spawning `npx` needs
// a shell on Windows (npx is a .cmd file, which Node refuses to start without one since 20.12.2),
// so a spawned build would stop there before anything ran.
//
//   node scripts/build.mjs [--only=cli|main|preload|renderer] [--out=<folder>]
//
// `--out` (default dist/) lets tests build into a folder of their own.
import { build as esbuild } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { existsSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { keyBundle, recordCodeCache } from './code-cache.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** The esbuild options every Node-side bundle shares (also used by scripts/dist-cli.mjs). */
export const NODE_BUNDLE_OPTIONS = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  logLevel: 'warning',
};

/**
 * Certificate generation (@peculiar/x509 with reflect-metadata) is needed only to build a
 * practice PC, yet it is half of the command line's bundle, which every command reads and
 * compiles at start. The command line loads it on first use from a file of its own beside it.
 */
export const CLI_CERTIFICATES = {
  out: 'cli-certificates.cjs',
  source: "import 'reflect-metadata';\nexport * from '@peculiar/x509';\n",
  packages: /^(@peculiar\/x509|reflect-metadata)$/,
};

const certificatesBesideCli = {
  name: 'certificates-beside-cli',
  setup(build) {
    build.onResolve({ filter: CLI_CERTIFICATES.packages }, () => ({
      path: `./${CLI_CERTIFICATES.out}`,
      external: true,
    }));
  },
};

/**
 * commander requires node:child_process when it loads, for subcommands that are programs of their
 * own, which this command line does not have; loading it (and node:net with it) is a tenth of a
 * command's start. commander gets it on first use instead.
 */
const childProcessOnUse = {
  name: 'child-process-on-use',
  setup(build) {
    build.onResolve({ filter: /^node:child_process$/ }, (args) =>
      /[\\/]node_modules[\\/]commander[\\/]/.test(args.importer)
        ? { path: 'child-process-on-use', namespace: 'child-process-on-use' }
        : undefined,
    );
    build.onLoad({ filter: /.*/, namespace: 'child-process-on-use' }, () => ({
      contents:
        "let loaded;\nmodule.exports = new Proxy({}, { get: (_, name) => (loaded ??= require('node:child_process'))[name] });\n",
      loader: 'js',
    }));
  },
};

/**
 * `node:fs/promises` loads node:readline with it (for `FileHandle.readLines`), a few modules a
 * diagnosis never uses: it reads synchronously. The command line gets each of its functions on
 * first call instead. The names are Node's own, read here at build time, so an import of a name
 * Node does not have still fails the build.
 */
const FS_PROMISES_ON_USE = 'fs-promises-on-use';
const fsPromisesOnUse = {
  name: FS_PROMISES_ON_USE,
  setup(build) {
    build.onResolve({ filter: /^(node:)?fs\/promises$/ }, (args) =>
      args.namespace === FS_PROMISES_ON_USE
        ? { path: 'node:fs/promises', external: true }
        : { path: 'fs/promises', namespace: FS_PROMISES_ON_USE },
    );
    build.onLoad({ filter: /.*/, namespace: FS_PROMISES_ON_USE }, async () => {
      const fsPromises = await import('node:fs/promises');
      const names = Object.keys(fsPromises).filter(
        (name) => name !== 'default' && typeof fsPromises[name] === 'function',
      );
      return {
        contents: [
          "let loaded;\nconst fsPromises = () => (loaded ??= require('node:fs/promises'));",
          "export const constants = require('node:fs').constants;",
          ...names.map(
            (name) => `export const ${name} = (...args) => fsPromises().${name}(...args);`,
          ),
        ].join('\n'),
        loader: 'js',
      };
    });
  },
};

export const NODE_TARGETS = [
  {
    name: 'cli',
    entry: 'src/cli/main.ts',
    out: 'cli.cjs',
    external: ['koffi', 'electron'],
    plugins: [certificatesBesideCli, childProcessOnUse, fsPromisesOnUse],
    // `require` (not `import()`) of that file: it is CommonJS, whose names import() cannot see.
    supported: { 'dynamic-import': false },
    // Every command reads, and V8 deserializes the code cache of, all of it at start: minified,
    // the bundle is a third smaller and its cache 7% (measured: ~5 ms less CPU, ~180 fewer
    // pages, for `diagnose` and `--help` alike). Without comments (some hold non-ASCII text) it
    // is also ASCII-only, so Node reads it as one-byte text. Its names say nothing then, so
    // `--verbose` maps a stack trace back to the sources (src/cli/mapped-stack.ts).
    minify: true,
  },
  { name: 'main', entry: 'src/main/app/main.ts', out: 'main.cjs', external: ['koffi', 'electron'] },
  { name: 'preload', entry: 'src/preload/preload.ts', out: 'preload.cjs', external: ['electron'] },
];

const { RECORD_SUFFIX } = createRequire(import.meta.url)(join(root, 'bin', 'built-from.cjs'));

/** What `git` prints for `args` in `repo`, or undefined when it fails or is not there. */
function git(repo, args) {
  const run = spawnSync('git', args, { cwd: repo, encoding: 'utf8' });
  return run.status === 0 ? run.stdout.trim() : undefined;
}

/**
 * Records beside `bundle` the commit of `repo` it was built from (bin/built-from.cjs reads it),
 * when the checkout has no changes to tracked files; otherwise removes an older record, as
 * nothing certain can be said of a build of work in progress.
 */
export function recordBuiltFrom(bundle, repo = root) {
  const record = bundle + RECORD_SUFFIX;
  const commit = git(repo, ['rev-parse', 'HEAD']);
  const changed = git(repo, ['status', '--porcelain', '--untracked-files=no']);
  if (commit && changed === '') writeFileSync(record, `${JSON.stringify({ commit })}\n`);
  else rmSync(record, { force: true });
}

/** Bundles `target`'s code from `entry` (a path inside the repository) into `outfile`. */
function bundleTarget(target, entry, outfile) {
  return esbuild({
    ...NODE_BUNDLE_OPTIONS,
    entryPoints: [join(root, entry)],
    outfile,
    sourcemap: true,
    external: target.external,
    plugins: target.plugins ?? [],
    supported: target.supported ?? {},
    minify: target.minify ?? false,
  });
}

/**
 * Bundles `entry` into `outfile` exactly as the command line is bundled (its plugins, minified):
 * the bench's first-diagnosis probe, so that what it times is the code a command runs.
 */
export function bundleLikeCli(entry, outfile) {
  return bundleTarget(
    NODE_TARGETS.find((target) => target.name === 'cli'),
    entry,
    outfile,
  );
}

/**
 * Builds the parts named by `only` (all when undefined) into `outDir`; answers the files made.
 * Throws esbuild's or Vite's error as it is.
 */
export async function buildProduct({ only, outDir = join(root, 'dist'), log = console.log } = {}) {
  const made = [];
  for (const target of NODE_TARGETS) {
    if (only && only !== target.name) continue;
    if (!existsSync(join(root, target.entry))) {
      log(`skip ${target.name}: ${target.entry} does not exist yet`);
      continue;
    }
    const outfile = join(outDir, target.out);
    await bundleTarget(target, target.entry, outfile);
    log(`built ${outfile}`);
    made.push(outfile);
    if (target.name === 'cli') {
      const certificates = join(outDir, CLI_CERTIFICATES.out);
      await esbuild({
        ...NODE_BUNDLE_OPTIONS,
        stdin: {
          contents: CLI_CERTIFICATES.source,
          resolveDir: root,
          sourcefile: 'certificates.ts',
        },
        outfile: certificates,
      });
      log(`built ${certificates}`);
      made.push(certificates);
      keyBundle(outfile);
      const cache = recordCodeCache(outfile, log);
      if (cache) made.push(cache);
      recordBuiltFrom(outfile);
    }
  }
  if ((!only || only === 'renderer') && existsSync(join(root, 'src/renderer/index.html'))) {
    const { build: viteBuild } = await import('vite');
    const rendererDir = join(outDir, 'renderer');
    await viteBuild({
      configFile: join(root, 'vite.config.ts'),
      logLevel: 'warn',
      build: { outDir: rendererDir },
    });
    log(`built ${rendererDir}`);
    made.push(join(rendererDir, 'index.html'));
  }
  return made;
}

function argValue(name) {
  return process.argv.find((arg) => arg.startsWith(`--${name}=`))?.slice(name.length + 3);
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const out = argValue('out');
  try {
    await buildProduct({ only: argValue('only'), ...(out ? { outDir: resolve(out) } : {}) });
  } catch (error) {
    // esbuild has printed its diagnostics already; this says that the build stopped and why.
    process.stderr.write(`The build failed: ${error instanceof Error ? error.message : error}\n`);
    process.exit(1);
  }
}
