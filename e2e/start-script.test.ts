/**
 * `npm start` for real on this machine, which has no Electron runtime: the script serves the
 * wizard and shows it (or prints its address), and stops on Ctrl+C or when its window closes.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ensureRendererBuilt } from './harness/build-renderer';
import { REPO_ROOT } from './harness/paths';
import { acquireBrowser } from './harness/shared-browser';
import { WizardPage } from './pages/wizard-page';

const START = join(REPO_ROOT, 'scripts', 'start.mjs');
const XVFB = '/usr/bin/Xvfb';
const ADDRESS = /http:\/\/127\.0\.0\.1:\d+\/\S+/;
const STOP_TIMEOUT_MS = 15_000;

const temps: string[] = [];
const running: ChildProcess[] = [];
afterEach(() => {
  for (const child of running.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
  for (const dir of temps.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function tempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  temps.push(dir);
  return dir;
}

/** The environment of a machine without the Electron runtime and, unless given, no display. */
function noElectronEnv(display?: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    ELECTRON_OVERRIDE_DIST_PATH: tempDir('sfb-no-electron-'),
  };
  delete env.DISPLAY;
  delete env.WAYLAND_DISPLAY;
  if (display) env.DISPLAY = display;
  return env;
}

interface Started {
  child: ChildProcess;
  output(): string;
  exited: Promise<number | null>;
}

function startScript(args: string[], env: NodeJS.ProcessEnv): Started {
  const child = spawn(process.execPath, [START, ...args], { cwd: REPO_ROOT, env });
  running.push(child);
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  return { child, output: () => output, exited };
}

async function waitFor<T>(what: string, read: () => T | undefined, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = read();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  return Promise.race([
    promise,
    new Promise<T>((_, reject) => setTimeout(() => reject(new Error(`${what} timed out`)), ms)),
  ]);
}

async function auditedOperations(dataDir: string): Promise<string[]> {
  const file = join(dataDir, 'logs', 'audit.log');
  if (!existsSync(file)) return [];
  return (await readFile(file, 'utf8'))
    .split('\n')
    .filter(Boolean)
    .map((line) => {
      const entry = JSON.parse(line) as { operation: string; ok: boolean };
      return `${entry.operation}:${entry.ok ? 'ok' : 'failed'}`;
    });
}

/** The direct children of a process (Linux `ps`). */
function childPids(pid: number): number[] {
  const listed = spawnSync('ps', ['-o', 'pid=', '--ppid', String(pid)], { encoding: 'utf8' });
  return listed.stdout
    .split('\n')
    .map((line) => Number(line.trim()))
    .filter((value) => value > 0);
}

function commandLine(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ');
  } catch {
    return '';
  }
}

describe('npm start without the Electron runtime', () => {
  it('with no display prints the address; it serves the wizard once; Scan works; Ctrl+C stops it', async () => {
    // Built here under the browser tests' lock, so npm start finds it fresh and only builds
    // its own bundle: a second renderer build would pull the files from under parallel tests.
    await ensureRendererBuilt();
    const dataDir = tempDir('sfb-start-data-');
    const startedAt = performance.now();
    const run = startScript(['--practice', 'kb-lync2013', '--data-dir', dataDir], noElectronEnv());
    const address = await waitFor('the address', () => run.output().match(ADDRESS)?.[0], 60_000);
    console.info(
      `npm start printed the address after ${Math.round(performance.now() - startedAt)} ms`,
    );
    expect(run.output()).toContain(
      'Electron runtime not installed; opening the wizard in your browser on a practice PC. ' +
        'To get the desktop app: node node_modules/electron/install.js',
    );

    const { browser, release } = await acquireBrowser();
    const context = await browser.newContext();
    try {
      const page = await context.newPage();
      await page.goto(address);
      // The token went for a cookie; the address bar holds the clean address.
      expect(page.url()).toBe(`${new URL(address).origin}/`);
      const wizard = new WizardPage(page);
      await wizard.ready();
      expect(await wizard.practiceBanner().textContent()).toContain('kb-lync2013');
      await wizard.scan();
      expect(await page.locator('.clients li').first().textContent()).toContain('Lync 2013');
      expect(await auditedOperations(dataDir)).toContain('diagnosis.run:ok');

      // Whoever comes second with the same address gets nothing.
      const second = await browser.newContext();
      const refused = await (await second.newPage()).goto(address);
      expect(refused?.status()).toBe(403);
      await second.close();
    } finally {
      await context.close();
      await release();
    }

    run.child.kill('SIGINT');
    expect(await withTimeout(run.exited, STOP_TIMEOUT_MS, 'stopping on SIGINT')).toBe(0);
    expect(run.output()).toContain('The wizard has stopped.');
  }, 120_000);

  it('stops by itself once the page that opened it is closed', async () => {
    await ensureRendererBuilt();
    const run = startScript(['--data-dir', tempDir('sfb-start-data-')], noElectronEnv());
    const address = await waitFor('the address', () => run.output().match(ADDRESS)?.[0], 60_000);
    const { browser, release } = await acquireBrowser();
    const context = await browser.newContext();
    try {
      const page = await context.newPage();
      await page.goto(address);
      await new WizardPage(page).ready();
      // A reload drops the progress stream for a moment; the wizard must survive it.
      await page.reload();
      await new WizardPage(page).ready();
      expect(run.child.exitCode).toBeNull();
    } finally {
      await context.close();
      await release();
    }
    expect(await withTimeout(run.exited, STOP_TIMEOUT_MS, 'stopping after the page closed')).toBe(
      0,
    );
  }, 120_000);

  it('says in a sentence why the wizard cannot start, without a stack trace', async () => {
    await ensureRendererBuilt();
    const result = spawnSync(
      process.execPath,
      [START, '--practice', 'no-such-scenario', '--data-dir', tempDir('sfb-start-data-')],
      { cwd: REPO_ROOT, encoding: 'utf8', env: noElectronEnv(), timeout: 60_000 },
    );
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(
      "the wizard could not start: There is no practice scenario 'no-such-scenario'.",
    );
    expect(result.stderr).not.toMatch(/^\s+at /m);
  }, 90_000);

  it.skipIf(!existsSync(XVFB))(
    "with a display opens Chromium's app mode, which runs the wizard; closing it stops npm start",
    async () => {
      await ensureRendererBuilt();
      const display = `:${90 + (process.pid % 9)}`;
      const xvfb = spawn(XVFB, [display, '-screen', '0', '1280x800x24', '-nolisten', 'tcp'], {
        stdio: 'ignore',
      });
      running.push(xvfb);
      const dataDir = tempDir('sfb-start-data-');
      const run = startScript(['--data-dir', dataDir], noElectronEnv(display));
      await waitFor(
        'the window',
        () => (/own window/.test(run.output()) ? true : undefined),
        60_000,
      );
      expect(run.output()).not.toMatch(ADDRESS);

      const pid = run.child.pid ?? 0;
      const window = childPids(pid).find((child) =>
        /--app=http:\/\/127\.0\.0\.1:/.test(commandLine(child)),
      );
      expect(window, 'a Chromium process started with --app').toBeDefined();
      // The page in that window signed in and called main through the served bridge.
      const deadline = Date.now() + 60_000;
      while (!(await auditedOperations(dataDir)).includes('session.info:ok')) {
        if (Date.now() > deadline)
          throw new Error(`No session.info in the audit log:\n${run.output()}`);
        await new Promise((resolve) => setTimeout(resolve, 250));
      }

      // Closing the window ends its browser process; npm start follows.
      process.kill(window ?? 0, 'SIGTERM');
      expect(
        await withTimeout(run.exited, STOP_TIMEOUT_MS, 'stopping after the window closed'),
      ).toBe(0);
      xvfb.kill();
    },
    120_000,
  );
});

describe('npm start with the Electron runtime', () => {
  it('launches the Electron binary with the app folder and the app arguments', () => {
    // Stands in for the Electron binary, which cannot be installed here: records its arguments.
    const dist = tempDir('sfb-fake-electron-');
    const record = join(dist, 'args.txt');
    const binary = join(dist, process.platform === 'win32' ? 'electron.exe' : 'electron');
    writeFileSync(binary, `#!/bin/sh\nprintf '%s\\n' "$@" > '${record}'\nexit 7\n`);
    chmodSync(binary, 0o755);
    const result = spawnSync(process.execPath, [START, '--no-build', '--practice', 'kb-lync2010'], {
      cwd: REPO_ROOT,
      encoding: 'utf8',
      env: { ...process.env, ELECTRON_OVERRIDE_DIST_PATH: dist },
      timeout: 30_000,
    });
    expect(result.status).toBe(7);
    expect(readFileSync(record, 'utf8').trim().split('\n')).toEqual([
      REPO_ROOT,
      '--practice',
      'kb-lync2010',
    ]);
  });
});
