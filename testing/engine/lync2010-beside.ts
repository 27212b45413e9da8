/**
 * Test support: installs Lync 2010 on a practice PC beside the client it has, through the ports
 * (its install key and a stand-in program), for the "two clients installed" cases.
 */
import type { HostSystem } from '../../src/main/host/ports';
import { KB_LYNC2010 } from '../../src/main/host/practice';

export async function installLync2010Beside(host: HostSystem): Promise<void> {
  const base = await host.files.knownFolder(KB_LYNC2010.installFolder.knownFolder);
  if (!base) throw new Error(`Known folder ${KB_LYNC2010.installFolder.knownFolder} is missing`);
  const folder = host.files.join(base, ...KB_LYNC2010.installFolder.segments);
  await host.files.writeFile(
    host.files.join(folder, KB_LYNC2010.executableName),
    new Uint8Array(Buffer.from('MZ Lync 2010 stand-in')),
  );
  await host.registry.setValue(KB_LYNC2010.installKey, 'InstallationDirectory', {
    type: 'REG_SZ',
    data: `${folder}\\`,
  });
}
