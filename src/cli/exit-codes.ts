import type { ErrorCode } from '../shared/errors';

/**
 * The command line's exit codes. Deployment tools (Intune, SCCM, scripts) branch on these, so
 * they never change meaning; new situations get new numbers.
 */
export const EXIT = {
  ok: 0,
  problemFound: 1,
  usage: 2,
  clientRunning: 3,
  needsAdmin: 4,
  repairFailed: 5,
  notFound: 6,
  notConfirmed: 7,
  dataError: 8,
  unavailable: 9,
  busy: 10,
  internal: 70,
} as const;
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/** What each exit code means: `--help` prints it and docs/cli.md's table is generated from it. */
export const EXIT_CODE_TABLE: ReadonlyArray<{ code: ExitCode; meaning: string }> = [
  { code: EXIT.ok, meaning: 'done; for detect: no problem found' },
  { code: EXIT.problemFound, meaning: 'detect found a problem (remediation should run)' },
  {
    code: EXIT.usage,
    meaning:
      'bad arguments or bad input: unknown step, malformed address or run id, unknown scenario, a report file that cannot be written there',
  },
  {
    code: EXIT.clientRunning,
    meaning: 'Lync / Skype for Business is running (use --close-client), or it holds a file open',
  },
  {
    code: EXIT.needsAdmin,
    meaning:
      'needs administrator rights, or runs as another account than the signed-in user (restart it normally)',
  },
  {
    code: EXIT.repairFailed,
    meaning:
      'a repair, undo or recovery failed or was only partly done (what was done is rolled back or listed; also when the disk filled up half-way: the message names what is still changed)',
  },
  {
    code: EXIT.notFound,
    meaning: 'not found: unknown run id, nothing to undo, an address not used on this PC',
  },
  {
    code: EXIT.notConfirmed,
    meaning: 'not confirmed: the question was declined, or --yes is missing when nobody can answer',
  },
  {
    code: EXIT.dataError,
    meaning:
      'the data folder or practice PC cannot be read or is corrupt (the message names the file); a run that fails its integrity check or names changes no repair makes is refused with this code, nothing changed',
  },
  {
    code: EXIT.unavailable,
    meaning: 'not available here: a feature not in this build, a practice-only action on a real PC',
  },
  {
    code: EXIT.busy,
    meaning:
      'another copy of this tool is changing the PC right now (nothing was changed; retry later)',
  },
  {
    code: EXIT.internal,
    meaning: 'internal error: a bug; please report it with the --verbose output',
  },
];

export function exitCodeHelp(): string {
  const lines = EXIT_CODE_TABLE.map(
    ({ code, meaning }) => `  ${String(code).padStart(2)}  ${meaning}`,
  );
  return `Exit codes:\n${lines.join('\n')}\n`;
}

/**
 * How an error that crossed the engine or host boundary ends the process. `file-locked` means a
 * file held open (by Lync, mostly: exit 3) unless `dataFolderLocked` says it is the engine's own
 * data-folder lock, held by another copy of this tool: closing Lync would not help, so exit 10.
 */
export function exitCodeForError(code: ErrorCode, dataFolderLocked = false): ExitCode {
  switch (code) {
    case 'invalid-request':
      return EXIT.usage;
    case 'file-locked':
      return dataFolderLocked ? EXIT.busy : EXIT.clientRunning;
    case 'client-running':
      return EXIT.clientRunning;
    case 'needs-admin':
    case 'wrong-profile':
      return EXIT.needsAdmin;
    case 'stale-plan':
    case 'verification-failed':
    case 'backup-failed':
    case 'disk-full':
      return EXIT.repairFailed;
    case 'unknown-run':
    case 'unknown-plan':
    case 'not-found':
      return EXIT.notFound;
    case 'cancelled':
      return EXIT.notConfirmed;
    case 'corrupt-data':
    case 'access-denied':
    case 'io':
      return EXIT.dataError;
    case 'unsupported':
    case 'practice-only':
      return EXIT.unavailable;
    case 'forbidden-sender':
    case 'unknown-operation':
    case 'internal':
      return EXIT.internal;
  }
}
