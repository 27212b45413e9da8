/**
 * The documentation tables that are generated from the code rather than written by hand: the
 * command line's exit codes (docs/cli.md) and the window's operations (docs/operations.md).
 * Each sits between `<!-- generated:NAME -->` and `<!-- /generated:NAME -->`; the test beside
 * this file fails when one is out of date, and `npm run docs:tables` rewrites them.
 */
import { EXIT_CODE_TABLE } from '../../src/cli/exit-codes';
import { OPERATIONS, type OperationName } from '../../src/shared/operations';

export interface GeneratedTable {
  file: string;
  name: string;
  header: string[];
  rows: string[][];
}

const escapeCell = (text: string) => text.replaceAll('|', '\\|');

export const GENERATED_TABLES: GeneratedTable[] = [
  {
    file: 'docs/cli.md',
    name: 'exit-codes',
    header: ['code', 'meaning'],
    rows: EXIT_CODE_TABLE.map(({ code, meaning }) => [String(code), meaning]),
  },
  {
    file: 'docs/operations.md',
    name: 'operations',
    header: ['operation', 'what it does', 'changes the PC', 'practice PC only'],
    rows: (Object.keys(OPERATIONS) as OperationName[]).map((name) => {
      const operation = OPERATIONS[name];
      return [
        `\`${name}\``,
        operation.description,
        operation.changesMachine ? 'yes' : 'no',
        operation.practiceOnly ? 'yes' : 'no',
      ];
    }),
  },
];

export function renderTable(table: GeneratedTable): string {
  const line = (cells: string[]) => `| ${cells.map(escapeCell).join(' | ')} |`;
  return [line(table.header), line(table.header.map(() => '---')), ...table.rows.map(line)].join(
    '\n',
  );
}

function markers(name: string): [string, string] {
  return [`<!-- generated:${name} -->`, `<!-- /generated:${name} -->`];
}

/** The section's table as cells, whitespace and alignment aside (Prettier pads tables). */
export function tableCellsIn(document: string, name: string): string[][] | undefined {
  const [open, close] = markers(name);
  const start = document.indexOf(open);
  const end = document.indexOf(close);
  if (start === -1 || end === -1 || end < start) return undefined;
  return document
    .slice(start + open.length, end)
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line.startsWith('|') && !/^\|[\s:|-]+\|$/.test(line))
    .map((line) =>
      line
        .slice(1, -1)
        .split(/(?<!\\)\|/)
        .map((cell) => cell.trim()),
    );
}

/** The document with the section's table replaced by a fresh rendering. */
export function withTable(document: string, table: GeneratedTable): string {
  const [open, close] = markers(table.name);
  const start = document.indexOf(open);
  const end = document.indexOf(close);
  if (start === -1 || end === -1 || end < start) {
    throw new Error(`${table.file} has no ${open} … ${close} section`);
  }
  return `${document.slice(0, start + open.length)}\n\n${renderTable(table)}\n\n${document.slice(end)}`;
}
