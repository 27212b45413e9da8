/**
 * Adjusts a practice PC after it was created, for the situations a scenario alone does not
 * set up: a client that ignores close requests or belongs to another user, an elevated or a
 * different signed-in user. Tests of the product's safety rules build on these.
 */
import { join } from 'node:path';
import type { Identity } from '../ports';
import { JsonDocument } from './json-document';
import { MACHINE_FILE } from './layout';
import * as v from 'valibot';
import { firstProblem } from './document-checks';
import { machineDocumentSchema } from './machine-state';
import { readManifest } from './practice-host';
import { AppError } from '../../../shared/errors';

export interface PracticeAdjustments {
  identity?: Partial<Identity>;
  /** Applied to every running lync.exe / communicator.exe of the practice PC. */
  clients?: { ignoresClose?: boolean; ownedByCurrentUser?: boolean };
}

const CLIENT_IMAGES = new Set(['lync.exe', 'communicator.exe']);

export async function adjustPracticePc(
  root: string,
  adjustments: PracticeAdjustments,
): Promise<void> {
  if (!(await readManifest(root))) {
    throw new AppError('not-found', `There is no practice PC in ${root}`, { path: root });
  }
  const machine = new JsonDocument({
    path: join(root, MACHINE_FILE),
    schema: machineDocumentSchema,
  });
  await machine.update((state) => {
    state.identity = { ...state.identity, ...adjustments.identity };
    for (const process of state.processes) {
      if (!CLIENT_IMAGES.has(process.name)) continue;
      Object.assign(process, adjustments.clients);
    }
    // Checked before writing, so an adjustment can never leave a damaged machine file.
    const checked = v.safeParse(machineDocumentSchema, state);
    if (!checked.success) {
      const { where, message } = firstProblem(checked.issues);
      throw new AppError(
        'invalid-request',
        `Not a valid adjustment: ${where ? `${where}: ` : ''}${message}`,
      );
    }
  });
}
