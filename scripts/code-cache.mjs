// The command line's V8 code cache, made at build time (bin/bundle-loader.cjs reads it).
//
// 1. `keyBundle` puts the cache key on the bundle's first line: a hash of the bundle, so a cache
//    made for any other build is never taken for this one. It also makes the bundle call itself
//    (the loader's BODY_OPENING on the second line, BODY_CLOSING after the body), so the loader
//    compiles the file's text as it is. The source map gains two empty lines at its start, so it
//    still points at the right sources.
// 2. `recordCodeCache` runs the built command line twice on a throw-away practice PC: once to
//    make the PC, then `diagnose` again with the loader recording what V8 compiled. That is the
//    code every command runs at start and the diagnosis most commands begin with. (The bench's
//    first-diagnosis probe is recorded the same way, with its own arguments.)
// A cache that cannot be made leaves the command line as it is, only slower to start: the build
// says so and goes on.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const loader = join(root, 'bin', 'bundle-loader.cjs');
const { BODY_CLOSING, BODY_OPENING, CODE_CACHE_SUFFIX, KEY_PREFIX } = createRequire(
  import.meta.url,
)(loader);

/** The source map comment esbuild ends a bundle with; it stays the bundle's last line. */
const SOURCE_MAP_COMMENT = /\n(\/\/# sourceMappingURL=[^\n]*\n?)$/;

/**
 * Writes the key line at the top of `bundle`, wraps its body to call itself, and shifts its
 * source map (`bundle`.map) by the two lines added above the body.
 */
export function keyBundle(bundle) {
  const source = readFileSync(bundle, 'utf8');
  const key = createHash('sha256').update(source).digest('hex').slice(0, 32);
  const mapComment = SOURCE_MAP_COMMENT.exec(source);
  const body = mapComment ? source.slice(0, mapComment.index) : source;
  const tail = mapComment ? mapComment[1] : '';
  writeFileSync(bundle, `${KEY_PREFIX}${key}\n${BODY_OPENING}\n${body}\n${BODY_CLOSING}\n${tail}`);
  const mapFile = `${bundle}.map`;
  const map = JSON.parse(readFileSync(mapFile, 'utf8'));
  map.mappings = `;;${map.mappings}`;
  writeFileSync(mapFile, JSON.stringify(map));
}

/**
 * The command line's arguments for the recorded run: a diagnosis of a practice PC, named, so a
 * build on Windows never diagnoses the PC it runs on.
 */
const diagnoseIn = (dataDir) => [
  '--data-dir',
  dataDir,
  '--practice',
  'kb-lync2013',
  'diagnose',
  '--json',
];

/**
 * Records `bundle`'s code cache from a run with the arguments `argsFor(scratch folder)` (by
 * default the command line's `diagnose`); answers the cache file, or undefined (and logs why).
 */
export function recordCodeCache(bundle, log, argsFor = diagnoseIn) {
  const cacheFile = bundle + CODE_CACHE_SUFFIX;
  rmSync(cacheFile, { force: true });
  const dataDir = mkdtempSync(join(tmpdir(), 'sfb-code-cache-'));
  // As `node <bundle> ...` would see its arguments: the bundle in argv[1].
  const recorder =
    `process.argv.splice(1, 0, ${JSON.stringify(bundle)});` +
    `require(${JSON.stringify(loader)}).recordCodeCache(${JSON.stringify(bundle)});`;
  const args = argsFor(dataDir);
  try {
    for (const command of [
      [bundle, ...args],
      ['-e', recorder, '--', ...args],
    ]) {
      const run = spawnSync(process.execPath, command, { encoding: 'utf8', timeout: 120_000 });
      if (run.status !== 0) {
        log(
          `no code cache for ${bundle} (it still works, only starts slower): ` +
            `${args.join(' ')} exited ${run.status ?? run.signal}: ${run.stderr.trim()}`,
        );
        rmSync(cacheFile, { force: true });
        return undefined;
      }
    }
    log(`built ${cacheFile}`);
    return cacheFile;
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}
