/**
 * Plants the practice PC's `kb-lync2013` scenario (the KB article's broken Lync 2013 profile)
 * through the Win32 adapters, by the same seeder the practice PC uses. One change on top:
 * MachineGuid carries braces (the `machine-guid-braces` fact), so the repair has every kind of
 * target. Answers with what it planted (the record `seed-click-to-run` takes off again).
 */
import { createWindowsHost } from '../../src/main/host/windows/index';
import { MACHINE_GUID_BRACES } from '../../src/main/host/practice/scenarios/facts';
import { plantMachineGuid } from '../../src/main/host/practice/scenarios/common-parts';
import { buildKbLync2013 } from '../../src/main/host/practice/scenarios/lync2013-scenarios';
import { ScenarioSeeder } from '../../src/main/host/practice/scenarios/scenario-seeder';
import { runEntry } from './entry';
import { labelledThumbprints } from './unplant';
import { windowsMachineSeeding } from './windows-seeding';

runEntry(async () => {
  const host = await createWindowsHost();
  try {
    const now = new Date();
    const seed = await ScenarioSeeder.open(host, windowsMachineSeeding, now);
    await buildKbLync2013(seed, now);
    await plantMachineGuid(seed, MACHINE_GUID_BRACES.machineGuid);
    return { certificates: labelledThumbprints(seed.planted), planted: seed.planted };
  } finally {
    await host.close();
  }
});
