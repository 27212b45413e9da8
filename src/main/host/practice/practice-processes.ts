/**
 * The practice PC's process table. A cooperative client exits when asked to close and, like
 * Lync, records that it is no longer running (`UpAndRunning` = 0); a client marked
 * `ignoresClose` stays until it is terminated, and a terminated client leaves `UpAndRunning`
 * as it was, because a killed process cannot tidy up. Processes of other users cannot be closed
 * or ended without elevation, as on Windows.
 */
import { basename, dirname, join } from 'node:path';
import { AppError } from '../../../shared/errors';
import type { FileSystemPort, ProcessInfo, ProcessPort } from '../ports';
import type { JsonDocument } from './json-document';
import type { MachineDocument, PracticeProcess } from './machine-state';
import { ensureKey, findKey, findValue, putValue, type RegistryDocument } from './registry-tree';

/** Where each client says whether it runs, and where it keeps the address it signs in with. */
const CLIENT_KEYS: Record<string, { imProvider: string; settings: string[] }> = {
  'lync.exe': {
    imProvider: 'Software\\IM Providers\\Lync',
    settings: [
      'Software\\Microsoft\\Office\\16.0\\Lync',
      'Software\\Microsoft\\Office\\15.0\\Lync',
    ],
  },
  'communicator.exe': {
    imProvider: 'Software\\IM Providers\\Communicator',
    settings: ['Software\\Microsoft\\Communicator'],
  },
};

const POLL_MS = 25;

function infoOf(process: PracticeProcess): ProcessInfo {
  return {
    pid: process.pid,
    name: process.name,
    ...(process.path === undefined ? {} : { path: process.path }),
    ownedByCurrentUser: process.ownedByCurrentUser,
  };
}

export function setUpAndRunning(
  registry: RegistryDocument,
  imageName: string,
  state: number,
): void {
  const client = CLIENT_KEYS[imageName];
  if (!client) return;
  const node = ensureKey(registry, { hive: 'HKCU', path: client.imProvider });
  putValue(node, 'UpAndRunning', { type: 'REG_DWORD', data: state });
}

function signedInAddressOf(registry: RegistryDocument, imageName: string): string | undefined {
  for (const path of CLIENT_KEYS[imageName]?.settings ?? []) {
    const node = findKey(registry, { hive: 'HKCU', path });
    const value = node && findValue(node, 'ServerSipUri');
    if (value?.type === 'REG_SZ' && value.data !== '') return value.data.replace(/^sip:/i, '');
  }
  return undefined;
}

export function practiceProcesses(
  machine: JsonDocument<MachineDocument>,
  registry: JsonDocument<RegistryDocument>,
  files: FileSystemPort,
): ProcessPort {
  async function mayAct(pid: number): Promise<PracticeProcess | undefined> {
    const state = await machine.read();
    const process = state.processes.find((candidate) => candidate.pid === pid);
    if (process && !process.ownedByCurrentUser && !state.identity.elevated) {
      throw new AppError(
        'access-denied',
        `Process ${pid} (${process.name}) belongs to another user`,
        { pid, process: process.name },
      );
    }
    return process;
  }

  async function exit(pid: number, tidy: boolean): Promise<void> {
    const name = await machine.update((state) => {
      const index = state.processes.findIndex((candidate) => candidate.pid === pid);
      if (index === -1) return undefined;
      const [gone] = state.processes.splice(index, 1);
      return gone?.name;
    });
    if (tidy && name !== undefined && CLIENT_KEYS[name]) {
      await registry.update((document) => setUpAndRunning(document, name, 0));
    }
  }

  return {
    async find(names) {
      const wanted = new Set(names.map((name) => name.toLowerCase()));
      const state = await machine.read();
      return state.processes.filter((process) => wanted.has(process.name)).map(infoOf);
    },
    async requestClose(pid) {
      const process = await mayAct(pid);
      // A process that has already gone has done what was asked.
      if (!process || process.ignoresClose) return;
      await exit(pid, true);
    },
    async waitForExit(pid, timeoutMs) {
      const deadline = Date.now() + Math.max(0, timeoutMs);
      for (;;) {
        const state = await machine.read();
        if (!state.processes.some((process) => process.pid === pid)) return true;
        if (Date.now() >= deadline) return false;
        await new Promise((done) => setTimeout(done, Math.min(POLL_MS, deadline - Date.now())));
      }
    },
    async terminate(pid) {
      if (!(await mayAct(pid))) return;
      await exit(pid, false);
    },
    async launch(path, _args) {
      const info = await files.stat(path);
      if (!info || info.kind !== 'file') {
        throw new AppError('not-found', `${path} is not a program on this PC`, { path });
      }
      const name = basename(path).toLowerCase();
      const address = signedInAddressOf(await registry.read(), name);
      // Lync starts its MAPI helper UcMapi.exe from its own folder, as the real client does.
      const companion = join(dirname(path), 'UcMapi.exe');
      const withCompanion = name === 'lync.exe' && (await files.stat(companion))?.kind === 'file';
      await machine.update((state) => {
        state.processes.push({
          pid: state.nextPid,
          name,
          path,
          ownedByCurrentUser: true,
          ignoresClose: false,
          ...(address === undefined ? {} : { signedInAddress: address }),
        });
        state.nextPid += 4;
        if (withCompanion) {
          state.processes.push({
            pid: state.nextPid,
            name: 'ucmapi.exe',
            path: companion,
            ownedByCurrentUser: true,
            ignoresClose: false,
          });
          state.nextPid += 4;
        }
      });
      if (CLIENT_KEYS[name])
        await registry.update((document) => setUpAndRunning(document, name, 2));
    },
  };
}
