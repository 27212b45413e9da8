/**
 * The session report for the helpdesk: self-contained HTML (inline CSS, nothing loaded from
 * anywhere, every value escaped) or JSON. Used by the command line and by `report.build`.
 */
import { renderHtml } from './render-html';
import { toReportModel } from './report-model';
import { summaryText } from './report-summary';
import type { BuiltReport, ReportFormat, ReportInput } from './report-types';

export type { BuiltReport, ReportFormat, ReportInput } from './report-types';
function stamp(iso: string): string {
  // 2026-11-25T10:37:51.123Z → 20261125-103751: sortable and valid on every file system.
  return iso
    .replace(/\.\d+Z$/, '')
    .replace(/[-:]/g, '')
    .replace('T', '-');
}

export function buildReport(input: ReportInput, format: ReportFormat): BuiltReport {
  const model = toReportModel(input);
  const base = `sfb-signin-repair-report-${stamp(model.generatedAt)}`;
  const summary = summaryText(model.summary);
  if (format === 'json') {
    return {
      fileName: `${base}.json`,
      mimeType: 'application/json',
      content: `${JSON.stringify(model, null, 2)}\n`,
      summary,
    };
  }
  if (format === 'html') {
    return {
      fileName: `${base}.html`,
      mimeType: 'text/html; charset=utf-8',
      content: renderHtml(model),
      summary,
    };
  }
  throw new RangeError(`Unknown report format "${String(format)}": use html or json.`);
}
