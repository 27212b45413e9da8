/** Deletes every `sip_<address>` folder of the plan's address, in every location. */
import { sameAddress } from '../sip-address';
import { describeSize, plural, type StepPlanner } from './planner';

export const clearEndpointCache: StepPlanner = {
  needsAddress: true,
  async plan({ inventory, address = '' }) {
    const folders = inventory.cacheFolders.filter((folder) => sameAddress(folder.address, address));
    return {
      actions: folders.map((folder) => ({
        description: `Delete the folder ${folder.name} in ${folder.location} (${plural(folder.fileCount, 'file')}, ${folder.sizeEstimated ? 'about ' : ''}${describeSize(folder.totalBytes)})`,
        target: {
          kind: 'folder',
          path: folder.path,
          fileCount: folder.fileCount,
          totalBytes: folder.totalBytes,
          ...(folder.sizeEstimated ? { sizeEstimated: true as const } : {}),
        },
        internal: { kind: 'delete-folder', path: folder.path },
      })),
      ...(folders.length === 0 ? { note: `No endpoint cache for ${address}.` } : {}),
    };
  },
};
