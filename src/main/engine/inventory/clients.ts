/**
 * Which Lync / Skype for Business clients are installed, from every place Windows records one:
 * the MSI install keys, Click-to-Run's Configuration key and virtual registry, the App Paths
 * entry for lync.exe, and the program file in its default folder; each in both registry views.
 * A sighting counts only when its program exists; one whose program is gone is a leftover, and
 * the diagnosis says so. The version is always the program's file version.
 */
import type { ClientKind, DetectedClient } from '../../../shared/findings';
import { formatRegistryKey, type RegistryKeyRef } from '../../../shared/registry-value';
import type { HostSystem, ProcessInfo } from '../../host/ports';
import { clientName, kindOfProgram } from './client-names';
import {
  ATTENDEE_INSTALL_KEY,
  CLICK_TO_RUN_CONFIGURATION_KEY,
  CLICK_TO_RUN_LYNC_KEYS,
  CLICK_TO_RUN_PROGRAM_PARTS,
  CLIENT_SPECS,
  DEFAULT_PROGRAM_LOCATIONS,
  LYNC_APP_PATHS_KEY,
  type ClientInstallSpec,
} from './locations';
import { readKey, valueOf } from './registry-read';

const VIEWS = ['64', '32'] as const;
type View = (typeof VIEWS)[number];

/** Newest sign-in client first: when several are installed, the newest is the one in use. */
export const CLIENT_ORDER: readonly ClientKind[] = ['sfb2016', 'lync2013', 'lync2010'];

export interface Sighting {
  how: 'msi' | 'click-to-run' | 'app-paths' | 'program-file';
  /** The registry key or folder it was found in, as a person would write it. */
  where: string;
  program: string;
  view: View;
  kind?: ClientKind;
  key?: RegistryKeyRef;
  /** Click-to-Run only. */
  productIds?: string[];
  platform?: '64' | '32';
  /** Click-to-Run's update channel (the CDNBaseUrl / UpdateChannel GUID). */
  channel?: string;
}

export interface InstalledClient extends DetectedClient {
  spec: ClientInstallSpec;
  /** The key the client was found under (MSI key, Click-to-Run Configuration, or App Paths). */
  installKey?: RegistryKeyRef;
  sightings: Sighting[];
  productIds?: string[];
  channel?: string;
}

/** A registry entry that names a program which is not there (an uninstall left it behind). */
export interface LeftoverClient {
  kind?: ClientKind;
  displayName: string;
  program: string;
  sightings: Sighting[];
}

export interface AttendeeInstall {
  key: RegistryKeyRef;
  directory: string;
}

export interface ClientDetection {
  /** Programs that exist, one per family, newest first (see CLIENT_ORDER). */
  clients: InstalledClient[];
  leftovers: LeftoverClient[];
  attendee?: AttendeeInstall;
}

function text(value: Awaited<ReturnType<HostSystem['registry']['getValue']>>): string | undefined {
  return value && (value.type === 'REG_SZ' || value.type === 'REG_EXPAND_SZ')
    ? value.data.trim()
    : undefined;
}

function trimSeparators(path: string): string {
  return path.replace(/[\\/]+$/, '').replace(/^"(.*)"$/, '$1');
}

async function msiSightings(host: HostSystem): Promise<Sighting[]> {
  const found = await Promise.all(
    CLIENT_SPECS.flatMap((spec) =>
      VIEWS.map(async (view): Promise<Sighting | undefined> => {
        const key: RegistryKeyRef = { hive: 'HKLM', path: spec.installKey, view };
        const directory = text(await host.registry.getValue(key, 'InstallationDirectory'));
        if (!directory) return undefined;
        return {
          how: 'msi',
          where: formatRegistryKey(key),
          program: host.files.join(trimSeparators(directory), spec.executable),
          view,
          kind: spec.kind,
          key,
        };
      }),
    ),
  );
  return found.filter((sighting): sighting is Sighting => sighting !== undefined);
}

async function clickToRunSightings(host: HostSystem): Promise<Sighting[]> {
  const sightings: Sighting[] = [];
  for (const view of VIEWS) {
    const key: RegistryKeyRef = { hive: 'HKLM', path: CLICK_TO_RUN_CONFIGURATION_KEY, view };
    const configuration = await readKey(host.registry, key);
    const installationPath = text(valueOf(configuration, 'InstallationPath'));
    if (configuration && installationPath) {
      const platform = text(valueOf(configuration, 'Platform'))?.toLowerCase();
      const channel =
        text(valueOf(configuration, 'UpdateChannel')) ?? text(valueOf(configuration, 'CDNBaseUrl'));
      sightings.push({
        how: 'click-to-run',
        where: formatRegistryKey(key),
        program: host.files.join(trimSeparators(installationPath), ...CLICK_TO_RUN_PROGRAM_PARTS),
        view,
        kind: 'sfb2016',
        key,
        productIds: (text(valueOf(configuration, 'ProductReleaseIds')) ?? '')
          .split(',')
          .map((id) => id.trim())
          .filter((id) => id !== ''),
        ...(platform === 'x64' ? { platform: '64' } : platform === 'x86' ? { platform: '32' } : {}),
        ...(channel ? { channel } : {}),
      });
    }
    for (const path of CLICK_TO_RUN_LYNC_KEYS) {
      const virtual: RegistryKeyRef = { hive: 'HKLM', path, view };
      const directory = text(await host.registry.getValue(virtual, 'InstallationDirectory'));
      if (!directory) continue;
      sightings.push({
        how: 'click-to-run',
        where: `${formatRegistryKey(virtual)} (Click-to-Run virtual registry)`,
        program: host.files.join(trimSeparators(directory), 'lync.exe'),
        view,
        kind: 'sfb2016',
        key: virtual,
        platform: path.includes('Wow6432Node') ? '32' : '64',
      });
    }
  }
  return sightings;
}

async function appPathSightings(host: HostSystem): Promise<Sighting[]> {
  const found = await Promise.all(
    VIEWS.map(async (view): Promise<Sighting | undefined> => {
      const key: RegistryKeyRef = { hive: 'HKLM', path: LYNC_APP_PATHS_KEY, view };
      const program = text(await host.registry.getValue(key, ''));
      if (!program) return undefined;
      return {
        how: 'app-paths',
        where: formatRegistryKey(key),
        program: trimSeparators(program),
        view,
        key,
      };
    }),
  );
  return found.filter((sighting): sighting is Sighting => sighting !== undefined);
}

/** Each program's file entry, looked up once per detection however many places name it. */
type ProgramStat = (program: string) => ReturnType<HostSystem['files']['stat']>;

function statOnce(host: HostSystem): ProgramStat {
  const seen = new Map<string, ReturnType<HostSystem['files']['stat']>>();
  return (program) => {
    const id = program.toLowerCase();
    let entry = seen.get(id);
    if (!entry) {
      entry = host.files.stat(program);
      seen.set(id, entry);
    }
    return entry;
  };
}

async function programFileSightings(host: HostSystem, statOf: ProgramStat): Promise<Sighting[]> {
  const folders = [...new Set(DEFAULT_PROGRAM_LOCATIONS.map((location) => location.folder))];
  const roots = new Map(
    await Promise.all(
      folders.map(async (folder) => [folder, await host.files.knownFolder(folder)] as const),
    ),
  );
  const found = await Promise.all(
    DEFAULT_PROGRAM_LOCATIONS.map(async (location): Promise<Sighting | undefined> => {
      const root = roots.get(location.folder);
      if (!root) return undefined;
      const program = host.files.join(root, ...location.parts);
      const entry = await statOf(program);
      if (entry?.kind !== 'file') return undefined;
      return {
        how: 'program-file',
        where: host.files.join(root, ...location.parts.slice(0, -1)),
        program,
        view: location.folder === 'ProgramFilesX86' ? '32' : '64',
      };
    }),
  );
  return found.filter((sighting): sighting is Sighting => sighting !== undefined);
}

/** One family per program, decided by the registry entry that installed it, else its version. */
function familyOf(sightings: Sighting[], version: string | undefined): ClientKind | undefined {
  return (
    sightings.find((sighting) => sighting.kind !== undefined)?.kind ??
    kindOfProgram(sightings[0]?.program ?? '', version)
  );
}

function installTypeOf(sightings: Sighting[]): 'msi' | 'click-to-run' {
  return sightings.some((sighting) => sighting.how === 'click-to-run') ||
    sightings.some((sighting) => /[\\/]root[\\/]office16[\\/]/i.test(sighting.program))
    ? 'click-to-run'
    : 'msi';
}

async function readAttendee(host: HostSystem): Promise<AttendeeInstall | undefined> {
  for (const view of VIEWS) {
    const key: RegistryKeyRef = { hive: 'HKLM', path: ATTENDEE_INSTALL_KEY, view };
    const directory = text(await host.registry.getValue(key, 'InstallationDirectory'));
    if (directory) return { key, directory };
  }
  return undefined;
}

export async function detectClients(
  host: HostSystem,
  processes: ProcessInfo[],
): Promise<ClientDetection> {
  const statOf = statOnce(host);
  const [msi, clickToRun, appPaths, files, attendee] = await Promise.all([
    msiSightings(host),
    clickToRunSightings(host),
    appPathSightings(host),
    programFileSightings(host, statOf),
    readAttendee(host),
  ]);
  const byProgram = new Map<string, Sighting[]>();
  for (const sighting of [...clickToRun, ...msi, ...appPaths, ...files]) {
    const id = sighting.program.toLowerCase();
    byProgram.set(id, [...(byProgram.get(id) ?? []), sighting]);
  }

  const clients: InstalledClient[] = [];
  const leftovers: LeftoverClient[] = [];
  // Every program's file and version are read together; the results are then taken in order.
  const checked = await Promise.all(
    [...byProgram.values()].map(async (sightings) => {
      const program = (sightings[0] as Sighting).program;
      const entry = await statOf(program).catch(() => undefined);
      const version =
        entry?.kind === 'file'
          ? await host.files.fileVersion(program).catch(() => undefined)
          : undefined;
      return { sightings, program, entry, version };
    }),
  );
  for (const { sightings, program, entry, version } of checked) {
    const installType = installTypeOf(sightings);
    const productIds = sightings.find((sighting) => sighting.productIds)?.productIds;
    if (entry?.kind !== 'file') {
      const kind = familyOf(sightings, undefined);
      leftovers.push({
        ...(kind ? { kind } : {}),
        displayName: kind ? clientName({ kind, installType }) : 'Lync / Skype for Business',
        program,
        sightings,
      });
      continue;
    }
    const kind = familyOf(sightings, version);
    const spec = CLIENT_SPECS.find((candidate) => candidate.kind === kind);
    if (!kind || !spec) continue;
    const registry = sightings.find((sighting) => sighting.key);
    const platform = sightings.find((sighting) => sighting.platform)?.platform;
    const channel = sightings.find((sighting) => sighting.channel)?.channel;
    clients.push({
      kind,
      displayName: clientName({
        kind,
        installType,
        ...(version !== undefined ? { version } : {}),
        ...(productIds ? { productIds } : {}),
      }),
      ...(version !== undefined ? { version } : {}),
      executablePath: program,
      running: processes.some(
        (process) =>
          process.ownedByCurrentUser &&
          process.name === spec.executable &&
          (process.path === undefined || process.path.toLowerCase() === program.toLowerCase()),
      ),
      registryView: (registry ?? (sightings[0] as Sighting)).view,
      installType,
      ...(platform
        ? { bitness: platform }
        : installType === 'msi'
          ? { bitness: registry?.view ?? sightings[0]?.view ?? '32' }
          : {}),
      spec,
      ...(registry?.key ? { installKey: registry.key } : {}),
      sightings,
      ...(productIds ? { productIds } : {}),
      ...(channel ? { channel } : {}),
    });
  }

  // One client per family: a Click-to-Run install wins over an MSI one of the same version.
  const ordered = clients.sort(
    (a, b) =>
      CLIENT_ORDER.indexOf(a.kind) - CLIENT_ORDER.indexOf(b.kind) ||
      Number(b.installType === 'click-to-run') - Number(a.installType === 'click-to-run'),
  );
  const unique = ordered.filter(
    (client, index) => ordered.findIndex((other) => other.kind === client.kind) === index,
  );
  return { clients: unique, leftovers, ...(attendee ? { attendee } : {}) };
}

/** The user's client: the newest sign-in client whose program exists. */
export function primaryClientOf<T extends DetectedClient>(clients: readonly T[]): T | undefined {
  return [...clients].sort(
    (a, b) => CLIENT_ORDER.indexOf(a.kind) - CLIENT_ORDER.indexOf(b.kind),
  )[0];
}

/** What the report shows of a client (no engine internals). */
export function reportedClient(client: InstalledClient): DetectedClient {
  return {
    kind: client.kind,
    displayName: client.displayName,
    ...(client.version !== undefined ? { version: client.version } : {}),
    ...(client.executablePath !== undefined ? { executablePath: client.executablePath } : {}),
    running: client.running,
    registryView: client.registryView,
    installType: client.installType,
    ...(client.bitness !== undefined ? { bitness: client.bitness } : {}),
  };
}
