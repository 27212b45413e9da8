/**
 * Data in the exact shapes main sends (recorded from the practice PC's kb-lync2013 and
 * kb-lync2010 scenarios), for the component tests' fake client.
 */
import type { KbStepId } from '../../src/shared/findings';
import { REPAIR_STEPS, type RepairStepId } from '../../src/shared/repairs';
import type { Diagnosis, Plan, Run } from '../../src/renderer/client/client-types';

type Finding = Diagnosis['findings'][number];
type Action = Plan['steps'][number]['actions'][number];

const LOCAL = 'C:\\Users\\user\\AppData\\Local';

export function finding(
  id: Finding['id'],
  status: Finding['status'],
  kbStep: KbStepId,
  summary: string,
  evidence: Finding['evidence'] = [],
  repairs: RepairStepId[] = [],
): Finding {
  return { id, status, kbStep, summary, evidence, repairs };
}

/** The finding main puts first when the app runs as another account (engine/profile-guard). */
export function profileFinding(profile: {
  runningAs: string;
  signedIn: string;
  elevated: boolean;
}): Finding {
  const how = profile.elevated ? ' as administrator' : '';
  return {
    ...finding(
      'profile',
      'problem',
      'lync2013-delete-sign-in-info',
      `Started as ${profile.runningAs} while ${profile.signedIn} is signed in: restart it normally.`,
      [
        { kind: 'text', label: 'Running as', value: profile.runningAs },
        { kind: 'text', label: 'Signed in', value: profile.signedIn },
        { kind: 'text', label: 'Elevated', value: profile.elevated ? 'yes' : 'no' },
      ],
    ),
    detail: `This tool was started${how} as ${profile.runningAs} while ${profile.signedIn} is signed in, so it would change ${profile.runningAs}'s profile instead of ${profile.signedIn}'s.`,
  };
}

type Client = Diagnosis['clients'][number];

const LYNC2013_CLIENT: Client = {
  kind: 'lync2013',
  displayName: 'Lync 2013',
  version: '15.0.4569.1506',
  executablePath: 'C:\\Program Files (x86)\\Microsoft Office\\Office15\\lync.exe',
  running: false,
  registryView: '32',
  installType: 'msi',
};

const LYNC2010_CLIENT: Client = {
  kind: 'lync2010',
  displayName: 'Lync 2010',
  version: '4.0.7577.0',
  executablePath: 'C:\\Program Files (x86)\\Microsoft Lync\\communicator.exe',
  running: false,
  registryView: '32',
  installType: 'msi',
};

export function lync2013Diagnosis(repaired: ReadonlySet<string>): Diagnosis {
  const fixed = (step: string, ...others: string[]) =>
    [step, ...others].some((candidate) => repaired.has(candidate));
  return {
    id: `diag-${repaired.size}`,
    generatedAt: '2026-11-25T10:00:00.000Z',
    hostKind: 'practice',
    practiceScenario: 'kb-lync2013',
    clients: [LYNC2013_CLIENT],
    primaryClient: LYNC2013_CLIENT,
    kbPath: 'lync2013',
    // Read by the command line's --all, not by the wizard: its cards follow the findings.
    recommendedSteps: [],
    currentAddress: 'user@contoso.com',
    addresses: ['user@contoso.com', 'other@fabrikam.com'],
    findings: [
      finding(
        'client',
        'ok',
        'lync2013-delete-sign-in-info',
        'Lync 2013 15.0.4569.1506 is installed.',
        [{ kind: 'version', label: 'lync.exe file version', value: '15.0.4569.1506' }],
      ),
      finding(
        'sign-in-assistant',
        'not-applicable',
        'lync2010-update-sign-in-assistant',
        'Only Lync 2010 needs the Sign-In Assistant.',
      ),
      finding(
        'sign-in-addresses',
        'ok',
        'lync2013-delete-sign-in-info',
        'Two sign-in addresses were used on this PC.',
        [
          { kind: 'address', label: 'Address', value: 'user@contoso.com' },
          { kind: 'address', label: 'Address', value: 'other@fabrikam.com' },
        ],
      ),
      fixed('clear-endpoint-cache')
        ? finding(
            'endpoint-cache',
            'ok',
            'additional-endpoint-cache',
            'No endpoint cache for user@contoso.com.',
          )
        : finding(
            'endpoint-cache',
            'problem',
            'additional-endpoint-cache',
            'Lync has cached the server to use for user@contoso.com.',
            [
              {
                kind: 'path',
                label: 'Folder',
                value: `${LOCAL}\\Microsoft\\Office\\15.0\\Lync\\sip_user@contoso.com`,
              },
            ],
            ['clear-endpoint-cache'],
          ),
      fixed('delete-sign-in-info', 'remove-personal-certificate')
        ? finding(
            'personal-certificate',
            'ok',
            'additional-personal-certificate',
            'No Communications Server certificate for user@contoso.com.',
          )
        : finding(
            'personal-certificate',
            'problem',
            'additional-personal-certificate',
            'The sign-in certificate for user@contoso.com has expired.',
            [
              {
                kind: 'thumbprint',
                label: 'Thumbprint',
                value: '3F1A9C0B7D2E4F6A8B0C1D2E3F4A5B6C7D8E9F00',
              },
            ],
            ['delete-sign-in-info', 'remove-personal-certificate'],
          ),
      fixed('delete-sign-in-info', 'remove-stored-credentials')
        ? finding(
            'stored-credentials',
            'ok',
            'additional-stored-credentials',
            'No saved sign-in passwords for user@contoso.com.',
          )
        : finding(
            'stored-credentials',
            'problem',
            'additional-stored-credentials',
            'Lync has saved a password for user@contoso.com.',
            [
              {
                kind: 'credential-target',
                label: 'Credential',
                value: 'Microsoft_OC1:uri=user@contoso.com:specific:OCS:1',
              },
            ],
            ['delete-sign-in-info', 'remove-stored-credentials'],
          ),
      fixed('delete-sign-in-info')
        ? finding(
            'connection-settings',
            'ok',
            'lync2013-delete-sign-in-info',
            'No saved connection settings for user@contoso.com.',
          )
        : finding(
            'connection-settings',
            'warning',
            'lync2013-delete-sign-in-info',
            'Lync has saved connection settings for user@contoso.com.',
            [],
            ['delete-sign-in-info'],
          ),
      finding('machine-guid', 'ok', 'additional-machine-guid', 'MachineGuid has no braces.'),
      finding(
        'dns-cache',
        'warning',
        'additional-dns-cache',
        'The DNS cache cannot be checked; flushing it is harmless.',
        [],
        ['flush-dns-cache'],
      ),
    ],
  };
}

/** Skype for Business 2019 from Click-to-Run, as the practice PC's sfb2019-onprem reports it. */
const SFB2019_CLIENT: Client = {
  kind: 'sfb2016',
  displayName: 'Skype for Business 2019',
  version: '16.0.10417.20007',
  executablePath: 'C:\\Program Files (x86)\\Microsoft Office\\root\\Office16\\lync.exe',
  running: false,
  registryView: '32',
  installType: 'click-to-run',
  bitness: '32',
};

/**
 * The endpoint-cache finding of a Skype for Business client: it also lists Microsoft's newer
 * steps (the Tracing folder, AccountProfiles.dat) while what they delete is there.
 */
function withNewerProcedure(cache: Finding, repaired: ReadonlySet<string>): Finding {
  const extras: Array<{ step: RepairStepId; evidence: Finding['evidence'][number] }> = [
    {
      step: 'clear-tracing-folder',
      evidence: {
        kind: 'path',
        label: 'Tracing folder: 2 files, 78 bytes',
        value: `${LOCAL}\\Microsoft\\Office\\16.0\\Lync\\Tracing`,
      },
    },
    {
      step: 'remove-account-profiles',
      evidence: {
        kind: 'path',
        label: 'AccountProfiles.dat: 96 bytes',
        value:
          'C:\\Users\\user\\AppData\\Roaming\\Microsoft\\Office\\16.0\\Lync\\AccountProfiles.dat',
      },
    },
  ];
  const left = extras.filter((extra) => !repaired.has(extra.step));
  return {
    ...cache,
    evidence: [...cache.evidence, ...left.map((extra) => extra.evidence)],
    repairs: [...cache.repairs, ...left.map((extra) => extra.step)],
  };
}

/** A Click-to-Run Skype for Business 2019: the Lync 2013 path, under its own name. */
export function sfb2019Diagnosis(repaired: ReadonlySet<string>): Diagnosis {
  const base = lync2013Diagnosis(repaired);
  return {
    ...base,
    practiceScenario: 'sfb2019-onprem',
    clients: [SFB2019_CLIENT],
    primaryClient: SFB2019_CLIENT,
    findings: base.findings.map((entry) => {
      if (entry.id === 'endpoint-cache') return withNewerProcedure(entry, repaired);
      return entry.id === 'client'
        ? finding(
            'client',
            'ok',
            'lync2013-delete-sign-in-info',
            'Skype for Business 2019 16.0.10417.20007 is installed.',
            [{ kind: 'version', label: 'lync.exe file version', value: '16.0.10417.20007' }],
          )
        : entry;
    }),
  };
}

/** Lync 2010 installed too, listed after the primary Lync 2013 as the engine lists it. */
export function withLync2010Too(diagnosis: Diagnosis): Diagnosis {
  return { ...diagnosis, clients: [...diagnosis.clients, LYNC2010_CLIENT] };
}

export function lync2010Diagnosis(repaired: ReadonlySet<string>): Diagnosis {
  const base = lync2013Diagnosis(repaired);
  return {
    ...base,
    practiceScenario: 'kb-lync2010',
    clients: [LYNC2010_CLIENT],
    primaryClient: LYNC2010_CLIENT,
    kbPath: 'lync2010',
    recommendedSteps: [],
    addresses: ['user@contoso.com'],
    findings: base.findings.map((entry) => {
      if (entry.id === 'client') {
        return finding(
          'client',
          'problem',
          'lync2010-update-client',
          'Lync 2010 4.0.7577.0 is older than the latest update.',
          [
            { kind: 'version', label: 'Version found', value: '4.0.7577.0' },
            { kind: 'version', label: 'Version needed', value: '4.0.7577.4540 or later' },
          ],
        );
      }
      if (entry.id === 'sign-in-assistant') {
        return finding(
          'sign-in-assistant',
          'problem',
          'lync2010-update-sign-in-assistant',
          'The Sign-In Assistant is out of date and its service is stopped.',
          [
            { kind: 'version', label: 'Version found', value: '7.250.4303.0' },
            { kind: 'version', label: 'Version needed', value: '7.250.4358.0 or later' },
            { kind: 'text', label: 'Service msoidsvc', value: 'stopped' },
          ],
        );
      }
      return entry;
    }),
  };
}

const ACTIONS: Record<string, Action[]> = {
  'remove-personal-certificate': [
    {
      id: 'a-cert',
      stepId: 'remove-personal-certificate',
      description: 'Delete the expired sign-in certificate for user@contoso.com',
      target: {
        kind: 'certificate',
        store: 'CurrentUser\\My',
        thumbprint: '3F1A9C0B7D2E4F6A8B0C1D2E3F4A5B6C7D8E9F00',
        subject: 'CN=user@contoso.com',
        issuer: 'CN=Communications Server',
        notAfter: '2025-01-31T00:00:00.000Z',
      },
      undoable: true,
    },
  ],
  'remove-stored-credentials': [
    {
      id: 'a-cred',
      stepId: 'remove-stored-credentials',
      description: 'Remove the saved sign-in password for user@contoso.com',
      target: {
        kind: 'credential',
        targetName: 'Microsoft_OC1:uri=user@contoso.com:specific:OCS:1',
        userName: 'CONTOSO\\user',
        credentialType: 'generic',
      },
      undoable: true,
    },
  ],
  'clear-connection-settings': [
    {
      id: 'a-key',
      stepId: 'clear-connection-settings',
      description: 'Delete the saved connection settings for user@contoso.com',
      target: {
        kind: 'registry-key',
        key: 'HKEY_CURRENT_USER\\Software\\Microsoft\\Office\\15.0\\Lync\\user@contoso.com',
        valueCount: 4,
        subkeyCount: 0,
      },
      undoable: true,
    },
  ],
  'clear-tracing-folder': [
    {
      id: 'a-tracing',
      stepId: 'clear-tracing-folder',
      description:
        'Delete the folder Tracing in LocalAppData\\Microsoft\\Office\\16.0\\Lync (2 files, 78 bytes)',
      target: {
        kind: 'folder',
        path: `${LOCAL}\\Microsoft\\Office\\16.0\\Lync\\Tracing`,
        fileCount: 2,
        totalBytes: 78,
      },
      undoable: true,
    },
  ],
  'clear-endpoint-cache': [
    {
      id: 'a-folder',
      stepId: 'clear-endpoint-cache',
      description: 'Delete the folder sip_user@contoso.com (5 files, 48 KB)',
      target: {
        kind: 'folder',
        path: `${LOCAL}\\Microsoft\\Office\\15.0\\Lync\\sip_user@contoso.com`,
        fileCount: 5,
        totalBytes: 49_152,
      },
      undoable: true,
    },
  ],
  'flush-dns-cache': [
    {
      id: 'a-dns',
      stepId: 'flush-dns-cache',
      description: 'Flush the DNS cache',
      target: { kind: 'dns-cache' },
      undoable: false,
    },
  ],
  'fix-machine-guid': [],
};

export function planFor(id: string, steps: RepairStepId[], address: string | undefined): Plan {
  const expanded = [
    ...new Set(
      steps.flatMap((step): RepairStepId[] => {
        const composite: readonly RepairStepId[] = REPAIR_STEPS[step].composite;
        return composite.length > 0 ? [...composite] : [step];
      }),
    ),
  ];
  return {
    id,
    createdAt: '2026-11-25T10:01:00.000Z',
    hostKind: 'practice',
    address,
    steps: expanded.map((stepId) => {
      const { title, kbStep } = REPAIR_STEPS[stepId];
      const actions = ACTIONS[stepId] ?? [];
      return {
        stepId,
        kbStep,
        title,
        actions,
        ...(actions.length === 0 ? { note: 'MachineGuid already has no braces.' } : {}),
      };
    }),
    requiresClientClosed: expanded.some((step) => step !== 'flush-dns-cache'),
    requiresAdmin: expanded.includes('fix-machine-guid'),
    warnings: [],
  };
}

/**
 * A repair that was interrupted before it finished, as main lists it at start: shown on the
 * "Put it back" banner. `stillChanged` is what main found still changed, when it says.
 */
export function interruptedRun(stillChanged?: string[]): Run {
  return {
    id: 'r20261201100000000-abc123',
    planId: 'p1',
    startedAt: '2026-12-01T10:00:00.000Z',
    status: 'partial',
    steps: ['remove-stored-credentials'],
    actions: [],
    undoable: false,
    attention: {
      kind: 'interrupted',
      message:
        'was interrupted before it finished; what it changed can be put back from its backups.',
      ...(stillChanged ? { stillChanged } : {}),
    },
  };
}
