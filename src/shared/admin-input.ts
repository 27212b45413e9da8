/**
 * What an administrator types for the certificate-chain check: the SIP domain and extra servers
 * (`host` or `host:port`). One validator, one set of messages, for the wizard's form, the
 * command line's `--domain`/`--target` and main's request schema.
 */
export const MAX_ADMIN_TARGETS = 16;

const LABEL = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?$/;

export type Checked = { ok: true; value: string } | { ok: false; message: string };

function isHostName(host: string): boolean {
  const bare = host.replace(/\.$/, '');
  return bare.length > 0 && bare.length <= 253 && bare.split('.').every((part) => LABEL.test(part));
}

export function domainMessage(text: string): string {
  return `"${text}" is not a domain name like contoso.com.`;
}

export function targetMessage(text: string): string {
  return `"${text}" is not a host name with an optional :port (sts.contoso.com:443).`;
}

export const TOO_MANY_TARGETS = `At most ${MAX_ADMIN_TARGETS} extra servers can be checked at once.`;

/** A SIP domain: at least two labels of letters, digits and hyphens ("contoso.com"). */
export function checkDomain(text: string): Checked {
  const domain = text.trim();
  return isHostName(domain) && domain.includes('.')
    ? { ok: true, value: domain }
    : { ok: false, message: domainMessage(text) };
}

/** `host` or `host:port`, the port from 1 to 65535. */
export function checkTarget(text: string): Checked {
  const target = text.trim();
  const match = /^([^:\s]+)(?::(\d{1,5}))?$/.exec(target);
  const port = match?.[2] === undefined ? 443 : Number(match[2]);
  return match?.[1] !== undefined && isHostName(match[1]) && port >= 1 && port <= 65535
    ? { ok: true, value: target }
    : { ok: false, message: targetMessage(text) };
}

/** The form's text box: one server per line, blank lines ignored. */
export function checkTargetLines(text: string): { targets: string[]; problems: string[] } {
  const lines = text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter(Boolean);
  const checked = lines.map(checkTarget);
  const problems = checked.flatMap((entry) => (entry.ok ? [] : [entry.message]));
  if (lines.length > MAX_ADMIN_TARGETS) problems.push(TOO_MANY_TARGETS);
  return { targets: checked.flatMap((entry) => (entry.ok ? [entry.value] : [])), problems };
}
