/**
 * Whether the installed client can sign in where TLS 1.0 and 1.1 are switched off, as on every
 * Skype for Business Server 2019 and Subscription Edition pool. Minimum builds from Microsoft's
 * "Disable TLS 1.0/1.1 in Skype for Business Server 2015"
 * (OfficeDocs-SkypeForBusiness Skype/SfbServer/manage/topology/disable-tls-1.0-1.1.md).
 */
import type { InstalledClient } from '../inventory';
import { compareVersions, parseVersion } from './version';

export const TLS12_MINIMUM = {
  /** April 3, 2018 update for Skype for Business 2015 (Lync 2013), KB 4018334. */
  lync2013: '15.0.5023.1000',
  /** April 3, 2018 update for Skype for Business 2016 MSI, KB 4018323. */
  sfb2016Msi: '16.0.4678.1000',
  /** Click-to-Run, Monthly and Semi-Annual Targeted channels (April 2018 updates). */
  clickToRunMonthly: '16.0.9126.2152',
  /** Click-to-Run, Semi-Annual and Deferred channels. */
  clickToRunSemiAnnual: '16.0.8431.2242',
} as const;

/** Click-to-Run update channel ids (UpdateChannel / CDNBaseUrl) of the Semi-Annual channels. */
const SEMI_ANNUAL_CHANNELS = [
  '7ffbc6bf-bc32-4f92-8982-f9dd17fd3114',
  'b8f9b850-328d-4355-9145-c59439a0c4cf',
];

export const LYNC2010_TLS_TEXT =
  'Lync 2010 cannot sign in to Skype for Business Server 2019, Skype for Business Server Subscription Edition, or any server where TLS 1.0 and 1.1 are switched off; only Lync 2013 / Skype for Business 2015 or later can.';

export interface Readiness {
  ready: boolean;
  /** Plain words, with the way to update, when not ready. */
  text?: string;
}

function below(version: string | undefined, minimum: string): boolean | undefined {
  const parsed = version ? parseVersion(version) : undefined;
  if (!parsed) return undefined;
  return compareVersions(parsed, parseVersion(minimum) as number[]) < 0;
}

export function tlsReadiness(client: InstalledClient): Readiness {
  if (client.kind === 'lync2010') return { ready: false, text: LYNC2010_TLS_TEXT };
  const name = `${client.displayName} ${client.version ?? ''}`.trim();
  if (client.kind === 'lync2013') {
    return below(client.version, TLS12_MINIMUM.lync2013)
      ? {
          ready: false,
          text: `${name} is older than ${TLS12_MINIMUM.lync2013}, the first build that signs in over TLS 1.2 only: install the latest Skype for Business 2015 (Lync 2013) update from Microsoft Update (at least KB 4018334).`,
        }
      : { ready: true };
  }
  if (client.installType === 'msi') {
    return below(client.version, TLS12_MINIMUM.sfb2016Msi)
      ? {
          ready: false,
          text: `${name} is older than ${TLS12_MINIMUM.sfb2016Msi}, the first build that signs in over TLS 1.2 only: install the latest Skype for Business 2016 update from Microsoft Update (at least KB 4018323).`,
        }
      : { ready: true };
  }
  const semiAnnual = SEMI_ANNUAL_CHANNELS.some((id) =>
    (client.channel ?? '').toLowerCase().includes(id),
  );
  const minimum = semiAnnual ? TLS12_MINIMUM.clickToRunSemiAnnual : TLS12_MINIMUM.clickToRunMonthly;
  return below(client.version, minimum)
    ? {
        ready: false,
        text: `${name} is older than ${minimum}, the first build of its update channel that signs in over TLS 1.2 only: update Office (in any Office app: File > Office Account > Update Options > Update Now).`,
      }
    : { ready: true };
}
