/**
 * The parts of the practice PC that are not registry, stores or files: who is signed in, which
 * processes run, the service table, how often DNS was flushed, and the version resources of the
 * executables the scenario installed (Linux files have none, so the scenario records them).
 */
import * as v from 'valibot';
import type { Identity, ServiceStatus } from '../ports';
import { nonEmptyText, positiveInteger } from './document-checks';

export interface PracticeProcess {
  pid: number;
  /** Image name, lower-case. */
  name: string;
  path?: string;
  ownedByCurrentUser: boolean;
  /** A client that does not react to WM_CLOSE (hung, or a modal dialog open). */
  ignoresClose: boolean;
  /**
   * The SIP address a running client is signed in with: it holds the files of that address's
   * `sip_` folders open (see practice-files.ts).
   */
  signedInAddress?: string;
  /** Folders (by name, e.g. `Tracing`) whose files it holds open, as Outlook does with Lync's. */
  holds?: string[];
}

export interface MachineDocument {
  format: 1;
  identity: Identity;
  processes: PracticeProcess[];
  nextPid: number;
  services: ServiceStatus[];
  dnsFlushCount: number;
  /** Upper-case drive-relative path with `/` separators → file version. */
  fileVersions: Record<string, string>;
  /**
   * The key containers that exist (the private keys a certificate can link to). A link to any
   * other container cannot be opened, as on Windows. Absent in practice PCs made before keys
   * were tracked: there every link opens.
   */
  keyContainers?: string[];
}

const identitySchema = v.object({
  userName: nonEmptyText,
  domain: v.string(),
  sid: v.pipe(v.string(), v.regex(/^S-1-(\d+-)*\d+$/, 'a SID like S-1-5-21-...')),
  elevated: v.boolean(),
  interactiveUserName: v.optional(v.string()),
});

export const machineDocumentSchema: v.GenericSchema<MachineDocument> = v.object({
  format: v.literal(1),
  identity: identitySchema,
  processes: v.array(
    v.object({
      pid: positiveInteger,
      name: nonEmptyText,
      path: v.optional(v.string()),
      ownedByCurrentUser: v.boolean(),
      ignoresClose: v.boolean(),
      signedInAddress: v.optional(v.string()),
      holds: v.optional(v.array(v.string())),
    }),
  ),
  nextPid: positiveInteger,
  services: v.array(
    v.object({
      name: nonEmptyText,
      state: v.picklist([
        'running',
        'stopped',
        'start-pending',
        'stop-pending',
        'paused',
        'unknown',
      ]),
      startType: v.optional(v.picklist(['automatic', 'manual', 'disabled'])),
    }),
  ),
  dnsFlushCount: v.pipe(v.number(), v.safeInteger(), v.minValue(0)),
  fileVersions: v.record(v.string(), v.string()),
  keyContainers: v.optional(v.array(v.string())),
});

export const PRACTICE_IDENTITY: Identity = {
  userName: 'user',
  domain: 'CONTOSO',
  sid: 'S-1-5-21-3623811015-3361044348-30300820-1013',
  elevated: false,
  interactiveUserName: 'user',
};

export function initialMachine(): MachineDocument {
  return {
    format: 1,
    identity: { ...PRACTICE_IDENTITY },
    processes: [],
    nextPid: 4100,
    services: [],
    dnsFlushCount: 0,
    fileVersions: {},
    keyContainers: [],
  };
}
