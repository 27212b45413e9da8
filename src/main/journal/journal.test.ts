import { appendFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { JournalWriter, readJournal } from './journal';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })));

it('a line torn by a crash is ignored, and cut before the journal is appended to again', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'journal-'));
  dirs.push(dir);
  const path = join(dir, 'journal.jsonl');
  const first = JournalWriter.open(path);
  await first.append({ type: 'run-start', n: 1 });
  await first.append({ type: 'backed-up', n: 2 });
  first.close();
  appendFileSync(path, '{"type":"apply-st');
  expect(readJournal(path)).toEqual([
    { type: 'run-start', n: 1 },
    { type: 'backed-up', n: 2 },
  ]);
  const again = JournalWriter.open(path);
  await again.append({ type: 'run-end', n: 3 });
  again.close();
  expect(readJournal(path)).toHaveLength(3);
  expect(readFileSync(path, 'utf8')).not.toContain('apply-st');
});

it('damage before the last line is an error, not silently skipped', () => {
  const dir = mkdtempSync(join(tmpdir(), 'journal-'));
  dirs.push(dir);
  const path = join(dir, 'journal.jsonl');
  appendFileSync(path, '{"type":"run-start"}\nnot json\n{"type":"run-end"}\n');
  expect(() => readJournal(path)).toThrow(/damaged at line 2/);
});
