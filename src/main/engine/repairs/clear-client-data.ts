/**
 * The two further deletions of Microsoft's current sign-in procedure, for the primary client's
 * Office version: the Tracing folder (through the same folder action as the endpoint caches)
 * and AccountProfiles.dat. Neither belongs to one address.
 */
import { describeSize, plural, type StepPlanner } from './planner';

export const clearTracingFolder: StepPlanner = {
  needsAddress: false,
  async plan({ inventory }) {
    const tracing = inventory.clientData.tracing;
    if (!tracing) return { actions: [], note: "The client's Tracing folder does not exist." };
    return {
      actions: [
        {
          description: `Delete the folder Tracing in ${tracing.location.replace(/\\Tracing$/, '')} (${plural(tracing.fileCount, 'file')}, ${tracing.sizeEstimated ? 'about ' : ''}${describeSize(tracing.totalBytes)})`,
          target: {
            kind: 'folder',
            path: tracing.path,
            fileCount: tracing.fileCount,
            totalBytes: tracing.totalBytes,
            ...(tracing.sizeEstimated ? { sizeEstimated: true as const } : {}),
          },
          internal: { kind: 'delete-folder', path: tracing.path },
        },
      ],
    };
  },
};

export const removeAccountProfiles: StepPlanner = {
  needsAddress: false,
  async plan({ inventory }) {
    const profiles = inventory.clientData.accountProfiles;
    if (!profiles) return { actions: [], note: 'There is no AccountProfiles.dat.' };
    return {
      actions: [
        {
          description: `Delete the file AccountProfiles.dat in ${profiles.location.replace(/\\AccountProfiles\.dat$/, '')} (${describeSize(profiles.size)})`,
          target: { kind: 'file', path: profiles.path, size: profiles.size },
          internal: { kind: 'delete-file', path: profiles.path },
        },
      ],
    };
  },
};
