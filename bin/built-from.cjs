// Which commit the command line in dist/ was built from, so that a command run from a git
// checkout can say when the checkout has moved on since (after a `git pull`, `node
// bin/sfb-signin-repair.cjs` would otherwise run the old build without a word).
//
// The build records the commit beside the bundle (`<bundle>.built-from`), and only when the
// checkout had no changes to tracked files: a build of work in progress says nothing, so a
// developer who builds, then commits, is not told the build is old. A command reads two or three
// small files, and only where the bundle sits in a checkout (an installed copy has no .git).
// Anything unexpected (a worktree, a ref it cannot find, no record) means saying nothing: this
// is advice, never a reason for a command to fail.
'use strict';
const fs = require('node:fs');
const path = require('node:path');

const RECORD_SUFFIX = '.built-from';
const COMMIT = /^[0-9a-f]{40}(?:[0-9a-f]{24})?$/;

function readText(file) {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}

/** The commit `ref` (e.g. refs/heads/main) names in `gitDir`: its loose file, else packed-refs. */
function resolveRef(gitDir, ref) {
  const loose = readText(path.join(gitDir, ...ref.split('/')))?.trim();
  if (loose !== undefined) return COMMIT.test(loose) ? loose : undefined;
  for (const line of (readText(path.join(gitDir, 'packed-refs')) ?? '').split('\n')) {
    const [commit, name] = line.trim().split(' ');
    if (name === ref && COMMIT.test(commit ?? '')) return commit;
  }
  return undefined;
}

/** The commit checked out in the repository at `root`, or undefined when it cannot tell. */
function headCommit(root) {
  const gitDir = path.join(root, '.git');
  const head = readText(path.join(gitDir, 'HEAD'))?.trim();
  if (head === undefined) return undefined;
  if (COMMIT.test(head)) return head;
  const ref = /^ref: (refs\/[^\s]+)$/.exec(head)?.[1];
  return ref && !ref.split('/').includes('..') ? resolveRef(gitDir, ref) : undefined;
}

/**
 * A sentence for stderr when `bundle` was built from a commit other than the one the checkout at
 * `root` has now; undefined when they match or either cannot be told.
 */
function stalenessNote(root, bundle) {
  // The checkout first: an installed copy has none, and that is one failed read.
  const now = headCommit(root);
  if (now === undefined) return undefined;
  const record = readText(bundle + RECORD_SUFFIX);
  if (record === undefined) return undefined;
  let builtFrom;
  try {
    builtFrom = JSON.parse(record).commit;
  } catch {
    return undefined;
  }
  if (typeof builtFrom !== 'string' || !COMMIT.test(builtFrom) || now === builtFrom) {
    return undefined;
  }
  return (
    `Note: ${path.relative(root, bundle)} was built from commit ${builtFrom.slice(0, 9)}, and ` +
    `this checkout is at ${now.slice(0, 9)}: run \`npm run build\` to run the current sources.\n`
  );
}

module.exports = { RECORD_SUFFIX, headCommit, stalenessNote };
