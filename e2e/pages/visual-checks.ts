/**
 * Everything the eye checks on one screen, in one call for the walkthroughs: button contrast in
 * every state (normal and helpdesk mode) and the layout at both widths in both modes.
 */
import type { Page } from 'playwright-core';
import { buttonStateProblems } from './button-states';
import { layoutProblemsEverywhere } from './layout-check';

async function setHelpdesk(page: Page, on: boolean): Promise<void> {
  const toggle = page.getByRole('button', { name: 'Helpdesk mode' });
  if (((await toggle.getAttribute('aria-pressed')) === 'true') !== on) await toggle.click();
}

/** Problems found on the current screen, each labelled with where; leaves the mode as it was. */
export async function visualProblems(page: Page): Promise<string[]> {
  const toggle = page.getByRole('button', { name: 'Helpdesk mode' });
  const wasHelpdesk = (await toggle.getAttribute('aria-pressed')) === 'true';
  const found: string[] = [];
  for (const helpdesk of [false, true]) {
    await setHelpdesk(page, helpdesk);
    const mode = helpdesk ? 'helpdesk' : 'normal';
    found.push(...(await buttonStateProblems(page)).map((problem) => `${mode} ${problem}`));
  }
  await setHelpdesk(page, wasHelpdesk);
  found.push(...(await layoutProblemsEverywhere(page)));
  return found;
}
