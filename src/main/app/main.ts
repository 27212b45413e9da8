/**
 * Electron's main process: lifecycle, the one window, the `app://` protocol and the IPC
 * binding. Thin on purpose — everything it calls is tested without Electron.
 */
import {
  app,
  BrowserWindow,
  dialog,
  ipcMain,
  protocol,
  session as electronSession,
  shell,
} from 'electron';
import { join } from 'node:path';
import { PROGRESS_CHANNEL } from '../../shared/operations';
import { setPromptOwner } from '../elevation';
import { runElevatedHelper } from '../elevation/helper-main';
import { RUN_AS_NODE_ENV } from '../elevation/launcher';
import { fileAuditSink } from '../ipc/audit';
import { createOperationDispatcher } from '../ipc/dispatcher';
import { bindOperationsToIpcMain } from '../ipc/electron-binding';
import { createHandlers } from '../session/handlers';
import { realServices } from '../session/real-services';
import type { UserRelauncher } from '../session/restart-as-user';
import { openAppSession, type AppSession } from '../session/app-session';
import { parseAppArgs } from './app-args';
import { APP_ID } from './app-identity';
import {
  APP_ENTRY_URL,
  APP_HOST,
  APP_ORIGIN,
  APP_SCHEME,
  denyPermissionCheck,
  denyPermissionRequest,
  hardenWebContents,
  isAllowedRequestUrl,
  secureWebPreferences,
} from './guards';
import { helperRequest, runHelperMode } from './helper-mode';
import { readRendererFile } from './renderer-files';
import { explorerPath, relaunchExecutable, shellRelauncher } from './shell-relaunch';

protocol.registerSchemesAsPrivileged([
  { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: false } },
]);

let mainWindow: BrowserWindow | undefined;
let appSession: AppSession | undefined;

function serveRenderer(rendererDir: string): void {
  protocol.handle(APP_SCHEME, async (request) => {
    const url = new URL(request.url);
    if (url.host !== APP_HOST || request.method !== 'GET') {
      return new Response('Not found', { status: 404 });
    }
    const file = await readRendererFile(rendererDir, url.pathname);
    return new Response(Buffer.from(file.body), { status: file.status, headers: file.headers });
  });
}

/** Leaves the message on screen a moment before this window goes away. */
const CLOSE_AFTER_RELAUNCH_MS = 2_000;

/**
 * "Restart normally" for the installed app on Windows. A development run (electron.exe with the
 * app folder as an argument) cannot be restarted through the shell, which passes no arguments,
 * so there the user is told how to start it instead.
 */
function appRelauncher(): UserRelauncher | undefined {
  if (process.platform !== 'win32' || !app.isPackaged) return undefined;
  const shell = shellRelauncher({
    executable: relaunchExecutable(process.env, process.execPath),
    shell: explorerPath(process.env),
  });
  return {
    async relaunch() {
      // The new instance must not find this one holding the lock and give way to it.
      app.releaseSingleInstanceLock();
      try {
        await shell.relaunch();
      } catch (error) {
        app.requestSingleInstanceLock();
        throw error;
      }
      setTimeout(() => app.quit(), CLOSE_AFTER_RELAUNCH_MS);
    },
  };
}

function lockDownSession(): void {
  const session = electronSession.defaultSession;
  session.setPermissionRequestHandler(denyPermissionRequest);
  session.setPermissionCheckHandler(denyPermissionCheck);
  session.webRequest.onBeforeRequest((details, callback) => {
    callback({ cancel: !isAllowedRequestUrl(details.url) });
  });
}

async function start(): Promise<void> {
  const args = parseAppArgs(process.argv.slice(1));
  const dataDir = args.dataDir ?? app.getPath('userData');
  const root = app.getAppPath();

  serveRenderer(join(root, 'dist', 'renderer'));
  lockDownSession();

  const window = new BrowserWindow({
    width: 1100,
    height: 760,
    minWidth: 900,
    minHeight: 640,
    show: false,
    title: 'SfB Sign-in Repair',
    backgroundColor: '#ffffff',
    webPreferences: secureWebPreferences(join(root, 'dist', 'preload.cjs'), {
      devTools: !app.isPackaged,
    }),
  });
  mainWindow = window;
  // The UAC prompt for the one elevated step belongs to this window (HWND, pointer-sized).
  setPromptOwner(() => {
    if (window.isDestroyed()) return 0;
    const handle = window.getNativeWindowHandle();
    return handle.length >= 8 ? handle.readBigUInt64LE(0) : handle.readUInt32LE(0);
  });
  window.removeMenu();
  window.once('ready-to-show', () => window.show());
  window.on('closed', () => {
    mainWindow = undefined;
  });

  appSession = await openAppSession({
    platform: process.platform,
    dataDir,
    ...(args.practice !== undefined ? { practice: args.practice } : {}),
    services: await realServices(),
    onProgress: (event) => {
      if (!window.isDestroyed()) window.webContents.send(PROGRESS_CHANNEL, event);
    },
  });
  const session = appSession;
  const relauncher = appRelauncher();
  const dispatch = createOperationDispatcher(
    createHandlers(session, {
      ...(relauncher ? { relauncher } : {}),
      openExternal: (url) => shell.openExternal(url),
    }),
    {
      trustedOrigin: APP_ORIGIN,
      isPractice: () => session.isPractice(),
      audit: fileAuditSink(join(dataDir, 'logs', 'audit.log')),
    },
  );
  bindOperationsToIpcMain(
    ipcMain,
    dispatch,
    (frame) => !window.isDestroyed() && frame === window.webContents.mainFrame,
  );
  await window.loadURL(APP_ENTRY_URL);
}

// This process runs as the app (Electron reads ELECTRON_RUN_AS_NODE once, at start). Anything it
// starts again as itself, the elevated helper or a restarted copy, must be the app too.
delete process.env[RUN_AS_NODE_ENV];

const helperRequestFile = helperRequest(process.argv);
if (helperRequestFile !== undefined) {
  // Started by the app itself through the UAC prompt (src/main/elevation): one admin operation,
  // no window, and no single-instance lock, which the app that asked for it holds.
  void runHelperMode(
    app,
    helperRequestFile,
    { platform: process.platform, stderr: (text) => void process.stderr.write(text) },
    runElevatedHelper,
  );
} else if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  // Before any window: a copy started again groups with the installer's pinned shortcut.
  if (process.platform === 'win32') app.setAppUserModelId(APP_ID);
  app.on('second-instance', () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents));
  app.on('window-all-closed', () => app.quit());
  app.on('will-quit', () => {
    void appSession?.close();
  });
  app
    .whenReady()
    .then(start)
    .catch((error: unknown) => {
      const message = error instanceof Error ? error.message : String(error);
      dialog.showErrorBox('SfB Sign-in Repair could not start', message);
      app.exit(1);
    });
}
