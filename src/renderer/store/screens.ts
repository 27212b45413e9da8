import { clientStepLabel } from '../../shared/wording';

/** The wizard's screens in the order of the KB article. */
export const SCREENS = [
  { id: 'scan', label: 'Scan this PC' },
  { id: 'client-path', label: 'Your Lync' },
  { id: 'additional', label: 'More steps' },
  { id: 'admin', label: 'Administrators' },
  { id: 'outcome', label: 'Did it work?' },
  { id: 'report', label: 'Report' },
] as const;

export type ScreenId = (typeof SCREENS)[number]['id'];

/** A step's name as shown; the client's step is named after the client the scan found. */
export function screenLabel(id: ScreenId | undefined, clientKind: string | undefined): string {
  if (id === 'client-path') return clientStepLabel(clientKind);
  return SCREENS.find((entry) => entry.id === id)?.label ?? '';
}

export function nextScreen(screen: ScreenId): ScreenId | undefined {
  const index = SCREENS.findIndex((entry) => entry.id === screen);
  return SCREENS[index + 1]?.id;
}

export function previousScreen(screen: ScreenId): ScreenId | undefined {
  const index = SCREENS.findIndex((entry) => entry.id === screen);
  return index > 0 ? SCREENS[index - 1]?.id : undefined;
}
