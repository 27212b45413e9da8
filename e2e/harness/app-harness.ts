/**
 * The app in a real browser, the way `npm start` serves it without Electron: the built renderer
 * from the served wizard's loopback server (src/main/served) with its real bridge, the real
 * main-process dispatcher, handlers and engine on a fresh practice PC per test. The page signs
 * in through the one-time address like a newcomer's window does.
 */
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { OperationName, OperationRequest, OperationResult } from '../../src/shared/operations';
import { practicePcDir } from '../../src/main/host';
import { DEFAULT_PRACTICE_SCENARIO } from '../../src/main/host/practice';
import { memoryAuditSink, type AuditEntry } from '../../src/main/ipc/audit';
import type { OperationDispatcher } from '../../src/main/ipc/dispatcher';
import { realServices } from '../../src/main/session/real-services';
import { runAdminChecks, type AdminCheckOptions } from '../../src/main/engine/admin';
import { nodeNetwork } from '../../src/main/host/network/node-network';
import type { SenderInfo } from '../../src/main/ipc/sender';
import type { AppSession } from '../../src/main/session/app-session';
import { bundlePageBridge } from '../../src/main/served/page-bridge-bundle';
import { openServedApp } from '../../src/main/served/served-app';
import { ensureRendererBuilt } from './build-renderer';
import { RENDERER_DIST, REPO_ROOT, SCREENS_DIR } from './paths';
import { acquireBrowser } from './shared-browser';

export interface StartAppOptions {
  /** Practice scenario (see PRACTICE_SCENARIOS); the default scenario when absent. */
  scenario?: string;
  viewport?: { width: number; height: number };
  /** Navigate to the app before returning (default true); the page is signed in either way. */
  open?: boolean;
  /**
   * Options for the administrators' check (e.g. a loopback DNS server and port overrides). By
   * default it asks a closed loopback port for DNS, so no test reaches outside the machine.
   */
  adminOptions?: Omit<AdminCheckOptions, 'domain' | 'targets' | 'network'>;
}

export interface AppHarness {
  page: Page;
  context: BrowserContext;
  browser: Browser;
  /** The origin the renderer is served from (the app's trusted origin in this harness). */
  origin: string;
  /** The one-time address the page signed in with (already used). */
  openUrl: string;
  /** The app's data folder (practice PC, engine journal and backups), fresh for this test. */
  dataDir: string;
  /** The practice PC folder of the scenario, e.g. for before/after snapshots. */
  practicePcDir: string;
  session: AppSession;
  /** Calls an operation as the app window's main frame would, bypassing the page. */
  dispatch<N extends OperationName>(
    name: N,
    request: OperationRequest<N>,
  ): Promise<OperationResult<N>>;
  /** The transport-independent dispatcher with any sender (for forged-sender tests). */
  dispatchAs: OperationDispatcher;
  /** One line per operation call, as the app's audit log records it. */
  audit: AuditEntry[];
  /** Uncaught errors and console errors in the page. */
  pageErrors: string[];
  /** Saves a full-page screenshot to test-results/screens/<name>.png; returns its path. */
  screenshot(name: string): Promise<string>;
  close(): Promise<void>;
}

function screenshotName(name: string): string {
  const safe = name.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^-+|-+$/g, '');
  if (!safe) throw new Error(`Unusable screenshot name "${name}"`);
  return safe.endsWith('.png') ? safe : `${safe}.png`;
}

let pageBridge: Promise<string> | undefined;

export async function startApp(options: StartAppOptions = {}): Promise<AppHarness> {
  const scenario = options.scenario ?? DEFAULT_PRACTICE_SCENARIO;
  await ensureRendererBuilt();
  pageBridge ??= bundlePageBridge(REPO_ROOT);

  const cleanups: Array<() => Promise<unknown>> = [];
  const cleanup = async () => {
    for (const step of cleanups.reverse()) await step().catch(() => undefined);
  };

  try {
    const dataDir = await mkdtemp(join(tmpdir(), 'sfb-e2e-'));
    cleanups.push(() => rm(dataDir, { recursive: true, force: true }));

    const audit = memoryAuditSink();
    const served = await openServedApp({
      rendererDir: RENDERER_DIST,
      pageBridge: await pageBridge,
      dataDir,
      practice: scenario,
      services: {
        ...(await realServices()),
        runAdminChecks: (host, request) =>
          runAdminChecks(host, {
            network: nodeNetwork(),
            dns: { servers: ['127.0.0.1:9'] },
            timeoutMs: 1_000,
            ...options.adminOptions,
            ...request,
          }),
      },
      audit,
    });
    cleanups.push(() => served.close());

    const { browser, release } = await acquireBrowser();
    cleanups.push(release);
    const context = await browser.newContext({
      viewport: options.viewport ?? { width: 1024, height: 700 },
      reducedMotion: 'reduce',
    });
    cleanups.push(() => context.close());
    const appPage = await context.newPage();

    const pageErrors: string[] = [];
    appPage.on('pageerror', (error) => pageErrors.push(error.message));
    appPage.on('console', (message) => {
      if (message.type() === 'error') pageErrors.push(message.text());
    });

    // The context's own request client shares its cookies, so without a navigation the page
    // is still signed in for whatever address the test opens later.
    if (options.open !== false) await appPage.goto(served.openUrl);
    else await context.request.get(served.openUrl);

    const appMainFrame = (): SenderInfo => ({
      frameUrl: `${served.origin}/index.html`,
      isAppMainFrame: true,
    });

    return {
      page: appPage,
      context,
      browser,
      origin: served.origin,
      openUrl: served.openUrl,
      dataDir,
      practicePcDir: practicePcDir(dataDir, scenario),
      session: served.session,
      dispatch: (name, request) =>
        served.dispatch(appMainFrame(), name, request) as Promise<OperationResult<typeof name>>,
      dispatchAs: served.dispatch,
      audit: audit.entries,
      pageErrors,
      async screenshot(name) {
        await mkdir(SCREENS_DIR, { recursive: true });
        const path = join(SCREENS_DIR, screenshotName(name));
        await appPage.screenshot({ path, fullPage: true, animations: 'disabled' });
        return path;
      },
      close: cleanup,
    };
  } catch (error) {
    await cleanup();
    throw error;
  }
}
