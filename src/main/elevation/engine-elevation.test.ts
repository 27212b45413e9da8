/**
 * MachineGuid repaired and undone by a process that is not elevated, through the one-shot
 * helper: the real command line started as a separate process on a practice PC. Only the UAC
 * prompt's answer is simulated (the practice launcher); everything after it is real.
 */
import { readdir } from 'node:fs/promises';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createEngine } from '../engine';
import { snapshotDifferences, snapshotPc } from '../../../testing/engine/snapshot';
import { openHost, resetPractice } from '../host';
import type { HostSystem } from '../host/ports';
import { MACHINE_GUID_KEY, MACHINE_GUID_NAME } from './admin-operations';
import { exchangeRoot } from './exchange';
import { adminElevationFor, type SimulatedUacAnswer } from './index';
import { buildCli, type BuiltCli } from '../../../testing/elevation/built-cli';

const SCENARIO = 'machine-guid-braces';
const BARE = 'c1cbd94c-0d35-414c-89ef-dd092b984883';

let cli: BuiltCli;
let dir: string;
let host: HostSystem | undefined;

beforeAll(async () => {
  cli = await buildCli();
}, 120_000);
afterAll(async () => cli?.dispose());
afterEach(async () => {
  await host?.close();
  host = undefined;
  await rm(dir, { recursive: true, force: true });
});

async function setup(answer: SimulatedUacAnswer) {
  dir = await mkdtemp(join(tmpdir(), 'sfb-elevation-'));
  await resetPractice(dir, SCENARIO);
  const opened = await openHost({ platform: 'linux', dataDir: dir, practice: SCENARIO });
  host = opened.host;
  const prompts: SimulatedUacAnswer[] = [];
  const elevation = adminElevationFor({
    host: opened.host,
    engineDataDir: opened.engineDataDir,
    helper: cli.command,
    practiceUac: () => {
      prompts.push(answer);
      return answer;
    },
  });
  const engine = createEngine({ host: opened.host, dataDir: opened.engineDataDir, elevation });
  const leftovers = async () => readdir(exchangeRoot(opened.engineDataDir)).catch(() => []);
  return { host: opened.host, engine, prompts, leftovers };
}

describe('MachineGuid through the elevated helper', () => {
  it('accepted: fixed and verified, then undone through the helper, byte for byte', async () => {
    const { host, engine, prompts, leftovers } = await setup('accept');
    expect((await host.identity.current()).elevated).toBe(false);
    const before = await snapshotPc(host);
    const plan = await engine.plan({ steps: ['fix-machine-guid'] });
    expect(plan.requiresAdmin).toBe(true);

    const run = await engine.apply(plan.id);
    expect(run.status).toBe('applied');
    expect(run.actions[0]).toMatchObject({ outcome: 'applied', verified: true });
    expect(prompts).toHaveLength(1);
    // Read back through a host opened afresh: the other process wrote the practice PC.
    const again = (await openHost({ platform: 'linux', dataDir: dir, practice: SCENARIO })).host;
    expect(await again.registry.getValue(MACHINE_GUID_KEY, MACHINE_GUID_NAME)).toEqual({
      type: 'REG_SZ',
      data: BARE,
    });
    await again.close();
    expect(await leftovers()).toEqual([]);

    const undone = await engine.undo(run.id);
    expect(undone.actions[0]).toMatchObject({ outcome: 'undone' });
    expect(prompts).toHaveLength(2);
    expect(snapshotDifferences(before, await snapshotPc(host))).toEqual([]);
    expect(await leftovers()).toEqual([]);
  });

  it('cancelled: a plain message, nothing changed, and no second prompt to roll back', async () => {
    const { host, engine, prompts, leftovers } = await setup('cancel');
    const before = await snapshotPc(host);
    const run = await engine.apply((await engine.plan({ steps: ['fix-machine-guid'] })).id);
    expect(run.status).toBe('rolled-back');
    // The engine folds a change that never happened as `failed` inside a rolled-back run.
    expect(run.actions[0]).toMatchObject({
      outcome: 'failed',
      error: { code: 'cancelled', message: expect.stringContaining('prompt was cancelled') },
    });
    expect(prompts).toEqual(['cancel']);
    expect(snapshotDifferences(before, await snapshotPc(host))).toEqual([]);
    expect(await leftovers()).toEqual([]);
  });

  it('without the capability, a process that is not elevated is still refused', async () => {
    const { host } = await setup('accept');
    const plain = createEngine({
      host,
      dataDir: join(dir, 'practice', SCENARIO, 'engine'),
    });
    const plan = await plain.plan({ steps: ['fix-machine-guid'] });
    await expect(plain.apply(plan.id)).rejects.toMatchObject({ code: 'needs-admin' });
  });
});
