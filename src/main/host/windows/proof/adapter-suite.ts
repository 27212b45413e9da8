/**
 * Runs, with the Windows node.exe, the Windows-specific adapter checks against the real Win32
 * host and answers with one result per case.
 */
import { createWindowsHost } from '../index';
import { runCases, runEntry } from './entry';
import { windowsCases } from './windows-cases';

runEntry(async () => {
  const host = await createWindowsHost();
  try {
    const windows = await runCases(
      windowsCases().map((c) => ({ name: c.name, run: () => c.run(host) })),
    );
    return { description: host.description, windows };
  } finally {
    await host.close();
  }
});
