/**
 * The Win32 side of seeding a practice scenario (src/main/host/practice/scenarios/
 * scenario-seeder.ts) under Wine: executables carry a real version resource, a usable key is a
 * real CryptoAPI key container, a lost one is a link to a container that was never made.
 * Processes and services cannot be planted here: a scenario that needs them is refused.
 */
import { AppError } from '../../src/shared/errors';
import type { MachineSeeding } from '../../src/main/host/practice/scenarios/scenario-seeder';
import { createKeyContainer, linkKeyContainer } from './key-link';
import { peWithVersion } from './pe-with-version';

export const windowsMachineSeeding: MachineSeeding = {
  async writeExecutable(host, path, version) {
    await host.files.writeFile(path, peWithVersion(version));
  },
  async attachPrivateKey(_host, store, thumbprint, container, usable) {
    if (usable) createKeyContainer(container);
    linkKeyContainer(store, thumbprint, container);
  },
  async startProcess(process) {
    throw new AppError('unsupported', `Seeding cannot start ${process.name} on Windows`);
  },
  async installService(status) {
    throw new AppError('unsupported', `Seeding cannot install the ${status.name} service`);
  },
};
