/**
 * The append-only journal of one run. Every line is one JSON entry, appended and fsynced before
 * the engine goes on, so after a crash the journal says exactly how far the run got. A torn
 * last line (the process died while writing it) is ignored: its step had not been confirmed.
 */
import { closeSync, existsSync, fsyncSync, ftruncateSync, openSync, readFileSync } from 'node:fs';
import { dataFolderError, syncDirectory, writeAllSync } from './durable-fs';
import { dirname } from 'node:path';

export class JournalWriter {
  private fd: number | undefined;

  private constructor(
    readonly path: string,
    fd: number,
    private readonly onAppend?: (entry: object) => Promise<void>,
  ) {
    this.fd = fd;
  }

  static open(path: string, onAppend?: (entry: object) => Promise<void>): JournalWriter {
    const isNew = !existsSync(path);
    try {
      if (!isNew) dropTornTail(path);
      const fd = openSync(path, 'a');
      if (isNew) syncDirectory(dirname(path));
      return new JournalWriter(path, fd, onAppend);
    } catch (error) {
      throw dataFolderError('io', 'open the journal', path, error);
    }
  }

  /** Resolves once the entry is on disk. */
  async append(entry: object): Promise<void> {
    if (this.fd === undefined) throw new Error(`Journal ${this.path} is closed.`);
    try {
      writeAllSync(this.fd, Buffer.from(`${JSON.stringify(entry)}\n`, 'utf8'));
      fsyncSync(this.fd);
    } catch (error) {
      throw dataFolderError('io', 'write the journal', this.path, error);
    }
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

/** The entries of a journal; a last line without its newline was torn by a crash and is left out. */
export function readJournal(path: string): unknown[] {
  const lines = readFileSync(path, 'utf8').split('\n');
  const complete = lines.slice(0, -1);
  return complete.map((line, index) => {
    try {
      return JSON.parse(line) as unknown;
    } catch {
      throw new Error(`The journal ${path} is damaged at line ${index + 1}.`);
    }
  });
}
