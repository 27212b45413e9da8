#!/usr/bin/env node
// The installed command: runs the bundled command line (built by `npm run build`).
'use strict';
const path = require('node:path');
const fs = require('node:fs');
const bundle = path.join(__dirname, '..', 'dist', 'cli.cjs');
if (!fs.existsSync(bundle)) {
  process.stderr.write('sfb-signin-repair is not built yet: run `npm run build` first.\n');
  process.exit(70);
}
// Run from a git checkout that has moved on since the build: say so (stderr), then run it. An
// installed copy has no .git, and does not load the check at all.
const root = path.join(__dirname, '..');
if (fs.existsSync(path.join(root, '.git'))) {
  const staleness = require('./built-from.cjs').stalenessNote(root, bundle);
  if (staleness) process.stderr.write(staleness);
}
require('./bundle-loader.cjs').runBundle(bundle);
