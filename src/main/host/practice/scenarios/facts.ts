/**
 * The facts each built-in scenario plants, for tests and docs to refer to by name rather than
 * by repeating strings. Folder locations are given as segments below a known folder, because
 * the practice PC decides where its known folders are. Certificate thumbprints are not facts:
 * every practice PC gets freshly generated certificates; find them by issuer and subject.
 */
import type { RegistryKeyRef } from '../../../../shared/registry-value';
import type { CredentialType, KnownFolderId } from '../../ports';

export interface FolderFact {
  knownFolder: KnownFolderId;
  segments: readonly string[];
}

export interface CredentialFact {
  targetName: string;
  type: CredentialType;
  userName: string;
  /** The secret as text; stored as UTF-16LE bytes, as Lync stores passwords. */
  secret: string;
}

export const COMMUNICATIONS_SERVER_ISSUER = 'CN=Communications Server';
export const PRACTICE_MACHINE_GUID = 'c1cbd94c-0d35-414c-89ef-dd092b984883';
export const MACHINE_GUID_KEY: RegistryKeyRef = {
  hive: 'HKLM',
  path: 'SOFTWARE\\Microsoft\\Cryptography',
  view: '64',
};

export function secretBytes(secret: string): Uint8Array {
  return new Uint8Array(Buffer.from(secret, 'utf16le'));
}

const PRIMARY = 'user@contoso.com';
const SECOND = 'other@fabrikam.com';

/** Credentials and certificates that belong to other software and must survive every repair. */
export const DECOYS = {
  credentials: [
    {
      targetName: `MicrosoftOffice15_Data:SSPI:${PRIMARY}`,
      type: 'generic',
      userName: PRIMARY,
      secret: 'office15-sspi-token',
    },
    {
      targetName: `MicrosoftOffice16_Data:orgid:${PRIMARY}`,
      type: 'generic',
      userName: PRIMARY,
      secret: 'office16-orgid-token',
    },
    {
      targetName: 'git:https://example.com',
      type: 'generic',
      userName: 'user',
      secret: 'ghp_practiceTokenNotReal0001',
    },
  ] as CredentialFact[],
  vpnCertificate: {
    subject: 'CN=user, OU=VPN Users, O=Contoso',
    issuer: 'CN=Contoso Issuing CA 01, O=Contoso',
    friendlyName: 'Contoso VPN',
  },
  smimeCertificate: {
    subject: `CN=${PRIMARY}, O=Contoso`,
    issuer: 'CN=Fabrikam Secure Mail CA, O=Fabrikam',
    email: PRIMARY,
    friendlyName: 'Contoso secure mail',
  },
} as const;

/** Roots every scenario trusts, so the administrators' chain check has real stores to use. */
export const PRACTICE_ROOTS = {
  contosoRoot: 'CN=Contoso Root CA, O=Contoso',
  fabrikamRoot: 'CN=Fabrikam Secure Mail CA, O=Fabrikam',
  practiceRoot: 'CN=Practice Global Root G2, O=Practice Trust',
  /** Intermediate in LocalMachine\CA, issued by the Contoso root, issuer of the VPN certificate. */
  contosoIssuing: 'CN=Contoso Issuing CA 01, O=Contoso',
  /** CurrentUser\Root holds the Contoso root; LocalMachine\Root holds all three roots. */
  currentUserRoots: ['CN=Contoso Root CA, O=Contoso'],
  localMachineRoots: [
    'CN=Contoso Root CA, O=Contoso',
    'CN=Fabrikam Secure Mail CA, O=Fabrikam',
    'CN=Practice Global Root G2, O=Practice Trust',
  ],
} as const;

const LYNC2013_CACHE = ['Microsoft', 'Office', '15.0', 'Lync'];
const COMMUNICATOR_CACHE = ['Microsoft', 'Communicator'];

export const KB_LYNC2013 = {
  primaryAddress: PRIMARY,
  secondAddress: SECOND,
  serverUsername: 'CONTOSO\\user',
  /** Lync 2013 SP1: older than the first build that signs in over TLS 1.2 only. */
  clientVersion: '15.0.4569.1506',
  clientName: 'Lync 2013 / Skype for Business 2015',
  executableName: 'lync.exe',
  installKey: {
    hive: 'HKLM',
    path: 'SOFTWARE\\Microsoft\\Office\\15.0\\Lync',
    view: '32',
  } as RegistryKeyRef,
  /** Physical location of the install key (32-bit view redirection). */
  installKeyPhysical: {
    hive: 'HKLM',
    path: 'SOFTWARE\\WOW6432Node\\Microsoft\\Office\\15.0\\Lync',
    view: '64',
  } as RegistryKeyRef,
  installFolder: { knownFolder: 'ProgramFilesX86', segments: ['Microsoft Office', 'Office15'] },
  userSettingsKey: {
    hive: 'HKCU',
    path: 'Software\\Microsoft\\Office\\15.0\\Lync',
  } as RegistryKeyRef,
  /** Values directly in the user settings key. */
  userSettings: {
    ServerSipUri: { type: 'REG_SZ', data: PRIMARY },
    ServerUsername: { type: 'REG_SZ', data: 'CONTOSO\\user' },
    SavePassword: { type: 'REG_DWORD', data: 1 },
    FirstRun: { type: 'REG_DWORD', data: 1 },
  },
  /** Per-address subkeys of the user settings key (a REG_BINARY and REG_QWORD among them). */
  addressSubkeys: [PRIMARY, SECOND],
  runningStateKey: { hive: 'HKCU', path: 'Software\\IM Providers\\Lync' } as RegistryKeyRef,
  policyKey: {
    hive: 'HKLM',
    path: 'SOFTWARE\\Policies\\Microsoft\\Office\\15.0\\Lync',
    view: '64',
  } as RegistryKeyRef,
  machineGuid: PRACTICE_MACHINE_GUID,
  /** Endpoint cache folders (sip_<address>) and what sits beside them. */
  cacheFolders: {
    localPrimary: { knownFolder: 'LocalAppData', segments: [...LYNC2013_CACHE, `sip_${PRIMARY}`] },
    localSecond: { knownFolder: 'LocalAppData', segments: [...LYNC2013_CACHE, `sip_${SECOND}`] },
    localTracing: { knownFolder: 'LocalAppData', segments: [...LYNC2013_CACHE, 'Tracing'] },
    roamingPrimary: {
      knownFolder: 'RoamingAppData',
      segments: [...LYNC2013_CACHE, `sip_${PRIMARY}`],
    },
    roamingAccountProfiles: {
      knownFolder: 'RoamingAppData',
      segments: [...LYNC2013_CACHE, 'AccountProfiles.dat'],
    },
    lync2010Leftover: {
      knownFolder: 'LocalAppData',
      segments: [...COMMUNICATOR_CACHE, `sip_${PRIMARY}`],
    },
  } satisfies Record<string, FolderFact>,
  /** Files in the primary local sip_ folder, relative to it. */
  primaryCacheFiles: [
    'EndpointConfiguration.cache',
    'GalContacts.db',
    'GalContacts.db.idx',
    'ABS/GalContacts.lsabs',
  ],
  credentials: {
    primaryOcs: {
      targetName: `Microsoft_OC1:uri=${PRIMARY}:specific:OCS:1`,
      type: 'generic',
      userName: 'CONTOSO\\user',
      secret: 'Pa55word-OCS',
    },
    primaryEws: {
      targetName: `Microsoft_OC1:uri=${PRIMARY}:specific:EWS:1`,
      type: 'generic',
      userName: 'CONTOSO\\user',
      secret: 'Pa55word-EWS',
    },
    secondOcs: {
      targetName: `Microsoft_OC1:uri=${SECOND}:specific:OCS:1`,
      type: 'generic',
      userName: 'FABRIKAM\\other',
      secret: 'Fabrikam-OCS-secret',
    },
  } satisfies Record<string, CredentialFact>,
  decoyCredentials: DECOYS.credentials,
  certificates: {
    /** CurrentUser\My, expired, with a private key. */
    expiredPrimary: {
      subject: `CN=${PRIMARY}`,
      issuer: COMMUNICATIONS_SERVER_ISSUER,
      sipUri: `sip:${PRIMARY}`,
      hasPrivateKey: true,
    },
    /** CurrentUser\My, valid, for the second account. */
    validSecond: {
      subject: `CN=${SECOND}`,
      issuer: COMMUNICATIONS_SERVER_ISSUER,
      sipUri: `sip:${SECOND}`,
      hasPrivateKey: true,
    },
    vpn: DECOYS.vpnCertificate,
    smime: DECOYS.smimeCertificate,
  },
} as const;

export const CLIENT_RUNNING = {
  ...KB_LYNC2013,
  /** The running lync.exe: cooperative, the current user's, signed in as the primary address. */
  process: { name: 'lync.exe', pid: 4242, ownedByCurrentUser: true, ignoresClose: false },
  upAndRunning: 2,
} as const;

export const HEALTHY = {
  primaryAddress: PRIMARY,
  /** The April 2018 update: the first Lync 2013 build that signs in over TLS 1.2 only. */
  clientVersion: '15.0.5023.1000',
  clientName: KB_LYNC2013.clientName,
  installKey: KB_LYNC2013.installKey,
  installFolder: KB_LYNC2013.installFolder,
  userSettingsKey: KB_LYNC2013.userSettingsKey,
  userSettings: {
    ServerSipUri: { type: 'REG_SZ', data: PRIMARY },
    ServerUsername: { type: 'REG_SZ', data: 'CONTOSO\\user' },
    SavePassword: { type: 'REG_DWORD', data: 0 },
    FirstRun: { type: 'REG_DWORD', data: 0 },
  },
  machineGuid: PRACTICE_MACHINE_GUID,
  /** CurrentUser\My: a valid Communications Server certificate, plus the VPN and S/MIME decoys. */
  certificates: {
    validPrimary: {
      subject: `CN=${PRIMARY}`,
      issuer: COMMUNICATIONS_SERVER_ISSUER,
      sipUri: `sip:${PRIMARY}`,
      hasPrivateKey: true,
    },
    vpn: DECOYS.vpnCertificate,
    smime: DECOYS.smimeCertificate,
  },
  /** No sip_ folders, no Microsoft_OC1 credentials; only the decoy credentials. */
  decoyCredentials: DECOYS.credentials,
  /** Where scale options put cache files (created only then). */
  primaryCacheFolder: KB_LYNC2013.cacheFolders.localPrimary,
} as const;

export const MACHINE_GUID_BRACES = {
  ...HEALTHY,
  machineGuid: `{${PRACTICE_MACHINE_GUID}}`,
} as const;

export const KB_LYNC2010 = {
  primaryAddress: PRIMARY,
  clientVersion: '4.0.7577.0',
  clientName: 'Lync 2010',
  executableName: 'communicator.exe',
  installKey: {
    hive: 'HKLM',
    path: 'SOFTWARE\\Microsoft\\Communicator',
    view: '32',
  } as RegistryKeyRef,
  installFolder: { knownFolder: 'ProgramFilesX86', segments: ['Microsoft Lync'] } as FolderFact,
  signInAssistantKey: {
    hive: 'HKLM',
    path: 'SOFTWARE\\Microsoft\\MSOIdentityCRL',
    view: '64',
  } as RegistryKeyRef,
  signInAssistantVersion: '7.250.4303.0',
  signInAssistantService: { name: 'msoidsvc', state: 'stopped', startType: 'automatic' },
  userSettingsKey: { hive: 'HKCU', path: 'Software\\Microsoft\\Communicator' } as RegistryKeyRef,
  userSettings: {
    ServerSipUri: { type: 'REG_SZ', data: PRIMARY },
    SavePassword: { type: 'REG_DWORD', data: 1 },
    ServerAddressInternal: { type: 'REG_SZ', data: 'sipinternal.contoso.com' },
    ServerAddressExternal: { type: 'REG_SZ', data: 'sip.contoso.com' },
    Transport: { type: 'REG_SZ', data: 'TLS' },
  },
  runningStateKey: {
    hive: 'HKCU',
    path: 'Software\\IM Providers\\Communicator',
  } as RegistryKeyRef,
  machineGuid: PRACTICE_MACHINE_GUID,
  cacheFolders: {
    localPrimary: {
      knownFolder: 'LocalAppData',
      segments: [...COMMUNICATOR_CACHE, `sip_${PRIMARY}`],
    },
  } satisfies Record<string, FolderFact>,
  primaryCacheFiles: ['EndpointConfiguration.cache', 'GalContacts.db'],
  credentials: {
    primaryOcs: KB_LYNC2013.credentials.primaryOcs,
    primaryEws: KB_LYNC2013.credentials.primaryEws,
  } satisfies Record<string, CredentialFact>,
  decoyCredentials: DECOYS.credentials,
  certificates: {
    expiredPrimary: KB_LYNC2013.certificates.expiredPrimary,
    vpn: DECOYS.vpnCertificate,
    smime: DECOYS.smimeCertificate,
  },
} as const;

const SFB16_CACHE = ['Microsoft', 'Office', '16.0', 'Lync'];
const CLICK_TO_RUN = 'SOFTWARE\\Microsoft\\Office\\ClickToRun';

/** The per-user side every 16.0 scenario shares: settings, caches, tracing, credentials. */
const SFB16_PROFILE = {
  primaryAddress: PRIMARY,
  executableName: 'lync.exe',
  configurationKey: {
    hive: 'HKLM',
    path: `${CLICK_TO_RUN}\\Configuration`,
    view: '64',
  } as RegistryKeyRef,
  appPathsKey: {
    hive: 'HKLM',
    path: 'SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\App Paths\\lync.exe',
    view: '64',
  } as RegistryKeyRef,
  userSettingsKey: {
    hive: 'HKCU',
    path: 'Software\\Microsoft\\Office\\16.0\\Lync',
  } as RegistryKeyRef,
  userSettings: KB_LYNC2013.userSettings,
  runningStateKey: KB_LYNC2013.runningStateKey,
  cacheFolders: {
    localPrimary: { knownFolder: 'LocalAppData', segments: [...SFB16_CACHE, `sip_${PRIMARY}`] },
    localTracing: { knownFolder: 'LocalAppData', segments: [...SFB16_CACHE, 'Tracing'] },
    roamingPrimary: {
      knownFolder: 'RoamingAppData',
      segments: [...SFB16_CACHE, `sip_${PRIMARY}`],
    },
    roamingAccountProfiles: {
      knownFolder: 'RoamingAppData',
      segments: [...SFB16_CACHE, 'AccountProfiles.dat'],
    },
  } satisfies Record<string, FolderFact>,
  /** Files of the Tracing folder, relative to it. */
  tracingFiles: ['Lync-UccApi-0.UccApilog', 'Lync-UccApi-1.UccApilog'],
  credentials: {
    primaryOcs: KB_LYNC2013.credentials.primaryOcs,
    primaryEws: KB_LYNC2013.credentials.primaryEws,
  } satisfies Record<string, CredentialFact>,
  decoyCredentials: DECOYS.credentials,
} as const;

/** Microsoft 365 Apps, Click-to-Run, 64-bit, Current Channel; no MSI keys at all. */
export const SFB_M365_C2R = {
  ...SFB16_PROFILE,
  clientName: 'Skype for Business (Microsoft 365 Apps)',
  clientVersion: '16.0.17928.20156',
  installRoot: { knownFolder: 'ProgramFiles', segments: ['Microsoft Office'] } as FolderFact,
  installFolder: {
    knownFolder: 'ProgramFiles',
    segments: ['Microsoft Office', 'root', 'Office16'],
  } as FolderFact,
  configuration: {
    Platform: 'x64',
    ProductReleaseIds: 'O365ProPlusRetail',
    VersionToReport: '16.0.17928.20156',
    CDNBaseUrl: 'http://officecdn.microsoft.com/pr/492350f6-3a01-4f97-b9c0-c7c6ddf67d60',
  },
  virtualLyncKey: {
    hive: 'HKLM',
    path: `${CLICK_TO_RUN}\\REGISTRY\\MACHINE\\Software\\Microsoft\\Office\\16.0\\Lync`,
    view: '64',
  } as RegistryKeyRef,
  bitness: '64',
} as const;

/**
 * Skype for Business 2019, Click-to-Run volume licence, 32-bit, signing in to an internal
 * on-premises pool; its Communications Server certificate is in date but its private key is
 * gone. Lync and its UcMapi.exe run.
 */
export const SFB2019_ONPREM = {
  ...SFB16_PROFILE,
  clientName: 'Skype for Business 2019',
  clientVersion: '16.0.10417.20007',
  installRoot: { knownFolder: 'ProgramFilesX86', segments: ['Microsoft Office'] } as FolderFact,
  installFolder: {
    knownFolder: 'ProgramFilesX86',
    segments: ['Microsoft Office', 'root', 'Office16'],
  } as FolderFact,
  configuration: {
    Platform: 'x86',
    ProductReleaseIds: 'SkypeforBusiness2019Volume',
    VersionToReport: '16.0.10417.20007',
    CDNBaseUrl: 'http://officecdn.microsoft.com/pr/f2e724c1-748f-4b47-8fb8-8e0d210e9208',
  },
  virtualLyncKey: {
    hive: 'HKLM',
    path: `${CLICK_TO_RUN}\\REGISTRY\\MACHINE\\Software\\Wow6432Node\\Microsoft\\Office\\16.0\\Lync`,
    view: '64',
  } as RegistryKeyRef,
  bitness: '32',
  /** Internal pool, manually configured (no external records needed). */
  userSettings: {
    ...KB_LYNC2013.userSettings,
    ServerAddressInternal: { type: 'REG_SZ', data: 'pool01.contoso.local' },
  },
  /** The key container its certificate links to, which no longer exists. */
  lostKeyContainer: 'practice-sfb2019-lost-key',
  processes: {
    lync: { name: 'lync.exe', pid: 5120 },
    ucmapi: { name: 'ucmapi.exe', pid: 5124 },
  },
} as const;

/** A live Microsoft 365 Apps client beside the Lync 2013 MSI install key its uninstall left. */
export const MSI_LEFTOVER_C2R = {
  ...SFB_M365_C2R,
  leftoverClientName: KB_LYNC2013.clientName,
  leftoverInstallKey: KB_LYNC2013.installKey,
  leftoverInstallFolder: KB_LYNC2013.installFolder,
  leftoverCache: {
    knownFolder: 'LocalAppData',
    segments: [...LYNC2013_CACHE, `sip_${PRIMARY}`],
  } as FolderFact,
} as const;
