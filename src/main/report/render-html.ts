// Punctuation in the templates' own text is written as entities (&mdash;, &middot;): the text of a
// tagged template is kept as it is in the command line's bundle, which stays ASCII-only so Node
// reads it without decoding UTF-8 (scripts/code-cache.test.ts checks).
import type { Finding, FindingStatus } from '../../shared/findings';
import type { ActionResult, PlannedStep, RepairPlan } from '../../shared/repairs';
import {
  ANY_CLIENT_NAME,
  findingTitle,
  kbStepLabel,
  repairStepTitle,
  OUTCOME_WORDS,
  STATUS_WORDS,
  targetFacts,
} from '../../shared/wording';
import { answerLines, type ReportSummary, type SummaryFinding } from './report-summary';
import type { ReportModel, ReportRun } from './report-model';
import { html, SafeHtml } from './safe-html';

// Inline only: the report is mailed around and opened offline, so it loads nothing.
const STYLE = `
:root { color-scheme: light; --ink: #1d2430; --muted: #5b6472; --line: #d8dde5; --bg: #f6f8fb;
  --ok: #1f7a3d; --problem: #b3261e; --warning: #8a5a00; --na: #5b6472; --unknown: #5b3fa0; }
* { box-sizing: border-box; }
body { margin: 0; font: 15px/1.5 "Segoe UI", system-ui, sans-serif; color: var(--ink); background: var(--bg); }
main { max-width: 980px; margin: 0 auto; padding: 24px; overflow-wrap: anywhere; }
@media (max-width: 600px) { main { padding: 12px; } }
h1 { font-size: 24px; margin: 0 0 4px; }
h2 { font-size: 19px; margin: 32px 0 12px; border-bottom: 2px solid var(--line); padding-bottom: 4px; }
h3 { font-size: 16px; margin: 0; }
.muted { color: var(--muted); }
.banner { background: #fff4ce; border: 1px solid #e0c46c; padding: 8px 12px; border-radius: 6px; margin: 12px 0; }
.card { background: #fff; border: 1px solid var(--line); border-radius: 8px; padding: 14px 16px; margin: 0 0 12px; }
.card header { display: flex; gap: 12px; align-items: baseline; flex-wrap: wrap; }
.status { font-weight: 600; font-size: 13px; padding: 1px 8px; border-radius: 10px; border: 1px solid currentColor; }
.status-ok, .outcome-applied, .outcome-undone, .run-applied, .run-undone { color: var(--ok); }
.status-problem, .outcome-failed, .run-failed, .run-partial { color: var(--problem); }
.status-warning, .outcome-skipped, .outcome-rolled-back, .run-rolled-back, .run-partly-undone { color: var(--warning); }
.status-not-applicable { color: var(--na); }
.status-unknown { color: var(--unknown); }
dl { display: grid; grid-template-columns: minmax(0, 16em) minmax(0, 1fr); gap: 2px 16px; margin: 8px 0 0; }
@media (max-width: 600px) { dl { grid-template-columns: minmax(0, 1fr); } dd { margin-bottom: 6px; } }
dt { color: var(--muted); min-width: 0; }
.summary { border-width: 2px; }
.summary h2 { margin-top: 0; }
.summary h3 { margin-top: 12px; }
dd { margin: 0; min-width: 0; overflow-wrap: anywhere; font-family: Consolas, "Cascadia Mono", monospace; font-size: 13px; }
ul.run-actions li { margin-bottom: 4px; }
ul { margin: 6px 0 0; padding-left: 20px; }
footer { margin-top: 32px; font-size: 13px; }
@media print { body { background: #fff; } .card { break-inside: avoid; } }
`;

const CSP =
  "default-src 'none'; style-src 'unsafe-inline'; img-src 'none'; base-uri 'none'; form-action 'none'";

function facts(pairs: Array<[string, string]>): SafeHtml {
  if (pairs.length === 0) return html``;
  return html`<dl>
    ${pairs.map(
      ([label, value]) =>
        html`<dt>${label}</dt>
          <dd>${value}</dd>`,
    )}
  </dl>`;
}

function statusBadge(status: FindingStatus): SafeHtml {
  return html`<span class="status status-${status}">${STATUS_WORDS[status] ?? status}</span>`;
}

function findingCard(f: Finding): SafeHtml {
  const repairs = f.repairs.map(repairStepTitle);
  return html`<section class="card" id="finding-${f.id}">
    <header>
      <h3>${findingTitle(f.id)}</h3>
      ${statusBadge(f.status)}<span class="muted">KB: ${kbStepLabel(f.kbStep)}</span>
    </header>
    <p>${f.summary}</p>
    ${f.detail ? html`<p class="muted">${f.detail}</p>` : ''}
    ${facts(f.evidence.map((e) => [e.label, e.value]))}
    ${repairs.length > 0 ? html`<p class="muted">Repair offered: ${repairs.join('; ')}</p>` : ''}
  </section>`;
}

function planStep(s: PlannedStep): SafeHtml {
  return html`<li>
    <strong>${s.title}</strong> <span class="muted">(KB: ${kbStepLabel(s.kbStep)})</span>
    ${s.note ? html`<p class="muted">${s.note}</p>` : ''}
    <ul>
      ${s.actions.map(
        (a) =>
          html`<li>
            ${a.description}${a.undoable ? '' : html` <em>(cannot be undone)</em>`}${facts(targetFacts(a.target))}
          </li>`,
      )}
    </ul>
  </li>`;
}

function planCard(p: RepairPlan): SafeHtml {
  return html`<section class="card">
    <header>
      <h3>Plan ${p.id}</h3>
      <span class="muted">${p.createdAt}${p.address ? ` · for ${p.address}` : ''}</span>
    </header>
    ${p.requiresClientClosed ? html`<p>Needs ${p.client ?? ANY_CLIENT_NAME} closed.</p>` : ''}
    ${p.requiresAdmin ? html`<p>Needs administrator rights.</p>` : ''}
    ${
      p.warnings.length > 0
        ? html`<ul>
            ${p.warnings.map((w) => html`<li>${w}</li>`)}
          </ul>`
        : ''
    }
    <ol>
      ${p.steps.map(planStep)}
    </ol>
  </section>`;
}

function actionItem(a: ActionResult): SafeHtml {
  return html`<li>
    <strong class="outcome-${a.outcome}">${OUTCOME_WORDS[a.outcome]}:</strong>
    ${a.description}${a.outcome === 'applied' ? (a.verified ? ' — checked' : ' — not checked') : ''}
    ${a.error ? html`<span class="muted"> (${a.error.code}: ${a.error.message})</span>` : ''}
  </li>`;
}

function runCard(r: ReportRun): SafeHtml {
  return html`<section class="card">
    <header>
      <h3>Repair ${r.id}</h3>
      <span class="status run-${r.status}">${r.status}</span>
    </header>
    ${facts([
      ['Started', r.startedAt],
      ['Finished', r.finishedAt ?? '(not finished)'],
      ['Address', r.address ?? '(none)'],
      ['Steps', r.steps.map(repairStepTitle).join('; ')],
      ['Changes', String(r.actionCount)],
      ...(r.backupsPurgedAt
        ? [['Backups', `deleted ${r.backupsPurgedAt}: cannot be undone`] as [string, string]]
        : []),
      ...(r.attention
        ? [['Needs attention', `${r.attention.kind}: ${r.attention.message}`] as [string, string]]
        : []),
    ])}
    ${
      r.actions
        ? html`<ul class="run-actions">
            ${r.actions.map(actionItem)}
          </ul>`
        : ''
    }
  </section>`;
}

function summaryFindings(findings: SummaryFinding[]): SafeHtml {
  return findings.length === 0
    ? html`<p>None.</p>`
    : html`<ul>
        ${findings.map((f) => html`<li><strong>${f.title}</strong>: ${f.summary}</li>`)}
      </ul>`;
}

/** The ticket's first screen; everything after it is the detail behind it. */
function summaryCard(summary: ReportSummary): SafeHtml {
  return html`<section class="card summary" id="summary" aria-labelledby="summary-title">
    <h2 id="summary-title">Summary</h2>
    ${facts([
      ['Support code', summary.supportCode ?? '(none)'],
      ['User', summary.user ?? '(unknown)'],
      ['Client', summary.client],
      ['Sign-in address repaired', summary.address ?? '(none chosen)'],
    ])}
    <h3>Problems before</h3>
    ${summaryFindings(summary.problemsBefore)}
    <h3>What changed</h3>
    ${
      summary.changes.length === 0
        ? html`<p>No changes were made.</p>`
        : html`<ul>
            ${summary.changes.map(
              (c) =>
                html`<li>
                  ${c.steps.join('; ')} &mdash; ${c.outcome}
                  <span class="muted">(run ${c.runId}, ${c.startedAt})</span>
                </li>`,
            )}
          </ul>`
    }
    <h3>Problems now</h3>
    ${summaryFindings(summary.problemsAfter)}
    <h3>The user's answers</h3>
    <ul>
      ${answerLines(summary.answers).map((line) => html`<li>${line}</li>`)}
    </ul>
    <h3>Administrators' checks</h3>
    ${
      summary.adminResults.length === 0
        ? html`<p>Not run.</p>`
        : html`<ul>
            ${summary.adminResults.map(
              (a) => html`<li><strong>${a.title}</strong> (${a.status}): ${a.summary}</li>`,
            )}
          </ul>`
    }
  </section>`;
}

function countByStatus(findings: Finding[]): string {
  const order: FindingStatus[] = ['problem', 'warning', 'unknown', 'ok', 'not-applicable'];
  return order
    .map((status) => [status, findings.filter((f) => f.status === status).length] as const)
    .filter(([, n]) => n > 0)
    .map(([status, n]) => `${n} ${STATUS_WORDS[status].toLowerCase()}`)
    .join(', ');
}

export function renderHtml(model: ReportModel): string {
  const { session: s, diagnosis: d } = model;
  const body = html`<main>
    <h1>SfB Sign-in Repair &mdash; report</h1>
    <p class="muted">
      Made ${model.generatedAt} (UTC) &middot; app
      ${s.appVersion}${s.supportCode ? ` · support code ${s.supportCode}` : ''}
    </p>
    ${
      s.hostKind === 'practice'
        ? html`<p class="banner">
            Practice PC${s.practiceScenario ? ` (scenario ${s.practiceScenario})` : ''}: a simulated
            profile, not a real Windows PC.
          </p>`
        : ''
    }
    ${summaryCard(model.summary)}
    <h2>Details: this PC</h2>
    <section class="card">
      ${facts([
        ['Host', s.hostDescription],
        ...(s.userName ? [['User', s.userName] as [string, string]] : []),
        ...(s.elevated === undefined
          ? []
          : [['Administrator', s.elevated ? 'yes' : 'no'] as [string, string]]),
        [
          'Client',
          d.clients.length > 0
            ? d.clients
                .map(
                  (c) =>
                    `${c.displayName}${c.version ? ` ${c.version}` : ''}${c.running ? ' (running)' : ''}`,
                )
                .join('; ')
            : 'none found',
        ],
        ...d.clients
          .filter((c) => c.executablePath)
          .map((c) => [`${c.displayName} program`, c.executablePath ?? ''] as [string, string]),
        ['Sign-in address the client uses now', d.currentAddress ?? '(none left on this PC)'],
        ['Addresses used', d.addresses.length > 0 ? d.addresses.join(', ') : '(none)'],
        ['Diagnosis', `${d.generatedAt} · ${countByStatus(d.findings)}`],
      ])}
    </section>
    <h2>Details: findings now</h2>
    ${d.findings.map(findingCard)}
    ${
      model.plans.length > 0
        ? html`<h2>Planned changes</h2>
            ${model.plans.map(planCard)}`
        : ''
    }
    <h2>Changes made and undone</h2>
    ${model.runs.length > 0 ? model.runs.map(runCard) : html`<p>No repairs have been made.</p>`}
    <footer class="muted">
      This report contains no passwords or other secrets: stored credentials are listed by name and
      user only.
    </footer>
  </main>`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${CSP}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>SfB Sign-in Repair report ${html`${model.generatedAt}`}</title>
<style>${STYLE}</style>
</head>
<body>
${body}
</body>
</html>
`;
}
