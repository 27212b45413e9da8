import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { BackupReader, BackupWriter, type PackSlice } from './backup-store';

let dir: string | undefined;
afterEach(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
  dir = undefined;
});

describe('a pack of file contents', () => {
  it('gives back every slice byte for byte, across the batches it is written in', async () => {
    dir = await mkdtemp(join(tmpdir(), 'pack-'));
    const pack = new BackupWriter(dir).openPack('files.pack');
    // Small files, an empty one and one larger than a batch, in an order that crosses batches.
    const contents = [
      ...Array.from({ length: 3000 }, (_, i) => new Uint8Array(Buffer.from(`item ${i}\n`))),
      new Uint8Array(0),
      new Uint8Array(3 * 1024 * 1024).map((_, i) => i % 251),
      ...Array.from({ length: 700 }, (_, i) => new Uint8Array(2048).fill(i % 256)),
    ];
    const slices: PackSlice[] = contents.map((data) => pack.append(data));
    pack.finish();

    const total = contents.reduce((sum, data) => sum + data.byteLength, 0);
    expect((await readFile(join(dir, 'files.pack'))).byteLength).toBe(total);
    const reader = new BackupReader(dir).openPack('files.pack');
    try {
      slices.forEach((slice, index) => {
        expect(Buffer.from(reader.read(slice)).equals(Buffer.from(contents[index]!))).toBe(true);
      });
    } finally {
      reader.close();
    }
  });

  it('an abandoned pack is not read as whole: a slice past its end is reported damaged', async () => {
    dir = await mkdtemp(join(tmpdir(), 'pack-'));
    const pack = new BackupWriter(dir).openPack('files.pack');
    const slice = pack.append(new Uint8Array(Buffer.from('never flushed')));
    pack.abandon();
    const reader = new BackupReader(dir).openPack('files.pack');
    try {
      expect(() => reader.read(slice)).toThrow(/shorter than its index/);
    } finally {
      reader.close();
    }
  });
});
