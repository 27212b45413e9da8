/**
 * Clock skew between the PC and the servers it signs in to. Kerberos, NTLM and the TLS-DSK
 * certificate the client requests all fail when the PC's clock is more than five minutes off.
 */
export const MAX_CLOCK_SKEW_MS = 5 * 60 * 1000;

export interface ClockSample {
  target: string;
  serverDate: Date;
  localDate: Date;
  /** PC minus server: positive when the PC is ahead. */
  skewMs: number;
}

export function clockSample(target: string, serverDate: Date, localDate: Date): ClockSample {
  return { target, serverDate, localDate, skewMs: localDate.getTime() - serverDate.getTime() };
}

/** "7 min 3 s ahead of", "2 s behind", "in step with" (HTTP dates have one-second precision). */
export function describeSkew(skewMs: number): string {
  const seconds = Math.round(Math.abs(skewMs) / 1000);
  if (seconds < 2) return 'in step with';
  const hours = Math.floor(seconds / 3600);
  const minutes = Math.floor((seconds % 3600) / 60);
  const rest = seconds % 60;
  const parts = [
    hours ? `${hours} h` : '',
    minutes ? `${minutes} min` : '',
    rest ? `${rest} s` : '',
  ]
    .filter(Boolean)
    .join(' ');
  return `${parts} ${skewMs > 0 ? 'ahead of' : 'behind'}`;
}

export function isSkewTooLarge(sample: ClockSample): boolean {
  return Math.abs(sample.skewMs) > MAX_CLOCK_SKEW_MS;
}
