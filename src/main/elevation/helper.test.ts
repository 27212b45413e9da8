/**
 * The helper's side of the protocol, run as the real separate program on a practice PC:
 * anything outside the closed table, in the wrong place or already answered is refused before
 * the registry is touched.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { openHost, resetPractice } from '../host';
import { MACHINE_GUID_KEY, MACHINE_GUID_NAME, type AdminOperation } from './admin-operations';
import { exchangeRoot, openExchange, REQUEST_FILE } from './exchange';
import { HELPER_EXIT, HELPER_FLAG } from './helper-main';
import { elevatedResultSchema, type RequestTarget } from './messages';
import { buildCli, type BuiltCli } from '../../../testing/elevation/built-cli';

const SCENARIO = 'machine-guid-braces';
const BRACED = '{c1cbd94c-0d35-414c-89ef-dd092b984883}';
const BARE = 'c1cbd94c-0d35-414c-89ef-dd092b984883';
const PRACTICE: RequestTarget = { kind: 'practice', scenario: SCENARIO };

let cli: BuiltCli;
let dir: string;
let engineDataDir: string;

beforeAll(async () => {
  cli = await buildCli();
}, 120_000);
afterAll(async () => cli?.dispose());
afterEach(async () => rm(dir, { recursive: true, force: true }));

async function freshPc() {
  dir = await mkdtemp(join(tmpdir(), 'sfb-helper-'));
  await resetPractice(dir, SCENARIO);
  const opened = await openHost({ platform: 'linux', dataDir: dir, practice: SCENARIO });
  await opened.host.close();
  engineDataDir = opened.engineDataDir;
}

function runHelper(...args: string[]) {
  const result = spawnSync(cli.command.executable, [...cli.command.args, ...args], {
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { code: result.status, stderr: result.stderr };
}

async function machineGuid(): Promise<unknown> {
  const { host } = await openHost({ platform: 'linux', dataDir: dir, practice: SCENARIO });
  try {
    return (await host.registry.getValue(MACHINE_GUID_KEY, MACHINE_GUID_NAME))?.data;
  } finally {
    await host.close();
  }
}

/** A request folder as the user's process makes it, then the request replaced by `body`. */
async function plantRequest(body: (id: string, nonce: string) => unknown) {
  const exchange = await openExchange(engineDataDir, PRACTICE, {
    op: 'machine-guid.remove-braces',
  });
  const { id, nonce } = exchange.request;
  await writeFile(exchange.requestFile, JSON.stringify(body(id, nonce)));
  return exchange;
}

const valid =
  (op: unknown, target: unknown = PRACTICE) =>
  (id: string, nonce: string) => ({
    format: 'sfb-elevated-request',
    version: 1,
    id,
    nonce,
    target,
    operation: op,
  });

describe('the elevated helper', () => {
  it('does a valid request, echoes the nonce, and a second run of it is refused', async () => {
    await freshPc();
    const exchange = await openExchange(engineDataDir, PRACTICE, {
      op: 'machine-guid.remove-braces',
    });
    expect(runHelper(HELPER_FLAG, exchange.requestFile).code).toBe(HELPER_EXIT.done);
    const result = elevatedResultSchema.parse(
      JSON.parse(await readFile(exchange.resultFile, 'utf8')),
    );
    expect(result).toMatchObject({
      id: exchange.request.id,
      nonce: exchange.request.nonce,
      outcome: 'done',
      before: BRACED,
      after: BARE,
    });
    expect(await machineGuid()).toBe(BARE);
    // Replayed: the answer already exists, so nothing is done again.
    expect(runHelper(HELPER_FLAG, exchange.requestFile).code).toBe(HELPER_EXIT.badRequest);
  });

  it.each<[string, AdminOperation | Record<string, unknown>]>([
    ['an operation outside the table', { op: 'machine-guid.set' }],
    ['a smuggled key', { op: 'machine-guid.remove-braces', key: 'SOFTWARE\\Evil' }],
    ['a smuggled value name', { op: 'machine-guid.remove-braces', name: 'Other' }],
    ['a path instead of a GUID', { op: 'machine-guid.restore', value: 'C:\\Windows\\x.exe' }],
    ['a GUID without braces to restore', { op: 'machine-guid.restore', value: BARE }],
    ['no operation at all', {}],
  ])('refuses %s unread, changing nothing', async (_label, operation) => {
    await freshPc();
    const exchange = await plantRequest(valid(operation));
    const run = runHelper(HELPER_FLAG, exchange.requestFile);
    expect(run.code).toBe(HELPER_EXIT.badRequest);
    expect(run.stderr).toMatch(/not one the elevated helper accepts/);
    expect(existsSync(exchange.resultFile)).toBe(false);
    expect(await machineGuid()).toBe(BRACED);
  });

  it.each<[string, (id: string, nonce: string) => unknown]>([
    ['a short nonce', (id) => ({ ...valid({ op: 'machine-guid.remove-braces' })(id, 'ab') })],
    [
      'an extra top-level field',
      (id, nonce) => ({ ...valid({ op: 'machine-guid.remove-braces' })(id, nonce), path: '/etc' }),
    ],
    [
      'a scenario that is a path',
      valid({ op: 'machine-guid.remove-braces' }, { kind: 'practice', scenario: '../../x' }),
    ],
    [
      'another request id',
      (_id, nonce) => valid({ op: 'machine-guid.remove-braces' })('0'.repeat(32), nonce),
    ],
  ])('refuses a forged request: %s', async (_label, body) => {
    await freshPc();
    const exchange = await plantRequest(body);
    expect(runHelper(HELPER_FLAG, exchange.requestFile).code).toBe(HELPER_EXIT.badRequest);
    expect(existsSync(exchange.resultFile)).toBe(false);
    expect(await machineGuid()).toBe(BRACED);
  });

  it('refuses to run without a valid request file', async () => {
    await freshPc();
    expect(runHelper(HELPER_FLAG).code).toBe(HELPER_EXIT.badRequest);
    expect(runHelper(HELPER_FLAG, 'a', 'b').code).toBe(HELPER_EXIT.badRequest);
    expect(runHelper(HELPER_FLAG, 'relative/request.json').code).toBe(HELPER_EXIT.badRequest);
    const missing = join(exchangeRoot(engineDataDir), 'f'.repeat(32), REQUEST_FILE);
    expect(runHelper(HELPER_FLAG, missing).stderr).toMatch(/does not exist/);
    // A valid request outside a request folder is not acted on.
    const exchange = await openExchange(engineDataDir, PRACTICE, {
      op: 'machine-guid.remove-braces',
    });
    const elsewhere = join(dir, 'loose');
    await mkdir(elsewhere);
    await writeFile(join(elsewhere, REQUEST_FILE), await readFile(exchange.requestFile));
    expect(runHelper(HELPER_FLAG, join(elsewhere, REQUEST_FILE)).code).toBe(HELPER_EXIT.badRequest);
    // Nor one reached through a link, nor an oversized one.
    const linked = await openExchange(engineDataDir, PRACTICE, {
      op: 'machine-guid.remove-braces',
    });
    await rm(linked.requestFile);
    await symlink(exchange.requestFile, linked.requestFile);
    expect(runHelper(HELPER_FLAG, linked.requestFile).stderr).toMatch(/not a plain file/);
    await writeFile(exchange.requestFile, ' '.repeat(5000));
    expect(runHelper(HELPER_FLAG, exchange.requestFile).stderr).toMatch(/too large/);
    expect(await machineGuid()).toBe(BRACED);
  });

  it('refuses to put back a different GUID: the machine identity never changes', async () => {
    await freshPc();
    const removed = await openExchange(engineDataDir, PRACTICE, {
      op: 'machine-guid.remove-braces',
    });
    expect(runHelper(HELPER_FLAG, removed.requestFile).code).toBe(HELPER_EXIT.done);
    const other = await openExchange(engineDataDir, PRACTICE, {
      op: 'machine-guid.restore',
      value: '{00000000-0000-0000-0000-000000000001}',
    });
    expect(runHelper(HELPER_FLAG, other.requestFile).code).toBe(HELPER_EXIT.refused);
    expect(JSON.parse(await readFile(other.resultFile, 'utf8'))).toMatchObject({
      outcome: 'refused',
      nonce: other.request.nonce,
      error: { code: 'stale-plan' },
    });
    expect(await machineGuid()).toBe(BARE);
    const back = await openExchange(engineDataDir, PRACTICE, {
      op: 'machine-guid.restore',
      value: BRACED,
    });
    expect(runHelper(HELPER_FLAG, back.requestFile).code).toBe(HELPER_EXIT.done);
    expect(await machineGuid()).toBe(BRACED);
  });

  it('opens only the practice PC its folder belongs to, and Windows only on Windows', async () => {
    await freshPc();
    const wrongScenario = await openExchange(
      engineDataDir,
      { kind: 'practice', scenario: 'healthy' },
      {
        op: 'machine-guid.remove-braces',
      },
    );
    expect(runHelper(HELPER_FLAG, wrongScenario.requestFile).code).toBe(HELPER_EXIT.refused);
    const windows = await openExchange(
      engineDataDir,
      { kind: 'windows' },
      {
        op: 'machine-guid.remove-braces',
      },
    );
    expect(runHelper(HELPER_FLAG, windows.requestFile).code).toBe(HELPER_EXIT.failed);
    expect(JSON.parse(await readFile(windows.resultFile, 'utf8'))).toMatchObject({
      outcome: 'failed',
      error: { code: 'unsupported' },
    });
    expect(await machineGuid()).toBe(BRACED);
  });
});
