/**
 * The host contract: behaviours every HostSystem shows, whether it is the practice PC or the
 * Windows adapters. The cases are safe on a real PC: each creates its own scratch registry key,
 * credentials, certificate and folder with a random marker and removes them again. HKLM is
 * only read; LocalMachine\CA gets one scratch certificate, removed again, and only where the
 * run is elevated (or on the practice PC).
 */
import { certificateCases } from './certificate-cases';
import type { ContractCase } from './contract-case';
import { credentialCases } from './credential-cases';
import { fileCases } from './file-cases';
import { registryCases } from './registry-cases';
import { secretCases } from './secret-cases';
import { systemCases } from './system-cases';

export type { ContractCase } from './contract-case';

export function hostContractCases(): ContractCase[] {
  return [
    ...registryCases(),
    ...certificateCases(),
    ...credentialCases(),
    ...secretCases(),
    ...fileCases(),
    ...systemCases(),
  ];
}
