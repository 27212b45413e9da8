/**
 * The app's own command-line options. Electron and Chromium add switches of their own, so
 * anything not recognised here is left alone rather than refused.
 */
export interface AppArgs {
  /** `--practice` alone asks for practice mode with the last (or default) scenario: ''. */
  practice?: string;
  dataDir?: string;
}

export function parseAppArgs(argv: readonly string[]): AppArgs {
  const args: AppArgs = {};
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i] ?? '';
    const next = argv[i + 1];
    const takesNext = next !== undefined && !next.startsWith('-');
    if (arg === '--practice') {
      args.practice = takesNext ? next : '';
      if (takesNext) i += 1;
    } else if (arg.startsWith('--practice=')) {
      args.practice = arg.slice('--practice='.length);
    } else if (arg === '--data-dir' && takesNext) {
      args.dataDir = next;
      i += 1;
    } else if (arg.startsWith('--data-dir=')) {
      args.dataDir = arg.slice('--data-dir='.length);
    }
  }
  return args;
}
