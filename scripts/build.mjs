// Builds every runnable part: the command line and Electron's main and preload (esbuild, one
// CommonJS file each, so the Windows build of Node.js and Electron load them as they are) and
// the renderer (Vite). `--only=cli` builds just the command line.
import { build } from 'esbuild';
import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';

const only = process.argv.find((arg) => arg.startsWith('--only='))?.slice('--only='.length);

const nodeTargets = [
  { name: 'cli', entry: 'src/cli/main.ts', out: 'dist/cli.cjs', external: ['koffi', 'electron'] },
  {
    name: 'main',
    entry: 'src/main/app/main.ts',
    out: 'dist/main.cjs',
    external: ['koffi', 'electron'],
  },
  {
    name: 'preload',
    entry: 'src/preload/preload.ts',
    out: 'dist/preload.cjs',
    external: ['electron'],
  },
];

for (const target of nodeTargets) {
  if (only && only !== target.name) continue;
  if (!existsSync(target.entry)) {
    console.warn(`skip ${target.name}: ${target.entry} does not exist yet`);
    continue;
  }
  await build({
    entryPoints: [target.entry],
    outfile: target.out,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    sourcemap: true,
    external: target.external,
    logLevel: 'warning',
  });
  console.log(`built ${target.out}`);
}

if ((!only || only === 'renderer') && existsSync('src/renderer/index.html')) {
  const result = spawnSync('npx', ['vite', 'build', '--config', 'vite.config.ts'], {
    stdio: 'inherit',
  });
  if (result.status !== 0) process.exit(result.status ?? 1);
}
