/**
 * The transport names of the operation table, without its schemas: the sandboxed preload needs
 * only these, and importing the table itself would bundle zod into it. `operations.ts` checks at
 * compile time that this list and the table name the same operations.
 */
export const OPERATION_NAME_LIST = [
  'session.info',
  'diagnosis.run',
  'admin.check',
  'repair.plan',
  'repair.apply',
  'client.status',
  'client.close',
  'client.start',
  'runs.list',
  'runs.undo',
  'runs.recover',
  'backups.list',
  'backups.purge',
  'report.build',
  'practice.list',
  'practice.reset',
  'app.restartAsUser',
  'app.openExternal',
  'lock.break',
] as const;

export type OperationNameInList = (typeof OPERATION_NAME_LIST)[number];

export const channelFor = (name: OperationNameInList): string => `sfb:${name}`;
export const PROGRESS_CHANNEL = 'sfb:progress';

/**
 * The name under which the preload exposes the `RepairClient` bridge in the renderer's main
 * world (`window.sfbRepair`). The browser tests install the same shape under the same name.
 */
export const BRIDGE_GLOBAL = 'sfbRepair';
