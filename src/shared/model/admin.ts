/**
 * The administrators' step's own result shapes, shared by the engine that produces them and the
 * words that describe them (src/shared/wording/admin.ts). What crosses to the wizard and the
 * report are findings (diagnosis.ts); these are the facts the findings are written from.
 */
import * as z from './zod';

/** A discovery record: found (and resolving), missing, dangling, unanswered, or retired online. */
export const discoveryStateSchema = z.enum([
  'found',
  'missing',
  'dangling',
  'no-answer',
  'retired',
]);
export type DiscoveryState = z.infer<typeof discoveryStateSchema>;

/** Which records a deployment publishes: internal ones, external ones, both or none. */
export const deploymentShapeSchema = z.enum([
  'internal-only',
  'external-only',
  'internal-and-external',
  'none',
]);
export type DeploymentShape = z.infer<typeof deploymentShapeSchema>;

export const revocationKindSchema = z.enum(['crl', 'ocsp']);
export type RevocationKind = z.infer<typeof revocationKindSchema>;

export const revocationOutcomeSchema = z.enum([
  'reachable',
  'unreachable',
  'timed-out',
  'not-tried',
  /** An OCSP responder answered, but not with an answer the client trusts (see its detail). */
  'untrusted-answer',
]);
export type RevocationOutcome = z.infer<typeof revocationOutcomeSchema>;

/** One revocation address named in a chain, tried from this PC. */
export const revocationCheckSchema = z.object({
  url: z.string(),
  kind: revocationKindSchema,
  outcome: revocationOutcomeSchema,
  /** What happened, in words ("served a CRL of 412 bytes", "connection refused"). */
  detail: z.string(),
  elapsedMs: z.number().int().nonnegative().optional(),
  /** What an OCSP responder said of the certificate asked about, in an answer signed for it. */
  certificateStatus: z.enum(['good', 'revoked', 'unknown']).optional(),
  /** Subjects of the certificates that name this address. */
  namedBy: z.array(z.string()),
});
export type RevocationCheck = z.infer<typeof revocationCheckSchema>;
