/**
 * The name a user and an administrator know a client by. 15.0 is one client that was renamed
 * by an update (Lync 2013, then Skype for Business 2015); 16.0 is every release from 2016 on,
 * told apart only by Click-to-Run's product ids or, for the 2016 MSI, by its build. Sources:
 * docs/clients.md.
 */
import type { ClientKind } from '../../../shared/findings';
import { CLIENT_SPECS } from './locations';
import { parseVersion } from '../diagnosis/version';

/** Click-to-Run product ids (ProductReleaseIds) that carry Skype for Business, best known first. */
const PRODUCT_NAMES: ReadonlyArray<{ ids: readonly string[]; name: string }> = [
  {
    ids: [
      'O365ProPlusRetail',
      'O365BusinessRetail',
      'O365ProPlusEEANoTeamsRetail',
      'O365BusinessEEANoTeamsRetail',
    ],
    name: 'Skype for Business (Microsoft 365 Apps)',
  },
  {
    ids: ['SkypeforBusiness2024Volume', 'ProPlus2024Volume'],
    name: 'Skype for Business LTSC 2024',
  },
  {
    ids: ['SkypeforBusiness2021Volume', 'SkypeforBusiness2021Retail', 'ProPlus2021Volume'],
    name: 'Skype for Business 2021',
  },
  {
    ids: [
      'SkypeforBusiness2019Volume',
      'SkypeforBusiness2019Retail',
      'ProPlus2019Volume',
      'ProPlus2019Retail',
    ],
    name: 'Skype for Business 2019',
  },
  { ids: ['SkypeforBusinessRetail', 'ProPlusRetail'], name: 'Skype for Business 2016' },
  {
    ids: ['SkypeforBusinessEntryRetail', 'SkypeforBusinessEntry2019Retail'],
    name: 'Skype for Business Basic',
  },
];

/** 16.0 MSI builds are 16.0.4xxx; Click-to-Run builds started at 16.0.6xxx. */
const LAST_MSI_BUILD = 5999;

export function familyName(kind: ClientKind): string {
  return CLIENT_SPECS.find((spec) => spec.kind === kind)?.displayName ?? kind;
}

export function clientName(options: {
  kind: ClientKind;
  installType: 'msi' | 'click-to-run';
  version?: string;
  productIds?: readonly string[];
}): string {
  if (options.kind !== 'sfb2016') return familyName(options.kind);
  const ids = new Set((options.productIds ?? []).map((id) => id.toLowerCase()));
  const named = PRODUCT_NAMES.find((product) =>
    product.ids.some((id) => ids.has(id.toLowerCase())),
  );
  if (named) return named.name;
  const build = options.version ? parseVersion(options.version)?.[2] : undefined;
  if (options.installType === 'msi' || (build !== undefined && build <= LAST_MSI_BUILD)) {
    return 'Skype for Business 2016';
  }
  return familyName('sfb2016');
}

/** The family a program belongs to, from its file version or, failing that, its path. */
export function kindOfProgram(path: string, version: string | undefined): ClientKind | undefined {
  const major = version ? parseVersion(version)?.[0] : undefined;
  if (major === 4) return 'lync2010';
  if (major === 15) return 'lync2013';
  if (major === 16) return 'sfb2016';
  const lower = path.toLowerCase();
  if (lower.endsWith('communicator.exe')) return 'lync2010';
  if (/[\\/]office15[\\/]lync\.exe$/.test(lower)) return 'lync2013';
  if (/[\\/]office16[\\/]lync\.exe$/.test(lower)) return 'sfb2016';
  return undefined;
}
