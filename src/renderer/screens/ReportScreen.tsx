import { useState } from 'react';
import { BackupsPanel } from '../components/BackupsPanel';
import { ErrorNotice } from '../components/ErrorNotice';
import { ScreenFrame } from '../components/ScreenFrame';
import type { ReportFile } from '../client/client-types';
import { useWizard } from '../store/wizard-context';

/** Saves through a short-lived Blob link: no file system access from the renderer. */
function saveFile(file: ReportFile): void {
  const url = URL.createObjectURL(new Blob([file.content], { type: file.mimeType }));
  const link = document.createElement('a');
  link.href = url;
  link.download = file.fileName;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

async function copyText(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    // The app denies permission requests, which can include the asynchronous clipboard; the
    // older copy command needs no permission because it runs inside the user's click.
    const area = document.createElement('textarea');
    area.value = text;
    area.setAttribute('readonly', '');
    area.className = 'visually-hidden';
    document.body.append(area);
    area.select();
    try {
      return document.execCommand('copy');
    } catch {
      return false;
    } finally {
      area.remove();
    }
  }
}

type CopyState = 'idle' | 'copied' | 'failed';

/** The session's report (no secrets): build it, then save it to a file or copy it. */
export function ReportScreen() {
  const report = useWizard((state) => state.report);
  const buildReport = useWizard((state) => state.buildReport);
  const [copy, setCopy] = useState<CopyState>('idle');
  const file = report.file;

  const build = (format: 'html' | 'json') => {
    setCopy('idle');
    void buildReport(format);
  };

  return (
    <ScreenFrame title="Report">
      <p className="lead">
        The report starts with a summary for the helpdesk ticket (who, which address, what was
        wrong, what changed, what is wrong now, your answers), then the details. It contains no
        passwords or keys. Send it to your helpdesk if sign-in still fails.
      </p>
      <div className="actions">
        <button
          type="button"
          className="primary"
          disabled={report.busy}
          onClick={() => build('html')}
        >
          Prepare the report
        </button>
        <button type="button" disabled={report.busy} onClick={() => build('json')}>
          Prepare it as data (JSON)
        </button>
      </div>
      {report.busy && <p role="status">Preparing the report…</p>}
      {report.error && <ErrorNotice error={report.error} />}
      {file && !report.busy && (
        <section aria-labelledby="report-ready">
          <h2 id="report-ready">The report is ready</h2>
          <p>
            <code>{file.fileName}</code> ({Math.max(1, Math.round(file.content.length / 1024))} KB)
          </p>
          <div className="actions">
            <button type="button" className="primary" onClick={() => saveFile(file)}>
              Save the report
            </button>
            <button
              type="button"
              onClick={() =>
                void copyText(file.summary).then((ok) => setCopy(ok ? 'copied' : 'failed'))
              }
            >
              Copy summary
            </button>
          </div>
          <p role="status">
            {copy === 'copied' &&
              'Copied the summary. Paste it into the ticket and attach the saved report.'}
            {copy === 'failed' &&
              'Copying did not work here. Save the report to a file instead and attach it.'}
          </p>
          <details>
            <summary>The summary that is copied</summary>
            <pre className="report-summary">{file.summary}</pre>
          </details>
        </section>
      )}
      <BackupsPanel />
    </ScreenFrame>
  );
}
