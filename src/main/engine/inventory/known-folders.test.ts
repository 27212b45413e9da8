import { afterEach, describe, expect, it } from 'vitest';
import { practiceFixture, type PracticeFixture } from '../../../../testing/engine/practice';
import type { KnownFolderId } from '../../host/ports';
import { readInventory } from './index';

let fixture: PracticeFixture | undefined;
afterEach(async () => {
  await fixture?.dispose();
  fixture = undefined;
});

describe('an inventory', () => {
  it('asks each known folder once, however many readers need it', async () => {
    fixture = await practiceFixture('kb-lync2013');
    const { host } = fixture;
    const asked: KnownFolderId[] = [];
    const counting = {
      ...host,
      files: {
        ...host.files,
        knownFolder: (id: KnownFolderId) => {
          asked.push(id);
          return host.files.knownFolder(id);
        },
      },
    };
    const inventory = await readInventory(counting);
    expect(inventory.cacheFolders.length).toBeGreaterThan(0);
    expect(asked.length).toBeGreaterThan(0);
    expect(asked).toEqual([...new Set(asked)]);
  });
});
