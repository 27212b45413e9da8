import type { Engine } from '../main/engine/types';
import { openPc } from '../main/session/open-pc';
import type { HostSystem } from '../main/host/ports';
import { usageError } from './cli-error';
import type { CliContext } from './context';
import { resolveDataDir } from './data-dir';
import type { GlobalOptions } from './global-options';
import type { Output } from './output';

export interface CliSession {
  dataDir: string;
  host: HostSystem;
  engine: Engine;
  close(): Promise<void>;
}

export function checkScenario(ctx: CliContext, name: string): void {
  if (!ctx.services.practiceScenarios.some((s) => s.name === name)) {
    const names = ctx.services.practiceScenarios.map((s) => s.name).join(', ');
    throw usageError(`There is no practice scenario called "${name}". Scenarios: ${names}.`, {
      scenario: name,
    });
  }
}

/**
 * Which practice PC to ask the host factory for: the one named, or '' for the one selected
 * last (a bare `--practice`). Without the option the factory decides: practice off Windows.
 */
function practiceFor(ctx: CliContext, options: GlobalOptions): string | undefined {
  if (typeof options.practice === 'string') {
    checkScenario(ctx, options.practice);
    return options.practice;
  }
  return options.practice === true ? '' : undefined;
}

/** Opens the PC (or practice PC) and an engine on it; the caller closes it. */
export async function openSession(
  ctx: CliContext,
  options: GlobalOptions,
  out: Output,
): Promise<CliSession> {
  const dataDir = resolveDataDir(ctx, options);
  const practice = practiceFor(ctx, options);
  const pc = await openPc(ctx.services, {
    platform: ctx.platform,
    dataDir,
    ...(practice !== undefined ? { practice } : {}),
    now: () => ctx.now(),
    // A stage (no count) is always said; counts are throttled.
    onProgress: (p) => out.progress(p.message, p.done, p.total, p.done === undefined),
    ...(options.breakLock ? { breakLock: true } : {}),
  });
  if (pc.host.kind === 'practice') {
    out.progress(
      `Practice PC "${pc.host.practiceScenario ?? 'practice'}": a simulated profile, not this computer.`,
      undefined,
      undefined,
      true,
    );
  }
  return { dataDir, host: pc.host, engine: pc.engine, close: pc.close };
}
