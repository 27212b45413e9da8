import { describe, expect, it } from 'vitest';
import { planWindow, type WindowPlanInput } from './open-window';

const URL_ = 'http://127.0.0.1:4321/__sfb/open?token=abc';

function input(overrides: Partial<WindowPlanInput>, executables: string[] = []): WindowPlanInput {
  return {
    platform: 'linux',
    env: { PATH: '/usr/local/bin:/usr/bin', DISPLAY: ':0' },
    url: URL_,
    profileDir: '/tmp/profile',
    isRoot: false,
    isExecutable: (path) => executables.includes(path),
    ...overrides,
  };
}

describe('where the served wizard shows itself', () => {
  it('prints the address on Linux without X11 or Wayland, whatever browsers exist', () => {
    expect(planWindow(input({ env: { PATH: '/usr/bin' } }, ['/usr/bin/chromium']))).toEqual({
      kind: 'print',
    });
  });

  it('opens Chromium in app mode with its own profile, without the sandbox only as root', () => {
    const user = planWindow(input({}, ['/usr/bin/chromium', '/usr/bin/xdg-open']));
    expect(user).toMatchObject({ kind: 'app-window', command: '/usr/bin/chromium' });
    const args = user.kind === 'app-window' ? user.args : [];
    expect(args).toContain(`--app=${URL_}`);
    expect(args).toContain('--user-data-dir=/tmp/profile');
    expect(args).not.toContain('--no-sandbox');

    const root = planWindow(input({ isRoot: true }, ['/usr/bin/chromium']));
    expect(root.kind === 'app-window' && root.args).toContain('--no-sandbox');
  });

  it('works on Wayland alone and finds other Chromium-family browsers on PATH', () => {
    const plan = planWindow(
      input({ env: { PATH: '/opt/bin', WAYLAND_DISPLAY: 'wayland-0' } }, [
        '/opt/bin/google-chrome',
      ]),
    );
    expect(plan).toMatchObject({ kind: 'app-window', command: '/opt/bin/google-chrome' });
  });

  it('falls back to the default browser, then to printing', () => {
    expect(planWindow(input({}, ['/usr/bin/xdg-open']))).toEqual({
      kind: 'browser',
      command: '/usr/bin/xdg-open',
      args: [URL_],
    });
    expect(planWindow(input({}, []))).toEqual({ kind: 'print' });
  });

  it("uses the system's opener on macOS and Windows", () => {
    expect(planWindow(input({ platform: 'darwin', env: {} }))).toEqual({
      kind: 'browser',
      command: 'open',
      args: [URL_],
    });
    expect(planWindow(input({ platform: 'win32', env: {} }))).toMatchObject({
      kind: 'browser',
      command: 'cmd.exe',
      args: expect.arrayContaining(['start', URL_]),
    });
  });
});
