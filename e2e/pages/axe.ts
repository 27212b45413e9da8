import { createRequire } from 'node:module';
import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';

const require = createRequire(import.meta.url);
let source: Promise<string> | undefined;

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  targets: string[];
}

/**
 * Runs axe-core inside the page, colour contrast included (it needs Chromium's real layout).
 * The source is evaluated through the DevTools protocol, because the app's CSP rightly refuses
 * inline script tags.
 */
export async function seriousViolations(page: Page): Promise<AxeViolation[]> {
  const violations = await runAxe(page, undefined);
  return violations.filter((entry) => entry.impact === 'serious' || entry.impact === 'critical');
}

/** Only axe-core's colour-contrast rule (WCAG AA 1.4.3), every violation whatever its impact. */
export function colourContrastViolations(page: Page): Promise<AxeViolation[]> {
  return runAxe(page, ['color-contrast']);
}

async function runAxe(page: Page, rules: string[] | undefined): Promise<AxeViolation[]> {
  source ??= readFile(require.resolve('axe-core/axe.min.js'), 'utf8');
  const loaded = await page.evaluate(() => 'axe' in globalThis);
  if (!loaded) await page.evaluate(await source);
  return page.evaluate(async (only) => {
    type AxeResult = {
      violations: Array<{
        id: string;
        impact: string | null;
        help: string;
        nodes: Array<{ target: unknown[] }>;
      }>;
    };
    const axe = (
      globalThis as unknown as {
        axe: { run(context: object, options: object): Promise<AxeResult> };
      }
    ).axe;
    const { document } = globalThis as unknown as { document: object };
    const result = await axe.run(document, {
      resultTypes: ['violations'],
      ...(only ? { runOnly: { type: 'rule', values: only } } : {}),
    });
    return result.violations.map((violation) => ({
      id: violation.id,
      impact: violation.impact,
      help: violation.help,
      targets: violation.nodes.map((node) => node.target.map(String).join(' ')),
    }));
  }, rules);
}
