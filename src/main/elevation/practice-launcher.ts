/**
 * The practice PC's launcher. Only the UAC prompt is simulated (the answer comes from an option
 * or `SFB_PRACTICE_UAC`); the helper itself is really started as a separate process of this
 * same program with `--elevated-helper`, so the request, its validation and the channel are
 * exercised exactly as on Windows.
 */
import { spawn } from 'node:child_process';
import { AppError } from '../../shared/errors';
import { HELPER_FLAG } from './helper-flag';
import type { ElevatedLauncher, HelperCommand, LaunchOutcome } from './launcher';

export type SimulatedUacAnswer = 'accept' | 'cancel';

export const PRACTICE_UAC_ENV = 'SFB_PRACTICE_UAC';

export function uacAnswerFromEnv(env: NodeJS.ProcessEnv): SimulatedUacAnswer {
  const value = env[PRACTICE_UAC_ENV];
  if (value === undefined || value === '' || value === 'accept') return 'accept';
  if (value === 'cancel') return 'cancel';
  throw new AppError(
    'invalid-request',
    `${PRACTICE_UAC_ENV} must be "accept" or "cancel", not "${value}".`,
  );
}

export interface PracticeLauncherOptions {
  command: HelperCommand;
  /** What the simulated administrator prompt answers; asked again for every launch. */
  uac: SimulatedUacAnswer | (() => SimulatedUacAnswer);
  timeoutMs?: number;
}

export function practiceLauncher(options: PracticeLauncherOptions): ElevatedLauncher {
  const timeoutMs = options.timeoutMs ?? 60_000;
  return {
    launch(requestFile) {
      const answer = typeof options.uac === 'function' ? options.uac() : options.uac;
      if (answer === 'cancel') return Promise.resolve({ kind: 'cancelled' });
      return new Promise<LaunchOutcome>((resolve, reject) => {
        const child = spawn(
          options.command.executable,
          [...options.command.args, HELPER_FLAG, requestFile],
          {
            stdio: ['ignore', 'ignore', 'pipe'],
            windowsHide: true,
            env: { ...process.env, ...options.command.env },
          },
        );
        let stderr = '';
        child.stderr.setEncoding('utf8');
        child.stderr.on('data', (chunk: string) => {
          if (stderr.length < 4000) stderr += chunk;
        });
        const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
        child.on('error', (error) => {
          clearTimeout(timer);
          reject(
            new AppError('internal', `The elevated helper could not be started: ${error.message}`),
          );
        });
        child.on('close', (code, signal) => {
          clearTimeout(timer);
          if (code === null) {
            reject(
              new AppError(
                'internal',
                `The elevated helper was stopped (${signal ?? 'no exit code'}). ${stderr.trim()}`.trim(),
              ),
            );
            return;
          }
          resolve({ kind: 'exited', exitCode: code });
        });
      });
    },
  };
}
