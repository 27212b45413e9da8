/**
 * Which clients run for this user, refusing changes while they do, closing them on request and
 * starting them again afterwards.
 */
import { REPAIR_STEPS, type RepairStepId } from '../../shared/repairs';
import { AppError } from '../../shared/errors';
import type { HostSystem, ProcessInfo } from '../host/ports';
import { detectClients, primaryClientOf } from './inventory/clients';
import { familyName } from './inventory/client-names';
import { CLIENT_PROCESS_NAMES, COMPANION_PROCESS_NAMES } from './inventory/locations';
import { profileMismatch } from './profile-guard';
import type { CloseClientResult, StartClientRequest, StartClientResult } from './types';

export async function ownClientProcesses(host: HostSystem): Promise<ProcessInfo[]> {
  return (await host.processes.find(CLIENT_PROCESS_NAMES)).filter(
    (process) => process.ownedByCurrentUser,
  );
}

export async function refuseWhileClientRuns(
  host: HostSystem,
  steps: Iterable<RepairStepId>,
): Promise<void> {
  const needsClosed = [...steps].filter((step) => REPAIR_STEPS[step].needsClientClosed);
  if (needsClosed.length === 0) return;
  const running = await ownClientProcesses(host);
  const first = running[0];
  if (first) {
    throw new AppError(
      'client-running',
      `${first.name} is running (pid ${first.pid}). Close Lync or Skype for Business first: it keeps its cache files open and rewrites its settings.`,
      { process: first.name, pid: first.pid },
    );
  }
}

export async function refuseWithoutAdmin(
  host: HostSystem,
  steps: Iterable<RepairStepId>,
  /** Elevation seam: the elevated helper will carry the admin steps (EngineOptions.elevation). */
  canElevate = false,
): Promise<void> {
  if (canElevate) return;
  const needsAdmin = [...steps].filter((step) => REPAIR_STEPS[step].needsAdmin);
  if (needsAdmin.length === 0) return;
  const identity = await host.identity.current();
  if (!identity.elevated) {
    throw new AppError(
      'needs-admin',
      `${needsAdmin.map((step) => REPAIR_STEPS[step].title).join(', ')} needs administrator rights. Run the tool as administrator for this step.`,
      { step: needsAdmin[0] ?? null },
    );
  }
}

/**
 * Closes the client and then its companion UcMapi.exe (which holds Outlook's connection to the
 * client and its files). Starting the client again brings UcMapi back on its own.
 */
export async function closeClients(
  host: HostSystem,
  options: { force: boolean; timeoutMs?: number },
): Promise<CloseClientResult> {
  const timeout = options.timeoutMs ?? 15_000;
  const clients = await ownClientProcesses(host);
  const companions = (await host.processes.find(COMPANION_PROCESS_NAMES)).filter(
    (process) => process.ownedByCurrentUser,
  );
  const running = [...clients, ...companions];
  const stillRunning: string[] = [];
  for (const process of running) {
    await host.processes.requestClose(process.pid);
    let exited = await host.processes.waitForExit(process.pid, timeout);
    if (!exited && options.force) {
      await host.processes.terminate(process.pid);
      exited = await host.processes.waitForExit(process.pid, timeout);
    }
    if (!exited) stillRunning.push(`${process.name} (pid ${process.pid})`);
  }
  return { closed: stillRunning.length === 0, stillRunning };
}

/**
 * Starts the client again after a repair closed it, as the KB article's steps end: "Restart
 * Lync, and then try to sign in". Only a program the detection found (and saw exist) is
 * started, never a path from a caller; without a kind, the diagnosis's primary client.
 */
export async function startClient(
  host: HostSystem,
  request: StartClientRequest,
): Promise<StartClientResult> {
  const identity = await host.identity.current();
  const mismatch = profileMismatch(identity);
  const processes = await host.processes.find(CLIENT_PROCESS_NAMES);
  const { clients: installed } = await detectClients(host, processes);
  const client = request.kind
    ? installed.find((candidate) => candidate.kind === request.kind)
    : primaryClientOf(installed);
  if (!client?.executablePath) {
    const wanted = request.kind ? familyName(request.kind) : 'Lync or Skype for Business';
    return {
      started: false,
      refusal: 'no-client',
      reason: `${wanted} is not installed on this PC, so there is nothing to start.`,
    };
  }
  const about = { client: client.displayName, path: client.executablePath };
  const running = client.running
    ? processes.find(
        (process) => process.ownedByCurrentUser && process.name === client.spec.executable,
      )
    : undefined;
  if (running) {
    return {
      ...about,
      started: false,
      pid: running.pid,
      refusal: 'already-running',
      reason: `${client.displayName} already runs (${running.name}, pid ${running.pid}): sign in there.`,
    };
  }
  if (mismatch) {
    return {
      ...about,
      started: false,
      refusal: 'wrong-profile',
      reason: `This tool runs as ${mismatch.runningAs}, so ${client.displayName} would start for ${mismatch.runningAs} instead of ${mismatch.signedIn}. Start it from the Start menu as ${mismatch.signedIn}.`,
    };
  }
  if (identity.elevated) {
    // A client started from an elevated process runs elevated too, and then cannot talk to
    // Outlook and the other Office programs of the same user.
    return {
      ...about,
      started: false,
      refusal: 'elevated',
      reason: `This tool runs as administrator, so ${client.displayName} would too. Start it yourself from the Start menu with a normal click.`,
    };
  }
  try {
    await host.processes.launch(client.executablePath);
  } catch (error) {
    return {
      ...about,
      started: false,
      refusal: 'launch-failed',
      reason: `${client.displayName} could not be started: ${error instanceof Error ? error.message : String(error)}`,
    };
  }
  const [process] = (await ownClientProcesses(host)).filter(
    (candidate) => candidate.name === client.spec.executable,
  );
  return { ...about, started: true, ...(process ? { pid: process.pid } : {}) };
}
