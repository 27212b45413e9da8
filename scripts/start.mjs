// `npm start`: builds everything, then launches the desktop app in Electron. Arguments after
// `--` go to the app (e.g. `npm start -- --practice kb-lync2010`); `--no-build` skips the build.
//
// The Electron runtime is a separate download the `electron` package makes from GitHub. Where
// that download was blocked it is missing, and this says so instead of trying again: requiring
// the `electron` package would start that download.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const argv = process.argv.slice(2);
const skipBuild = argv.includes('--no-build');
const appArgs = argv.filter((arg) => arg !== '--no-build');

const DEFAULT_BINARY = { win32: 'electron.exe', darwin: 'Electron.app/Contents/MacOS/Electron' };

function electronBinary() {
  const packageDir = join(root, 'node_modules', 'electron');
  const pathFile = join(packageDir, 'path.txt');
  const recorded = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : undefined;
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH;
  if (override) return join(override, recorded || DEFAULT_BINARY[process.platform] || 'electron');
  if (!recorded) return undefined;
  return join(packageDir, 'dist', recorded);
}

const binary = electronBinary();
if (!binary || !existsSync(binary)) {
  // Build the command line so the way out named below works straight away.
  const cli = spawnSync(process.execPath, [join(root, 'scripts', 'build.mjs'), '--only=cli'], {
    cwd: root,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const cliReady = cli.status === 0;
  process.stderr.write(
    [
      'SfB Sign-in Repair: the desktop app cannot start here because the Electron runtime is not installed.',
      '',
      'The electron package downloads its runtime from GitHub on first use, and that download is',
      'blocked on this network (or was never made). Nothing was changed on this PC.',
      '',
      'You can still use everything the app does:',
      '  - the command line, the same engine:    sfb-signin-repair --help',
      cliReady
        ? '    (from this folder:                    node bin/sfb-signin-repair.cjs --help)'
        : '    (from this folder, after `npm run build`: node bin/sfb-signin-repair.cjs --help)',
      '    on a practice PC:                     sfb-signin-repair --practice kb-lync2013 diagnose',
      '  - the wizard in real Chromium, driven by the browser tests on a practice PC:',
      '                                          npx vitest run e2e/wizard',
      '',
      'To run the desktop app, install the Electron runtime where GitHub is reachable',
      '(node node_modules/electron/install.js) or point ELECTRON_OVERRIDE_DIST_PATH at a folder holding it.',
      '',
    ].join('\n'),
  );
  process.exit(1);
}

if (!skipBuild) {
  const build = spawnSync(process.execPath, [join(root, 'scripts', 'build.mjs')], {
    cwd: root,
    stdio: 'inherit',
  });
  if (build.status !== 0) {
    process.stderr.write(
      'SfB Sign-in Repair: the build failed (see above); the app was not started.\n',
    );
    process.exit(build.status ?? 1);
  }
}

const child = spawn(binary, [root, ...appArgs], { cwd: root, stdio: 'inherit' });
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
child.on('error', (error) => {
  process.stderr.write(`SfB Sign-in Repair: Electron could not be started: ${error.message}\n`);
  process.exit(1);
});
