import { usageError } from './cli-error';

export interface GlobalOptions {
  dataDir?: string;
  /** `true` for a bare `--practice` (the last selected scenario), else the scenario named. */
  practice?: string | true;
  json: boolean;
  color: boolean;
  verbose: boolean;
  /** Take over a data-folder lock written on another computer (the user says it is stale). */
  breakLock: boolean;
}

/** Commander hands options over untyped; this is where they become typed. */
export function readGlobalOptions(raw: Record<string, unknown>): GlobalOptions {
  const options: GlobalOptions = {
    json: raw.json === true,
    color: raw.color !== false,
    verbose: raw.verbose === true,
    breakLock: raw.breakLock === true,
  };
  if (typeof raw.dataDir === 'string') {
    if (raw.dataDir.trim() === '') throw usageError('--data-dir needs a folder.');
    options.dataDir = raw.dataDir;
  }
  if (raw.practice === true || raw.practice === '') options.practice = true;
  else if (typeof raw.practice === 'string') {
    if (!/^[a-z0-9-]{1,40}$/.test(raw.practice)) {
      throw usageError(`"${raw.practice}" is not a practice scenario name (see: practice list).`);
    }
    options.practice = raw.practice;
  }
  return options;
}

/** Colour only for a person at a terminal who did not opt out (https://no-color.org). */
export function wantsColor(
  options: GlobalOptions,
  env: NodeJS.ProcessEnv,
  isTTY: boolean,
): boolean {
  return options.color && isTTY && !options.json && (env.NO_COLOR ?? '') === '';
}
