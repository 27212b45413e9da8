/**
 * Runs, with the Windows node.exe, the shared host contract (the same cases the practice PC
 * passes under Vitest) and the Windows-specific adapter checks against the real Win32 host,
 * and answers with one result per case.
 */
import { hostContractCases } from '../host-contract';
import { createWindowsHost } from '../../src/main/host/windows/index';
import { runCases, runEntry } from './entry';
import { hostileDataFolderCases } from './hostile-cases';
import { lockHolderCases } from './lock-holder-cases';
import { readPathCases } from './read-path-cases';
import { windowsCases } from './windows-cases';

runEntry(async () => {
  const host = await createWindowsHost();
  try {
    const contract = await runCases(
      hostContractCases().map((c) => ({ name: c.name, run: () => c.run(host) })),
    );
    const windows = await runCases(
      [
        ...windowsCases(),
        ...readPathCases(),
        ...lockHolderCases(),
        ...hostileDataFolderCases(),
      ].map((c) => ({
        name: c.name,
        run: () => c.run(host),
      })),
    );
    const { elevated } = await host.identity.current();
    return { description: host.description, elevated, contract, windows };
  } finally {
    await host.close();
  }
});
