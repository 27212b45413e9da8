/**
 * The parts of the practice PC that are not registry, stores or files: who is signed in, which
 * processes run, the service table, how often DNS was flushed, and the version resources of the
 * executables the scenario installed (Linux files have none, so the scenario records them).
 */
import * as z from 'zod/mini';
import type { Identity, ServiceStatus } from '../ports';

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

const identitySchema = z.object({
  userName: z.string().check(z.minLength(1)),
  domain: z.string(),
  sid: z.string().check(z.regex(/^S-1-(\d+-)*\d+$/, 'a SID like S-1-5-21-...')),
  elevated: z.boolean(),
  interactiveUserName: z.optional(z.string()),
});

export const machineDocumentSchema: z.ZodMiniType<MachineDocument> = z.object({
  format: z.literal(1),
  identity: identitySchema,
  processes: z.array(
    z.object({
      pid: z.int().check(z.positive()),
      name: z.string().check(z.minLength(1)),
      path: z.optional(z.string()),
      ownedByCurrentUser: z.boolean(),
      ignoresClose: z.boolean(),
      signedInAddress: z.optional(z.string()),
      holds: z.optional(z.array(z.string())),
    }),
  ),
  nextPid: z.int().check(z.positive()),
  services: z.array(
    z.object({
      name: z.string().check(z.minLength(1)),
      state: z.enum(['running', 'stopped', 'start-pending', 'stop-pending', 'paused', 'unknown']),
      startType: z.optional(z.enum(['automatic', 'manual', 'disabled'])),
    }),
  ),
  dnsFlushCount: z.int().check(z.minimum(0)),
  fileVersions: z.record(z.string(), z.string()),
  keyContainers: z.optional(z.array(z.string())),
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
