import { appendFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { IntegrityKey } from './integrity';
import { JournalWriter, readJournal } from './journal';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })));

const key = new IntegrityKey(new Uint8Array(32).fill(1));
const otherKey = new IntegrityKey(new Uint8Array(32).fill(2));

function journalPath(): string {
  const dir = mkdtempSync(join(tmpdir(), 'journal-'));
  dirs.push(dir);
  return join(dir, 'journal.jsonl');
}

async function written(path: string, entries: object[]): Promise<void> {
  const writer = JournalWriter.open(path, key, 'r1');
  for (const entry of entries) await writer.append(entry);
  writer.close();
}

it('a line torn by a crash is ignored, and cut before the journal is appended to again', async () => {
  const path = journalPath();
  await written(path, [
    { type: 'run-start', n: 1 },
    { type: 'backed-up', n: 2 },
  ]);
  appendFileSync(path, 'abc {"type":"apply-st');
  const reading = readJournal(path, key, 'r1');
  expect(reading.entries).toEqual([
    { type: 'run-start', n: 1 },
    { type: 'backed-up', n: 2 },
  ]);
  expect(reading.damage).toBeUndefined();
  await written(path, [{ type: 'run-end', n: 3 }]);
  expect(readJournal(path, key, 'r1').entries).toHaveLength(3);
  expect(readFileSync(path, 'utf8')).not.toContain('apply-st');
});

it('a line without its MAC, with a changed MAC, reordered or from another run is damage, reported where it starts', async () => {
  const path = journalPath();
  await written(path, [{ type: 'run-start' }, { type: 'backed-up' }, { type: 'run-end' }]);
  const lines = readFileSync(path, 'utf8').split('\n');
  const cases: Array<[string, string[], string]> = [
    ['plain JSON', [lines[0]!, '{"type":"backed-up"}', lines[2]!], 'r1'],
    ['changed entry', [lines[0]!, lines[1]!.replace('backed-up', 'apply-start'), lines[2]!], 'r1'],
    ['reordered', [lines[0]!, lines[2]!, lines[1]!], 'r1'],
  ].map(([name, body]) => [name as string, body as string[], 'r1']);
  for (const [name, body] of cases) {
    writeFileSync(path, `${body.join('\n')}\n`);
    const reading = readJournal(path, key, 'r1');
    expect({ name, line: reading.damage?.line, kept: reading.entries.length }).toEqual({
      name,
      line: 2,
      kept: 1,
    });
    // Shown for what it says, never trusted: every line that parses is still readable.
    expect(reading.readable).toHaveLength(3);
  }
  writeFileSync(path, lines.join('\n'));
  expect(readJournal(path, key, 'r2').damage?.line).toBe(1);
  expect(readJournal(path, otherKey, 'r1').damage?.line).toBe(1);
  expect(() => JournalWriter.open(path, otherKey, 'r1')).toThrow(/integrity check/);
});

it('a journal with no MAC on any line reads as unsealed; one with a MAC anywhere does not', async () => {
  const path = journalPath();
  writeFileSync(path, '{"type":"run-start"}\n{"type":"backed-up"}\n');
  const plain = readJournal(path, key, 'r1');
  expect({ unsealed: plain.unsealed, line: plain.damage?.line }).toEqual({
    unsealed: true,
    line: 1,
  });
  const sealedPath = journalPath();
  await written(sealedPath, [{ type: 'run-end' }]);
  appendFileSync(path, readFileSync(sealedPath, 'utf8'));
  expect(readFileSync(path, 'utf8')).toMatch(/\n[0-9a-f]{64} /);
  expect(readJournal(path, key, 'r1').unsealed).toBe(false);
});
