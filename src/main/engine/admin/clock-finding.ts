/** The `clock` finding: the PC's time against every server that told its time. */
import type { Evidence, Finding } from '../../../shared/findings';
import { describeSkew, isSkewTooLarge, MAX_CLOCK_SKEW_MS } from './clock';
import type { TargetOutcome } from './check-target';
import { targetLabel } from './targets';

export function clockFinding(outcomes: TargetOutcome[]): Finding {
  const evidence: Evidence[] = [];
  const off: string[] = [];
  let samples = 0;
  for (const outcome of outcomes) {
    if (outcome.state !== 'checked') continue;
    const label = targetLabel(outcome.target);
    if (!outcome.clock) {
      // SIP servers are not asked for the time: only web servers answer HTTP.
      if (!outcome.target.http) continue;
      evidence.push({
        kind: 'host',
        label,
        value: `no server time: ${outcome.clockNote ?? 'unknown'}`,
      });
      continue;
    }
    samples++;
    const { serverDate, localDate, skewMs } = outcome.clock;
    const words = `the PC is ${describeSkew(skewMs)} the server`;
    evidence.push({
      kind: 'host',
      label,
      value: `server time ${serverDate.toISOString()}, PC time ${localDate.toISOString()}: ${words}`,
    });
    if (isSkewTooLarge(outcome.clock)) off.push(`${label} (${words})`);
  }
  const base = {
    id: 'clock' as const,
    kbStep: 'admin-certificate-chain' as const,
    evidence,
    repairs: [],
  };
  const limit = `${MAX_CLOCK_SKEW_MS / 60_000} minutes`;
  if (off.length > 0) {
    return {
      ...base,
      status: 'problem',
      summary: `The PC's clock is more than ${limit} off: ${off[0]}.`,
      detail:
        `Sign-in fails when the PC's clock differs from the servers' by more than ${limit}. ` +
        `Set the correct time (and time zone) and let Windows synchronise it. Off: ${off.join('; ')}.`,
    };
  }
  if (samples === 0) {
    return {
      ...base,
      status: 'unknown',
      summary: 'No server told its time, so the clock could not be compared.',
    };
  }
  return {
    ...base,
    status: 'ok',
    summary: `The PC's clock is within ${limit} of every server that told its time (${samples}).`,
  };
}
