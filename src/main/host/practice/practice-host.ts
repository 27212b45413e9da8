/** Opens a practice PC folder as a HostSystem. */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import * as v from 'valibot';
import { AppError } from '../../../shared/errors';
import type { HostSystem } from '../ports';
import { isoUtcTime, nonEmptyText } from './document-checks';
import { JsonDocument } from './json-document';
import {
  CREDENTIALS_FILE,
  KEY_FILE,
  MACHINE_FILE,
  MANIFEST_FILE,
  MANIFEST_FORMAT,
  MANIFEST_VERSION,
  REGISTRY_FILE,
} from './layout';
import { machineDocumentSchema } from './machine-state';
import { practiceCertificates } from './practice-certificates';
import { credentialDocumentSchema, practiceCredentials } from './practice-credentials';
import { practiceFiles } from './practice-files';
import { practiceDns, practiceIdentity, practiceServices } from './practice-machine';
import { practiceProcesses } from './practice-processes';
import { practiceRegistry } from './practice-registry';
import { registryDocumentSchema } from './registry-tree';
import { loadSecretBox, type SecretBox } from './secret-box';

export interface PracticeManifest {
  format: typeof MANIFEST_FORMAT;
  version: typeof MANIFEST_VERSION;
  scenario: string;
  createdAt: string;
}

export const manifestSchema: v.GenericSchema<PracticeManifest> = v.object({
  format: v.literal(MANIFEST_FORMAT),
  version: v.literal(MANIFEST_VERSION),
  scenario: nonEmptyText,
  createdAt: isoUtcTime,
});

/** The manifest, `undefined` when `root` holds no practice PC; corrupt-data when damaged. */
export async function readManifest(root: string): Promise<PracticeManifest | undefined> {
  const path = join(root, MANIFEST_FILE);
  if (!existsSync(path)) return undefined;
  return new JsonDocument({ path, schema: manifestSchema }).read();
}

export async function openPracticeHost(rootPath: string): Promise<HostSystem> {
  const root = resolve(rootPath);
  const manifest = await readManifest(root);
  if (!manifest) {
    throw new AppError('not-found', `There is no practice PC in ${root}`, { path: root });
  }
  const registry = new JsonDocument({
    path: join(root, REGISTRY_FILE),
    schema: registryDocumentSchema,
  });
  const machine = new JsonDocument({
    path: join(root, MACHINE_FILE),
    schema: machineDocumentSchema,
  });
  const vault = new JsonDocument({
    path: join(root, CREDENTIALS_FILE),
    schema: credentialDocumentSchema,
  });
  let box: Promise<SecretBox> | undefined;
  const secretBox = () => {
    box ??= loadSecretBox(join(root, KEY_FILE));
    box.catch(() => {
      box = undefined;
    });
    return box;
  };
  const files = practiceFiles(root, machine);

  return {
    kind: 'practice',
    description: `practice PC '${manifest.scenario}' in ${root}`,
    practiceScenario: manifest.scenario,
    registry: practiceRegistry(registry),
    certificates: practiceCertificates(root, async () => (await machine.read()).keyContainers),
    credentials: practiceCredentials(vault, secretBox),
    secrets: {
      async protect(plain) {
        return (await secretBox()).seal(plain, 'protected-blob');
      },
      async unprotect(blob) {
        return (await secretBox()).open(blob, 'protected-blob');
      },
    },
    files,
    processes: practiceProcesses(machine, registry, files),
    services: practiceServices(machine),
    dns: practiceDns(machine),
    identity: practiceIdentity(machine),
    async close() {
      // Every change is already on disk; nothing is held open.
    },
  };
}
