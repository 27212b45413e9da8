// Runs the built command line as `require` would, compiled from the V8 code cache that the build
// recorded beside it (`<bundle>.code-cache`), so a command does not parse and compile the
// bundle's functions again in every new process.
//
// The cache is used only when it is certainly this bundle's: its first line repeats the bundle's
// first line (`// code-cache-key: <hash of the bundle>`, written by scripts/build.mjs). V8 itself
// checks only its own version, its flags and the source's length, so a rebuilt bundle of the same
// length would otherwise run the old bundle's compiled code. V8 rejects a cache from another
// Node.js version or damaged data, and then the bundle is compiled from source as usual: the
// cache only ever changes how fast a command starts. It is written only by the build, in the
// build's own folder; a command never writes it.
//
// A keyed bundle also calls itself: the build puts its body inside the function Node's CommonJS
// loader would wrap it in (BODY_OPENING ... BODY_CLOSING), so this loader compiles the file's
// text as it is. Wrapping it here (`Module.wrap`) would join three strings, which V8 copies into
// one before it compiles: a megabyte written anew at every command's start (measured: a third of
// the time V8 takes to start the bundle from its cache). Run by Node itself (`node dist/cli.cjs`,
// the single exe, Electron as Node), the body calls itself with the names Node's wrapper gives
// it; run by this loader, it hands itself to the loader (BODY_HOOK) instead.
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const vm = require('node:vm');
const Module = require('node:module');
const { Buffer, isAscii } = require('node:buffer');

const CODE_CACHE_SUFFIX = '.code-cache';
const KEY_PREFIX = '// code-cache-key: ';
const BODY_HOOK = Symbol.for('sfb-signin-repair.bundle-body');
const BODY_OPENING =
  "(globalThis[Symbol.for('sfb-signin-repair.bundle-body')] ?? ((body) => body.call(this, exports, require, module, __filename, __dirname)))(function (exports, require, module, __filename, __dirname) {";
const BODY_CLOSING = '});';

// V8 reads a code cache where it lies only when it starts on a pointer-size boundary; from
// anywhere else it copies all of it first (measured: for the command line's 530 KB cache, 130
// more fresh pages and ~3 ms of every command's start).
const CACHE_ALIGNMENT = 8;
const MAX_CACHE_TO_BUNDLE = 4;

/**
 * Decodes the bundle's bytes. The build writes them ASCII-only, and ASCII read as Latin-1 is a
 * plain copy, without the UTF-8 decoder's checks (a few milliseconds of every command's start);
 * a bundle with any other byte is decoded as UTF-8, as `require` would.
 */
function textOf(bytes) {
  return isAscii(bytes) ? bytes.toString('latin1') : bytes.toString('utf8');
}

/** The bundle's text, read on its own (for the build's recording run). */
function readSource(bundle) {
  return textOf(fs.readFileSync(bundle));
}

/** The bundle's cache key (its first line), or undefined for a bundle built without one. */
function keyOf(source) {
  if (!source.startsWith(KEY_PREFIX)) return undefined;
  const end = source.indexOf('\n');
  return end === -1 ? undefined : source.slice(0, end);
}

/**
 * Reads the open file `fd` into `buffer` from `at` to its end; answers the bytes read, or
 * undefined when they do not fit (the file grew after it was measured: it is being written).
 */
function readToEnd(fd, buffer, at) {
  let end = at;
  for (;;) {
    if (end === buffer.length) return undefined;
    const read = fs.readSync(fd, buffer, end, buffer.length - end, null);
    if (read === 0) return buffer.subarray(at, end);
    end += read;
  }
}

function openOrUndefined(file) {
  try {
    return fs.openSync(file, 'r');
  } catch {
    return undefined;
  }
}

/**
 * Where in `scratch` to read a cache file whose header is `headerLength` bytes, so that the
 * data after the header starts on V8's alignment.
 */
function cacheReadOffset(scratch, headerLength) {
  return (
    (CACHE_ALIGNMENT - ((scratch.byteOffset + headerLength) % CACHE_ALIGNMENT)) % CACHE_ALIGNMENT
  );
}

/**
 * The recorded V8 data for `source` (from the open cache file `cacheFd`), read into `scratch`
 * so that it starts on V8's alignment; undefined when it is not exactly this source's.
 */
function readCodeCache(cacheFd, source, scratch) {
  const key = keyOf(source);
  if (key === undefined) return undefined;
  const header = Buffer.from(`${key}\n`, 'latin1');
  const at = cacheReadOffset(scratch, header.length);
  let data;
  try {
    data = readToEnd(cacheFd, scratch, at);
  } catch {
    return undefined;
  }
  if (data === undefined || data.length <= header.length) return undefined;
  if (!data.subarray(0, header.length).equals(header)) return undefined;
  return data.subarray(header.length);
}

/**
 * The bundle's text and its code cache, both read through one scratch buffer: the bundle's bytes
 * are needed only until they become its text, and every page a command touches for the first
 * time costs a page fault (~12 µs each on the 2-core test machines, where reading the cache into
 * a buffer of its own cost 130 more of them).
 */
function readBundle(bundle) {
  const bundleFd = fs.openSync(bundle, 'r');
  const cacheFd = openOrUndefined(bundle + CODE_CACHE_SUFFIX);
  try {
    const size = fs.fstatSync(bundleFd).size;
    const cacheSize = cacheFd === undefined ? 0 : fs.fstatSync(cacheFd).size;
    // A cache holds about as many bytes as its bundle; one far larger is not this bundle's, and
    // is not worth the memory it would take to find that out.
    const cacheFits = cacheSize <= MAX_CACHE_TO_BUNDLE * size;
    // One byte more than each file needs, to see that it has ended; room to align the cache.
    const scratch = Buffer.allocUnsafeSlow(
      Math.max(size, cacheFits ? cacheSize + CACHE_ALIGNMENT : 0) + 1,
    );
    const bytes = readToEnd(bundleFd, scratch, 0);
    const source = bytes === undefined ? readSource(bundle) : textOf(bytes);
    const cachedData =
      cacheFd !== undefined && cacheFits ? readCodeCache(cacheFd, source, scratch) : undefined;
    return { source, cachedData };
  } finally {
    if (cacheFd !== undefined) fs.closeSync(cacheFd);
    fs.closeSync(bundleFd);
  }
}

/** Whether `source` is a keyed bundle whose body calls itself (the line after the key opens it). */
function isSelfCalling(source) {
  const key = keyOf(source);
  return key !== undefined && source.startsWith(BODY_OPENING, key.length + 1);
}

function compile(bundle, source, cachedData) {
  return new vm.Script(isSelfCalling(source) ? source : Module.wrap(source), {
    filename: bundle,
    ...(cachedData ? { cachedData } : {}),
  });
}

/** Runs the compiled bundle as the CommonJS module `bundle`, with its own require. */
function execute(script, source, bundle) {
  const module = new Module(bundle, null);
  module.filename = bundle;
  module.paths = Module._nodeModulePaths(path.dirname(bundle));
  const run = (body) =>
    body.call(
      module.exports,
      module.exports,
      Module.createRequire(bundle),
      module,
      bundle,
      path.dirname(bundle),
    );
  if (isSelfCalling(source)) {
    // The hook is there only while the bundle's top level runs: nothing else can reach it.
    globalThis[BODY_HOOK] = run;
    try {
      script.runInThisContext({ displayErrors: true });
    } finally {
      delete globalThis[BODY_HOOK];
    }
  } else {
    run(script.runInThisContext({ displayErrors: true }));
  }
  module.loaded = true;
}

/**
 * Runs `bundle`, from its code cache when the build recorded one for it. Answers whether V8
 * took the cache (for the build's check and the tests; the command does not depend on it).
 */
function runBundle(bundle) {
  const { source, cachedData } = readBundle(bundle);
  const script = compile(bundle, source, cachedData);
  execute(script, source, bundle);
  return cachedData !== undefined && !script.cachedDataRejected;
}

/**
 * For the build only: runs `bundle` without a cache and, when the process exits, writes the
 * code V8 compiled on the way (the top level and every function the command called) as the
 * bundle's cache.
 */
function recordCodeCache(bundle) {
  const source = readSource(bundle);
  const key = keyOf(source);
  if (key === undefined) throw new Error(`${bundle} has no code-cache key on its first line`);
  const script = compile(bundle, source, undefined);
  process.on('exit', () => {
    const file = bundle + CODE_CACHE_SUFFIX;
    const temp = `${file}.${process.pid}.tmp`;
    fs.writeFileSync(temp, Buffer.concat([Buffer.from(`${key}\n`), script.createCachedData()]));
    fs.renameSync(temp, file);
  });
  execute(script, source, bundle);
}

module.exports = {
  BODY_CLOSING,
  CACHE_ALIGNMENT,
  BODY_OPENING,
  CODE_CACHE_SUFFIX,
  KEY_PREFIX,
  readBundle,
  runBundle,
  recordCodeCache,
};
