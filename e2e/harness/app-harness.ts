/**
 * The app in a real browser: the built renderer, the real main-process handlers and engine on a
 * fresh practice PC per test, with only Electron's transport replaced (a Playwright binding in
 * place of ipcMain/ipcRenderer, a loopback HTTP server in place of the `app://` protocol).
 */
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import {
  BRIDGE_GLOBAL,
  OPERATION_NAMES,
  type OperationName,
  type OperationRequest,
  type OperationResult,
  type ProgressEvent,
} from '../../src/shared/operations';
import { practicePcDir } from '../../src/main/host';
import { DEFAULT_PRACTICE_SCENARIO } from '../../src/main/host/practice';
import { memoryAuditSink, type AuditEntry } from '../../src/main/ipc/audit';
import { createOperationDispatcher, type OperationDispatcher } from '../../src/main/ipc/dispatcher';
import { createHandlers } from '../../src/main/session/handlers';
import { realServices } from '../../src/main/session/real-services';
import { runAdminChecks, type AdminCheckOptions } from '../../src/main/engine/admin';
import type { SenderInfo } from '../../src/main/ipc/sender';
import { openAppSession, type AppSession } from '../../src/main/session/app-session';
import { ensureRendererBuilt } from './build-renderer';
import { installPageBridge, INVOKE_BINDING, PROGRESS_HOOK } from './page-bridge';
import { RENDERER_DIST, SCREENS_DIR } from './paths';
import { acquireBrowser } from './shared-browser';
import { serveRenderer, type RendererServer } from './static-server';

export interface StartAppOptions {
  /** Practice scenario (see PRACTICE_SCENARIOS); the default scenario when absent. */
  scenario?: string;
  viewport?: { width: number; height: number };
  /** Navigate to the app before returning (default true). */
  open?: boolean;
  /**
   * Options for the administrators' check (e.g. a loopback DNS server and port overrides). By
   * default it asks a closed loopback port for DNS, so no test reaches outside the machine.
   */
  adminOptions?: Omit<AdminCheckOptions, 'domain' | 'targets'>;
}

export interface AppHarness {
  page: Page;
  context: BrowserContext;
  browser: Browser;
  /** The origin the renderer is served from (the app's trusted origin in this harness). */
  origin: string;
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

export async function startApp(options: StartAppOptions = {}): Promise<AppHarness> {
  const scenario = options.scenario ?? DEFAULT_PRACTICE_SCENARIO;
  await ensureRendererBuilt();

  const cleanups: Array<() => Promise<unknown>> = [];
  const cleanup = async () => {
    for (const step of cleanups.reverse()) await step().catch(() => undefined);
  };

  try {
    const dataDir = await mkdtemp(join(tmpdir(), 'sfb-e2e-'));
    cleanups.push(() => rm(dataDir, { recursive: true, force: true }));

    // Progress can only reach the page once it exists; until then there is nobody to tell.
    const progressTarget: { page?: Page } = {};
    const forwardProgress = (event: ProgressEvent) => {
      void progressTarget.page
        ?.evaluate(
          ([hook, payload]) => {
            const emit = (globalThis as unknown as Record<string, unknown>)[hook];
            if (typeof emit === 'function') (emit as (e: unknown) => void)(payload);
          },
          [PROGRESS_HOOK, event] as const,
        )
        .catch(() => undefined);
    };

    const session = await openAppSession({
      platform: process.platform,
      dataDir,
      practice: scenario,
      services: {
        ...(await realServices()),
        runAdminChecks: (host, request) =>
          runAdminChecks(host, {
            dns: { servers: ['127.0.0.1:9'] },
            timeoutMs: 1_000,
            ...options.adminOptions,
            ...request,
          }),
      },
      onProgress: forwardProgress,
    });
    cleanups.push(() => session.close());

    const server: RendererServer = await serveRenderer(RENDERER_DIST);
    cleanups.push(() => server.close());

    const audit = memoryAuditSink();
    const dispatchAs = createOperationDispatcher(createHandlers(session), {
      trustedOrigin: server.origin,
      isPractice: () => session.isPractice(),
      audit,
    });

    const { browser, release } = await acquireBrowser();
    cleanups.push(release);
    const context = await browser.newContext({
      viewport: options.viewport ?? { width: 1024, height: 700 },
      reducedMotion: 'reduce',
    });
    cleanups.push(() => context.close());
    const appPage = await context.newPage();
    progressTarget.page = appPage;

    // Every page and frame of the context gets the transport; the dispatcher decides who may
    // use it, exactly as ipcMain.handle receives calls from any frame and checks the sender.
    await context.exposeBinding(INVOKE_BINDING, (source, name: unknown, request: unknown) => {
      const sender: SenderInfo = {
        frameUrl: source.frame.url(),
        isAppMainFrame: source.page === appPage && source.frame === appPage.mainFrame(),
      };
      return dispatchAs(sender, name, request);
    });
    await context.addInitScript(installPageBridge, {
      global: BRIDGE_GLOBAL,
      names: OPERATION_NAMES,
      invokeBinding: INVOKE_BINDING,
      progressHook: PROGRESS_HOOK,
    });

    const pageErrors: string[] = [];
    appPage.on('pageerror', (error) => pageErrors.push(error.message));
    appPage.on('console', (message) => {
      if (message.type() === 'error') pageErrors.push(message.text());
    });

    if (options.open !== false) await appPage.goto(`${server.origin}/index.html`);

    const appMainFrame = (): SenderInfo => ({
      frameUrl: `${server.origin}/index.html`,
      isAppMainFrame: true,
    });

    return {
      page: appPage,
      context,
      browser,
      origin: server.origin,
      dataDir,
      practicePcDir: practicePcDir(dataDir, scenario),
      session,
      dispatch: (name, request) =>
        dispatchAs(appMainFrame(), name, request) as Promise<OperationResult<typeof name>>,
      dispatchAs,
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
