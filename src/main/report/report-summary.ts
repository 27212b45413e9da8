/**
 * The ticket's first screen: who, which client, which address, what was wrong, what changed,
 * what is wrong now, what the user answered and what the administrators' checks said. Built
 * from the same model as the HTML and JSON, and rendered as plain text for "Copy summary".
 */
import type { DiagnosisReport, Finding } from '../../shared/findings';
import type { RunRecord, RunSummary } from '../../shared/repairs';
import {
  findingTitle,
  formatMoment,
  repairStepTitle,
  runHeadline,
  STATUS_WORDS,
} from '../../shared/wording';
import type { ReportInput } from './report-types';

export interface SummaryFinding {
  id: string;
  title: string;
  summary: string;
}

export interface SummaryChange {
  runId: string;
  startedAt: string;
  steps: string[];
  outcome: string;
}

export interface ReportSummary {
  supportCode?: string;
  user?: string;
  client: string;
  /** The address the repairs acted for: known from the runs even after its settings are gone. */
  address?: string;
  problemsBefore: SummaryFinding[];
  changes: SummaryChange[];
  problemsAfter: SummaryFinding[];
  answers: { fixed?: boolean; otherAccounts?: 'yes' | 'no' | 'not-tried' };
  adminResults: Array<SummaryFinding & { status: string }>;
}

const OTHER_ACCOUNTS_WORDS = {
  yes: 'other accounts cannot sign in either (points at this PC)',
  no: 'other accounts sign in fine (points at the user account)',
  'not-tried': 'not tried with another account yet',
} as const;

function problems(diagnosis: DiagnosisReport | undefined): SummaryFinding[] {
  return (diagnosis?.findings ?? [])
    .filter((finding) => finding.status === 'problem')
    .map((finding) => ({
      id: finding.id,
      title: findingTitle(finding.id),
      summary: finding.summary,
    }));
}

function clientName(diagnosis: DiagnosisReport): string {
  if (diagnosis.clients.length === 0) return 'none found';
  return diagnosis.clients
    .map((client) => `${client.displayName}${client.version ? ` ${client.version}` : ''}`)
    .join('; ');
}

function isRecord(run: RunRecord | RunSummary): run is RunRecord {
  return Array.isArray((run as RunRecord).actions);
}

export function toSummary(input: ReportInput): ReportSummary {
  const runs = [...(input.runs ?? [])].sort((a, b) => a.startedAt.localeCompare(b.startedAt));
  const address =
    input.context?.address ??
    [...runs].reverse().find((run) => run.address !== undefined)?.address ??
    input.diagnosis.currentAddress;
  const adminFindings: Finding[] = input.adminFindings ?? [];
  return {
    ...(input.session.supportCode ? { supportCode: input.session.supportCode } : {}),
    ...(input.session.userName ? { user: input.session.userName } : {}),
    client: clientName(input.before ?? input.diagnosis),
    ...(address ? { address } : {}),
    problemsBefore: problems(input.before ?? input.diagnosis),
    changes: runs.map((run) => ({
      runId: run.id,
      startedAt: run.startedAt,
      steps: run.steps.map(repairStepTitle),
      outcome: isRecord(run) ? runHeadline(run) : run.status,
    })),
    problemsAfter: problems(input.diagnosis),
    answers: {
      ...(input.context?.fixed !== undefined ? { fixed: input.context.fixed } : {}),
      ...(input.context?.otherAccounts ? { otherAccounts: input.context.otherAccounts } : {}),
    },
    adminResults: adminFindings.map((finding) => ({
      id: finding.id,
      title: findingTitle(finding.id),
      summary: finding.summary,
      status: STATUS_WORDS[finding.status],
    })),
  };
}

/** Answers as sentences, shared by the HTML and the text summary. */
export function answerLines(answers: ReportSummary['answers']): string[] {
  return [
    answers.fixed === undefined
      ? 'Did it work: not answered'
      : `Did it work: ${answers.fixed ? 'yes, the user can sign in' : 'no, sign-in still fails'}`,
    `Other accounts on this PC: ${answers.otherAccounts ? OTHER_ACCOUNTS_WORDS[answers.otherAccounts] : 'not answered'}`,
  ];
}

function findingLines(findings: SummaryFinding[]): string[] {
  return findings.length === 0
    ? ['  none']
    : findings.map((finding) => `  - ${finding.title}: ${finding.summary}`);
}

/** Plain text for a ticket: short lines, no markup, the summary only (details are in the file). */
export function summaryText(summary: ReportSummary, locale?: string): string {
  const lines = [
    'SfB Sign-in Repair — summary',
    `Support code: ${summary.supportCode ?? '(none)'}`,
    `User: ${summary.user ?? '(unknown)'}`,
    `Client: ${summary.client}`,
    `Sign-in address repaired: ${summary.address ?? '(none chosen)'}`,
    'Problems before:',
    ...findingLines(summary.problemsBefore),
    'Changes made:',
    ...(summary.changes.length === 0
      ? ['  none']
      : summary.changes.map(
          (change) =>
            `  - ${formatMoment(change.startedAt, locale)}: ${change.steps.join('; ')} — ${change.outcome} (run ${change.runId})`,
        )),
    'Problems now:',
    ...findingLines(summary.problemsAfter),
    ...answerLines(summary.answers),
    "Administrators' checks:",
    ...(summary.adminResults.length === 0
      ? ['  not run']
      : summary.adminResults.map(
          (result) => `  - ${result.title}: ${result.status}. ${result.summary}`,
        )),
    'The full report (HTML) is attached as a file.',
  ];
  return `${lines.join('\n')}\n`;
}
