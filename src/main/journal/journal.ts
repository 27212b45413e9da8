/**
 * The append-only journal of one run. Every line is one JSON entry behind its MAC
 * (`integrity.ts`: `<mac> <json>`), appended and fsynced before the engine goes on, so after a
 * crash the journal says exactly how far the run got. A torn last line (the process died while
 * writing it) is ignored: its step had not been confirmed.
 *
 * Reading never throws on a damaged line: it returns the entries whose MACs check, up to the
 * first that does not, plus a best-effort reading of every line for display (time, steps) that
 * is never acted on.
 */
import { closeSync, existsSync, fsyncSync, ftruncateSync, openSync, readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { dataFolderError, errnoOf, syncDirectory, writeAllSync } from './durable-fs';
import { openJournalLine, sealJournalLine, type IntegrityKey } from './integrity';

/** The chain starts from this "previous MAC". */
const CHAIN_START = 'start';

export interface JournalReading {
  /** Entries whose MACs check, in order, up to the first damaged line. */
  entries: unknown[];
  /** The MAC of the last good line: where the next line chains on. */
  lastMac: string;
  /** Why and where the journal stops being trustworthy. */
  damage?: { line: number; reason: string };
  /** Every line that parses as JSON, checked or not: for showing, never for acting. */
  readable: unknown[];
  /**
   * No line carries an integrity check: every line is plain JSON. What a journal written before
   * journals were sealed looks like (or one written by anyone without the key): never trusted.
   */
  unsealed: boolean;
}

export class JournalWriter {
  private fd: number | undefined;

  private constructor(
    readonly path: string,
    fd: number,
    private readonly key: IntegrityKey,
    private readonly runId: string,
    private lastMac: string,
    private readonly onAppend?: (entry: object) => Promise<void>,
  ) {
    this.fd = fd;
  }

  /** Refuses (`corrupt-data`) to append to a journal that does not check from end to end. */
  static open(
    path: string,
    key: IntegrityKey,
    runId: string,
    onAppend?: (entry: object) => Promise<void>,
  ): JournalWriter {
    const isNew = !existsSync(path);
    let lastMac = CHAIN_START;
    try {
      if (!isNew) {
        dropTornTail(path);
        const reading = readJournal(path, key, runId);
        if (reading.damage) {
          throw dataFolderError(
            'corrupt-data',
            'append to the journal',
            path,
            new Error(`line ${reading.damage.line}: ${reading.damage.reason}`),
          );
        }
        lastMac = reading.lastMac;
      }
      const fd = openSync(path, 'a');
      if (isNew) syncDirectory(dirname(path));
      return new JournalWriter(path, fd, key, runId, lastMac, onAppend);
    } catch (error) {
      throw dataFolderError('io', 'open the journal', path, error);
    }
  }

  /** Resolves once the entry is on disk. */
  async append(entry: object): Promise<void> {
    if (this.fd === undefined) throw new Error(`Journal ${this.path} is closed.`);
    const sealed = sealJournalLine(this.key, this.runId, this.lastMac, JSON.stringify(entry));
    try {
      writeAllSync(this.fd, Buffer.from(`${sealed.line}\n`, 'utf8'));
      fsyncSync(this.fd);
    } catch (error) {
      throw dataFolderError(
        errnoOf(error) === 'ENOSPC' ? 'disk-full' : 'io',
        'write the journal',
        this.path,
        error,
      );
    }
    this.lastMac = sealed.mac;
    // Test seam: lets a test stop the run right after any journal point, as a crash would.
    if (this.onAppend) await this.onAppend(entry);
  }

  close(): void {
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
  }
}

/** Before appending after a crash, cut a last line that was never finished. */
function dropTornTail(path: string): void {
  const bytes = readFileSync(path);
  if (bytes.byteLength === 0 || bytes[bytes.byteLength - 1] === 0x0a) return;
  const keep = bytes.lastIndexOf(0x0a) + 1;
  const fd = openSync(path, 'r+');
  try {
    ftruncateSync(fd, keep);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

function parseLoosely(line: string): unknown {
  const start = line.indexOf('{');
  try {
    return JSON.parse(start === -1 ? line : line.slice(start)) as unknown;
  } catch {
    return undefined;
  }
}

/** The journal's entries; a last line without its newline was torn by a crash and is left out. */
export function readJournal(path: string, key: IntegrityKey, runId: string): JournalReading {
  const lines = readFileSync(path, 'utf8').split('\n').slice(0, -1);
  const reading: JournalReading = {
    entries: [],
    lastMac: CHAIN_START,
    readable: [],
    unsealed: lines.length > 0,
  };
  for (const [index, line] of lines.entries()) {
    const loose = parseLoosely(line);
    if (loose !== undefined) reading.readable.push(loose);
    if (!line.startsWith('{') || loose === undefined) reading.unsealed = false;
    if (reading.damage) continue;
    const opened = openJournalLine(key, runId, reading.lastMac, line);
    if ('damaged' in opened) {
      reading.damage = { line: index + 1, reason: opened.damaged };
      continue;
    }
    try {
      reading.entries.push(JSON.parse(opened.json) as unknown);
      reading.lastMac = opened.mac;
    } catch {
      reading.damage = { line: index + 1, reason: 'it is not JSON' };
    }
  }
  return reading;
}
