/**
 * The practice scenarios by name and description, and nothing else: every command lists or
 * checks them (the help, `--practice NAME`). How each one is built (scenarios/index.ts, with
 * its facts and builders) loads only when a practice PC is made, and the practice PC's host
 * only when one is opened.
 */

export const PRACTICE_SCENARIOS = [
  {
    name: 'kb-lync2013',
    description:
      'Lync 2013 that cannot sign in: an expired Communications Server certificate, stale ' +
      'endpoint caches, saved credentials, a second account and unrelated certificates and ' +
      'credentials that must survive.',
  },
  {
    name: 'kb-lync2010',
    description:
      'Lync 2010 with an old client build, the first Sign-In Assistant release with its ' +
      'service stopped, an expired certificate, saved credentials and a stale cache.',
  },
  {
    name: 'healthy',
    description: 'Lync 2013 signed in with a valid certificate: nothing to repair.',
  },
  {
    name: 'machine-guid-braces',
    description: 'A healthy Lync 2013 PC whose MachineGuid is wrapped in braces.',
  },
  {
    name: 'client-running',
    description: 'The kb-lync2013 profile while Lync is running and holding its cache open.',
  },
  {
    name: 'sfb-m365-c2r',
    description:
      'Skype for Business from Microsoft 365 Apps (Click-to-Run, 64-bit, no MSI keys) with an ' +
      'expired certificate, 16.0 caches, Tracing, AccountProfiles.dat and saved credentials.',
  },
  {
    name: 'sfb2019-onprem',
    description:
      'Skype for Business 2019 (Click-to-Run volume, 32-bit) signing in to an internal pool: its ' +
      'certificate is in date but its private key is gone; Lync and UcMapi.exe are running.',
  },
  {
    name: 'msi-leftover-c2r',
    description:
      'A live Microsoft 365 Apps Skype for Business beside the Lync 2013 MSI key (and 15.0 cache) ' +
      'its uninstall left behind.',
  },
] as const satisfies ReadonlyArray<{ name: string; description: string }>;

export type PracticeScenarioName = (typeof PRACTICE_SCENARIOS)[number]['name'];

export const DEFAULT_PRACTICE_SCENARIO: PracticeScenarioName = 'kb-lync2013';

export function isPracticeScenario(name: string): name is PracticeScenarioName {
  return PRACTICE_SCENARIOS.some((scenario) => scenario.name === name);
}
