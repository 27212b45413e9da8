/**
 * "Nothing overlaps, nothing is cut off", measured in Chromium's real layout: every line of
 * visible text is a box (a Range over each text node gives one per line), no two boxes of
 * different text intersect, none reaches past the window's sides, and no box on the page is
 * wider inside than it shows (scrollWidth > clientWidth: content clipped or spilling out).
 */
import type { Page } from 'playwright-core';

/** What the in-page probe touches; the node-side tsconfig has no DOM library (see page-dom.ts). */
interface Rect {
  left: number;
  right: number;
  top: number;
  bottom: number;
  width: number;
  height: number;
}
interface ProbeNode {
  nodeType: number;
  textContent: string | null;
  parentElement: ProbeElement | null;
}
interface ProbeElement extends ProbeNode {
  tagName: string;
  id: string;
  className: unknown;
  scrollWidth: number;
  clientWidth: number;
  children: ArrayLike<ProbeElement>;
  getClientRects(): ArrayLike<Rect>;
  closest(selector: string): ProbeElement | null;
  checkVisibility(options: object): boolean;
}
interface ProbeRange {
  selectNodeContents(node: ProbeNode): void;
  getClientRects(): ArrayLike<Rect>;
}
interface ProbeDom {
  document: {
    body: ProbeElement;
    documentElement: ProbeElement;
    createRange(): ProbeRange;
    createTreeWalker(root: ProbeElement, whatToShow: number): { nextNode(): ProbeNode | null };
    querySelectorAll(selector: string): ArrayLike<ProbeElement>;
  };
}

export interface LayoutProblem {
  kind: 'overlap' | 'off-screen' | 'cut-off';
  /** Short selectors of the elements involved and the text they hold. */
  where: string[];
}

/** Finds overlapping or cut-off text on the page as it is laid out now. */
export function layoutProblems(page: Page): Promise<LayoutProblem[]> {
  return page.evaluate(() => {
    const { document } = globalThis as unknown as ProbeDom;
    const TOLERANCE = 1;
    const SHOW_TEXT = 4;

    const describe = (element: ProbeElement, text?: string): string => {
      const classes =
        typeof element.className === 'string' && element.className.trim()
          ? `.${element.className.trim().split(/\s+/).join('.')}`
          : '';
      const name = `${element.tagName.toLowerCase()}${element.id ? `#${element.id}` : ''}${classes}`;
      const words = (text ?? element.textContent ?? '').trim().replace(/\s+/g, ' ').slice(0, 50);
      return words ? `${name} "${words}"` : name;
    };
    // Screen-reader-only text is clipped on purpose; it is not seen, so it cannot overlap.
    const hiddenOnPurpose = (element: ProbeElement): boolean =>
      element.closest('.visually-hidden, [hidden], [aria-hidden="true"]') !== null;
    // Not rendered: display none, visibility hidden, or inside a closed <details> (its content
    // is content-visibility: hidden, laid out on request but never shown).
    const seen = (element: ProbeElement): boolean =>
      element.checkVisibility({ visibilityProperty: true, contentVisibilityAuto: true }) &&
      element.getClientRects().length > 0;

    const problems: LayoutProblem[] = [];
    const viewportWidth = document.documentElement.clientWidth;

    // One entry per text node that shows, with its line boxes.
    const texts: Array<{ element: ProbeElement; text: string; rects: Rect[] }> = [];
    const walker = document.createTreeWalker(document.body, SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const text = node.textContent ?? '';
      const element = node.parentElement;
      if (!element || text.trim() === '' || hiddenOnPurpose(element) || !seen(element)) continue;
      const range = document.createRange();
      range.selectNodeContents(node);
      const rects = Array.from(range.getClientRects()).filter(
        (rect) => rect.width > TOLERANCE && rect.height > TOLERANCE,
      );
      if (rects.length > 0) texts.push({ element, text, rects });
    }

    for (const entry of texts) {
      if (
        entry.rects.some((rect) => rect.left < -TOLERANCE || rect.right > viewportWidth + TOLERANCE)
      ) {
        problems.push({ kind: 'off-screen', where: [describe(entry.element, entry.text)] });
      }
    }
    for (let a = 0; a < texts.length; a += 1) {
      for (let b = a + 1; b < texts.length; b += 1) {
        const first = texts[a];
        const second = texts[b];
        if (!first || !second) continue;
        const clash = first.rects.some((one) =>
          second.rects.some(
            (other) =>
              Math.min(one.right, other.right) - Math.max(one.left, other.left) > TOLERANCE &&
              Math.min(one.bottom, other.bottom) - Math.max(one.top, other.top) > TOLERANCE,
          ),
        );
        if (clash) {
          problems.push({
            kind: 'overlap',
            where: [describe(first.element, first.text), describe(second.element, second.text)],
          });
        }
      }
    }

    // Boxes wider inside than they show. Text fields scroll their own text by design.
    for (const element of Array.from(document.querySelectorAll('body *'))) {
      if (['INPUT', 'TEXTAREA', 'SELECT', 'PROGRESS', 'svg'].includes(element.tagName)) continue;
      if (element.clientWidth === 0 || hiddenOnPurpose(element) || !seen(element)) continue;
      if (element.scrollWidth > element.clientWidth + TOLERANCE) {
        problems.push({ kind: 'cut-off', where: [describe(element)] });
      }
    }
    if (document.documentElement.scrollWidth > viewportWidth + TOLERANCE) {
      problems.push({ kind: 'cut-off', where: ['the page is wider than the window'] });
    }
    return problems;
  });
}

export const LAYOUT_WIDTHS = [360, 1280] as const;

/**
 * Checks the current screen at each width, in normal and helpdesk mode, with the window as tall
 * as the page (so a sticky bar sits where it belongs rather than over text scrolled under it).
 * Restores the window size and mode it found. Returns problems labelled with width and mode.
 */
export async function layoutProblemsEverywhere(page: Page): Promise<string[]> {
  const original = page.viewportSize();
  const toggle = page.getByRole('button', { name: 'Helpdesk mode' });
  const wasHelpdesk = (await toggle.getAttribute('aria-pressed')) === 'true';
  const found: string[] = [];
  for (const helpdesk of [false, true]) {
    if (((await toggle.getAttribute('aria-pressed')) === 'true') !== helpdesk) {
      await toggle.click();
    }
    for (const width of LAYOUT_WIDTHS) {
      await page.setViewportSize({ width, height: 700 });
      const height = await page.evaluate(
        () =>
          (globalThis as unknown as { document: { documentElement: { scrollHeight: number } } })
            .document.documentElement.scrollHeight,
      );
      await page.setViewportSize({ width, height: Math.min(Math.max(height, 700), 16_000) });
      for (const problem of await layoutProblems(page)) {
        found.push(
          `${width}px ${helpdesk ? 'helpdesk' : 'normal'}: ${problem.kind} ${problem.where.join(' / ')}`,
        );
      }
    }
  }
  if (((await toggle.getAttribute('aria-pressed')) === 'true') !== wasHelpdesk)
    await toggle.click();
  if (original) await page.setViewportSize(original);
  return found;
}
