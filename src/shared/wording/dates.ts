/**
 * Dates in the reader's locale (the PC's, or the one a test passes). ISO strings stay for the
 * technical details; people read "11 November 2026".
 */
function parsed(iso: string): Date | undefined {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

/** A day: "11 November 2026" (en-GB), "November 11, 2026" (en-US). The input when unreadable. */
export function formatDay(iso: string, locale?: string): string {
  const date = parsed(iso);
  return date ? new Intl.DateTimeFormat(locale, { dateStyle: 'long' }).format(date) : iso;
}

/** A moment: day and time of day, without seconds. The input when unreadable. */
export function formatMoment(iso: string, locale?: string): string {
  const date = parsed(iso);
  return date
    ? new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(date)
    : iso;
}
