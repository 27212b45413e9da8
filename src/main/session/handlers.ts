/**
 * Maps every operation of the shared table onto the engine, the report, the administrators'
 * check and the practice PC. Requests arrive already parsed by the dispatcher.
 */
import type { DiagnosisReport, Finding } from '../../shared/findings';
import { EXTERNAL_LINKS } from '../../shared/external-links';
import type { OperationName } from '../../shared/operations';
import type { RepairStepId, RunRecord, RunSummary } from '../../shared/repairs';
import type { OperationHandlers } from '../ipc/dispatcher';
import { breakForeignLock } from '../journal/data-lock';
import { restartAsUser, type UserRelauncher } from './restart-as-user';
import { rememberPlan, type AppSession } from './app-session';

/** What the report needs beyond the latest scan: how the PC was first, and the admin checks. */
interface ReportMemory {
  firstDiagnosis?: DiagnosisReport;
  adminFindings?: Finding[];
}

async function diagnose(session: AppSession, memory: ReportMemory) {
  const report = await session.engine().diagnose();
  session.lastDiagnosis = report;
  memory.firstDiagnosis ??= report;
  return report;
}

/**
 * Every repair on this PC with what each change did, read from the journal; a run whose journal
 * cannot be read is still listed by its summary rather than dropped from the report.
 */
async function runDetails(session: AppSession): Promise<Array<RunRecord | RunSummary>> {
  const engine = session.engine();
  const summaries = await engine.listRuns();
  return Promise.all(summaries.map((summary) => engine.getRun(summary.id).catch(() => summary)));
}

export interface HandlerOptions {
  /** How the app starts itself again for the signed-in user (the Electron app on Windows). */
  relauncher?: UserRelauncher;
  /** Opens a web address in the default browser (Electron's shell); absent in tests. */
  openExternal?: (url: string) => Promise<void>;
}

export function createHandlers(
  session: AppSession,
  options: HandlerOptions = {},
): OperationHandlers {
  const memory: ReportMemory = {};
  const handlers: OperationHandlers = {
    async 'session.info'() {
      const host = session.host();
      const identity = await host.identity.current();
      return {
        hostKind: host.kind,
        ...(host.practiceScenario ? { practiceScenario: host.practiceScenario } : {}),
        hostDescription: host.description,
        userName: identity.domain ? `${identity.domain}\\${identity.userName}` : identity.userName,
        elevated: identity.elevated,
        supportCode: session.supportCode,
        appVersion: session.appVersion,
      };
    },

    'diagnosis.run': () => diagnose(session, memory),

    async 'admin.check'(request) {
      const findings = await session.services.runAdminChecks(session.host(), {
        ...(request.domain ? { domain: request.domain } : {}),
        targets: request.targets,
      });
      memory.adminFindings = findings;
      return { findings };
    },

    async 'repair.plan'(request) {
      const plan = await session.engine().plan({
        steps: request.steps as RepairStepId[],
        ...(request.address ? { address: request.address } : {}),
      });
      rememberPlan(session, plan);
      return plan;
    },

    async 'repair.apply'(request) {
      const run = await session
        .engine()
        .apply(request.planId, request.actionIds ? { actionIds: request.actionIds } : {});
      session.runs.set(run.id, run);
      return run;
    },

    async 'client.status'() {
      return { running: await session.engine().runningClients() };
    },

    'client.close': (request) => session.engine().closeClient({ force: request.force }),

    'client.start': (request) =>
      session.engine().startClient(request.kind ? { kind: request.kind } : {}),

    async 'runs.list'() {
      return { runs: await session.engine().listRuns() };
    },

    async 'runs.recover'(request) {
      const run = await session.engine().recover(request.runId);
      session.runs.set(run.id, run);
      return run;
    },

    async 'runs.undo'(request) {
      const stepId = request.stepId as RepairStepId | undefined;
      const run = await session.engine().undo(request.runId, stepId);
      session.runs.set(run.id, run);
      return run;
    },

    async 'backups.list'() {
      return { backups: await session.engine().listBackups() };
    },

    'backups.purge': (request) =>
      session.engine().purgeBackups({
        ...(request.olderThanDays !== undefined ? { olderThanDays: request.olderThanDays } : {}),
        ...(request.runIds !== undefined ? { runIds: request.runIds } : {}),
      }),

    async 'report.build'(request) {
      const diagnosis = session.lastDiagnosis ?? (await diagnose(session, memory));
      const info = await handlers['session.info']({});
      const runs = await runDetails(session);
      return session.services.buildReport(
        {
          diagnosis,
          plans: [...session.plans],
          runs,
          session: info,
          ...(memory.firstDiagnosis ? { before: memory.firstDiagnosis } : {}),
          ...(memory.adminFindings ? { adminFindings: memory.adminFindings } : {}),
          ...(request.context ? { context: request.context } : {}),
        },
        request.format,
      );
    },

    async 'practice.list'() {
      const host = session.host();
      return {
        ...(host.practiceScenario ? { current: host.practiceScenario } : {}),
        scenarios: session.services.practiceScenarios.map(({ name, description }) => ({
          name,
          description,
        })),
      };
    },

    async 'practice.reset'(request) {
      await session.resetPractice(request.name);
      return { scenario: request.name };
    },

    'app.restartAsUser': () => restartAsUser(session.host(), options.relauncher),

    async 'app.openExternal'(request) {
      // The request names a link; the address comes from the allow-list, never from the page.
      const { url } = EXTERNAL_LINKS[request.link];
      if (!options.openExternal) return { opened: false, url };
      await options.openExternal(url);
      return { opened: true, url };
    },

    async 'lock.break'(request) {
      return { broken: breakForeignLock(session.engineDataDir(), request) };
    },
  };

  // Progress events name the operation they belong to.
  const tracked = {} as Record<OperationName, unknown>;
  for (const name of Object.keys(handlers) as OperationName[]) {
    const handler = handlers[name] as (request: unknown) => Promise<unknown>;
    tracked[name] = async (request: unknown) => {
      session.activeOperation = name;
      try {
        return await handler(request);
      } finally {
        session.activeOperation = undefined;
      }
    };
  }
  return tracked as OperationHandlers;
}
