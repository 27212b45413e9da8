/** Deletes the certificates issued by Communications Server for the plan's address (CurrentUser\My). */
import { certificateProblem } from '../diagnosis/context';
import { sameAddress } from '../sip-address';
import type { StepPlanner } from './planner';

export const removePersonalCertificate: StepPlanner = {
  needsAddress: true,
  async plan({ inventory, address = '', now }) {
    const certificates = inventory.certificates.communicationsServer.filter((certificate) =>
      certificate.addresses.some((candidate) => sameAddress(candidate, address)),
    );
    return {
      actions: certificates.map((certificate) => {
        const day = certificate.notAfter.toISOString().slice(0, 10);
        const problem = certificateProblem(certificate, now);
        const state =
          problem === 'expired'
            ? `expired ${day}`
            : problem
              ? `${problem}, valid until ${day}`
              : `valid until ${day}`;
        return {
          description: `Delete the certificate for ${address} issued by Communications Server (${state}, thumbprint ${certificate.thumbprint})`,
          target: {
            kind: 'certificate',
            store: `${certificate.store.location}\\${certificate.store.name}`,
            thumbprint: certificate.thumbprint,
            subject: certificate.subject,
            issuer: certificate.issuer,
            notAfter: certificate.notAfter.toISOString(),
          },
          internal: {
            kind: 'delete-certificate',
            store: certificate.store,
            thumbprint: certificate.thumbprint,
          },
        };
      }),
      ...(certificates.length === 0
        ? { note: `No certificate issued by Communications Server for ${address}.` }
        : {}),
    };
  },
};
