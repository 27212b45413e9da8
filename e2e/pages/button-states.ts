/**
 * Contrast of every button in every state it can be in, in Chromium's real rendering:
 *
 * - hover, keyboard focus and pressed-with-the-mouse are forced on every button through the
 *   DevTools protocol (`CSS.forcePseudoState`), then axe-core checks colour contrast (WCAG AA,
 *   1.4.3) in that state; a toggle that is on (aria-pressed) is checked as it stands on screen;
 * - in the focus state the focus ring must stand out from what surrounds it by 3:1 (WCAG 1.4.11);
 * - disabled buttons, which axe skips because WCAG exempts inactive controls, are held to the
 *   same 4.5:1 as active text: a disabled "Next" still tells the user where they are, and they
 *   must be able to read it. Besides those on screen, every button is switched off for a moment
 *   (as a busy card does) to check that it reads at 4.5:1 and looks different from when it works.
 */
import type { CDPSession, Page } from 'playwright-core';
import { colourContrastViolations, type AxeViolation } from './axe';
import { contrastOf } from './contrast-probe';

export const DISABLED_TEXT_MINIMUM = 4.5;
export const FOCUS_RING_MINIMUM = 3;

/** Pseudo-classes forced together for each state (pressing happens under the pointer). */
const FORCED_STATES = {
  hover: ['hover'],
  focus: ['focus', 'focus-visible'],
  pressed: ['hover', 'active'],
} as const;

interface ButtonReading {
  index: number;
  text: string;
  disabled: boolean;
  seen: boolean;
  /** Text colour against the colour behind it, as the page renders it. */
  textContrast: number;
  /** Outline colour against the colour around the button; undefined without an outline. */
  ringContrast?: number;
}

async function buttonNodeIds(cdp: CDPSession): Promise<number[]> {
  const { root } = await cdp.send('DOM.getDocument', { depth: -1 });
  const { nodeIds } = await cdp.send('DOM.querySelectorAll', {
    nodeId: root.nodeId,
    selector: 'button',
  });
  return nodeIds;
}

function readButtons(page: Page): Promise<ButtonReading[]> {
  return page.evaluate(contrastOf);
}

async function forceOnAll(
  cdp: CDPSession,
  nodeIds: number[],
  classes: readonly string[],
): Promise<void> {
  for (const nodeId of nodeIds) {
    await cdp.send('CSS.forcePseudoState', { nodeId, forcedPseudoClasses: [...classes] });
  }
}

/**
 * Every contrast problem of the buttons on the page now, one line each ("hover: …"). Leaves
 * no state forced behind.
 */
export async function buttonStateProblems(page: Page): Promise<string[]> {
  const problems: string[] = [];
  const describe = (violation: AxeViolation) =>
    `${violation.id} on ${violation.targets.join(', ')}`;

  // As it stands: toggles that are on (aria-pressed) and every other button at rest.
  for (const violation of await colourContrastViolations(page)) {
    problems.push(`at rest: ${describe(violation)}`);
  }
  for (const button of await readButtons(page)) {
    if (button.seen && button.disabled && button.textContrast < DISABLED_TEXT_MINIMUM) {
      problems.push(
        `disabled: "${button.text}" has text contrast ${button.textContrast.toFixed(2)}, below ${DISABLED_TEXT_MINIMUM}`,
      );
    }
  }

  problems.push(...(await switchedOffProblems(page)));

  const cdp = await page.context().newCDPSession(page);
  try {
    await cdp.send('DOM.enable');
    await cdp.send('CSS.enable');
    const nodeIds = await buttonNodeIds(cdp);
    for (const [state, classes] of Object.entries(FORCED_STATES)) {
      await forceOnAll(cdp, nodeIds, classes);
      try {
        for (const violation of await colourContrastViolations(page)) {
          problems.push(`${state}: ${describe(violation)}`);
        }
        if (state === 'focus') {
          for (const button of await readButtons(page)) {
            if (!button.seen || button.disabled || button.ringContrast === undefined) continue;
            if (button.ringContrast < FOCUS_RING_MINIMUM) {
              problems.push(
                `focus: the focus ring of "${button.text}" has contrast ${button.ringContrast.toFixed(2)}, below ${FOCUS_RING_MINIMUM}`,
              );
            }
          }
        }
      } finally {
        await forceOnAll(cdp, nodeIds, []);
      }
    }
  } finally {
    await cdp.detach();
  }
  return problems;
}

interface ButtonNode {
  disabled: boolean;
}
interface ButtonScope {
  document: { querySelectorAll(selector: string): ArrayLike<ButtonNode> };
  getComputedStyle(element: ButtonNode): { color: string; backgroundColor: string };
}

/** Runs in the page: each button's text and background colours, in document order. */
function buttonLooks(): string[] {
  const scope = globalThis as unknown as ButtonScope;
  return Array.from(scope.document.querySelectorAll('button')).map((button) => {
    const style = scope.getComputedStyle(button);
    return `${style.color} on ${style.backgroundColor}`;
  });
}

/** Runs in the page: sets `disabled` on the buttons at these positions (document order). */
function setDisabled([indexes, disabled]: [number[], boolean]): void {
  const buttons = (globalThis as unknown as ButtonScope).document.querySelectorAll('button');
  for (const index of indexes) {
    const button = buttons[index];
    if (button) button.disabled = disabled;
  }
}

/**
 * Every button the page shows switched off for a moment, the way a busy card does it (the real
 * `disabled` property, the app's own CSS): each must still read at 4.5:1 and look different from
 * its active self. Switched back on afterwards.
 */
async function switchedOffProblems(page: Page): Promise<string[]> {
  const enabled = (await readButtons(page)).filter((button) => button.seen && !button.disabled);
  const indexes = enabled.map((button) => button.index);
  const onLooks = await page.evaluate(buttonLooks);
  await page.evaluate(setDisabled, [indexes, true] as [number[], boolean]);
  try {
    const off = await readButtons(page);
    const offLooks = await page.evaluate(buttonLooks);
    const problems: string[] = [];
    for (const button of enabled) {
      const now = off[button.index];
      if (now && now.textContrast < DISABLED_TEXT_MINIMUM) {
        problems.push(
          `switched off: "${button.text}" has text contrast ${now.textContrast.toFixed(2)}, below ${DISABLED_TEXT_MINIMUM}`,
        );
      }
      if (offLooks[button.index] === onLooks[button.index]) {
        problems.push(`switched off: "${button.text}" looks the same as when it works`);
      }
    }
    return problems;
  } finally {
    await page.evaluate(setDisabled, [indexes, false] as [number[], boolean]);
  }
}
