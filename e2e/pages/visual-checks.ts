/**
 * What the eye checks on a screen, in one call for the walkthroughs: axe-core's serious
 * violations, the layout at both widths in both modes, and (`visualProblems`) the contrast of
 * every button in every state.
 */
import type { Page } from 'playwright-core';
import { seriousViolations } from './axe';
import { buttonStateProblems } from './button-states';
import { layoutProblemsEverywhere } from './layout-check';

async function setHelpdesk(page: Page, on: boolean): Promise<void> {
  const toggle = page.getByRole('button', { name: 'Helpdesk mode' });
  if (((await toggle.getAttribute('aria-pressed')) === 'true') !== on) await toggle.click();
}

/**
 * `screenProblems` plus the contrast of every button in every state, in both modes: for screens
 * with buttons of their own kind (a danger button, a card in the middle of a change). Each
 * problem is labelled with where; the mode is left as it was.
 */
export async function visualProblems(page: Page): Promise<string[]> {
  const toggle = page.getByRole('button', { name: 'Helpdesk mode' });
  const wasHelpdesk = (await toggle.getAttribute('aria-pressed')) === 'true';
  const found: string[] = (await seriousViolations(page)).map(
    (violation) => `${violation.id}: ${violation.targets.join(', ')}`,
  );
  for (const helpdesk of [false, true]) {
    await setHelpdesk(page, helpdesk);
    const mode = helpdesk ? 'helpdesk' : 'normal';
    found.push(...(await buttonStateProblems(page)).map((problem) => `${mode} ${problem}`));
  }
  await setHelpdesk(page, wasHelpdesk);
  found.push(...(await layoutProblemsEverywhere(page)));
  return found;
}

/**
 * What every walkthrough checks on each screen it reaches: axe-core's serious and critical
 * violations as the screen stands, and the layout at both widths in both modes.
 */
export async function screenProblems(page: Page): Promise<string[]> {
  const violations = await seriousViolations(page);
  return [
    ...violations.map((violation) => `${violation.id}: ${violation.targets.join(', ')}`),
    ...(await layoutProblemsEverywhere(page)),
  ];
}
