/**
 * The app's helper mode without Electron: the `app` it gets records what it was told, and the
 * user-data folder is a real one in the temporary folder.
 */
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { describe, expect, it } from 'vitest';
import { HELPER_EXIT } from '../elevation/helper-main';
import { helperRequest, runHelperMode, type HelperModeApp } from './helper-mode';

function recordingApp() {
  const calls: { userData: string[]; exits: number[]; userDataAtRun: boolean[] } = {
    userData: [],
    exits: [],
    userDataAtRun: [],
  };
  const app: HelperModeApp = {
    setPath: (_name, path) => void calls.userData.push(path),
    exit: (code) => void calls.exits.push(code),
  };
  return { app, calls };
}

describe('the app as the elevated helper', () => {
  it('finds the request only as the one argument after the flag', () => {
    expect(helperRequest(['app.exe'])).toBeUndefined();
    expect(helperRequest(['app.exe', '--elevated-helper', 'C:\\r.json'])).toBe('C:\\r.json');
    expect(helperRequest(['electron.exe', '.', '--elevated-helper', 'C:\\r.json'])).toBe(
      'C:\\r.json',
    );
    expect(helperRequest(['app.exe', '--elevated-helper'])).toBe('');
    expect(helperRequest(['app.exe', '--elevated-helper', 'a', 'b'])).toBe('');
  });

  it('runs with a user-data folder of its own, removed at the end, and exits with its code', async () => {
    const { app, calls } = recordingApp();
    await runHelperMode(
      app,
      'C:\\r.json',
      { platform: 'win32', stderr: () => undefined },
      (file) => {
        calls.userDataAtRun.push(existsSync(calls.userData[0] ?? ''));
        expect(file).toBe('C:\\r.json');
        return Promise.resolve(HELPER_EXIT.refused);
      },
    );
    expect(calls.userData).toHaveLength(1);
    expect(calls.userData[0]?.startsWith(tmpdir())).toBe(true);
    expect(calls.userDataAtRun).toEqual([true]);
    expect(existsSync(calls.userData[0] ?? '')).toBe(false);
    expect(calls.exits).toEqual([HELPER_EXIT.refused]);
  });

  it('a rejected promise exits with the failure code and says why', async () => {
    const { app, calls } = recordingApp();
    const stderr: string[] = [];
    await runHelperMode(
      app,
      'C:\\r.json',
      { platform: 'win32', stderr: (text) => void stderr.push(text) },
      () => Promise.reject(new Error('the registry went away')),
    );
    expect(calls.exits).toEqual([HELPER_EXIT.failed]);
    expect(stderr.join('')).toContain('the registry went away');
    expect(existsSync(calls.userData[0] ?? '')).toBe(false);
  });
});
