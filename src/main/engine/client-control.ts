/** Which clients run for this user, refusing changes while they do, closing them on request. */
import { REPAIR_STEPS, type RepairStepId } from '../../shared/repairs';
import { HostError } from '../host/host-error';
import type { HostSystem, ProcessInfo } from '../host/ports';
import { CLIENT_PROCESS_NAMES } from './inventory/locations';
import type { CloseClientResult } from './types';

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
    throw new HostError(
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
    throw new HostError(
      'needs-admin',
      `${needsAdmin.map((step) => REPAIR_STEPS[step].title).join(', ')} needs administrator rights. Run the tool as administrator for this step.`,
      { step: needsAdmin[0] ?? null },
    );
  }
}

export async function closeClients(
  host: HostSystem,
  options: { force: boolean; timeoutMs?: number },
): Promise<CloseClientResult> {
  const timeout = options.timeoutMs ?? 15_000;
  const running = await ownClientProcesses(host);
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
