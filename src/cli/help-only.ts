/**
 * Help and the version need no engine, host or schema: the command line answers them without
 * loading those (most of its start-up time otherwise).
 */
import { version as APP_VERSION } from '../../package.json';
import type { ProductServices } from '../main/session/services';

/** `--help` / `-h` anywhere, `help [command]`, or `--version` alone. */
export function asksOnlyForHelp(args: readonly string[]): boolean {
  if (args.length === 1 && args[0] === '--version') return true;
  if (args[0] === 'help') return true;
  const beforeOperands = args.includes('--') ? args.slice(0, args.indexOf('--')) : args;
  return beforeOperands.some((arg) => arg === '--help' || arg === '-h');
}

function notLoaded(): never {
  throw new Error('Help was asked for, yet a command tried to run.');
}

export const HELP_ONLY_SERVICES: ProductServices = {
  appVersion: APP_VERSION,
  defaultDataDir: notLoaded,
  openHost: notLoaded,
  createEngine: notLoaded,
  practiceScenarios: [],
  defaultPractice: '',
  currentPractice: notLoaded,
  resetPractice: notLoaded,
  buildReport: notLoaded,
  runAdminChecks: notLoaded,
};
