import { writeFileSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import * as v from 'valibot';
import { JsonDocument, writeFileAtomic } from './json-document';

const schema = v.object({ version: v.number(), items: v.array(v.string()) });
type Doc = v.InferOutput<typeof schema>;

let folder: string;
let path: string;
beforeEach(async () => {
  folder = await mkdtemp(join(tmpdir(), 'json-document-'));
  path = join(folder, 'doc.json');
});
afterEach(async () => {
  await rm(folder, { recursive: true, force: true });
});

function big(version: number): Doc {
  return {
    version,
    items: Array.from({ length: 20_000 }, (_, index) => `item ${version}-${index}`),
  };
}

describe('writeFileAtomic', () => {
  test('readers racing with writers only ever see a whole old or a whole new document', async () => {
    await writeFile(path, JSON.stringify(big(0)));
    let writing = true;
    const writer = (async () => {
      for (let version = 1; version <= 15; version += 1) {
        await writeFileAtomic(path, JSON.stringify(big(version)));
      }
      writing = false;
    })();
    const seen = new Set<number>();
    while (writing) {
      const parsed = v.parse(schema, JSON.parse(await readFile(path, 'utf8')));
      expect(parsed.items).toHaveLength(20_000);
      expect(parsed.items[19_999]).toBe(`item ${parsed.version}-19999`);
      seen.add(parsed.version);
    }
    await writer;
    expect(seen.size).toBeGreaterThan(1);
    expect(v.parse(schema, JSON.parse(await readFile(path, 'utf8'))).version).toBe(15);
  });

  test('a write that cannot be completed leaves the target and no temporary file', async () => {
    const target = join(folder, 'occupied');
    await mkdir(join(target, 'inside'), { recursive: true });
    await expect(writeFileAtomic(target, 'data')).rejects.toMatchObject({
      code: 'io',
      details: { path: target },
    });
    expect(await readdir(folder)).toEqual(['occupied']);
    expect(await readdir(target)).toEqual(['inside']);
  });
});

describe('JsonDocument', () => {
  test('a change that fails is not written and the next read comes from disk', async () => {
    await writeFile(path, JSON.stringify({ version: 1, items: ['a'] }));
    const document = new JsonDocument({ path, schema });
    await expect(
      document.update((doc) => {
        doc.items.push('half-done');
        throw new Error('stopped half-way');
      }),
    ).rejects.toThrow('stopped half-way');
    expect(await document.read()).toEqual({ version: 1, items: ['a'] });
    expect(JSON.parse(await readFile(path, 'utf8'))).toEqual({ version: 1, items: ['a'] });
  });

  test('sees a change written by another writer, even one of the same size', async () => {
    await writeFile(path, JSON.stringify({ version: 1, items: ['a'] }));
    const reader = new JsonDocument({ path, schema });
    const writer = new JsonDocument({ path, schema });
    expect((await reader.read()).items).toEqual(['a']);
    await writer.update((doc) => {
      doc.items = ['b'];
    });
    expect((await reader.read()).items).toEqual(['b']);
  });

  test('checks the file once per turn of the event loop, and again in the next', async () => {
    const nextTurn = () => new Promise((resolve) => setImmediate(resolve));
    await writeFile(path, JSON.stringify({ version: 1, items: ['a'] }));
    const document = new JsonDocument({ path, schema });
    expect((await document.read()).version).toBe(1);
    // Written by another process within this turn: one moment's view, as if written just after.
    writeFileSync(path, JSON.stringify({ version: 2, items: ['b', 'c'] }));
    expect((await document.read()).version).toBe(1);
    await nextTurn();
    expect((await document.read()).version).toBe(2);
    // A change, though, is made to what the file holds at that moment.
    expect((await document.read()).version).toBe(2);
    writeFileSync(path, JSON.stringify({ version: 3, items: ['d'] }));
    await document.update((doc) => {
      doc.items.push('e');
    });
    expect(JSON.parse(await readFile(path, 'utf8'))).toEqual({ version: 3, items: ['d', 'e'] });
    // A damaged file is not answered from the copy read before it, in its turn or the next.
    await nextTurn();
    writeFileSync(path, '{"version":');
    await expect(document.read()).rejects.toMatchObject({ code: 'corrupt-data' });
    await expect(document.read()).rejects.toMatchObject({ code: 'corrupt-data' });
    await nextTurn();
    await expect(document.read()).rejects.toMatchObject({ code: 'corrupt-data' });
  });

  test('a document of the wrong shape is corrupt-data that says where and what is wrong', async () => {
    await writeFile(path, JSON.stringify({ version: 1, items: ['a', 2] }));
    const read = new JsonDocument({ path, schema }).read();
    await expect(read).rejects.toMatchObject({ code: 'corrupt-data', details: { path } });
    await expect(read).rejects.toThrow(
      `${path} has an unexpected shape at items.1: Invalid type: Expected string but received 2`,
    );
    // Wrong as a whole: no place to name, and no dangling "at".
    await writeFile(path, 'null');
    await expect(new JsonDocument({ path, schema }).read()).rejects.toThrow(
      `${path} has an unexpected shape: Invalid type: Expected Object but received null`,
    );
  });

  test('a missing file is corrupt-data unless the document has a default', async () => {
    await expect(new JsonDocument({ path, schema }).read()).rejects.toMatchObject({
      code: 'corrupt-data',
      details: { path },
    });
    const withDefault = new JsonDocument({ path, schema, whenMissing: () => big(0) });
    expect((await withDefault.read()).version).toBe(0);
  });
});
