/**
 * Issue 12 on the Win32 adapters: runs planted in a data folder — without the key, and sealed
 * with the key the engine keeps DPAPI-protected in HKCU — are never acted on, and nothing they
 * name (HKCU\Software\Microsoft, LocalMachine\Root, an Office credential, a file reached through
 * `..`) changes. Also: the lock's process start time comes from GetProcessTimes.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { HostSystem } from '../../src/main/host/ports';
import { createEngine } from '../../src/main/engine';
import { plantRun } from '../engine/plant-run';
import { hostileCases } from '../engine/planted-runs';
import { hostKeyProvider } from '../../src/main/engine/integrity-key';
import { IntegrityKey } from '../../src/main/journal/integrity';
import { processStartTime } from '../../src/main/host/windows/processes';
import { snapshotProfile } from './profile-snapshot';
import type { WindowsCase } from './windows-cases';

async function untouched(host: HostSystem) {
  const credentials = await host.credentials.list();
  return {
    profile: await snapshotProfile(host, 'lync2013'),
    microsoft: await host.registry.listSubkeys({ hive: 'HKCU', path: 'Software\\Microsoft' }),
    machineRoots: (await host.certificates.list({ location: 'LocalMachine', name: 'Root' })).map(
      (entry) => entry.thumbprint,
    ),
    credentials: credentials.map((entry) => `${entry.targetName} ${entry.userName}`).sort(),
  };
}

export function hostileDataFolderCases(): WindowsCase[] {
  return [
    {
      name: 'data folder: planted runs, sealed or not, are never acted on and change nothing',
      async run(host) {
        const dataDir = mkdtempSync(join(tmpdir(), 'sfb-hostile-'));
        try {
          const local = await host.files.knownFolder('LocalAppData');
          assert.ok(local);
          const key = new IntegrityKey(await hostKeyProvider(host).load());
          const cases = hostileCases(local, host.files.join);
          const before = await untouched(host);
          for (const each of cases) {
            await plantRun(dataDir, { ...each.run, runId: `${each.run.runId}0` });
            await plantRun(dataDir, each.run, key);
          }
          const engine = createEngine({ host, dataDir });
          const runs = await engine.listRuns();
          assert.equal(runs.length, cases.length * 2);
          for (const run of runs) {
            const sealed = cases.find((each) => each.run.runId === run.id);
            const expected = !sealed
              ? 'damaged'
              : sealed.expect === 'refused'
                ? 'refused'
                : 'interrupted';
            assert.equal(
              run.attention?.kind,
              expected,
              `${run.id}: ${JSON.stringify(run.attention)}`,
            );
            const outcome = await engine.recover(run.id).then(
              (record) => record.attention?.kind ?? record.status,
              (error: { code?: string }) => error.code,
            );
            assert.equal(
              outcome,
              expected === 'interrupted' ? 'recovery-failed' : 'corrupt-data',
              run.id,
            );
          }
          assert.deepEqual(await untouched(host), before);
          const lyncExe = host.files.join(
            local,
            ...Array(8).fill('..'),
            'Program Files',
            'Microsoft Office',
            'lync.exe',
          );
          assert.equal(existsSync(lyncExe), false, 'nothing was written through ..');
        } finally {
          rmSync(dataDir, { recursive: true, force: true });
        }
      },
    },
    {
      name: 'processes: GetProcessTimes gives this process its start time; a gone PID has none',
      async run() {
        const started = processStartTime(process.pid);
        assert.ok(started, 'no start time for this very process');
        const expected = Date.now() - process.uptime() * 1000;
        assert.ok(Math.abs(started.getTime() - expected) < 5_000, `${started.toISOString()}`);
        assert.equal(processStartTime(0x7ffffff0), undefined);
      },
    },
  ];
}
