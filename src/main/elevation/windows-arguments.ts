/**
 * One command-line string from separate arguments, quoted the way the C runtime's
 * CommandLineToArgvW splits it again (ShellExecuteExW takes a single string).
 */
export function quoteWindowsArgument(arg: string): string {
  if (arg !== '' && !/[\s"]/.test(arg)) return arg;
  let out = '"';
  let backslashes = 0;
  for (const char of arg) {
    if (char === '\\') {
      backslashes += 1;
      continue;
    }
    // Backslashes are literal unless they precede a quote: then each one is doubled.
    out += char === '"' ? '\\'.repeat(backslashes * 2 + 1) + '"' : '\\'.repeat(backslashes) + char;
    backslashes = 0;
  }
  return `${out}${'\\'.repeat(backslashes * 2)}"`;
}

export function windowsCommandLine(args: string[]): string {
  return args.map(quoteWindowsArgument).join(' ');
}
