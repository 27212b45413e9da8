/**
 * The practice PC's side of seeding (see scenario-seeder.ts): what a folder-kept PC records
 * where Windows would have a version resource, a key container, a process or a service. All of
 * it lives in the machine document.
 */
import { basename, join } from 'node:path';
import { AppError } from '../../../../shared/errors';
import {
  CERT_KEY_PROV_INFO_PROP_ID,
  parseCertificateEntry,
  practiceKeyLink,
  serializeCertificateEntry,
} from '../certificate-entry';
import { JsonDocument } from '../json-document';
import { driveRoot, MACHINE_FILE } from '../layout';
import { machineDocumentSchema } from '../machine-state';
import { fileVersionKey } from '../practice-files';
import type { MachineSeeding } from './scenario-seeder';

export function practiceMachineSeeding(root: string): MachineSeeding {
  const machine = new JsonDocument({
    path: join(root, MACHINE_FILE),
    schema: machineDocumentSchema,
  });
  return {
    async writeExecutable(host, path, version) {
      const standIn = `MZ practice stand-in for ${basename(path)} ${version}\n`;
      await host.files.writeFile(path, new Uint8Array(Buffer.from(standIn)));
      await machine.update((state) => {
        state.fileVersions[fileVersionKey(driveRoot(root), path)] = version;
      });
    },
    async attachPrivateKey(host, store, thumbprint, container, usable) {
      const exported = await host.certificates.exportEntry(store, thumbprint);
      if (!exported) {
        throw new AppError('not-found', `No certificate ${thumbprint} to link a key to`, {
          thumbprint,
        });
      }
      const { der, properties } = parseCertificateEntry(exported);
      const others = properties.filter((property) => property.id !== CERT_KEY_PROV_INFO_PROP_ID);
      // Importing again replaces the certificate in place, now with its key link.
      await host.certificates.importEntry(
        store,
        serializeCertificateEntry({ der, properties: [practiceKeyLink(container), ...others] }),
      );
      if (usable) {
        await machine.update((state) => {
          state.keyContainers = [...(state.keyContainers ?? []), container];
        });
      }
    },
    async startProcess(process) {
      return machine.update((state) => {
        const pid = process.pid ?? state.nextPid;
        state.nextPid = Math.max(state.nextPid, pid) + 4;
        state.processes.push({ ...process, pid });
        return pid;
      });
    },
    async installService(status) {
      await machine.update((state) => {
        state.services.push(status);
      });
    },
  };
}
