/**
 * Test support: the command line bundled the way scripts/build.mjs bundles it, into a private
 * folder, so the elevated helper runs as the real separate program and parallel rebuilds of
 * dist/ cannot race the tests.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildProduct } from '../../scripts/build.mjs';
import type { HelperCommand } from '../../src/main/elevation/launcher';

export interface BuiltCli {
  command: HelperCommand;
  dispose(): Promise<void>;
}

export async function buildCli(): Promise<BuiltCli> {
  const dir = await mkdtemp(join(tmpdir(), 'sfb-elevation-cli-'));
  const [outfile = join(dir, 'cli.cjs')] = await buildProduct({
    only: 'cli',
    outDir: dir,
    log: () => undefined,
  });
  return {
    command: { executable: process.execPath, args: [outfile] },
    dispose: () => rm(dir, { recursive: true, force: true }),
  };
}
