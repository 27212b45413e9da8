/**
 * What a diagnosis says, written once as schemas: the engine produces these shapes, the IPC
 * boundary validates them, the command line prints them and the wizard shows them. The types are
 * inferred; nothing restates them.
 */
import * as z from 'zod';
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

export const detectedClientSchema = z.object({
  kind: clientKindSchema,
  displayName: z.string(),
  version: z.string().optional(),
  executablePath: z.string().optional(),
  running: z.boolean(),
  /** Which registry view the installation was found in. */
  registryView: z.enum(['64', '32']),
});
export type DetectedClient = z.infer<typeof detectedClientSchema>;

export const hostKindSchema = z.enum(['windows', 'practice']);
export type HostKind = z.infer<typeof hostKindSchema>;

export const diagnosisReportSchema = z.object({
  id: z.string(),
  generatedAt: z.string(),
  hostKind: hostKindSchema,
  /** The scenario name when hostKind is practice. */
  practiceScenario: z.string().optional(),
  clients: z.array(detectedClientSchema),
  /** The address the client last signed in with (repairs default to it). */
  currentAddress: z.string().optional(),
  addresses: z.array(z.string()),
  findings: z.array(findingSchema),
});
export type DiagnosisReport = z.infer<typeof diagnosisReportSchema>;
