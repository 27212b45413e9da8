import type { DiagnosisReport, Finding } from '../../shared/findings';
import type { ReportContext } from '../../shared/operations';
import type { RepairPlan, RunRecord, RunSummary } from '../../shared/repairs';

/** Who and where the report was made: what `session.info` answers, or the CLI's equivalent. */
export interface ReportSession {
  hostKind: 'windows' | 'practice';
  hostDescription: string;
  practiceScenario?: string;
  userName?: string;
  elevated?: boolean;
  supportCode?: string;
  appVersion: string;
}

export interface ReportInput {
  diagnosis: DiagnosisReport;
  plans?: RepairPlan[];
  /** Full records show every action; summaries (from `listRuns`) show the run only. */
  runs?: Array<RunRecord | RunSummary>;
  session: ReportSession;
  /** The first scan of the session, before any change: the report's "problems before". */
  before?: DiagnosisReport;
  /** The administrators' checks run in this session, if any. */
  adminFindings?: Finding[];
  /** What only the wizard knows: the address it acted for and the user's answers. */
  context?: ReportContext;
  /** When the report was made; now when absent. */
  generatedAt?: Date;
}

export type ReportFormat = 'html' | 'json';

export interface BuiltReport {
  fileName: string;
  mimeType: string;
  content: string;
  /** The summary as plain text, sized for a helpdesk ticket. */
  summary: string;
}
