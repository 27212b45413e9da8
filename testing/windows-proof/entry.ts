/**
 * Shared frame of every entry point the Wine harness runs with the Windows node.exe: the first
 * argument names the file to write the JSON answer to (stdout is a file too, but a result file
 * keeps logs and answers apart), failures are written as data so the Linux side can show them.
 */
import { writeFileSync } from 'node:fs';

export function runEntry(main: (args: string[]) => Promise<unknown>): void {
  const [resultFile, ...args] = process.argv.slice(2);
  if (!resultFile) {
    process.stderr.write('usage: node <entry>.cjs <result.json> [args...]\n');
    process.exit(2);
  }
  main(args).then(
    (value) => {
      writeFileSync(resultFile, JSON.stringify({ ok: true, value }, null, 2));
      process.exit(0);
    },
    (error: unknown) => {
      const failure =
        error instanceof Error
          ? { message: error.message, stack: error.stack, name: error.name }
          : { message: String(error) };
      writeFileSync(resultFile, JSON.stringify({ ok: false, error: failure }, null, 2));
      process.exit(1);
    },
  );
}

export interface CaseResult {
  name: string;
  passed: boolean;
  ms: number;
  error?: string;
}

export async function runCases(
  cases: Array<{ name: string; run(): Promise<void> }>,
): Promise<CaseResult[]> {
  const results: CaseResult[] = [];
  for (const testCase of cases) {
    if (process.env.SFB_WINE_TRACE) process.stderr.write(`case: ${testCase.name}\n`);
    const started = performance.now();
    try {
      await testCase.run();
      results.push({ name: testCase.name, passed: true, ms: performance.now() - started });
    } catch (error) {
      const message =
        error instanceof Error ? `${error.message}\n${error.stack ?? ''}` : String(error);
      results.push({
        name: testCase.name,
        passed: false,
        ms: performance.now() - started,
        error: message,
      });
    }
  }
  return results;
}
