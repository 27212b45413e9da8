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
require('./bundle-loader.cjs').runBundle(bundle);
