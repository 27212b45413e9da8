/**
 * Names for the shapes the renderer receives through its injected client, derived from the
 * shared operation table so they cannot drift from what main validates.
 */
import type {
  OperationName,
  OperationRequest,
  OperationResponse,
  OperationResult,
  RepairClient,
} from '../../shared/operations';

export type { RepairClient };
export type ClientError = Extract<OperationResult<OperationName>, { ok: false }>['error'];
export type SessionInfo = OperationResponse<'session.info'>;
export type Diagnosis = OperationResponse<'diagnosis.run'>;
export type Plan = OperationResponse<'repair.plan'>;
export type Run = OperationResponse<'repair.apply'>;
export type RunSummary = OperationResponse<'runs.list'>['runs'][number];
export type AdminFindings = OperationResponse<'admin.check'>['findings'];
export type ReportFile = OperationResponse<'report.build'>;
export type BackupInfo = OperationResponse<'backups.list'>['backups'][number];
export type PurgeResult = OperationResponse<'backups.purge'>;
export type RestartAnswer = OperationResponse<'app.restartAsUser'>;
export type ClientStartAnswer = OperationResponse<'client.start'>;

/**
 * Calls one operation and never throws: a rejected promise (the bridge itself broke) becomes the
 * same plain error data as a refused request, so every screen has one way to show failures.
 */
export async function callOperation<N extends OperationName>(
  client: RepairClient,
  name: N,
  request: OperationRequest<N>,
): Promise<OperationResult<N>> {
  try {
    const method = client[name] as (req: OperationRequest<N>) => Promise<OperationResult<N>>;
    const result = await method(request);
    if (result && typeof result === 'object' && typeof result.ok === 'boolean') return result;
    return {
      ok: false,
      error: { code: 'internal', message: 'The app gave an answer it could not read.' },
    };
  } catch {
    return {
      ok: false,
      error: {
        code: 'internal',
        message: 'The app could not reach the part of itself that looks at this PC.',
      },
    };
  }
}
