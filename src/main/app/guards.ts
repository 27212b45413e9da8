/**
 * The window's security settings and the guards every web contents gets. Kept free of any
 * Electron import so tests can check them without an Electron binary.
 */

/** The origin the renderer is served from (the privileged `app://` protocol). */
export const APP_SCHEME = 'app';
export const APP_HOST = 'renderer';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

/** `devTools` only for a development run (`!app.isPackaged`): a shipped app has none. */
export function secureWebPreferences(preloadPath: string, options: { devTools: boolean }) {
  return {
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    webviewTag: false,
    navigateOnDragDrop: false,
    spellcheck: false,
    devTools: options.devTools,
  } as const;
}

interface PreventableEvent {
  preventDefault(): void;
}

/** The part of Electron's WebContents the guards use. */
export interface GuardableContents {
  on(
    event: 'will-navigate' | 'will-redirect' | 'will-attach-webview',
    listener: (event: PreventableEvent) => void,
  ): unknown;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void;
}

/**
 * The app is one page: it never navigates, redirects, opens windows or hosts webviews. Links
 * to Microsoft's article are shown as text to copy, so nothing here needs an exception.
 */
export function hardenWebContents(contents: GuardableContents): void {
  const refuse = (event: PreventableEvent) => event.preventDefault();
  contents.on('will-navigate', refuse);
  contents.on('will-redirect', refuse);
  contents.on('will-attach-webview', refuse);
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
}

/** No camera, microphone, notifications, clipboard-read, geolocation ... ever. */
export function denyPermissionRequest(
  _contents: unknown,
  _permission: string,
  callback: (granted: boolean) => void,
): void {
  callback(false);
}

export function denyPermissionCheck(): boolean {
  return false;
}

/** Only the app's own files and inline data images load; everything else is cancelled. */
export function isAllowedRequestUrl(url: string): boolean {
  return (
    url.startsWith(`${APP_ORIGIN}/`) || url.startsWith('data:') || url.startsWith('devtools://')
  );
}
