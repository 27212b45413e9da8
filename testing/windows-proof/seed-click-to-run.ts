/**
 * Takes the Lync 2013 profile `seed-lync2013` planted off again (its record is the file named by
 * the first argument), then plants the practice PC's `sfb2019-onprem` profile at rest through
 * the Win32 adapters: Skype for Business 2019 Click-to-Run (32-bit), 16.0 caches and settings,
 * credentials, and an in-date certificate whose key container is gone. Its running clients are
 * left out: a Wine prefix cannot hold the practice PC's processes.
 */
import { readFileSync } from 'node:fs';
import { createWindowsHost } from '../../src/main/host/windows/index';
import { plantSfb2019Profile } from '../../src/main/host/practice/scenarios/click-to-run-scenarios';
import {
  ScenarioSeeder,
  type PlantedRecord,
} from '../../src/main/host/practice/scenarios/scenario-seeder';
import { runEntry } from './entry';
import { labelledThumbprints, unplant } from './unplant';
import { windowsMachineSeeding } from './windows-seeding';

runEntry(async ([previousRecord]) => {
  const host = await createWindowsHost();
  try {
    if (previousRecord) {
      const previous = JSON.parse(readFileSync(previousRecord, 'utf8')) as PlantedRecord;
      await unplant(host, previous);
    }
    const now = new Date();
    const seed = await ScenarioSeeder.open(host, windowsMachineSeeding, now);
    await plantSfb2019Profile(seed, now);
    return { certificates: labelledThumbprints(seed.planted), planted: seed.planted };
  } finally {
    await host.close();
  }
});
