import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { APP_CSP } from './csp';
import {
  APP_ORIGIN,
  denyPermissionCheck,
  denyPermissionRequest,
  hardenWebContents,
  isAllowedRequestUrl,
  secureWebPreferences,
  type GuardableContents,
} from './guards';

/**
 * Electron's WebContents cannot run here (no Electron binary); this stand-in has the two members
 * the guards use, with Electron's semantics: listeners get an event whose preventDefault cancels.
 */
class FakeContents extends EventEmitter implements GuardableContents {
  windowOpenHandler: ((details: { url: string }) => { action: 'deny' }) | undefined;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }) {
    this.windowOpenHandler = handler;
  }
  attempt(event: 'will-navigate' | 'will-redirect' | 'will-attach-webview', url: string) {
    let prevented = false;
    this.emit(event, { preventDefault: () => (prevented = true), url });
    return prevented;
  }
}

describe('window guards', () => {
  it('prevents every navigation and redirect, including to the app itself', () => {
    const contents = new FakeContents();
    hardenWebContents(contents);
    for (const url of ['https://evil.example/', 'file:///etc/passwd', `${APP_ORIGIN}/index.html`]) {
      expect(contents.attempt('will-navigate', url)).toBe(true);
      expect(contents.attempt('will-redirect', url)).toBe(true);
    }
    expect(contents.attempt('will-attach-webview', 'https://evil.example/')).toBe(true);
  });

  it('denies every new window', () => {
    const contents = new FakeContents();
    hardenWebContents(contents);
    expect(contents.windowOpenHandler?.({ url: 'https://support.microsoft.com/' })).toEqual({
      action: 'deny',
    });
  });

  it('denies permission requests and checks', () => {
    const answers: boolean[] = [];
    for (const permission of ['media', 'notifications', 'clipboard-read', 'geolocation']) {
      denyPermissionRequest(undefined, permission, (granted) => answers.push(granted));
    }
    expect(answers).toEqual([false, false, false, false]);
    expect(denyPermissionCheck()).toBe(false);
  });

  it('loads nothing but the app and inline data', () => {
    expect(isAllowedRequestUrl(`${APP_ORIGIN}/assets/index.js`)).toBe(true);
    expect(isAllowedRequestUrl('data:image/png;base64,AAAA')).toBe(true);
    expect(isAllowedRequestUrl('https://fonts.example/font.woff2')).toBe(false);
    expect(isAllowedRequestUrl('app://renderer.evil/x.js')).toBe(false);
    expect(isAllowedRequestUrl('file:///C:/Windows/win.ini')).toBe(false);
  });

  it('runs the renderer isolated and sandboxed without Node', () => {
    const prefs = secureWebPreferences('/app/dist/preload.cjs', { devTools: false });
    expect(prefs).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      preload: '/app/dist/preload.cjs',
      devTools: false,
    });
  });

  it('offers developer tools only to a development run', () => {
    expect(secureWebPreferences('/p.cjs', { devTools: true }).devTools).toBe(true);
    expect(secureWebPreferences('/p.cjs', { devTools: false }).devTools).toBe(false);
  });

  it('serves a CSP without inline script or remote sources', () => {
    const directives = new Map(
      APP_CSP.split(';').map((part) => {
        const [name = '', ...values] = part.trim().split(/\s+/);
        return [name, values] as const;
      }),
    );
    expect(directives.get('default-src')).toEqual(["'none'"]);
    expect(directives.get('script-src')).toEqual(["'self'"]);
    expect(directives.get('connect-src')).toEqual(["'none'"]);
    expect(directives.get('frame-ancestors')).toEqual(["'none'"]);
    expect(APP_CSP).not.toMatch(/unsafe-inline|unsafe-eval|https?:|\*/);
  });
});
