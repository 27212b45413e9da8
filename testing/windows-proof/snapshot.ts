/** Answers with a snapshot of the seeded profile (see profile-snapshot.ts). */
import { createWindowsHost } from '../../src/main/host/windows/index';
import { runEntry } from './entry';
import { snapshotProfile } from './profile-snapshot';

runEntry(async () => {
  const host = await createWindowsHost();
  try {
    return await snapshotProfile(host);
  } finally {
    await host.close();
  }
});
