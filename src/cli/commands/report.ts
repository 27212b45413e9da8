import { writeFile } from 'node:fs/promises';
import { isAbsolute, resolve } from 'node:path';
import type { ReportFormat } from '../../main/report';
import { usageError } from '../cli-error';
import { withSession } from '../command-env';
import type { CommandEnv } from '../command-env';
import { EXIT } from '../exit-codes';
import type { ExitCode } from '../exit-codes';

export interface ReportRequest {
  format?: string;
  out?: string;
}

function parseFormat(env: CommandEnv, format: string | undefined): ReportFormat {
  if (format === undefined) return env.out.json ? 'json' : 'html';
  if (format === 'html' || format === 'json') return format;
  throw usageError(`Unknown report format "${format}": use html or json.`, { format });
}

/** A fresh diagnosis plus every repair made so far; credential secrets are never read. */
export async function reportCommand(env: CommandEnv, request: ReportRequest): Promise<ExitCode> {
  const format = parseFormat(env, request.format);
  const report = await withSession(env, async ({ engine, host }) => {
    const diagnosis = await engine.diagnose();
    // Each repair with what every change did; a run whose journal cannot be read keeps its line.
    const summaries = await engine.listRuns();
    const runs = await Promise.all(
      summaries.map((summary) => engine.getRun(summary.id).catch(() => summary)),
    );
    const identity = await host.identity.current();
    return env.ctx.services.buildReport(
      {
        diagnosis,
        runs,
        session: {
          hostKind: host.kind,
          hostDescription: host.description,
          ...(host.practiceScenario ? { practiceScenario: host.practiceScenario } : {}),
          userName: identity.domain
            ? `${identity.domain}\\${identity.userName}`
            : identity.userName,
          elevated: identity.elevated,
          appVersion: env.ctx.services.appVersion,
        },
        generatedAt: env.ctx.now(),
      },
      format,
    );
  });
  if (request.out === undefined) {
    if (env.out.json && format === 'html') env.out.result(report);
    else env.ctx.stdout(report.content);
    return EXIT.ok;
  }
  const file = isAbsolute(request.out) ? request.out : resolve(env.ctx.cwd, request.out);
  try {
    await writeFile(file, report.content, 'utf8');
  } catch (error) {
    // The place given on the command line is the mistake, not the data folder: a usage error.
    throw usageError(
      `Cannot write the report to ${file}: ${(error as Error).message}. Give --out a file in a folder that exists and that you can write to.`,
      { path: file },
    );
  }
  if (env.out.json) {
    env.out.result({
      file,
      format,
      mimeType: report.mimeType,
      bytes: Buffer.byteLength(report.content),
    });
  } else {
    env.out.line(`Report written to ${file}`);
  }
  return EXIT.ok;
}
