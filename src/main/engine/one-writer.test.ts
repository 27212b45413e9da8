import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { buildSync } from 'esbuild';
import { afterEach, describe, expect, it } from 'vitest';
import { acquireDataLock, LOCK_FILE } from '../journal/data-lock';
import { practiceFixture, type PracticeFixture } from '../../../testing/engine/practice';

let fixture: PracticeFixture | undefined;
const children: ChildProcessWithoutNullStreams[] = [];
afterEach(async () => {
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
  await fixture?.dispose();
  fixture = undefined;
});

/**
 * A second process with its own engine on the same data folder: it applies a plan and holds
 * still after its first journal entry until told to go on (a line on stdin).
 */
function buildChild(dir: string): string {
  mkdirSync(dir, { recursive: true });
  const entry = join(dir, 'writer.ts');
  writeFileSync(
    entry,
    `import { openPracticePc } from ${JSON.stringify(join(process.cwd(), 'src/main/host/practice'))};
import { createEngineWithHooks } from ${JSON.stringify(join(process.cwd(), 'src/main/engine'))};
const [pcRoot, dataDir, planId] = process.argv.slice(2);
const host = await openPracticePc(pcRoot);
let held = false;
const engine = createEngineWithHooks({ host, dataDir }, {
  afterJournalEntry: async () => {
    if (held) return;
    held = true;
    process.stdout.write('HOLDING\\n');
    await new Promise((resolve) => process.stdin.once('data', resolve));
  },
});
const run = await engine.apply(planId);
process.stdout.write('STATUS ' + run.status + '\\n');
process.exit(0);
`,
  );
  const bundle = join(dir, 'writer.mjs');
  buildSync({
    entryPoints: [entry],
    bundle: true,
    platform: 'node',
    format: 'esm',
    outfile: bundle,
    logLevel: 'error',
    banner: {
      js: 'import { createRequire } from "module"; const require = createRequire(import.meta.url);',
    },
  });
  return bundle;
}

function startWriter(bundle: string, planId: string) {
  const child = spawn(process.execPath, [bundle, fixture!.pcRoot, fixture!.dataDir, planId]);
  children.push(child);
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const waitFor = (text: string) =>
    new Promise<void>((resolve, reject) => {
      const check = () => {
        if (output.includes(text)) resolve();
        else if (child.exitCode !== null || child.signalCode !== null)
          reject(new Error(`writer ended before "${text}": ${output}`));
        else setTimeout(check, 20);
      };
      check();
    });
  const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
  return { child, waitFor, exited, output: () => output };
}

describe('one writer at a time', () => {
  it('a second process is refused while the first applies, reads go on, and it proceeds afterwards', async () => {
    fixture = await practiceFixture('kb-lync2013');
    const bundle = buildChild(join(fixture.dir, 'child'));
    const engine = fixture.engine();
    const theirs = await engine.plan({ steps: ['delete-sign-in-info'] });
    const mine = await engine.plan({ steps: ['flush-dns-cache'] });

    const writer = startWriter(bundle, theirs.id);
    await writer.waitFor('HOLDING');
    const pid = writer.child.pid ?? -1;

    const other = fixture.engine({ host: await fixture.reopen() });
    await expect(other.apply(mine.id)).rejects.toMatchObject({
      code: 'file-locked',
      message: expect.stringContaining(`process ${pid}`),
      details: { path: join(fixture.dataDir, LOCK_FILE), pid },
    });
    const [running] = await other.listRuns();
    // Reading does not mistake the other process's run for an interrupted one.
    expect(running?.status).toBe('partial');
    expect(running?.finishedAt).toBeUndefined();
    await expect(other.undo(running?.id ?? '')).rejects.toMatchObject({ code: 'file-locked' });
    await expect(other.purgeBackups({ olderThanDays: 0 })).rejects.toMatchObject({
      code: 'file-locked',
    });

    writer.child.stdin.write('go\n');
    expect(await writer.exited).toBe(0);
    expect(writer.output()).toContain('STATUS applied');
    expect(existsSync(join(fixture.dataDir, LOCK_FILE))).toBe(false);

    const run = await other.apply(mine.id);
    expect(run.status).toBe('applied');
    const runs = await other.listRuns();
    expect(runs.map((each) => each.status).sort()).toEqual(['applied', 'applied']);
  }, 60_000);

  it('a lock left by a killed process is taken over, and its half-done run is rolled back', async () => {
    fixture = await practiceFixture('kb-lync2013');
    const bundle = buildChild(join(fixture.dir, 'child'));
    const engine = fixture.engine();
    const theirs = await engine.plan({ steps: ['delete-sign-in-info'] });
    const mine = await engine.plan({ steps: ['flush-dns-cache'] });
    const writer = startWriter(bundle, theirs.id);
    await writer.waitFor('HOLDING');
    writer.child.kill('SIGKILL');
    await writer.exited;
    expect(existsSync(join(fixture.dataDir, LOCK_FILE))).toBe(true);

    const next = fixture.engine({ host: await fixture.reopen() });
    expect((await next.apply(mine.id)).status).toBe('applied');
    const statuses = (await next.listRuns()).map((run) => run.status).sort();
    expect(statuses).toEqual(['applied', 'failed']);
  }, 60_000);

  it('a live process that reuses the PID of a dead owner does not hold the lock', async () => {
    fixture = await practiceFixture('kb-lync2013');
    const sleeper = spawn('sleep', ['30']);
    children.push(sleeper as unknown as ChildProcessWithoutNullStreams);
    mkdirSync(fixture.dataDir, { recursive: true });
    const lockPath = join(fixture.dataDir, LOCK_FILE);
    const owner = {
      pid: sleeper.pid,
      processStartedAt: '2020-01-01T00:00:00.000Z',
      host: hostname(),
      token: 'left-by-a-dead-process',
      acquiredAt: '2020-01-01T00:00:01.000Z',
    };
    writeFileSync(lockPath, JSON.stringify(owner));
    const lock = acquireDataLock(fixture.dataDir);
    expect(lock.owner.pid).toBe(process.pid);
    lock.release();
    expect(existsSync(lockPath)).toBe(false);

    // A torn lock file is only broken once it is old; a fresh one means "being written".
    writeFileSync(lockPath, '{"pid":');
    expect(() => acquireDataLock(fixture!.dataDir)).toThrow(/changing this PC right now/);
    sleeper.kill('SIGKILL');
  });
});
