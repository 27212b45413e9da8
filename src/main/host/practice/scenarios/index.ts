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
import { PRACTICE_SCENARIOS, type PracticeScenarioName } from '../scenario-catalogue';
import type { ScenarioSeeder } from './scenario-seeder';

export interface ScenarioDefinition {
  name: string;
  description: string;
  /** Plants the scenario through the ports. */
  build(seed: ScenarioSeeder, now: Date): Promise<void>;
  /** Where scale options put bulk cache files. */
  primaryCacheFolder: FolderFact;
}

/** How each scenario of the catalogue is built; every name there has its entry here. */
const BUILDERS: Record<
  PracticeScenarioName,
  Pick<ScenarioDefinition, 'build' | 'primaryCacheFolder'>
> = {
  'kb-lync2013': {
    build: buildKbLync2013,
    primaryCacheFolder: KB_LYNC2013.cacheFolders.localPrimary,
  },
  'kb-lync2010': {
    build: buildKbLync2010,
    primaryCacheFolder: KB_LYNC2010.cacheFolders.localPrimary,
  },
  healthy: { build: buildHealthy, primaryCacheFolder: HEALTHY.primaryCacheFolder },
  'machine-guid-braces': {
    build: buildMachineGuidBraces,
    primaryCacheFolder: HEALTHY.primaryCacheFolder,
  },
  'client-running': {
    build: buildClientRunning,
    primaryCacheFolder: KB_LYNC2013.cacheFolders.localPrimary,
  },
  'sfb-m365-c2r': {
    build: buildM365ClickToRun,
    primaryCacheFolder: SFB_M365_C2R.cacheFolders.localPrimary,
  },
  'sfb2019-onprem': {
    build: buildSfb2019OnPrem,
    primaryCacheFolder: SFB2019_ONPREM.cacheFolders.localPrimary,
  },
  'msi-leftover-c2r': {
    build: buildMsiLeftoverClickToRun,
    primaryCacheFolder: MSI_LEFTOVER_C2R.cacheFolders.localPrimary,
  },
};

export const SCENARIOS: ScenarioDefinition[] = PRACTICE_SCENARIOS.map((scenario) => ({
  ...scenario,
  ...BUILDERS[scenario.name],
}));

export function scenarioNamed(name: string): ScenarioDefinition | undefined {
  return SCENARIOS.find((scenario) => scenario.name === name);
}
