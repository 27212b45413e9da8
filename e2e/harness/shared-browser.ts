/**
 * One Chromium per test worker, shared by consecutive tests (each gets its own context, so
 * nothing carries over). It closes once no test has used it for a moment; Playwright also
 * ends it if the worker exits first.
 */
import { chromium, type Browser } from 'playwright-core';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './paths';

const IDLE_CLOSE_MS = 2_000;

let browser: Promise<Browser> | undefined;
let users = 0;
let idleTimer: NodeJS.Timeout | undefined;

export async function acquireBrowser(): Promise<{ browser: Browser; release(): Promise<void> }> {
  clearTimeout(idleTimer);
  users += 1;
  browser ??= chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  const launched = browser;
  let instance: Browser;
  try {
    instance = await launched;
  } catch (error) {
    users -= 1;
    if (browser === launched) browser = undefined;
    throw error;
  }
  instance.once('disconnected', () => {
    if (browser === launched) browser = undefined;
  });
  let released = false;
  return {
    browser: instance,
    async release() {
      if (released) return;
      released = true;
      users -= 1;
      if (users > 0) return;
      idleTimer = setTimeout(() => {
        if (users === 0 && browser === launched) {
          browser = undefined;
          void instance.close();
        }
      }, IDLE_CLOSE_MS);
      idleTimer.unref();
    },
  };
}
