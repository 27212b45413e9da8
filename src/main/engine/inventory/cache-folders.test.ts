import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { practiceFixture, type PracticeFixture } from '../../../../testing/engine/practice';
import { findCacheFolders, SIZED_FILES } from './cache-folders';

let fixture: PracticeFixture | undefined;
afterEach(async () => {
  await fixture?.dispose();
  fixture = undefined;
});

/** Files and bytes under `dir`, counted with the operating system's own stats. */
function actual(dir: string): { files: number; bytes: number } {
  let files = 0;
  let bytes = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isDirectory()) continue;
    files += 1;
    bytes += statSync(join(entry.parentPath, entry.name)).size;
  }
  return { files, bytes };
}

describe('measuring endpoint cache folders', () => {
  it('counts every file exactly, and sizes a very large folder from a sample, said as "about"', async () => {
    fixture = await practiceFixture('kb-lync2013', { cacheFiles: SIZED_FILES + 500 });
    const folders = await findCacheFolders(fixture.host.files);
    const large = folders.find((folder) => folder.fileCount > SIZED_FILES);
    const small = folders.find((folder) => folder.fileCount <= SIZED_FILES);
    expect(large && small).toBeTruthy();

    const real = actual(large!.path);
    expect(large!.fileCount).toBe(real.files);
    expect(large!.sizeEstimated).toBe(true);
    expect(Math.abs(large!.totalBytes - real.bytes) / real.bytes).toBeLessThan(0.05);
    // A small folder is measured exactly.
    expect(small!.sizeEstimated).toBeUndefined();
    expect(small!.totalBytes).toBe(actual(small!.path).bytes);

    const engine = fixture.engine();
    const plan = await engine.plan({ steps: ['clear-endpoint-cache'] });
    const action = plan.steps[0]?.actions.find(
      (each) => each.target.kind === 'folder' && each.target.path === large!.path,
    );
    expect(action?.description).toMatch(/files, about /);
    expect(action?.target).toMatchObject({ sizeEstimated: true, fileCount: real.files });
  });
});
