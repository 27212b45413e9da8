/**
 * What a diagnosis says, written once as schemas: the engine produces these shapes, the IPC
 * boundary validates them, the command line prints them and the wizard shows them. The types are
 * inferred; nothing restates them.
 */
import * as z from './zod';
import { EVIDENCE_KINDS, FINDING_IDS, FINDING_STATUSES, KB_STEP_IDS } from '../findings';
import { REPAIR_STEP_IDS } from '../repairs';

export const findingIdSchema = z.enum(FINDING_IDS);
export const kbStepIdSchema = z.enum(KB_STEP_IDS);
export const repairStepIdSchema = z.enum(REPAIR_STEP_IDS);

/** One fact behind a finding. Never a secret: credential secrets and keys are not evidence. */
export const evidenceSchema = z.object({
  kind: z.enum(EVIDENCE_KINDS),
  label: z.string(),
  value: z.string(),
});
export type Evidence = z.infer<typeof evidenceSchema>;

export const findingSchema = z.object({
  id: findingIdSchema,
  status: z.enum(FINDING_STATUSES),
  kbStep: kbStepIdSchema,
  /** One line, plain words, fit for an end user. */
  summary: z.string(),
  /** Longer explanation for the helpdesk view and the report. */
  detail: z.string().optional(),
  evidence: z.array(evidenceSchema),
  /** Repair steps that address this finding. */
  repairs: z.array(repairStepIdSchema),
});
export type Finding = z.infer<typeof findingSchema>;

export const CLIENT_KINDS = ['lync2010', 'lync2013', 'sfb2016'] as const;
export const clientKindSchema = z.enum(CLIENT_KINDS);
export type ClientKind = z.infer<typeof clientKindSchema>;

/** The client family, which decides the per-user folders and keys (Communicator, 15.0, 16.0). */
export const detectedClientSchema = z.object({
  kind: clientKindSchema,
  /** "Lync 2013 / Skype for Business 2015", "Skype for Business 2019", ... */
  displayName: z.string(),
  /** The program's file version. */
  version: z.string().optional(),
  executablePath: z.string().optional(),
  running: z.boolean(),
  /** Which registry view the installation was found in. */
  registryView: z.enum(['64', '32']),
  /** Windows Installer (MSI) or Click-to-Run. */
  installType: z.enum(['msi', 'click-to-run']),
  /** Whether the program is a 64-bit or a 32-bit build, where that is known. */
  bitness: z.enum(['64', '32']).optional(),
});
export type DetectedClient = z.infer<typeof detectedClientSchema>;

export const hostKindSchema = z.enum(['windows', 'practice']);

/** The KB article's resolution path: Lync 2010's, or Lync 2013's (which later clients follow). */
export const KB_PATHS = ['lync2010', 'lync2013'] as const;
export const kbPathSchema = z.enum(KB_PATHS);
export type KbPath = z.infer<typeof kbPathSchema>;

/**
 * The app runs as another account than the one signed in to Windows (started "as
 * administrator" with an admin account, or through runas): per-user steps would act on the
 * wrong profile, so only the machine-wide ones may run.
 */
export const wrongProfileSchema = z.object({
  /** The account the process runs as ("CONTOSO\admin"). */
  runningAs: z.string(),
  /** The account signed in to Windows ("user"). */
  signedIn: z.string(),
  elevated: z.boolean(),
});
export type WrongProfile = z.infer<typeof wrongProfileSchema>;

export const diagnosisReportSchema = z.object({
  id: z.string(),
  generatedAt: z.string(),
  hostKind: hostKindSchema,
  /** The scenario name when hostKind is practice. */
  practiceScenario: z.string().optional(),
  /** Installed sign-in clients whose program exists, the primary one first. */
  clients: z.array(detectedClientSchema),
  /**
   * The user's client: the one the KB path, "start again" and the folders are chosen for. The
   * newest sign-in client whose program exists; never the Lync 2010 Attendee.
   */
  primaryClient: detectedClientSchema.optional(),
  /** The resolution the wizard shows and `repair --all` follows, chosen for the primary client. */
  kbPath: kbPathSchema,
  /**
   * The steps that fix what this diagnosis found, on its KB path, plus the DNS flush the KB
   * always suggests, in table order: what `repair --all` applies and the wizard leads through.
   */
  recommendedSteps: z.array(repairStepIdSchema),
  /** Set when the app runs as another account than the signed-in one (see wrongProfileSchema). */
  wrongProfile: wrongProfileSchema.optional(),
  /** The address the client last signed in with (repairs default to it). */
  currentAddress: z.string().optional(),
  addresses: z.array(z.string()),
  findings: z.array(findingSchema),
});
export type DiagnosisReport = z.infer<typeof diagnosisReportSchema>;
