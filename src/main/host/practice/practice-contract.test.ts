import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, test } from 'vitest';
import { hostContractCases } from '../../../../testing/host-contract';
import type { HostSystem } from '../ports';
import { openPracticePc, resetPracticePc } from '.';

let folder: string;
let template: string;
beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), 'practice-contract-'));
  template = join(folder, 'template');
  await resetPracticePc(template, 'kb-lync2013');
});
afterAll(async () => {
  await rm(folder, { recursive: true, force: true });
});

describe('the practice PC passes the host contract', () => {
  for (const [index, contractCase] of hostContractCases().entries()) {
    test(contractCase.name, async () => {
      const root = join(folder, `pc-${index}`);
      // A copy of one freshly created PC: every case starts from the same untouched state.
      await cp(template, root, { recursive: true });
      const host: HostSystem = await openPracticePc(root);
      try {
        await contractCase.run(host);
      } finally {
        await host.close();
      }
    });
  }
});
