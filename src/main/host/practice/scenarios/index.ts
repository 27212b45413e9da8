/** The built-in scenarios by name. */
import {
  buildM365ClickToRun,
  buildMsiLeftoverClickToRun,
  buildSfb2019OnPrem,
} from './click-to-run-scenarios';
import {
  HEALTHY,
  KB_LYNC2010,
  KB_LYNC2013,
  MSI_LEFTOVER_C2R,
  SFB2019_ONPREM,
  SFB_M365_C2R,
  type FolderFact,
} from './facts';
import { buildKbLync2010 } from './lync2010-scenario';
import {
  buildClientRunning,
  buildHealthy,
  buildKbLync2013,
  buildMachineGuidBraces,
} from './lync2013-scenarios';
import type { ScenarioSeeder } from './scenario-seeder';

export interface ScenarioDefinition {
  name: string;
  description: string;
  /** Plants the scenario through the ports. */
  build(seed: ScenarioSeeder, now: Date): Promise<void>;
  /** Where scale options put bulk cache files. */
  primaryCacheFolder: FolderFact;
}

export const SCENARIOS: ScenarioDefinition[] = [
  {
    name: 'kb-lync2013',
    description:
      'Lync 2013 that cannot sign in: an expired Communications Server certificate, stale ' +
      'endpoint caches, saved credentials, a second account and unrelated certificates and ' +
      'credentials that must survive.',
    build: buildKbLync2013,
    primaryCacheFolder: KB_LYNC2013.cacheFolders.localPrimary,
  },
  {
    name: 'kb-lync2010',
    description:
      'Lync 2010 with an old client build, the first Sign-In Assistant release with its ' +
      'service stopped, an expired certificate, saved credentials and a stale cache.',
    build: buildKbLync2010,
    primaryCacheFolder: KB_LYNC2010.cacheFolders.localPrimary,
  },
  {
    name: 'healthy',
    description: 'Lync 2013 signed in with a valid certificate: nothing to repair.',
    build: buildHealthy,
    primaryCacheFolder: HEALTHY.primaryCacheFolder,
  },
  {
    name: 'machine-guid-braces',
    description: 'A healthy Lync 2013 PC whose MachineGuid is wrapped in braces.',
    build: buildMachineGuidBraces,
    primaryCacheFolder: HEALTHY.primaryCacheFolder,
  },
  {
    name: 'client-running',
    description: 'The kb-lync2013 profile while Lync is running and holding its cache open.',
    build: buildClientRunning,
    primaryCacheFolder: KB_LYNC2013.cacheFolders.localPrimary,
  },
  {
    name: 'sfb-m365-c2r',
    description:
      'Skype for Business from Microsoft 365 Apps (Click-to-Run, 64-bit, no MSI keys) with an ' +
      'expired certificate, 16.0 caches, Tracing, AccountProfiles.dat and saved credentials.',
    build: buildM365ClickToRun,
    primaryCacheFolder: SFB_M365_C2R.cacheFolders.localPrimary,
  },
  {
    name: 'sfb2019-onprem',
    description:
      'Skype for Business 2019 (Click-to-Run volume, 32-bit) signing in to an internal pool: its ' +
      'certificate is in date but its private key is gone; Lync and UcMapi.exe are running.',
    build: buildSfb2019OnPrem,
    primaryCacheFolder: SFB2019_ONPREM.cacheFolders.localPrimary,
  },
  {
    name: 'msi-leftover-c2r',
    description:
      'A live Microsoft 365 Apps Skype for Business beside the Lync 2013 MSI key (and 15.0 cache) ' +
      'its uninstall left behind.',
    build: buildMsiLeftoverClickToRun,
    primaryCacheFolder: MSI_LEFTOVER_C2R.cacheFolders.localPrimary,
  },
];

export function scenarioNamed(name: string): ScenarioDefinition | undefined {
  return SCENARIOS.find((scenario) => scenario.name === name);
}
