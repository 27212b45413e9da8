// `npm start`: builds everything, then launches the desktop app in Electron. Arguments after
// `--` go to the app (e.g. `npm start -- --practice kb-lync2010`); `--no-build` skips the build.
//
// Since Electron 42 the `electron` package downloads its runtime from GitHub on first use, not at
// install, so a fresh checkout often has none (and requiring the package would start that
// download). Then the wizard is served from this machine to a browser window on the practice PC
// (src/main/served), which needs only what `npm install` brought.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { isBuildFresh, RENDERER_SOURCES, SERVED_SOURCES } from './build-freshness.mjs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const argv = process.argv.slice(2);
const skipBuild = argv.includes('--no-build');
const appArgs = argv.filter((arg) => arg !== '--no-build');

const DEFAULT_BINARY = { win32: 'electron.exe', darwin: 'Electron.app/Contents/MacOS/Electron' };
const SERVED_BUNDLE = join('dist', 'served.cjs');
const RENDERER_ENTRY = join('dist', 'renderer', 'index.html');

function electronBinary() {
  const packageDir = join(root, 'node_modules', 'electron');
  const pathFile = join(packageDir, 'path.txt');
  const recorded = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : undefined;
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH;
  if (override) return join(override, recorded || DEFAULT_BINARY[process.platform] || 'electron');
  if (!recorded) return undefined;
  return join(packageDir, 'dist', recorded);
}

function stopOnFailedBuild(status) {
  if (status === 0) return;
  process.stderr.write(
    'SfB Sign-in Repair: the build failed (see above); the app was not started.\n',
  );
  process.exit(status ?? 1);
}

/**
 * The served wizard's parts, each when older than its sources (with `--no-build`, only when
 * missing): the renderer and one CommonJS file for Node.
 */
async function buildServed() {
  const needsBuild = (output, sources) =>
    skipBuild ? !existsSync(join(root, output)) : !isBuildFresh(root, output, sources);
  if (needsBuild(RENDERER_ENTRY, RENDERER_SOURCES)) {
    const renderer = spawnSync(
      process.execPath,
      [join(root, 'scripts', 'build.mjs'), '--only=renderer'],
      {
        cwd: root,
        stdio: 'inherit',
      },
    );
    if (renderer.error) process.stderr.write(`${renderer.error.message}\n`);
    stopOnFailedBuild(renderer.status);
  }
  if (!needsBuild(SERVED_BUNDLE, SERVED_SOURCES)) return;
  const { build } = await import('esbuild');
  await build({
    entryPoints: [join(root, 'src', 'main', 'served', 'run.ts')],
    outfile: join(root, SERVED_BUNDLE),
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    sourcemap: true,
    external: ['koffi', 'electron', 'esbuild'],
    logLevel: 'warning',
  });
}

const binary = electronBinary();
if (!binary || !existsSync(binary)) {
  process.stdout.write(
    'Electron runtime not installed; opening the wizard in your browser on a practice PC. ' +
      'To get the desktop app: node node_modules/electron/install.js\n',
  );
  await buildServed();
  const { runServedWizard } = createRequire(import.meta.url)(join(root, SERVED_BUNDLE));
  try {
    process.exit(await runServedWizard({ repoRoot: root, argv: appArgs }));
  } catch (error) {
    // The wizard's own errors are sentences for people (a practice scenario that does not exist…).
    process.stderr.write(`SfB Sign-in Repair: the wizard could not start: ${error.message}\n`);
    process.exit(1);
  }
}

if (!skipBuild) {
  const build = spawnSync(process.execPath, [join(root, 'scripts', 'build.mjs')], {
    cwd: root,
    stdio: 'inherit',
  });
  if (build.error) process.stderr.write(`${build.error.message}\n`);
  stopOnFailedBuild(build.status);
}

const child = spawn(binary, [root, ...appArgs], { cwd: root, stdio: 'inherit' });
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
child.on('error', (error) => {
  process.stderr.write(`SfB Sign-in Repair: Electron could not be started: ${error.message}\n`);
  process.exit(1);
});
