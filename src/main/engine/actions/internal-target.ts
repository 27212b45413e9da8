/**
 * What an action acts on, in host terms (paths, store + thumbprint, registry refs). These never
 * leave the main process: the user sees `ActionTarget`, the renderer sends back action ids, and
 * the engine looks the internal target up again from the plan it saved. Schemas guard plan and
 * journal files read back from disk.
 */
import * as z from '../../../shared/model/zod';
import { registryValueSchema } from '../../../shared/model/registry-value';

const registryKeySchema = z.object({
  hive: z.enum(['HKCU', 'HKLM']),
  path: z.string().min(1),
  view: z.enum(['64', '32']).optional(),
});

export const certificateStoreSchema = z.object({
  location: z.enum(['CurrentUser', 'LocalMachine']),
  name: z.enum(['My', 'Root', 'CA', 'Disallowed']),
});

export const internalTargetSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('delete-folder'), path: z.string().min(1) }),
  z.object({ kind: z.literal('delete-file'), path: z.string().min(1) }),
  z.object({
    kind: z.literal('delete-certificate'),
    store: certificateStoreSchema,
    thumbprint: z.string().regex(/^[0-9A-F]{40}$/),
  }),
  z.object({
    kind: z.literal('delete-credential'),
    targetName: z.string().min(1),
    type: z.enum(['generic', 'domain-password', 'domain-certificate']),
  }),
  z.object({ kind: z.literal('delete-registry-key'), key: registryKeySchema }),
  z.object({
    kind: z.literal('delete-registry-value'),
    key: registryKeySchema,
    name: z.string(),
    expected: registryValueSchema,
  }),
  z.object({
    kind: z.literal('set-registry-value'),
    key: registryKeySchema,
    name: z.string(),
    expected: registryValueSchema,
    value: registryValueSchema,
  }),
  z.object({ kind: z.literal('flush-dns') }),
]);

export type InternalTarget = z.infer<typeof internalTargetSchema>;
export type InternalTargetKind = InternalTarget['kind'];
export type TargetOf<K extends InternalTargetKind> = Extract<InternalTarget, { kind: K }>;
