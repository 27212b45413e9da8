// Each command's module (and what it needs: the engine's formats, the error table) is imported
// when that command runs, so a command line loads only its own command.
import { Command, CommanderError } from 'commander';
import { REPAIR_STEP_IDS } from '../shared/repairs';
import { ADMIN_CHECKS_HELP } from '../shared/wording/admin';
import type { CommandEnv } from './command-env';
import type { CliContext } from './context';
import { EXIT, exitCodeHelp } from './exit-codes';
import type { ExitCode } from './exit-codes';
import { Output } from './output';

const collect = (value: string, previous: string[]): string[] => [...previous, value];

/** The options every command that may close the client shares, in one place. */
function withClientHandling(command: Command): Command {
  return command
    .option('--close-client', 'ask a running Lync / Skype for Business to close first')
    .option('--force-close', 'like --close-client, and end the client if it does not close')
    .option('--close-timeout <seconds>', 'how long the client gets to close (default 15)')
    .option('--no-restart-client', 'leave the client closed afterwards (default: start it again)');
}

function clientHandling(opts: Record<string, unknown>) {
  return {
    closeClient: opts.closeClient === true,
    forceClose: opts.forceClose === true,
    restartClient: opts.restartClient !== false,
    ...(typeof opts.closeTimeout === 'string' ? { closeTimeout: opts.closeTimeout } : {}),
  };
}

type Run = (command: Command, make: (env: CommandEnv) => Promise<ExitCode>) => Promise<void>;

function defineCommands(program: Command, run: Run): void {
  program
    .command('diagnose')
    .description('Check this PC for everything the KB article checks.')
    .option('--admin', ADMIN_CHECKS_HELP)
    .option('--domain <domain>', 'SIP domain for --admin (default: from the current address)')
    .option(
      '--target <host:port>',
      'extra server for --admin (AD FS, edge); repeatable',
      collect,
      [],
    )
    .option(
      '--dns-server <ip[:port]>',
      "DNS server for --admin to ask instead of the PC's own; repeatable",
      collect,
      [],
    )
    .action(
      async (
        opts: { admin?: boolean; domain?: string; target: string[]; dnsServer: string[] },
        command: Command,
      ) =>
        run(command, async (env) =>
          (await import('./commands/diagnose')).diagnoseCommand(env, {
            admin: opts.admin === true,
            ...(opts.domain !== undefined ? { domain: opts.domain } : {}),
            targets: opts.target,
            dnsServers: opts.dnsServer,
          }),
        ),
    );

  withClientHandling(program.command('repair'))
    .description('Show the plan, then back up, apply and verify the chosen repairs.')
    .option('--steps <ids>', `comma-separated steps: ${REPAIR_STEP_IDS.join(', ')}`)
    .option(
      '--all',
      "every step that fixes a problem found, on the client's KB path, plus DNS flush",
    )
    .option('--address <sip>', 'the sign-in address to act for (default: the current one)')
    .option('--dry-run', 'print the plan and change nothing')
    .option('-y, --yes', 'apply without asking (needed when not run from a terminal)')
    .option('--elevate', 'ask Windows for administrator approval for the steps that need it')
    .action(async (opts: Record<string, unknown>, command: Command) =>
      run(command, async (env) =>
        (await import('./commands/repair')).repairCommand(env, {
          ...(typeof opts.steps === 'string' ? { steps: opts.steps } : {}),
          ...(typeof opts.address === 'string' ? { address: opts.address } : {}),
          all: opts.all === true,
          dryRun: opts.dryRun === true,
          yes: opts.yes === true,
          elevate: opts.elevate === true,
          ...clientHandling(opts),
        }),
      ),
    );

  withClientHandling(program.command('undo'))
    .description('Restore exactly what a repair (or one step of it) changed.')
    .argument('[run-id]', 'the repair to undo (see: runs)')
    .option('--last', 'the most recent repair')
    .option('--step <id>', 'only this step of the repair')
    .action(async (runId: string | undefined, opts: Record<string, unknown>, command: Command) =>
      run(command, async (env) =>
        (await import('./commands/undo')).undoCommand(env, {
          ...(runId !== undefined ? { runId } : {}),
          ...(typeof opts.step === 'string' ? { step: opts.step } : {}),
          last: opts.last === true,
          ...clientHandling(opts),
        }),
      ),
    );

  withClientHandling(program.command('recover'))
    .description('Put back what an interrupted repair changed, from its backups (see: runs).')
    .argument('<run-id>', 'the interrupted repair')
    .action(async (runId: string, opts: Record<string, unknown>, command: Command) =>
      run(command, async (env) =>
        (await import('./commands/recover')).recoverCommand(env, {
          runId,
          ...clientHandling(opts),
        }),
      ),
    );

  program
    .command('runs')
    .description('List earlier repairs (newest first), or show what each change of one did.')
    .argument('[run-id]', 'show this repair change by change')
    .action(async (runId: string | undefined, _opts: unknown, command: Command) =>
      run(command, async (env) => (await import('./commands/runs')).runsCommand(env, runId)),
    );

  program
    .command('backups')
    .description(
      "Each repair's backups: size and whether it can still be undone; --purge deletes some.",
    )
    .option('--purge', 'delete the backups chosen with --older-than or --run')
    .option('--older-than <days>', 'repairs that finished more than this many days ago')
    .option('--run <run-id>', 'this repair (repeatable; see: backups)', collect, [])
    .action(
      async (opts: { purge?: boolean; olderThan?: string; run: string[] }, command: Command) =>
        run(command, async (env) =>
          (await import('./commands/backups')).backupsCommand(env, {
            purge: opts.purge === true,
            ...(opts.olderThan !== undefined ? { olderThan: opts.olderThan } : {}),
            runs: opts.run,
          }),
        ),
    );

  program
    .command('report')
    .description('A report of the diagnosis and the repairs, without secrets.')
    .option('--format <format>', 'html (default) or json')
    .option('--out <file>', 'write to this file instead of stdout')
    .action(async (opts: { format?: string; out?: string }, command: Command) =>
      run(command, async (env) =>
        (await import('./commands/report')).reportCommand(env, {
          ...(opts.format !== undefined ? { format: opts.format } : {}),
          ...(opts.out !== undefined ? { out: opts.out } : {}),
        }),
      ),
    );

  program
    .command('detect')
    .description('For Intune proactive remediation: exit 1 when a problem is found, else 0.')
    .action(async (_opts: unknown, command: Command) =>
      run(command, async (env) => (await import('./commands/detect')).detectCommand(env)),
    );

  withClientHandling(program.command('remediate'))
    .description('For Intune proactive remediation: apply every fix without questions.')
    .option('--address <sip>', 'the sign-in address to act for (default: the current one)')
    .action(async (opts: Record<string, unknown>, command: Command) =>
      run(command, async (env) =>
        (await import('./commands/remediate')).remediateCommand(env, {
          ...(typeof opts.address === 'string' ? { address: opts.address } : {}),
          ...clientHandling(opts),
        }),
      ),
    );

  const practice = program
    .command('practice')
    .description('The practice PC: a simulated Windows profile to try everything on.');
  practice
    .command('list')
    .description('The practice scenarios.')
    .action(async (_opts: unknown, command: Command) =>
      run(command, async (env) => (await import('./commands/practice')).practiceListCommand(env)),
    );
  practice
    .command('reset')
    .description('Start the practice PC of a scenario afresh.')
    .argument('<name>', 'scenario name (see: practice list)')
    .action(async (name: string, _opts: unknown, command: Command) =>
      run(command, async (env) =>
        (await import('./commands/practice')).practiceResetCommand(env, name),
      ),
    );
}

/**
 * `--practice diagnose` means the practice PC selected last, then `diagnose`: Commander would
 * take the command for the scenario name, since `--practice` takes an optional value.
 */
function barePracticeFlag(args: string[], program: Command): string[] {
  const commands = new Set(program.commands.map((c) => c.name()));
  return args.map((arg, i) =>
    arg === '--practice' && commands.has(args[i + 1] ?? '') ? '--practice=' : arg,
  );
}

/**
 * Runs one command line (`args` without node and the script) and resolves to the exit code.
 * Never throws and never calls process.exit, so tests run it in-process.
 */
export async function runCli(args: string[], ctx: CliContext): Promise<number> {
  let exitCode: number = EXIT.ok;
  let out: Output | undefined;
  const program = new Command('sfb-signin-repair')
    .description(
      'Repairs Lync 2010, Lync 2013 and Skype for Business sign-in certificate problems: every change is planned, backed up, verified and can be undone.',
    )
    .version(ctx.services.appVersion, '--version')
    .option('--data-dir <dir>', 'where the journal, backups and practice PCs are kept')
    .option('--practice [name]', 'use the practice PC (automatic when not on Windows)')
    .option('--json', 'machine-readable output on stdout')
    .option('--no-color', 'no colours')
    .option('--verbose', 'more detail: evidence, targets, progress')
    .option(
      '--break-lock',
      'take over the data folder from a copy of this tool on another computer that no longer runs',
    )
    .exitOverride()
    .configureOutput({ writeOut: (s) => ctx.stdout(s), writeErr: (s) => ctx.stderr(s) })
    .showSuggestionAfterError(true)
    .addHelpText('after', `\n${exitCodeHelp()}`);

  const run: Run = async (command, make) => {
    const raw = command.optsWithGlobals();
    const { readGlobalOptions, wantsColor } = await import('./global-options');
    const options = readGlobalOptions(raw);
    const quiet = command.name() === 'detect' || command.name() === 'remediate';
    out = new Output(ctx, {
      json: options.json,
      color: wantsColor(options, ctx.env, ctx.stdoutIsTTY),
      verbose: options.verbose,
      progress: !quiet || options.verbose,
    });
    exitCode = await make({ ctx, options, out });
  };
  defineCommands(program, run);

  try {
    await program.parseAsync(barePracticeFlag(args, program), { from: 'user' });
    return exitCode;
  } catch (thrown) {
    if (thrown instanceof CommanderError) {
      // Commander has printed its own message (or the help / version) already.
      return thrown.exitCode === 0 ? EXIT.ok : EXIT.usage;
    }
    const { toCliError } = await import('./cli-error');
    const error = toCliError(thrown);
    const json = out?.json ?? args.includes('--json');
    const verbose = out?.verbose ?? args.includes('--verbose');
    ctx.stderr(`Error: ${error.message}\n`);
    if (verbose && error.exitCode === EXIT.internal && thrown instanceof Error && thrown.stack) {
      const { mappedStack } = await import('./mapped-stack');
      ctx.stderr(`${mappedStack(thrown.stack)}\n`);
    }
    if (json) {
      ctx.stdout(
        `${JSON.stringify({ error: error.toData(), exitCode: error.exitCode }, null, 2)}\n`,
      );
    }
    return error.exitCode;
  }
}
