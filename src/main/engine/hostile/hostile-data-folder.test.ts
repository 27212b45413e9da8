/**
 * Issue 12's proof: a data folder written by someone else. Every case checks, with a snapshot
 * of the whole practice PC, that nothing outside the repair's scope changed.
 */
import {
  readFileSync,
  readdirSync,
  writeFileSync,
  mkdirSync,
  symlinkSync,
  renameSync,
  existsSync,
} from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { RepairStepId } from '../../../shared/repairs';
import { adjustPracticePc } from '../../host/practice';
import { LOCK_FILE } from '../../journal/data-lock';
import { IntegrityKey } from '../../journal/integrity';
import { hostKeyProvider, INTEGRITY_KEY_LOCATION } from '../integrity-key';
import { PLAN_LIFETIME_MS } from '../run-helpers';
import { practiceFixture, type PracticeFixture } from '../../../../testing/engine/practice';
import { snapshotDifferences, snapshotPc } from '../../../../testing/engine/snapshot';
import { plantRun } from '../../../../testing/engine/plant-run';
import { hostileCases } from '../../../../testing/engine/planted-runs';
import { signInAgain } from '../../../../testing/engine/sign-in-again';

let fixture: PracticeFixture | undefined;
afterEach(async () => {
  await fixture?.dispose();
  fixture = undefined;
});

const SIGN_IN: RepairStepId[] = ['delete-sign-in-info', 'clear-endpoint-cache'];

async function setUp() {
  fixture = await practiceFixture('kb-lync2013');
  const host = fixture.host;
  const local = (await host.files.knownFolder('LocalAppData')) as string;
  const key = new IntegrityKey(await hostKeyProvider(host).load());
  const before = await snapshotPc(host);
  return { fixture, host, local, key, before };
}

describe('a hostile data folder', () => {
  it('commands that only read never change the PC, not even to create the integrity key', async () => {
    fixture = await practiceFixture('kb-lync2013');
    const engine = fixture.engine();
    await engine.listRuns();
    await engine.listBackups();
    await engine.plan({ steps: SIGN_IN });
    await engine.diagnose();
    expect(await fixture.host.registry.listValues(INTEGRITY_KEY_LOCATION)).toBeUndefined();
    const run = await engine.apply((await engine.plan({ steps: ['flush-dns-cache'] })).id);
    expect(run.status).toBe('applied');
    expect(await fixture.host.registry.listValues(INTEGRITY_KEY_LOCATION)).toHaveLength(1);
    expect((await fixture.engine().listRuns())[0]?.attention).toBeUndefined();
  });

  it('planted runs without the key are damaged: listed with what can be read, never acted on', async () => {
    const { fixture, host, local, before } = await setUp();
    const cases = hostileCases(local, host.files.join);
    for (const each of cases) await plantRun(fixture.dataDir, each.run);
    const engine = fixture.engine();
    const runs = await engine.listRuns();
    expect(runs).toHaveLength(cases.length);
    for (const run of runs) {
      expect(run.attention?.kind).toBe('damaged');
      expect(run.startedAt).toBe('2026-12-01T10:00:00.000Z');
      await expect(engine.recover(run.id)).rejects.toMatchObject({ code: 'corrupt-data' });
      await expect(engine.undo(run.id)).rejects.toMatchObject({ code: 'corrupt-data' });
    }
    expect((await engine.listBackups()).every((backup) => !backup.undoable)).toBe(true);
    expect(snapshotDifferences(before, await snapshotPc(host))).toEqual([]);
  });

  it('planted runs sealed with the key are refused by scope, or their backups refused: nothing changes', async () => {
    const { fixture, host, local, key, before } = await setUp();
    const cases = hostileCases(local, host.files.join);
    for (const each of cases) await plantRun(fixture.dataDir, each.run, key);
    const engine = fixture.engine();
    // Reading does not recover: listing changes nothing.
    const listed = new Map((await engine.listRuns()).map((run) => [run.id, run]));
    expect(snapshotDifferences(before, await snapshotPc(host))).toEqual([]);
    for (const each of cases) {
      const run = listed.get(each.run.runId);
      if (each.expect === 'refused') {
        expect({ name: each.name, kind: run?.attention?.kind }).toEqual({
          name: each.name,
          kind: 'refused',
        });
        await expect(engine.recover(each.run.runId)).rejects.toMatchObject({
          code: 'corrupt-data',
          message: expect.stringMatching(/^Refused: .*Nothing was changed/),
        });
      } else {
        expect(run?.attention?.kind).toBe('interrupted');
        const recovered = await engine.recover(each.run.runId);
        expect(recovered.attention?.kind).toBe('recovery-failed');
        expect(JSON.stringify(recovered.actions)).toMatch(/would lead outside the folder/);
      }
    }
    expect(snapshotDifferences(before, await snapshotPc(host))).toEqual([]);
  });

  it('a tampered MAC makes a real run damaged; it is shown, and undo refuses', async () => {
    const { fixture, host } = await setUp();
    const engine = fixture.engine();
    const run = await engine.apply((await engine.plan({ steps: SIGN_IN })).id);
    const repaired = await snapshotPc(host);
    const path = join(fixture.dataDir, 'runs', run.id, 'journal.jsonl');
    const lines = readFileSync(path, 'utf8').split('\n');
    lines[1] = (lines[1] ?? '').replace('"backed-up"', '"apply-start"');
    writeFileSync(path, lines.join('\n'));
    const [listed] = await engine.listRuns();
    expect(listed?.attention).toMatchObject({
      kind: 'damaged',
      message: expect.stringContaining('line 2'),
    });
    expect(listed?.steps).toEqual(run.steps);
    await expect(engine.undo(run.id)).rejects.toMatchObject({ code: 'corrupt-data' });
    expect((await engine.listBackups())[0]?.attention?.kind).toBe('damaged');
    expect(snapshotDifferences(repaired, await snapshotPc(host))).toEqual([]);
  });

  it('a truncated journal reads as interrupted; recovery puts back only what its sealed backups hold', async () => {
    const { fixture, host, before } = await setUp();
    const engine = fixture.engine();
    const run = await engine.apply((await engine.plan({ steps: SIGN_IN })).id);
    const path = join(fixture.dataDir, 'runs', run.id, 'journal.jsonl');
    const lines = readFileSync(path, 'utf8').split('\n');
    // Cut in the middle of the applies, the last kept line torn half-way.
    writeFileSync(path, `${lines.slice(0, 14).join('\n')}\n${(lines[14] ?? '').slice(0, 30)}`);
    const next = fixture.engine({ host: await fixture.reopen() });
    const [listed] = await next.listRuns();
    expect(listed?.attention?.kind).toBe('interrupted');
    expect((await next.recover(run.id)).status).toBe('rolled-back');
    // What the run applied after the cut is not in the journal: still repaired, nothing more.
    const left = snapshotDifferences(before, await snapshotPc(host));
    expect(left.length).toBeGreaterThan(0);
    expect(left.join('\n')).not.toMatch(/fabrikam|program files/i);
  });

  it('a backup file changed after the backup is not restored from; the rest is', async () => {
    const { fixture, host } = await setUp();
    const engine = fixture.engine();
    const run = await engine.apply(
      (await engine.plan({ steps: ['remove-stored-credentials'] })).id,
    );
    const file = join(fixture.dataDir, 'runs', run.id, 'backup', 'a1', 'credential.json');
    writeFileSync(file, readFileSync(file, 'utf8').replace('CONTOSO\\\\user', 'CONTOSO\\\\evil'));
    const repaired = await snapshotPc(host);
    const undone = await engine.undo(run.id);
    expect(undone.status).toBe('partly-undone');
    expect(undone.actions[0]?.error?.message).toMatch(/changed since the backup was made/);
    const changed = snapshotDifferences(repaired, await snapshotPc(host));
    expect(changed.join('\n')).not.toContain('evil');
  });

  it('a lock from another computer is explained; --break-lock takes it over with a notice', async () => {
    const { fixture } = await setUp();
    mkdirSync(fixture.dataDir, { recursive: true });
    writeFileSync(
      join(fixture.dataDir, LOCK_FILE),
      JSON.stringify({
        pid: 4321,
        processStartedAt: '2026-12-01T09:00:00.000Z',
        host: `${hostname()}-elsewhere`,
        token: 'theirs',
        acquiredAt: '2026-12-01T09:00:01.000Z',
      }),
    );
    const engine = fixture.engine();
    await expect(
      engine.apply((await engine.plan({ steps: ['flush-dns-cache'] })).id),
    ).rejects.toMatchObject({
      code: 'file-locked',
      message: expect.stringMatching(/another computer, ".*-elsewhere".*--break-lock/),
    });
    const notices: string[] = [];
    const breaking = fixture.engine({
      breakLock: true,
      onProgress: (p) => notices.push(p.message),
    });
    const run = await breaking.apply((await breaking.plan({ steps: ['flush-dns-cache'] })).id);
    expect(run.status).toBe('applied');
    expect(notices.join('\n')).toMatch(/-elsewhere.*was broken, as asked/);
    expect(existsSync(join(fixture.dataDir, LOCK_FILE))).toBe(false);
  });

  it('undo after a new sign-in backs up what it overwrites, in the same run, and says so', async () => {
    const { fixture, host } = await setUp();
    const engine = fixture.engine();
    const run = await engine.apply((await engine.plan({ steps: SIGN_IN })).id);
    // The user signs in again: a new credential, a new per-address key, new cache files.
    await signInAgain(host);

    const undone = await engine.undo(run.id);
    expect(undone.status).toBe('undone');
    const notes = (undone.notes ?? []).join('\n');
    expect(notes).toMatch(/Microsoft_OC1:uri=user@contoso.com:specific:OCS:1.*backed up first/);
    expect(notes).toMatch(
      /user@contoso.com.*registry key.*backed up first|registry key.*user@contoso.com.*backed up first/s,
    );
    expect(notes).toMatch(/sip_user@contoso.com.*backed up first/);
    const backups = readdirSync(join(fixture.dataDir, 'runs', run.id, 'backup'));
    expect(backups.filter((name) => /-u1$/.test(name)).length).toBeGreaterThanOrEqual(3);
  });

  it('a symlinked parent folder cannot lead a delete outside the practice PC', async () => {
    const { fixture, host } = await setUp();
    const local = (await host.files.knownFolder('LocalAppData')) as string;
    const lync = join(local, 'Microsoft', 'Office', '15.0', 'Lync');
    const outside = join(fixture.dir, 'outside', 'Lync');
    mkdirSync(join(fixture.dir, 'outside'), { recursive: true });
    renameSync(lync, outside);
    symlinkSync(outside, lync, 'dir');
    const precious = join(outside, 'sip_user@contoso.com');
    const filesBefore = readdirSync(precious, { recursive: true }).sort();
    const engine = fixture.engine();
    const run = await engine.apply((await engine.plan({ steps: ['clear-endpoint-cache'] })).id);
    const throughLink = run.actions.find((action) => action.description.includes('15.0'));
    expect(throughLink).toBeDefined();
    expect(throughLink?.outcome).toBe('failed');
    expect(throughLink?.error?.message).toMatch(/outside the practice PC through a link/);
    expect(readdirSync(precious, { recursive: true }).sort()).toEqual(filesBefore);
  });

  it('a planted run met by an elevated process of another account is neither recovered nor undone, and says why', async () => {
    const { fixture, host, key } = await setUp();
    // A genuine run of the signed-in user, interrupted: it is theirs to put back.
    let reached!: () => void;
    const crashed = new Promise<void>((resolve) => (reached = resolve));
    const doomed = fixture.engine(
      {},
      {
        afterJournalEntry: async (_id, entry) => {
          if ((entry as { type: string }).type === 'applied') {
            reached();
            await new Promise(() => undefined);
          }
        },
      },
    );
    void doomed.apply((await doomed.plan({ steps: ['remove-stored-credentials'] })).id);
    await crashed;
    // And a planted one labelled as a machine-wide step, to slip past the profile guard.
    const local = (await host.files.knownFolder('LocalAppData')) as string;
    const planted = hostileCases(local, host.files.join).find((each) =>
      each.name.includes('flush-dns-cache'),
    );
    await plantRun(fixture.dataDir, planted!.run, key);
    await adjustPracticePc(fixture.pcRoot, {
      identity: {
        userName: 'admin',
        domain: 'CONTOSO',
        elevated: true,
        interactiveUserName: 'CONTOSO\\user',
      },
    });
    const admin = fixture.engine({ host: await fixture.reopen() });
    const before = await snapshotPc(await fixture.reopen());
    const runs = await admin.listRuns();
    const theirs = runs.find((run) => run.attention?.kind === 'interrupted');
    expect(theirs).toBeDefined();
    await expect(admin.recover(theirs!.id)).rejects.toMatchObject({
      code: 'wrong-profile',
      message: expect.stringMatching(
        /started as administrator as CONTOSO\\admin while CONTOSO\\user is signed in/,
      ),
    });
    await expect(admin.recover(planted!.run.runId)).rejects.toMatchObject({ code: 'corrupt-data' });
    expect(snapshotDifferences(before, await snapshotPc(await fixture.reopen()))).toEqual([]);
  });

  it('plans belong to the session that showed them, and expire', async () => {
    const { fixture } = await setUp();
    let now = new Date('2026-12-02T01:00:00.000Z');
    const shown = fixture.engine({ now: () => now });
    const plan = await shown.plan({ steps: ['flush-dns-cache'] });
    const other = fixture.engine();
    await expect(other.apply(plan.id)).rejects.toMatchObject({
      code: 'unknown-plan',
      message: expect.stringContaining('--dry-run'),
    });
    now = new Date(now.getTime() + PLAN_LIFETIME_MS + 1000);
    await expect(shown.apply(plan.id)).rejects.toMatchObject({ code: 'stale-plan' });
  });

  it('a repair for kate@ never touches a folder whose address starts with the Kelvin sign', async () => {
    const { fixture, host } = await setUp();
    const local = (await host.files.knownFolder('LocalAppData')) as string;
    const lync = host.files.join(local, 'Microsoft', 'Office', '15.0', 'Lync');
    await host.files.writeFile(
      host.files.join(lync, 'sip_kate@contoso.com', 'a.xml'),
      new Uint8Array([1]),
    );
    await host.files.writeFile(
      host.files.join(lync, 'sip_\u212Aate@contoso.com', 'b.xml'),
      new Uint8Array([2]),
    );
    const plan = await fixture
      .engine()
      .plan({ steps: ['clear-endpoint-cache'], address: 'KATE@contoso.com' });
    const paths = plan.steps.flatMap((step) => step.actions.map((action) => action.description));
    expect(paths).toHaveLength(1);
    expect(paths[0]).toContain('sip_kate@contoso.com');
  });
});
