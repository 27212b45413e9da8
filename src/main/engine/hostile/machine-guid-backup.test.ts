/**
 * A MachineGuid backup is scope-checked for its contents, not only its place: a restore writes
 * to the one MachineGuid value only a GUID as text. Runs planted with the key (an attacker who
 * can read it) pass the integrity check, so only this check stands between them and HKLM.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { IntegrityKey } from '../../journal/integrity';
import { hostKeyProvider } from '../integrity-key';
import { CRYPTOGRAPHY_KEY } from '../inventory/locations';
import { overrideHost } from '../../../../testing/engine/host-wrappers';
import { plantRun, type PlantedRun } from '../../../../testing/engine/plant-run';
import { practiceFixture, type PracticeFixture } from '../../../../testing/engine/practice';
import { snapshotDifferences, snapshotPc } from '../../../../testing/engine/snapshot';

let fixture: PracticeFixture | undefined;
afterEach(async () => {
  await fixture?.dispose();
  fixture = undefined;
});

const KEY = { hive: 'HKLM', path: CRYPTOGRAPHY_KEY, view: '64' } as const;
const GUID = 'c1cbd94c-0d35-414c-89ef-dd092b984883';

function machineGuidRun(id: string, backedUp: unknown): PlantedRun {
  return {
    runId: `r20261201100000000-${id}`,
    steps: ['fix-machine-guid'],
    actions: [
      {
        id: 'a1',
        stepId: 'fix-machine-guid',
        description: 'Remove the braces from MachineGuid',
        undoable: true,
        internal: {
          kind: 'set-registry-value',
          key: KEY,
          name: 'MachineGuid',
          expected: { type: 'REG_SZ', data: `{${GUID}}` },
          value: { type: 'REG_SZ', data: GUID },
        },
      },
    ],
    backups: { a1: { 'registry-value.json': { value: backedUp } } },
  };
}

describe('a MachineGuid backup', () => {
  it('that holds anything but a GUID as text is refused as damaged; a GUID is restored', async () => {
    fixture = await practiceFixture('machine-guid-braces');
    const key = new IntegrityKey(await hostKeyProvider(fixture.host).load());
    const identity = await fixture.host.identity.current();
    const elevated = overrideHost(fixture.host, {
      identity: { current: async () => ({ ...identity, elevated: true }) },
    });
    const tampered = [
      machineGuidRun('bad001', { type: 'REG_SZ', data: 'C:\\evil.exe' }),
      machineGuidRun('bad002', { type: 'REG_EXPAND_SZ', data: `{${GUID}}` }),
      machineGuidRun('bad003', { type: 'REG_BINARY', data: 'RVZJTA==' }),
      machineGuidRun('bad004', { type: 'REG_SZ', data: `{${GUID}}; C:\\evil.exe` }),
    ];
    for (const run of tampered) await plantRun(fixture.dataDir, run, key);
    const engine = fixture.engine({ host: elevated });
    const before = await snapshotPc(fixture.host);
    for (const run of tampered) {
      const recovered = await engine.recover(run.runId);
      expect({ run: run.runId, kind: recovered.attention?.kind }).toEqual({
        run: run.runId,
        kind: 'recovery-failed',
      });
      expect(recovered.actions[0]?.error).toMatchObject({
        code: 'corrupt-data',
        message: expect.stringMatching(/holds no GUID as text.*damaged.*Nothing was restored/),
      });
    }
    expect(snapshotDifferences(before, await snapshotPc(fixture.host))).toEqual([]);

    // The same planted run holding a GUID (with braces) passes: the check refuses by content.
    const genuine = machineGuidRun('good01', { type: 'REG_SZ', data: `{${GUID.toUpperCase()}}` });
    await plantRun(fixture.dataDir, genuine, key);
    expect((await engine.recover(genuine.runId)).status).toBe('rolled-back');
    expect(await fixture.host.registry.getValue(KEY, 'MachineGuid')).toEqual({
      type: 'REG_SZ',
      data: `{${GUID.toUpperCase()}}`,
    });
  });
});
