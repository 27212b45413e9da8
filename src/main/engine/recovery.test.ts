import { afterEach, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { buildSync } from 'esbuild';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RepairStepId } from '../../shared/repairs';
import { AppError } from '../../shared/errors';
import { overrideHost } from '../../../testing/engine/host-wrappers';
import { practiceFixture, type PracticeFixture } from '../../../testing/engine/practice';
import { snapshotDifferences, snapshotPc, type PcSnapshot } from '../../../testing/engine/snapshot';

let fixture: PracticeFixture | undefined;
afterEach(async () => {
  await fixture?.dispose();
  fixture = undefined;
});

const STEPS: RepairStepId[] = ['delete-sign-in-info', 'clear-endpoint-cache'];

/**
 * Runs apply on a practice PC and stops it for good right after journal entry number `crashAt`
 * (the entry is on disk, nothing after it happens), as if the process had been killed there.
 */
async function crashApplyAt(crashAt: number): Promise<{
  before: PcSnapshot;
  after: PcSnapshot;
  entryType: string;
  status?: string;
  movedAside: boolean;
}> {
  fixture = await practiceFixture('kb-lync2013');
  const before = await snapshotPc(fixture.host);
  let count = 0;
  let entryType = '';
  let reached!: () => void;
  const crashed = new Promise<void>((resolve) => (reached = resolve));
  const doomed = fixture.engine(
    {},
    {
      afterJournalEntry: async (_runId, entry) => {
        count += 1;
        if (count === crashAt) {
          entryType = (entry as { type: string }).type;
          reached();
          await new Promise(() => undefined);
        }
      },
    },
  );
  const plan = await doomed.plan({ steps: STEPS });
  const finished = doomed.apply(plan.id).then(() => 'finished');
  await Promise.race([crashed, finished]);
  // Whether a cache folder was in the backup area (moved, not yet moved back) at the crash.
  const local = await fixture.host.files.knownFolder('LocalAppData');
  const movedAside =
    ((await fixture.host.files.listKinds(join(local as string, 'SfB Sign-in Repair', 'moved')))
      ?.length ?? 0) > 0;
  const halfDone = await snapshotPc(await fixture.reopen());
  const next = fixture.engine({ host: await fixture.reopen() });
  const [listed] = await next.listRuns();
  // Listing never recovers: the PC is exactly as the crash left it until the user asks.
  expect(snapshotDifferences(halfDone, await snapshotPc(await fixture.reopen()))).toEqual([]);
  let status = listed?.status;
  if (listed && entryType !== 'run-end') {
    expect(listed.attention?.kind).toBe('interrupted');
    status = (await next.recover(listed.id)).status;
  }
  const after = await snapshotPc(await fixture.reopen());
  return {
    before,
    after,
    entryType,
    movedAside,
    ...(status ? { status } : {}),
  };
}

/**
 * The pack path: no cache folder can be moved aside (another volume), so each is packed into
 * the backup and deleted during its apply. Stops the run for good at event number `crashAt`,
 * counting every journal entry and every folder deletion (right after it is done), then asks
 * a new engine to recover.
 */
async function crashPackedApplyAt(crashAt: number): Promise<{
  before: PcSnapshot;
  after: PcSnapshot;
  event: string;
  events: number;
  status?: string;
}> {
  fixture = await practiceFixture('kb-lync2013');
  const host = fixture.host;
  const before = await snapshotPc(host);
  let events = 0;
  let event = '';
  let reached!: () => void;
  const crashed = new Promise<void>((resolve) => (reached = resolve));
  const point = async (what: string) => {
    events += 1;
    if (events === crashAt) {
      event = what;
      reached();
      await new Promise(() => undefined);
    }
  };
  const otherVolume = overrideHost(host, {
    files: {
      async move(source: string) {
        throw new AppError('unsupported', `${source} is on another volume`, { path: source });
      },
      async remove(path: string) {
        const wasFolder = (await host.files.stat(path))?.kind === 'directory';
        await host.files.remove(path);
        if (wasFolder && /sip_/.test(path)) await point('folder-deleted');
      },
    },
  });
  const doomed = fixture.engine(
    { host: otherVolume },
    { afterJournalEntry: (_runId, entry) => point((entry as { type: string }).type) },
  );
  const plan = await doomed.plan({ steps: STEPS });
  const finished = doomed.apply(plan.id).then(() => 'finished');
  await Promise.race([crashed, finished]);
  const next = fixture.engine({ host: await fixture.reopen() });
  const [listed] = await next.listRuns();
  let status = listed?.status;
  if (listed && event !== 'run-end' && event !== '') {
    expect(listed.attention?.kind).toBe('interrupted');
    status = (await next.recover(listed.id)).status;
  }
  const after = await snapshotPc(await fixture.reopen());
  return { before, after, event, events, ...(status ? { status } : {}) };
}

describe('crash recovery', () => {
  it('a crash at any journal point of a repair leaves the PC as it was before, or fully repaired after the end', async () => {
    // Count the journal points of an uninterrupted run first.
    fixture = await practiceFixture('kb-lync2013');
    let points = 0;
    const counting = fixture.engine({}, { afterJournalEntry: async () => void (points += 1) });
    await counting.apply((await counting.plan({ steps: STEPS })).id);
    await fixture.dispose();
    expect(points).toBe(1 + 9 + 9 * 2 + 1);

    const seen = new Set<string>();
    let crashesWithFolderMovedAside = 0;
    for (let crashAt = 1; crashAt <= points; crashAt += 1) {
      const { before, after, entryType, status, movedAside } = await crashApplyAt(crashAt);
      seen.add(entryType);
      if (movedAside && crashAt < points) crashesWithFolderMovedAside += 1;
      if (crashAt === points) {
        expect(entryType).toBe('run-end');
        expect(status).toBe('applied');
        expect(snapshotDifferences(before, after).length).toBeGreaterThan(0);
      } else {
        expect({ crashAt, entryType, differences: snapshotDifferences(before, after) }).toEqual({
          crashAt,
          entryType,
          differences: [],
        });
        expect(status).toBe(crashAt <= 10 ? 'failed' : 'rolled-back');
      }
      await fixture?.dispose();
      fixture = undefined;
    }
    // Cache folders are backed up by moving them: some crashes found one in the backup area.
    expect(crashesWithFolderMovedAside).toBeGreaterThan(0);
    expect([...seen].sort()).toEqual([
      'applied',
      'apply-start',
      'backed-up',
      'run-end',
      'run-start',
    ]);
  }, 180_000);

  it('on the pack path too: a crash at any point, even between a packed folder’s delete and its applied entry, is put back exactly', async () => {
    const { events: points } = await crashPackedApplyAt(Number.MAX_SAFE_INTEGER);
    await fixture?.dispose();
    fixture = undefined;
    const seen = new Set<string>();
    for (let crashAt = 1; crashAt <= points; crashAt += 1) {
      const { before, after, event, status } = await crashPackedApplyAt(crashAt);
      seen.add(event);
      if (crashAt === points) {
        expect(event).toBe('run-end');
        expect(status).toBe('applied');
      } else {
        expect({ crashAt, event, status, differences: snapshotDifferences(before, after) }).toEqual(
          {
            crashAt,
            event,
            status: crashAt <= 10 ? 'failed' : 'rolled-back',
            differences: [],
          },
        );
      }
      // Set by crashPackedApplyAt, which TypeScript's narrowing cannot see.
      await (fixture as PracticeFixture | undefined)?.dispose();
      fixture = undefined;
    }
    // Every folder was packed, its pack sealed, then deleted: crashes hit each of those points.
    expect([...seen].sort()).toEqual([
      'applied',
      'apply-start',
      'backed-up',
      'folder-deleted',
      'run-end',
      'run-start',
    ]);
  }, 240_000);

  it('a crash half-way through an undo is shown, and completed when the user asks', async () => {
    fixture = await practiceFixture('kb-lync2013');
    const before = await snapshotPc(fixture.host);
    const engine = fixture.engine();
    const run = await engine.apply((await engine.plan({ steps: STEPS })).id);
    let count = 0;
    let reached!: () => void;
    const crashed = new Promise<void>((resolve) => (reached = resolve));
    const doomed = fixture.engine(
      { host: await fixture.reopen() },
      {
        afterJournalEntry: async () => {
          count += 1;
          if (count === 4) {
            reached();
            await new Promise(() => undefined);
          }
        },
      },
    );
    void doomed.undo(run.id);
    await crashed;
    const next = fixture.engine({ host: await fixture.reopen() });
    const [listed] = await next.listRuns();
    expect(listed?.attention).toMatchObject({
      kind: 'interrupted',
      message: expect.stringContaining('undo was interrupted'),
    });
    expect(snapshotDifferences(before, await snapshotPc(await fixture.reopen()))).not.toEqual([]);
    expect((await next.recover(run.id)).status).toBe('undone');
    expect((await next.listRuns())[0]?.attention).toBeUndefined();
    expect(snapshotDifferences(before, await snapshotPc(await fixture.reopen()))).toEqual([]);
  });

  it('a process killed between backup and apply is rolled back when the next one is asked to', async () => {
    fixture = await practiceFixture('kb-lync2013');
    const before = await snapshotPc(fixture.host);
    // A real child process: bundled with esbuild, it runs the engine and is killed by the OS
    // (SIGKILL from inside, at the journal point) with the apply half done.
    const dir = join(fixture.dir, 'child');
    mkdirSync(dir, { recursive: true });
    const entry = join(dir, 'entry.ts');
    writeFileSync(
      entry,
      `import { openPracticePc } from ${JSON.stringify(join(process.cwd(), 'src/main/host/practice'))};
import { createEngineWithHooks } from ${JSON.stringify(join(process.cwd(), 'src/main/engine'))};
const [pcRoot, dataDir] = process.argv.slice(2);
const host = await openPracticePc(pcRoot);
let count = 0;
const engine = createEngineWithHooks({ host, dataDir }, {
  afterJournalEntry: async (_run, entry) => {
    count += 1;
    if ((entry as { type: string }).type === 'apply-start' && count > 12) process.kill(process.pid, 'SIGKILL');
  },
});
const plan = await engine.plan({ steps: ['delete-sign-in-info', 'clear-endpoint-cache'] });
await engine.apply(plan.id);
`,
    );
    const bundle = join(dir, 'entry.mjs');
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
    let signal: string | null = null;
    try {
      execFileSync(process.execPath, [bundle, fixture.pcRoot, fixture.dataDir], { stdio: 'pipe' });
    } catch (error) {
      signal = (error as { signal: string | null }).signal;
    }
    expect(signal).toBe('SIGKILL');
    const halfDone = await snapshotPc(await fixture.reopen());
    expect(snapshotDifferences(before, halfDone).length).toBeGreaterThan(0);
    const next = fixture.engine({ host: await fixture.reopen() });
    const [listed] = await next.listRuns();
    expect(listed?.attention?.kind).toBe('interrupted');
    expect(listed?.attention?.stillChanged?.length).toBeGreaterThan(0);
    expect(snapshotDifferences(halfDone, await snapshotPc(await fixture.reopen()))).toEqual([]);
    expect((await next.recover(listed?.id ?? '')).status).toBe('rolled-back');
    expect(snapshotDifferences(before, await snapshotPc(await fixture.reopen()))).toEqual([]);
    rmSync(dir, { recursive: true, force: true });
  }, 60_000);
});
