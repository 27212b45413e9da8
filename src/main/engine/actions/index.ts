/** One executor per kind of change. */
import { certificateAction } from './certificate-action';
import { credentialAction } from './credential-action';
import { dnsFlushAction } from './dns-action';
import type { ActionExecutor } from './executor';
import { fileAction } from './file-action';
import { folderAction } from './folder-action';
import type { InternalTarget, InternalTargetKind } from './internal-target';
import {
  registryKeyAction,
  registryValueDeleteAction,
  registryValueSetAction,
} from './registry-actions';

const EXECUTORS: { [K in InternalTargetKind]: ActionExecutor<K> } = {
  'delete-folder': folderAction,
  'delete-file': fileAction,
  'delete-certificate': certificateAction,
  'delete-credential': credentialAction,
  'delete-registry-key': registryKeyAction,
  'delete-registry-value': registryValueDeleteAction,
  'set-registry-value': registryValueSetAction,
  'flush-dns': dnsFlushAction,
};

/** The executor for a target, typed so it accepts exactly that target. */
export function executorFor(target: InternalTarget): ActionExecutor<InternalTargetKind> {
  return EXECUTORS[target.kind] as unknown as ActionExecutor<InternalTargetKind>;
}

export type { ActionContext } from './executor';
export { type InternalTarget } from './internal-target';
