/**
 * Takes a seeded scenario off the machine again from its PlantedRecord, so a second scenario can
 * be planted in the same Wine prefix without the first one's client showing beside it: what it
 * created is removed, what it replaced is put back.
 */
import type { HostSystem } from '../../src/main/host/ports';
import type { PlantedRecord } from '../../src/main/host/practice/scenarios/scenario-seeder';

export async function unplant(host: HostSystem, planted: PlantedRecord): Promise<void> {
  for (const { store, thumbprint } of planted.certificates)
    await host.certificates.remove(store, thumbprint);
  for (const { targetName, type, previous } of planted.credentials) {
    if (previous)
      await host.credentials.write({
        ...previous,
        secret: new Uint8Array(Buffer.from(previous.secret, 'base64')),
      });
    else await host.credentials.remove(targetName, type);
  }
  for (const path of [...planted.createdPaths].reverse()) {
    if (await host.files.stat(path)) await host.files.remove(path);
  }
  for (const { key, name, previous } of planted.changedValues) {
    if (previous) await host.registry.setValue(key, name, previous);
    else await host.registry.deleteValue(key, name);
  }
  for (const key of [...planted.createdKeys].reverse()) await host.registry.deleteKey(key);
}

/** The thumbprints the seeding named, by name (expiredPrimary, vpn, ...). */
export function labelledThumbprints(planted: PlantedRecord): Record<string, string> {
  return Object.fromEntries(
    planted.certificates.flatMap(({ label, thumbprint }) =>
      label === undefined ? [] : [[label, thumbprint]],
    ),
  );
}
