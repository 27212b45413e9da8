/**
 * The two documents exchanged with the elevated helper: the request the user's process writes
 * and the result the helper writes back. Both are strict; the nonce in the request must come
 * back in the result so a stale or planted result file is never believed.
 */
import * as z from '../../shared/model/zod';
import { ERROR_CODES } from '../../shared/errors';
import { BRACED_GUID, MAX_GUID_VALUE, type AdminOperation } from './admin-operations';

export const REQUEST_FORMAT = 'sfb-elevated-request' as const;
export const RESULT_FORMAT = 'sfb-elevated-result' as const;
/** Larger files are refused unread: both documents are a few hundred bytes. */
export const MAX_MESSAGE_BYTES = 4096;

const id = z.string().regex(/^[0-9a-f]{32}$/, 'a request id');
const nonce = z.string().regex(/^[0-9a-f]{64}$/, 'a 256-bit nonce');
/** A practice scenario name: an id the helper resolves itself, never a path. */
const scenario = z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/, 'a scenario name');

/** The closed table (admin-operations.ts) as strict objects: an extra field is refused. */
const adminOperationSchema: z.ZodType<AdminOperation> = z.discriminatedUnion('op', [
  z.strictObject({ op: z.literal('machine-guid.remove-braces') }),
  z.strictObject({
    op: z.literal('machine-guid.restore'),
    value: z.string().max(MAX_GUID_VALUE).regex(BRACED_GUID, 'a GUID in braces'),
  }),
]);

export const requestTargetSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('windows') }),
  z.strictObject({ kind: z.literal('practice'), scenario }),
]);
export type RequestTarget = z.infer<typeof requestTargetSchema>;

export const elevatedRequestSchema = z.strictObject({
  format: z.literal(REQUEST_FORMAT),
  version: z.literal(1),
  id,
  nonce,
  target: requestTargetSchema,
  operation: adminOperationSchema,
});
export type ElevatedRequest = z.infer<typeof elevatedRequestSchema>;

const guidValue = z.string().max(64);

export const elevatedResultSchema = z.strictObject({
  format: z.literal(RESULT_FORMAT),
  version: z.literal(1),
  id,
  nonce,
  /** `done`: changed and re-read; `unchanged`: already as asked; `refused`/`failed`: see error. */
  outcome: z.enum(['done', 'unchanged', 'refused', 'failed']),
  before: guidValue.optional(),
  after: guidValue.optional(),
  error: z.strictObject({ code: z.enum(ERROR_CODES), message: z.string().max(1000) }).optional(),
});
export type ElevatedResultDocument = z.infer<typeof elevatedResultSchema>;
