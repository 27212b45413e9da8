/**
 * The real Windows host: every port backed by Win32 calls made in-process through koffi.
 * Loaded only on win32 (the host factory imports this module dynamically), so no other
 * platform ever loads koffi's Windows bindings.
 */
import { release } from 'node:os';
import type { HostSystem } from '../ports';
import { createCertificateStores } from './certificates';
import { createCredentialVault } from './credentials';
import { createDnsCache } from './dns';
import { createFileSystem } from './files';
import { createIdentity } from './identity';
import { createProcesses } from './processes';
import { createRegistry } from './registry';
import { createSecretProtector } from './secrets';
import { createServices } from './services';

export async function createWindowsHost(): Promise<HostSystem> {
  return {
    kind: 'windows',
    description: `Windows ${release()}`,
    registry: createRegistry(),
    certificates: createCertificateStores(),
    credentials: createCredentialVault(),
    secrets: createSecretProtector(),
    files: createFileSystem(),
    processes: createProcesses(),
    services: createServices(),
    dns: createDnsCache(),
    identity: createIdentity(),
    // Handles are closed within the call, or (a registry key or certificate store shared by
    // reads that follow each other at once) as soon as the event loop turns: none stays open.
    async close() {},
  };
}
