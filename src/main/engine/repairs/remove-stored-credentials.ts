/**
 * Deletes the `Microsoft_OC1:uri=<address>:...` credentials. Office's own
 * `MicrosoftOffice1x_Data:*` credentials are never part of this step (they sign every Office
 * app in); the vault is enumerated with the `Microsoft_OC1:*` filter only.
 */
import { sameAddress } from '../sip-address';
import type { StepPlanner } from './planner';

export const removeStoredCredentials: StepPlanner = {
  needsAddress: true,
  async plan({ inventory, address = '' }) {
    const credentials = inventory.credentials.filter(
      (credential) => credential.address !== undefined && sameAddress(credential.address, address),
    );
    return {
      actions: credentials.map((credential) => ({
        description: `Remove the saved sign-in credential ${credential.targetName}${credential.userName ? ` (user ${credential.userName})` : ''}`,
        target: {
          kind: 'credential',
          targetName: credential.targetName,
          userName: credential.userName,
          credentialType: credential.type,
        },
        internal: {
          kind: 'delete-credential',
          targetName: credential.targetName,
          type: credential.type,
        },
      })),
      ...(credentials.length === 0 ? { note: `No saved sign-in passwords for ${address}.` } : {}),
    };
  },
};
