/**
 * Planner for `remove-distrusted-root`: removes the user-level copy (CurrentUser\Root) of each
 * root that a Disallowed store also holds. Nothing in LocalMachine and nothing in Disallowed is
 * touched; the engine's certificate action backs the entry up (DER plus properties) and undo
 * imports it back exactly.
 */
import type { StepPlanner } from '../repairs/planner';
import { findDistrustedUserRoots, USER_ROOT_STORE } from './distrusted-roots';

export const ROOT_STORE_DIALOG_WARNING =
  'Windows asks you to confirm each change to your trusted root certificates in a dialog of its ' +
  'own: answer Yes there, now and again if you undo this step.';

export const removeDistrustedRoot: StepPlanner = {
  needsAddress: false,
  async plan({ host }) {
    const roots = await findDistrustedUserRoots(host.certificates);
    const warnings = roots
      .filter((root) => root.distrustedIn.includes('LocalMachine\\Disallowed'))
      .map(
        (root) =>
          `${root.subject} is also in LocalMachine\\Disallowed: removing the user-level copy does ` +
          'not lift that machine-wide distrust; an administrator must review LocalMachine\\Disallowed.',
      );
    if (roots.length > 0) {
      // Windows guards the user's Root store with its own dialog for every removal and every
      // addition, so the user meets it on apply and again on undo.
      warnings.push(ROOT_STORE_DIALOG_WARNING);
    }
    return {
      actions: roots.map((root) => ({
        description:
          `Remove ${root.knownCase === 'digicert-global-root-g2' ? 'the user-level copy of DigiCert Global Root G2' : `the user-level copy of ${root.subject}`} ` +
          `from CurrentUser\\Root (thumbprint ${root.thumbprint}; Windows distrusts it because it is also in ` +
          `${root.distrustedIn.join(' and ')}). The machine's trusted roots are not touched.`,
        target: {
          kind: 'certificate',
          store: 'CurrentUser\\Root',
          thumbprint: root.thumbprint,
          subject: root.subject,
          issuer: root.issuer,
          notAfter: root.notAfter,
        },
        internal: {
          kind: 'delete-certificate',
          store: USER_ROOT_STORE,
          thumbprint: root.thumbprint,
        },
      })),
      ...(roots.length === 0
        ? { note: 'No root in CurrentUser\\Root is also in a Disallowed store.' }
        : {}),
      ...(warnings.length > 0 ? { warnings } : {}),
    };
  },
};
