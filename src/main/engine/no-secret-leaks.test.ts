/**
 * Secrets never leak: known secrets are planted in the practice PC's credential vault (as Lync
 * stores them, UTF-16LE, and as UTF-8), then everything the product writes or prints is searched
 * for them in every encoding a careless path could produce (text, UTF-16LE, base64, hex): the
 * engine's diagnosis, plan, run records, report (HTML and JSON), the built command line's JSON
 * and human output, and every byte in its data folder and home folder (journal, backups, logs).
 */
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPracticePc } from '../host/practice';
import type { HostSystem } from '../host/ports';
import { buildReport } from '../report';
import { readAllBytes } from '../../../testing/engine/host-wrappers';
import { practiceFixture } from '../../../testing/engine/practice';

const repo = resolve(__dirname, '..', '..', '..');
const bin = join(repo, 'bin', 'sfb-signin-repair.cjs');

interface Planted {
  text: string;
  stored: 'utf16le' | 'utf8';
}

/** Every form in which a secret could be written out by mistake. */
function leakForms(secret: Planted): Buffer[] {
  const forms: Buffer[] = [];
  for (const encoding of ['utf8', 'utf16le'] as const) {
    const bytes = Buffer.from(secret.text, encoding);
    forms.push(bytes, Buffer.from(bytes.toString('base64')), Buffer.from(bytes.toString('hex')));
    forms.push(Buffer.from(bytes.toString('hex').toUpperCase()));
  }
  return forms;
}

function findLeaks(where: string, data: Buffer | string, secrets: Planted[]): string[] {
  const haystack = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
  return secrets.flatMap((secret) =>
    leakForms(secret)
      .filter((form) => haystack.includes(form))
      .map((form) => `${where}: ${secret.text} as ${form.toString('utf8').slice(0, 40)}`),
  );
}

/** Replaces the secret of every Lync credential (and one decoy) with a fresh, unique one. */
async function plantSecrets(host: HostSystem): Promise<Planted[]> {
  const planted: Planted[] = [];
  const summaries = await host.credentials.list();
  expect(summaries.some((entry) => entry.targetName.includes('user@contoso.com'))).toBe(true);
  for (const [index, summary] of summaries.entries()) {
    const record = await host.credentials.read(summary.targetName, summary.type);
    if (!record) continue;
    const stored = index % 2 === 0 ? 'utf16le' : 'utf8';
    const text = `Planted-${randomBytes(6).toString('hex')}-pw`;
    await host.credentials.write({ ...record, secret: new Uint8Array(Buffer.from(text, stored)) });
    planted.push({ text, stored });
  }
  expect(planted.length).toBeGreaterThanOrEqual(3);
  return planted;
}

describe('no secret ever leaks', () => {
  it('engine: diagnosis, plan, apply, undo, runs, reports and the data folder hold none of the planted secrets', async () => {
    const fixture = await practiceFixture('kb-lync2013');
    try {
      const secrets = await plantSecrets(fixture.host);
      const host = await fixture.reopen();
      const engine = fixture.engine({ host });
      const outputs: Array<[string, unknown]> = [];
      const diagnosis = await engine.diagnose();
      outputs.push(['diagnosis', diagnosis]);
      const plan = await engine.plan({
        steps: ['delete-sign-in-info', 'clear-endpoint-cache', 'flush-dns-cache'],
      });
      outputs.push(['plan', plan]);
      const run = await engine.apply(plan.id);
      expect(run.status).toBe('applied');
      outputs.push(['run', run], ['runs', await engine.listRuns()]);
      outputs.push(['backups', await engine.listBackups()]);
      // The secrets are in the backups (undo needs them), protected by host.secrets.
      const undone = await engine.undo(run.id);
      expect(undone.status).toBe('undone');
      outputs.push(['undone', undone]);
      const restored = await (await fixture.reopen()).credentials.list();
      expect(restored.length).toBeGreaterThanOrEqual(secrets.length);

      const session = { hostKind: host.kind, hostDescription: host.description, appVersion: '0' };
      const input = { diagnosis, plans: [plan], runs: [run, undone], session };
      for (const format of ['html', 'json'] as const) {
        outputs.push([`report.${format}`, buildReport(input, format).content]);
      }
      const leaks = [
        ...outputs.flatMap(([where, value]) =>
          findLeaks(where, typeof value === 'string' ? value : JSON.stringify(value), secrets),
        ),
        ...findLeaks('data folder', readAllBytes(fixture.dataDir), secrets),
      ];
      expect(leaks).toEqual([]);
      // The check itself can fail: the practice PC's vault does hold them, readable to the API.
      const again = await (await fixture.reopen()).credentials.list();
      const first = again[0];
      const record = first ? await host.credentials.read(first.targetName, first.type) : undefined;
      expect(findLeaks('vault', Buffer.from(record?.secret ?? []), secrets).length).toBeGreaterThan(
        0,
      );
    } finally {
      await fixture.dispose();
    }
  });

  describe('the built command line', () => {
    let home: string;
    beforeAll(async () => {
      const build = spawnSync(process.execPath, ['scripts/build.mjs', '--only=cli'], {
        cwd: repo,
        encoding: 'utf8',
      });
      if (build.status !== 0) throw new Error(`build failed: ${build.stderr}${build.stdout}`);
      home = await mkdtemp(join(tmpdir(), 'sfb-secrets-cli-'));
    }, 180_000);
    afterAll(() => rm(home, { recursive: true, force: true }));

    function cli(args: string[]): Promise<{ code: number | null; out: string }> {
      const dataDir = join(home, 'data');
      return new Promise((done, fail) => {
        const child = spawn(process.execPath, [bin, '--data-dir', dataDir, ...args], {
          cwd: home,
          env: { PATH: process.env.PATH ?? '', HOME: home },
          stdio: ['pipe', 'pipe', 'pipe'],
        });
        let out = '';
        child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
        child.stderr.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
        child.on('error', fail);
        child.on('close', (code) => done({ code, out }));
        child.stdin.end('');
      });
    }

    it('JSON and human output, verbose too, reports and every file it wrote hold none of them', async () => {
      expect((await cli(['practice', 'reset', 'kb-lync2013'])).code).toBe(0);
      const pc = await openPracticePc(join(home, 'data', 'practice', 'kb-lync2013', 'pc'));
      const secrets = await plantSecrets(pc);
      await pc.close();

      const commands = [
        ['--json', 'diagnose'],
        ['diagnose'],
        ['--verbose', 'diagnose'],
        ['--verbose', 'repair', '--all', '--dry-run'],
        ['--json', 'repair', '--all', '--dry-run'],
        ['--verbose', 'repair', '--all', '--yes'],
        ['--json', 'runs'],
        ['runs'],
        ['report', '--format', 'html', '--out', join(home, 'report.html')],
        ['report', '--format', 'json', '--out', join(home, 'report.json')],
        ['--verbose', 'undo', '--last'],
        ['--json', 'diagnose'],
      ];
      const leaks: string[] = [];
      for (const args of commands) {
        const { code, out } = await cli(args);
        expect({ args, code }).toEqual({ args, code: 0 });
        expect(out.length).toBeGreaterThan(0);
        leaks.push(...findLeaks(args.join(' '), out, secrets));
      }
      expect((await readFile(join(home, 'report.html'), 'utf8')).length).toBeGreaterThan(1000);
      const everything = readAllBytes(home);
      // Only the practice PC's own vault may hold them (it is the user's PC, not our output),
      // and it keeps them encrypted at rest as well.
      leaks.push(...findLeaks('home and data folder', everything, secrets));
      expect(leaks).toEqual([]);
      // They went through the backups: undo put every planted secret back, byte for byte.
      const after = await openPracticePc(join(home, 'data', 'practice', 'kb-lync2013', 'pc'));
      try {
        const back: Buffer[] = [];
        for (const summary of await after.credentials.list()) {
          const record = await after.credentials.read(summary.targetName, summary.type);
          if (record) back.push(Buffer.from(record.secret));
        }
        for (const secret of secrets) {
          expect(back.some((bytes) => bytes.equals(Buffer.from(secret.text, secret.stored)))).toBe(
            true,
          );
        }
      } finally {
        await after.close();
      }
    }, 180_000);
  });
});
