/**
 * One app session: the host (the PC or a practice PC), the engine on it, what the user has seen
 * (last diagnosis, plans, runs) and the support code. Handlers read and update it.
 */
import type { DiagnosisReport } from '../../shared/findings';
import type { OperationName, ProgressEvent } from '../../shared/operations';
import type { RepairPlan, RunRecord } from '../../shared/repairs';
import type { Engine } from '../engine/types';
import { AppError } from '../../shared/errors';
import type { HostSystem } from '../host/ports';
import { openPc, type OpenPc } from './open-pc';
import type { ProductServices } from './services';
import { newSupportCode } from './support-code';

export interface AppSessionOptions {
  platform: NodeJS.Platform;
  dataDir: string;
  /** Practice scenario asked for (`--practice NAME`); practice is automatic off Windows. */
  practice?: string;
  services: ProductServices;
  onProgress?: (event: ProgressEvent) => void;
}

export interface AppSession {
  readonly supportCode: string;
  readonly appVersion: string;
  readonly services: ProductServices;
  host(): HostSystem;
  engine(): Engine;
  /** The engine's data folder (journal, backups, lock) for this host. */
  engineDataDir(): string;
  isPractice(): boolean;
  lastDiagnosis: DiagnosisReport | undefined;
  /** Plans shown in this session, newest last (the report lists them). */
  readonly plans: RepairPlan[];
  /** Runs made or undone in this session, by id (the report shows their actions). */
  readonly runs: Map<string, RunRecord>;
  /** The operation being handled, so engine progress can say what it belongs to. */
  activeOperation: OperationName | undefined;
  resetPractice(scenario: string): Promise<void>;
  close(): Promise<void>;
}

const MAX_PLANS_KEPT = 50;

export async function openAppSession(options: AppSessionOptions): Promise<AppSession> {
  const { services } = options;
  let opened: OpenPc | undefined;

  function open(practice: string | undefined): Promise<OpenPc> {
    return openPc(services, {
      platform: options.platform,
      dataDir: options.dataDir,
      ...(practice !== undefined ? { practice } : {}),
      onProgress: (progress) =>
        options.onProgress?.({ operation: session.activeOperation ?? 'repair.apply', ...progress }),
    });
  }

  const session: AppSession = {
    supportCode: newSupportCode(),
    appVersion: services.appVersion,
    services,
    host: () => current().host,
    engine: () => current().engine,
    engineDataDir: () => current().engineDataDir,
    isPractice: () => current().host.kind === 'practice',
    lastDiagnosis: undefined,
    plans: [],
    runs: new Map(),
    activeOperation: undefined,
    async resetPractice(scenario) {
      if (!session.isPractice()) {
        throw new AppError('practice-only', 'This is only possible on the practice PC.');
      }
      if (!services.practiceScenarios.some((entry) => entry.name === scenario)) {
        throw new AppError(
          'invalid-request',
          `There is no practice scenario called "${scenario}".`,
          {
            scenario,
          },
        );
      }
      await current().close();
      opened = undefined;
      await services.resetPractice(options.dataDir, scenario);
      opened = await open(scenario);
      session.lastDiagnosis = undefined;
      session.plans.length = 0;
      session.runs.clear();
    },
    async close() {
      const toClose = opened;
      opened = undefined;
      await toClose?.close();
    },
  };

  function current() {
    if (!opened) throw new AppError('internal', 'The session is not open.');
    return opened;
  }

  opened = await open(options.practice);
  return session;
}

export function rememberPlan(session: AppSession, plan: RepairPlan): void {
  session.plans.push(plan);
  if (session.plans.length > MAX_PLANS_KEPT)
    session.plans.splice(0, session.plans.length - MAX_PLANS_KEPT);
}
