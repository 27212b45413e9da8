/**
 * The `sfb-signin-repair` command (bundled to dist/cli.cjs): builds the context from this
 * process and runs one command line.
 */
import { homedir } from 'node:os';
import { HELPER_FLAG } from '../main/elevation/helper-flag';
import type { CliContext } from './context';
import { EXIT } from './exit-codes';
import { asksOnlyForHelp, HELP_ONLY_SERVICES } from './help-only';
import { runCli } from './program';
import { isTerminal, outputWriter, processStream } from './std-streams';

/**
 * One question on stderr (stdout carries only results); `undefined` if input ends first.
 * node:readline is loaded here, by the commands that ask, not by every command at start.
 */
async function prompt(question: string): Promise<string | undefined> {
  const { createInterface } = await import('node:readline');
  return new Promise((resolve) => {
    const rl = createInterface({ input: process.stdin, output: process.stderr, terminal: true });
    let answered = false;
    rl.on('close', () => {
      if (!answered) resolve(undefined);
    });
    rl.question(question, (answer) => {
      answered = true;
      rl.close();
      resolve(answer);
    });
  });
}

const stdout = outputWriter(1, () => processStream(1));
const stderr = outputWriter(2, () => processStream(2));

async function main(): Promise<number> {
  // The one-shot elevated helper (src/main/elevation): started by this program through the UAC
  // prompt, never by the user; it does one operation of its closed table and exits.
  if (process.argv[2] === HELPER_FLAG) {
    const requestFile = process.argv[3];
    if (process.argv.length !== 4 || requestFile === undefined) {
      stderr('Elevated helper: exactly one request file is expected.\n');
      return 2;
    }
    const { runElevatedHelper } = await import('../main/elevation/helper-main');
    return runElevatedHelper(requestFile, {
      platform: process.platform,
      stderr,
    });
  }
  const ctx: CliContext = {
    stdout,
    stderr,
    env: process.env,
    platform: process.platform,
    home: homedir(),
    cwd: process.cwd(),
    stdoutIsTTY: isTerminal(1),
    // Asked only by the commands that may ask a question: answering it can load node:tty.
    get interactive() {
      return isTerminal(2) && isTerminal(0);
    },
    prompt,
    // The engine, the hosts and their schemas load only for a command that uses them.
    services: asksOnlyForHelp(process.argv.slice(2))
      ? HELP_ONLY_SERVICES
      : await (await import('../main/session/real-services')).realServices(),
    now: () => new Date(),
  };
  return runCli(process.argv.slice(2), ctx);
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    stderr(`Internal error: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = EXIT.internal;
  },
);
