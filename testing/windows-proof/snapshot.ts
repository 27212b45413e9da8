/** Answers with a snapshot of a seeded profile (see profile-snapshot.ts), named by argument. */
import { createWindowsHost } from '../../src/main/host/windows/index';
import { runEntry } from './entry';
import { isProfileName, PROFILES, snapshotProfile } from './profile-snapshot';

runEntry(async ([profile]) => {
  if (!isProfileName(profile))
    throw new Error(`Name a profile to snapshot: ${Object.keys(PROFILES).join(', ')}`);
  const host = await createWindowsHost();
  try {
    return await snapshotProfile(host, profile);
  } finally {
    await host.close();
  }
});
