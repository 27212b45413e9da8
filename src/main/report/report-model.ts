/**
 * The report's data, copied field by field from what the engine produced. Copying by an
 * allow-list (never spreading objects) means anything a future engine attaches to a finding,
 * a plan or a run — a secret included — cannot reach a report unless this file names it.
 */
import type { DetectedClient, Evidence, Finding } from '../../shared/findings';
import type {
  ActionResult,
  ActionTarget,
  PlannedAction,
  PlannedStep,
  RepairPlan,
  RunRecord,
  RunSummary,
} from '../../shared/repairs';
import type { RegistryValue } from '../../shared/registry-value';
import { toSummary, type ReportSummary } from './report-summary';
import type { ReportInput, ReportSession } from './report-types';

export const REPORT_SCHEMA = 'sfb-signin-repair/report@1';

export interface ReportModel {
  schema: typeof REPORT_SCHEMA;
  generatedAt: string;
  session: ReportSession;
  /** What a ticket needs first; the rest of the model is the detail behind it. */
  summary: ReportSummary;
  diagnosis: {
    id: string;
    generatedAt: string;
    hostKind: 'windows' | 'practice';
    practiceScenario?: string;
    currentAddress?: string;
    addresses: string[];
    clients: DetectedClient[];
    findings: Finding[];
  };
  plans: RepairPlan[];
  runs: ReportRun[];
}

export interface ReportRun {
  id: string;
  address?: string;
  startedAt: string;
  finishedAt?: string;
  status: RunRecord['status'];
  steps: RunRecord['steps'];
  actionCount: number;
  /** Present when the full run record was given. */
  actions?: ActionResult[];
  /** When the user deleted its backups: it can no longer be undone. */
  backupsPurgedAt?: string;
  /** Whether an undo would still put something back (the engine's decision). */
  undoable: boolean;
  /** Interrupted, recovery failed, damaged or refused (see RunAttention). */
  attention?: { kind: string; message: string };
}

const optional = <K extends string, V>(key: K, value: V | undefined): Partial<Record<K, V>> =>
  value === undefined ? {} : ({ [key]: value } as Record<K, V>);

function session(s: ReportSession): ReportSession {
  return {
    hostKind: s.hostKind,
    hostDescription: String(s.hostDescription),
    ...optional('practiceScenario', s.practiceScenario),
    ...optional('userName', s.userName),
    ...optional('elevated', s.elevated),
    ...optional('supportCode', s.supportCode),
    appVersion: String(s.appVersion),
  };
}

function evidence(e: Evidence): Evidence {
  return { kind: e.kind, label: String(e.label), value: String(e.value) };
}

function finding(f: Finding): Finding {
  return {
    id: f.id,
    status: f.status,
    kbStep: f.kbStep,
    summary: String(f.summary),
    ...optional('detail', f.detail),
    evidence: f.evidence.map(evidence),
    repairs: [...f.repairs],
  };
}

function client(c: DetectedClient): DetectedClient {
  return {
    kind: c.kind,
    displayName: String(c.displayName),
    ...optional('version', c.version),
    ...optional('executablePath', c.executablePath),
    running: Boolean(c.running),
    registryView: c.registryView,
    installType: c.installType,
    ...optional('bitness', c.bitness),
  };
}

/**
 * Registry data is shown for strings and numbers (names, addresses, versions); binary and
 * unknown types only by size, since nothing in the product needs their bytes in a report.
 */
export function registryValueForReport(value: RegistryValue): RegistryValue {
  switch (value.type) {
    case 'REG_BINARY':
      return { type: value.type, data: `(${base64Length(value.data)} bytes)` };
    case 'REG_RAW':
      return {
        type: value.type,
        rawType: value.rawType,
        data: `(${base64Length(value.data)} bytes)`,
      };
    case 'REG_MULTI_SZ':
      return { type: value.type, data: value.data.map(String) };
    case 'REG_DWORD':
      return { type: value.type, data: Number(value.data) };
    default:
      return { type: value.type, data: String(value.data) };
  }
}

function base64Length(data: string): number {
  const clean = data.replace(/=+$/, '');
  return Math.floor((clean.length * 3) / 4);
}

function target(t: ActionTarget): ActionTarget {
  switch (t.kind) {
    case 'folder':
      return {
        kind: t.kind,
        path: t.path,
        fileCount: t.fileCount,
        totalBytes: t.totalBytes,
        ...(t.sizeEstimated ? { sizeEstimated: true as const } : {}),
      };
    case 'file':
      return { kind: t.kind, path: t.path, size: t.size };
    case 'certificate':
      return {
        kind: t.kind,
        store: t.store,
        thumbprint: t.thumbprint,
        subject: t.subject,
        issuer: t.issuer,
        notAfter: t.notAfter,
      };
    case 'credential':
      return {
        kind: t.kind,
        targetName: t.targetName,
        userName: t.userName,
        credentialType: t.credentialType,
      };
    case 'registry-key':
      return { kind: t.kind, key: t.key, valueCount: t.valueCount, subkeyCount: t.subkeyCount };
    case 'registry-value':
      return {
        kind: t.kind,
        key: t.key,
        name: t.name,
        before: registryValueForReport(t.before),
        ...optional('after', t.after && registryValueForReport(t.after)),
      };
    case 'dns-cache':
      return { kind: t.kind };
  }
}

function action(a: PlannedAction): PlannedAction {
  return {
    id: a.id,
    stepId: a.stepId,
    description: String(a.description),
    target: target(a.target),
    undoable: Boolean(a.undoable),
  };
}

function step(s: PlannedStep): PlannedStep {
  return {
    stepId: s.stepId,
    kbStep: s.kbStep,
    title: String(s.title),
    actions: s.actions.map(action),
    ...optional('note', s.note),
  };
}

function plan(p: RepairPlan): RepairPlan {
  return {
    id: p.id,
    createdAt: p.createdAt,
    hostKind: p.hostKind,
    ...optional('address', p.address),
    steps: p.steps.map(step),
    requiresClientClosed: Boolean(p.requiresClientClosed),
    ...optional('client', p.client === undefined ? undefined : String(p.client)),
    ...optional(
      'clientRunning',
      p.clientRunning === undefined ? undefined : Boolean(p.clientRunning),
    ),
    requiresAdmin: Boolean(p.requiresAdmin),
    warnings: p.warnings.map(String),
  };
}

function actionResult(a: ActionResult): ActionResult {
  return {
    actionId: a.actionId,
    stepId: a.stepId,
    description: String(a.description),
    outcome: a.outcome,
    verified: Boolean(a.verified),
    ...optional(
      'error',
      a.error && { code: String(a.error.code), message: String(a.error.message) },
    ),
  };
}

function isRecord(run: RunRecord | RunSummary): run is RunRecord {
  return Array.isArray((run as RunRecord).actions);
}

function run(r: RunRecord | RunSummary): ReportRun {
  const base = {
    id: r.id,
    ...optional('address', r.address),
    startedAt: r.startedAt,
    ...optional('finishedAt', r.finishedAt),
    status: r.status,
    steps: [...r.steps],
    ...optional('backupsPurgedAt', r.backupsPurgedAt),
    undoable: Boolean(r.undoable),
    ...optional(
      'attention',
      r.attention && { kind: String(r.attention.kind), message: String(r.attention.message) },
    ),
  };
  return isRecord(r)
    ? { ...base, actionCount: r.actions.length, actions: r.actions.map(actionResult) }
    : { ...base, actionCount: r.actionCount };
}

export function toReportModel(input: ReportInput): ReportModel {
  const d = input.diagnosis;
  return {
    schema: REPORT_SCHEMA,
    generatedAt: (input.generatedAt ?? new Date()).toISOString(),
    session: session(input.session),
    summary: toSummary(input),
    diagnosis: {
      id: d.id,
      generatedAt: d.generatedAt,
      hostKind: d.hostKind,
      ...optional('practiceScenario', d.practiceScenario),
      ...optional('currentAddress', d.currentAddress),
      addresses: d.addresses.map(String),
      clients: d.clients.map(client),
      findings: d.findings.map(finding),
    },
    plans: (input.plans ?? []).map(plan),
    runs: (input.runs ?? []).map(run),
  };
}
