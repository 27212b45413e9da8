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
import { HELPER_FLAG, runElevatedHelper } from '../elevation/helper-main';
import { fileAuditSink } from '../ipc/audit';
import { createOperationDispatcher } from '../ipc/dispatcher';
import { bindOperationsToIpcMain } from '../ipc/electron-binding';
import { createHandlers } from '../ipc/handlers';
import { realSessionDeps } from '../ipc/real-session-deps';
import type { UserRelauncher } from '../ipc/restart-as-user';
import { openAppSession, type AppSession } from '../ipc/session';
import { parseAppArgs } from './app-args';
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
import { readRendererFile } from './renderer-files';
import { explorerPath, shellRelauncher } from './shell-relaunch';

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
  const shell = shellRelauncher({ executable: process.execPath, shell: explorerPath(process.env) });
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
    webPreferences: secureWebPreferences(join(root, 'dist', 'preload.cjs')),
  });
  mainWindow = window;
  window.removeMenu();
  window.once('ready-to-show', () => window.show());
  window.on('closed', () => {
    mainWindow = undefined;
  });

  appSession = await openAppSession({
    platform: process.platform,
    dataDir,
    ...(args.practice !== undefined ? { practice: args.practice } : {}),
    appVersion: app.getVersion(),
    deps: realSessionDeps,
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

const helperAt = process.argv.indexOf(HELPER_FLAG);
if (helperAt !== -1) {
  // Started by the app itself through the UAC prompt (src/main/elevation): one admin operation,
  // no window, and no single-instance lock, which the app that asked for it holds.
  void runElevatedHelper(
    process.argv.length === helperAt + 2 ? (process.argv[helperAt + 1] ?? '') : '',
    {
      platform: process.platform,
      stderr: (text) => void process.stderr.write(text),
    },
  ).then((code) => app.exit(code));
} else if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
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
