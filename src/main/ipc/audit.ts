import { appendFileSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';

/**
 * One line per operation call. Deliberately no request or response payloads: requests can name
 * addresses and responses can carry evidence, and the log outlives the session.
 */
export interface AuditEntry {
  at: string;
  operation: string;
  /** The operation changes the PC (operations table): the lines to read after a complaint. */
  changesMachine?: true;
  ok: boolean;
  code?: string;
  durationMs: number;
  /** Origin of the calling frame, for refused calls. */
  sender?: string;
  /** For `internal` errors: what went wrong, kept out of the renderer. */
  internalDetail?: string;
}

export type AuditSink = (entry: AuditEntry) => void;

/** Appends JSON lines to `file`; a log that cannot be written never breaks an operation. */
export function fileAuditSink(file: string): AuditSink {
  let ready = false;
  return (entry) => {
    try {
      if (!ready) {
        mkdirSync(dirname(file), { recursive: true });
        ready = true;
      }
      appendFileSync(file, `${JSON.stringify(entry)}\n`, 'utf8');
    } catch {
      // The audit log is a diagnostic aid; losing a line must not fail the user's repair.
    }
  };
}

export function memoryAuditSink(): AuditSink & { entries: AuditEntry[] } {
  const entries: AuditEntry[] = [];
  const sink = (entry: AuditEntry) => {
    entries.push(entry);
  };
  return Object.assign(sink, { entries });
}
