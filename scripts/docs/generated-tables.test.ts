import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { GENERATED_TABLES, tableCellsIn, withTable } from './generated-tables';

const REPO = join(import.meta.dirname, '..', '..');
// `npm run docs:tables` sets this to rewrite the sections instead of checking them.
const UPDATE = process.env.UPDATE_DOCS_TABLES === '1';

describe('documentation tables generated from the code', () => {
  for (const table of GENERATED_TABLES) {
    it(`${table.file}: ${table.name} matches the code`, () => {
      const path = join(REPO, table.file);
      const document = readFileSync(path, 'utf8');
      if (UPDATE) writeFileSync(path, withTable(document, table));
      const cells = tableCellsIn(readFileSync(path, 'utf8'), table.name);
      expect(cells, `run npm run docs:tables to update ${table.file}`).toEqual([
        table.header,
        ...table.rows.map((row) => row.map((cell) => cell.replaceAll('|', '\\|'))),
      ]);
    });
  }
});
