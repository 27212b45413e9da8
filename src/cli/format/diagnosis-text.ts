import type {
  DetectedClient,
  DiagnosisReport,
  Finding,
  FindingStatus,
} from '../../shared/findings';
import { countOf, findingTitle, kbStepLabel, STATUS_WORDS } from '../../shared/wording';
import type { Output } from '../output';
import { pasteableCommand } from './command-hint';
import { printProfileWarning } from './profile-text';

const ORDER: FindingStatus[] = ['problem', 'unknown', 'warning', 'ok', 'not-applicable'];

export function clientLine(clients: DetectedClient[]): string {
  if (clients.length === 0) return 'no Lync or Skype for Business client found';
  return clients
    .map(
      (c) => `${c.displayName}${c.version ? ` ${c.version}` : ''}${c.running ? ' (running)' : ''}`,
    )
    .join('; ');
}

export function problems(report: DiagnosisReport): Finding[] {
  return report.findings.filter((f) => f.status === 'problem');
}

function badge(out: Output, status: FindingStatus): string {
  const text = STATUS_WORDS[status].toUpperCase().padEnd(14);
  if (status === 'problem') return out.red(text);
  if (status === 'ok') return out.green(text);
  if (status === 'warning' || status === 'unknown') return out.yellow(text);
  return out.dim(text);
}

export function printDiagnosis(out: Output, report: DiagnosisReport): void {
  printProfileWarning(out, report);
  out.line(`${out.bold('Client:')} ${clientLine(report.clients)}`);
  out.line(`${out.bold('Signed in as:')} ${report.currentAddress ?? '(no current address)'}`);
  const others = report.addresses.filter((a) => a !== report.currentAddress);
  if (others.length > 0) out.line(`${out.bold('Also used here:')} ${others.join(', ')}`);
  out.line();
  const practice = report.hostKind === 'practice' ? report.practiceScenario : undefined;
  const sorted = [...report.findings].sort(
    (a, b) => ORDER.indexOf(a.status) - ORDER.indexOf(b.status),
  );
  const indent = ' '.repeat(16);
  for (const f of sorted) {
    out.line(`${badge(out, f.status)}  ${out.bold(findingTitle(f.id))}`);
    out.line(`${indent}${f.summary}`);
    if (f.status === 'problem' || f.status === 'warning' || out.verbose) {
      out.line(out.dim(`${indent}KB: ${kbStepLabel(f.kbStep)}`));
      if (f.repairs.length > 0)
        out.line(
          out.dim(
            `${indent}Repair: ${pasteableCommand(`repair --steps ${f.repairs.join(',')}`, practice)}`,
          ),
        );
    }
    if (out.verbose) {
      if (f.detail) out.line(`${indent}${f.detail}`);
      for (const e of f.evidence) out.line(out.dim(`${indent}  ${e.label}: ${e.value}`));
    }
  }
  out.line();
  const count = problems(report).length;
  out.line(
    count === 0
      ? out.green('No sign-in problem found.')
      : out.red(`${countOf(count, 'problem', 'problems')} found.`) +
          (report.wrongProfile
            ? ' Run the tool normally first (see the top): the repairs of this profile are refused.'
            : ` See the plan with: ${pasteableCommand('repair --all --dry-run', practice)}`),
  );
}
