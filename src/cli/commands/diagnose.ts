import type { DiagnosisReport } from '../../shared/findings';
import {
  checkDomain,
  checkTarget,
  MAX_ADMIN_TARGETS,
  TOO_MANY_TARGETS,
} from '../../shared/admin-input';
import { usageError } from '../cli-error';
import { withSession } from '../command-env';
import type { CommandEnv } from '../command-env';
import { EXIT } from '../exit-codes';
import type { ExitCode } from '../exit-codes';
import { printDiagnosis } from '../format/diagnosis-text';
import type { AdminCheckRequest } from '../../main/session/services';

export interface DiagnoseOptions {
  admin: boolean;
  domain?: string;
  targets: string[];
  dnsServers: string[];
}

/** `1.2.3.4`, `1.2.3.4:53`, `::1` or `[::1]:53`: what node's resolver accepts. */
function parseDnsServer(text: string, isIP: (host: string) => number): string {
  const bracketed = /^\[([^\]]+)\](?::(\d{1,5}))?$/.exec(text);
  const v4 = /^([\d.]+)(?::(\d{1,5}))?$/.exec(text);
  const host = bracketed?.[1] ?? v4?.[1] ?? text;
  const port = Number(bracketed?.[2] ?? v4?.[2] ?? '53');
  if (isIP(host) === 0 || port < 1 || port > 65535) {
    throw usageError(`"${text}" is not a DNS server address (an IP address, optionally :port).`, {
      dnsServer: text,
    });
  }
  return text;
}

async function adminRequest(options: DiagnoseOptions): Promise<AdminCheckRequest> {
  if (!options.admin && (options.domain !== undefined || options.targets.length > 0)) {
    throw usageError("--domain and --target belong to the administrators' checks: add --admin.");
  }
  const request: AdminCheckRequest = {};
  if (options.domain !== undefined) {
    const domain = checkDomain(options.domain);
    if (!domain.ok) throw usageError(domain.message, { domain: options.domain });
    request.domain = domain.value;
  }
  if (options.targets.length > MAX_ADMIN_TARGETS) throw usageError(TOO_MANY_TARGETS);
  request.targets = options.targets.map((t) => {
    const target = checkTarget(t);
    if (!target.ok) throw usageError(target.message, { target: t });
    return target.value;
  });
  if (options.dnsServers.length > 0) {
    // Loaded only when servers are named: node:net is not needed by a plain diagnosis.
    const { isIP } = await import('node:net');
    request.dns = { servers: options.dnsServers.map((server) => parseDnsServer(server, isIP)) };
  }
  return request;
}

export async function diagnoseCommand(
  env: CommandEnv,
  options: DiagnoseOptions,
): Promise<ExitCode> {
  const request = await adminRequest(options);
  const report: DiagnosisReport = await withSession(env, async (session) => {
    const diagnosis = await session.engine.diagnose();
    if (!options.admin) return diagnosis;
    env.out.progress("Running the administrators' checks…", undefined, undefined, true);
    const adminFindings = await env.ctx.services.runAdminChecks(session.host, {
      ...request,
      ...(request.domain === undefined && diagnosis.currentAddress
        ? { domain: diagnosis.currentAddress.split('@')[1] }
        : {}),
    });
    return { ...diagnosis, findings: [...diagnosis.findings, ...adminFindings] };
  });
  if (env.out.json) env.out.result(report);
  else printDiagnosis(env.out, report);
  return EXIT.ok;
}
