import { createStore, type StoreApi } from 'zustand/vanilla';
import type { RepairStepId } from '../../shared/repairs';
import { isRepairStep } from '../shared-lookup';
import { callOperation, type ClientError, type RepairClient } from '../client/client-types';
import type { PendingChange, RepairFlow, WizardState, WizardStore } from './wizard-state';

export type WizardStoreApi = StoreApi<WizardStore>;

/** Answers meaning this build has no administrators' checks (rather than that they failed). */
const NOT_IN_THIS_VERSION: ReadonlyArray<ClientError['code']> = [
  'unsupported',
  'unknown-operation',
];

const initialState: WizardState = {
  screen: 'scan',
  helpdesk: false,
  scanning: false,
  scanCount: 0,
  repairs: {},
  admin: { availability: 'unknown', busy: false },
  outcome: {},
  history: {},
  report: { busy: false },
  backups: { busy: false },
  restart: { busy: false },
  clientStart: { busy: false, closedByApp: false },
};

/** The repair-flow key under which an earlier change's undo runs. */
export const historyKey = (runId: string): string => `history:${runId}`;

/**
 * The wizard's whole state and every action, created with the client it talks through (the
 * preload's bridge in the app, a fake in component tests). Nothing here reads window globals.
 */
export function createWizardStore(client: RepairClient): WizardStoreApi {
  const store = createStore<WizardStore>()((set, get) => {
    const flow = (key: string): RepairFlow | undefined => get().repairs[key];
    const updateFlow = (key: string, patch: Partial<RepairFlow>): void => {
      const current = get().repairs[key];
      if (!current) return;
      set({ repairs: { ...get().repairs, [key]: { ...current, ...patch } } });
    };
    const fail = (key: string, error: ClientError): void =>
      updateFlow(key, { phase: 'failed', error });

    /** Runs what the user confirmed, once nothing stands in its way. */
    const perform = async (key: string, pending: PendingChange): Promise<void> => {
      const current = flow(key);
      if (!current) return;
      const busyPhase = pending.kind === 'apply' ? 'applying' : 'undoing';
      updateFlow(key, { phase: busyPhase, pending, error: undefined });
      set({ progress: undefined });
      const result =
        pending.kind === 'apply'
          ? await callOperation(client, 'repair.apply', { planId: current.plan?.id ?? '' })
          : await callOperation(client, 'runs.undo', {
              runId: current.run?.id ?? current.earlierRunId ?? '',
              ...(pending.stepId ? { stepId: pending.stepId } : {}),
            });
      set({ progress: undefined });
      if (!result.ok) {
        // The client may have been started again between the check and the change.
        if (result.error.code === 'client-running') return checkClientThen(key, pending);
        return fail(key, result.error);
      }
      if (pending.kind === 'apply') {
        updateFlow(key, {
          phase: 'result',
          run: result.value,
          undoRun: undefined,
          pending: undefined,
        });
      } else {
        updateFlow(key, { phase: 'undone', undoRun: result.value, pending: undefined });
      }
      // The list of earlier changes shows statuses; keep it current after every change.
      await get().loadHistory();
      await noteClientAfterChange(key);
    };

    /** The user's client as the diagnosis decided it: the one main starts again when asked. */
    const installedClient = () => get().diagnosis?.primaryClient;

    /** After a change, whether the user has a client to sign in with, or should be offered it. */
    const noteClientAfterChange = async (key: string): Promise<void> => {
      const { closedByApp } = get().clientStart;
      if (!installedClient()) return;
      const status = await callOperation(client, 'client.status', {});
      set({
        clientStart: {
          cardKey: key,
          closedByApp,
          busy: false,
          ...(status.ok ? { runningAfterChange: status.value.running.length > 0 } : {}),
        },
      });
    };

    const checkClientThen = async (key: string, pending: PendingChange): Promise<void> => {
      updateFlow(key, { phase: 'checking-client', pending, error: undefined });
      const status = await callOperation(client, 'client.status', {});
      if (!status.ok) return fail(key, status.error);
      if (status.value.running.length > 0) {
        updateFlow(key, {
          phase: 'client-running',
          running: [...new Set(status.value.running.map((process) => process.name))],
        });
        return;
      }
      await perform(key, pending);
    };

    const needsClosedClient = (key: string): boolean => {
      const plan = flow(key)?.plan;
      return plan ? plan.requiresClientClosed : true;
    };

    return {
      ...initialState,

      async start() {
        const result = await callOperation(client, 'session.info', {});
        if (result.ok) set({ session: result.value, sessionError: undefined });
        else set({ sessionError: result.error });
        await get().loadHistory();
      },

      goTo(screen) {
        set({ screen });
      },

      setHelpdesk(on) {
        set({ helpdesk: on });
      },

      async scan() {
        if (get().scanning) return;
        set({ scanning: true, scanError: undefined });
        const result = await callOperation(client, 'diagnosis.run', {});
        if (!result.ok) {
          set({ scanning: false, scanError: result.error });
          return;
        }
        const diagnosis = result.value;
        // Once an address is settled it stays until the user picks another: after a repair it
        // may have no traces left, and silently moving on to the next address found would
        // point the following repairs at someone else's sign-in.
        const address =
          get().address ??
          diagnosis.currentAddress ??
          (diagnosis.addresses.length === 1 ? diagnosis.addresses[0] : undefined);
        set({ scanning: false, diagnosis, address, scanCount: get().scanCount + 1 });
      },

      chooseAddress(address) {
        // Plans are for one address: previews made for another one no longer apply.
        const repairs = Object.fromEntries(
          Object.entries(get().repairs).filter(([, entry]) => entry.phase !== 'review'),
        );
        set({ address, repairs });
      },

      async previewRepair(key, steps: RepairStepId[]) {
        set({ repairs: { ...get().repairs, [key]: { steps, phase: 'planning' } } });
        const address = get().address;
        const result = await callOperation(client, 'repair.plan', {
          steps,
          ...(address ? { address } : {}),
        });
        if (!result.ok) return fail(key, result.error);
        updateFlow(key, { phase: 'review', plan: result.value, error: undefined });
      },

      async confirmRepair(key) {
        if (flow(key)?.phase !== 'review') return;
        if (needsClosedClient(key)) await checkClientThen(key, { kind: 'apply' });
        else await perform(key, { kind: 'apply' });
      },

      cancelRepair(key) {
        const current = flow(key);
        // A change that was made stays on its card so it can still be undone.
        if (current?.run && current.phase !== 'undone') {
          updateFlow(key, { phase: 'result', pending: undefined, error: undefined });
          return;
        }
        const repairs = { ...get().repairs };
        delete repairs[key];
        set({ repairs });
      },

      async closeClient(key, force) {
        const pending = flow(key)?.pending;
        if (!pending) return;
        updateFlow(key, { phase: 'closing' });
        const result = await callOperation(client, 'client.close', { force });
        if (!result.ok) return fail(key, result.error);
        if (!result.value.closed) {
          updateFlow(key, {
            phase: 'client-running',
            running: result.value.stillRunning,
            closeRefused: force ? 'forced' : 'polite',
          });
          return;
        }
        updateFlow(key, { running: undefined, closeRefused: undefined });
        set({ clientStart: { ...get().clientStart, closedByApp: true } });
        await perform(key, pending);
      },

      async recheckClient(key) {
        const pending = flow(key)?.pending;
        if (pending) await checkClientThen(key, pending);
      },

      async undoRepair(key, stepId) {
        const current = flow(key);
        if (!current?.run && !current?.earlierRunId) return;
        const pending: PendingChange = { kind: 'undo', ...(stepId ? { stepId } : {}) };
        if (needsClosedClient(key)) await checkClientThen(key, pending);
        else await perform(key, pending);
      },

      async loadHistory() {
        const result = await callOperation(client, 'runs.list', {});
        set({ history: result.ok ? { runs: result.value.runs } : { error: result.error } });
      },

      async undoEarlierRun(runId) {
        const key = historyKey(runId);
        const summary = get().history.runs?.find((run) => run.id === runId);
        if (!summary) return;
        set({
          repairs: {
            ...get().repairs,
            [key]: {
              steps: summary.steps.filter(isRepairStep),
              phase: 'checking-client',
              earlierRunId: runId,
            },
          },
        });
        // Without its plan the app cannot tell whether Lync must be closed: check to be safe.
        await checkClientThen(key, { kind: 'undo' });
      },

      async runAdminCheck(domain, targets) {
        set({ admin: { ...get().admin, busy: true, error: undefined } });
        const trimmed = domain.trim();
        const result = await callOperation(client, 'admin.check', {
          ...(trimmed ? { domain: trimmed } : {}),
          targets,
        });
        if (!result.ok && NOT_IN_THIS_VERSION.includes(result.error.code)) {
          set({ admin: { availability: 'unavailable', busy: false } });
          return;
        }
        set({
          admin: result.ok
            ? { availability: 'available', busy: false, findings: result.value.findings }
            : { ...get().admin, busy: false, error: result.error },
        });
      },

      setFixed(fixed) {
        set({ outcome: { ...get().outcome, fixed } });
      },

      setOtherAccounts(answer) {
        set({ outcome: { ...get().outcome, otherAccounts: answer } });
      },

      async buildReport(format) {
        set({ report: { busy: true } });
        const result = await callOperation(client, 'report.build', { format });
        set({
          report: result.ok
            ? { busy: false, file: result.value }
            : { busy: false, error: result.error },
        });
      },

      async loadBackups() {
        set({ backups: { ...get().backups, busy: true, error: undefined } });
        const result = await callOperation(client, 'backups.list', {});
        set({
          backups: result.ok
            ? { ...get().backups, busy: false, list: result.value.backups }
            : { ...get().backups, busy: false, error: result.error },
        });
      },

      async purgeBackups(olderThanDays) {
        if (get().backups.purging) return;
        set({
          backups: { ...get().backups, purging: true, error: undefined, lastPurge: undefined },
        });
        const result = await callOperation(client, 'backups.purge', { olderThanDays });
        // Changes whose backups are gone must stop offering an undo everywhere they are shown,
        // and a failed purge may have deleted some before it stopped: read both lists again.
        await Promise.all([get().loadBackups(), get().loadHistory()]);
        set({
          backups: {
            ...get().backups,
            purging: false,
            ...(result.ok ? { lastPurge: result.value } : { error: result.error }),
          },
        });
      },

      async startClient() {
        const current = get().clientStart;
        if (current.busy) return;
        const installed = installedClient();
        set({ clientStart: { ...current, busy: true, answer: undefined, error: undefined } });
        const result = await callOperation(
          client,
          'client.start',
          installed ? { kind: installed.kind } : {},
        );
        const after = get().clientStart;
        set({
          clientStart: result.ok
            ? {
                ...after,
                busy: false,
                answer: result.value,
                runningAfterChange:
                  result.value.started || result.value.refusal === 'already-running',
              }
            : { ...after, busy: false, error: result.error },
        });
      },

      async restartAsUser(origin) {
        if (get().restart.busy) return;
        set({ restart: { busy: true, origin } });
        const result = await callOperation(client, 'app.restartAsUser', {});
        set({
          restart: result.ok
            ? { busy: false, origin, answer: result.value }
            : { busy: false, origin, error: result.error },
        });
      },

      dispose() {
        unsubscribe();
      },
    };
  });

  const unsubscribe = client.onProgress((event) => {
    if (event.operation === 'repair.apply' || event.operation === 'runs.undo') {
      store.setState({ progress: event });
    }
  });
  return store;
}
