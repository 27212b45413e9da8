/**
 * Where the served wizard shows itself: a Chromium-family browser in app mode (a window without
 * browser chrome, like the desktop app's), else the default browser, else — with no display —
 * nowhere, and the address is printed for the user to open.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { delimiter, join } from 'node:path';

export type WindowPlan =
  | { kind: 'app-window'; command: string; args: string[] }
  | { kind: 'browser'; command: string; args: string[] }
  | { kind: 'print' };

export interface WindowPlanInput {
  platform: NodeJS.Platform;
  env: NodeJS.ProcessEnv;
  url: string;
  /** A fresh profile folder for the app window, so it is a browser process of its own. */
  profileDir: string;
  isRoot: boolean;
  /** Whether an executable file exists at this path. */
  isExecutable(path: string): boolean;
}

const APP_MODE_BROWSERS = [
  'chromium',
  'chromium-browser',
  'google-chrome',
  'google-chrome-stable',
  'microsoft-edge',
];

function hasDisplay(platform: NodeJS.Platform, env: NodeJS.ProcessEnv): boolean {
  if (platform === 'win32' || platform === 'darwin') return true;
  return Boolean(env.DISPLAY || env.WAYLAND_DISPLAY);
}

function findOnPath(input: WindowPlanInput, names: readonly string[]): string | undefined {
  const dirs = (input.env.PATH ?? '').split(delimiter).filter(Boolean);
  for (const name of names) {
    for (const dir of dirs) {
      const candidate = join(dir, name);
      if (input.isExecutable(candidate)) return candidate;
    }
  }
  return undefined;
}

export function planWindow(input: WindowPlanInput): WindowPlan {
  if (!hasDisplay(input.platform, input.env)) return { kind: 'print' };
  if (input.platform === 'linux') {
    const chromium = findOnPath(input, APP_MODE_BROWSERS);
    if (chromium) {
      return {
        kind: 'app-window',
        command: chromium,
        args: [
          `--app=${input.url}`,
          `--user-data-dir=${input.profileDir}`,
          '--no-first-run',
          '--no-default-browser-check',
          '--password-store=basic',
          // Chromium refuses to start as root with its sandbox on.
          ...(input.isRoot ? ['--no-sandbox'] : []),
        ],
      };
    }
    const opener = findOnPath(input, ['xdg-open']);
    return opener ? { kind: 'browser', command: opener, args: [input.url] } : { kind: 'print' };
  }
  if (input.platform === 'darwin') return { kind: 'browser', command: 'open', args: [input.url] };
  if (input.platform === 'win32') {
    // `start`'s first quoted argument is the window title; the address has no `&` to escape.
    return { kind: 'browser', command: 'cmd.exe', args: ['/d', '/c', 'start', '""', input.url] };
  }
  return { kind: 'print' };
}

export interface WindowEvents {
  opened(how: 'app-window' | 'browser'): void;
  /** No window could be shown: the user opens the address. */
  printAddress(): void;
  /** The app window's browser process ended (the user closed the window). */
  windowClosed(): void;
}

/** Shows the wizard as planned; returns the app window's process, which ends with the window. */
export function openWizardWindow(
  input: WindowPlanInput,
  events: WindowEvents,
): ChildProcess | undefined {
  const plan = planWindow(input);
  if (plan.kind === 'print') {
    events.printAddress();
    return undefined;
  }
  const child = spawn(plan.command, plan.args, {
    stdio: 'ignore',
    // The default browser's opener hands over and exits; the browser must outlive it.
    detached: plan.kind === 'browser',
  });
  let failed = false;
  child.once('error', () => {
    failed = true;
    events.printAddress();
  });
  child.once('spawn', () => events.opened(plan.kind));
  if (plan.kind === 'browser') {
    child.unref();
    return undefined;
  }
  child.once('exit', () => {
    if (!failed) events.windowClosed();
  });
  return child;
}
