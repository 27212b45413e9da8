import { afterEach, describe, expect, it } from 'vitest';
import { startApp, type AppHarness } from './harness/app-harness';
import { buttonStateProblems } from './pages/button-states';
import { layoutProblems } from './pages/layout-check';
import { visualProblems } from './pages/visual-checks';
import { WizardPage } from './pages/wizard-page';

// Every screen is laid out at two widths in two modes: well over Vitest's default budget.
const WALKTHROUGH_TIMEOUT_MS = 240_000;

let app: AppHarness | undefined;
afterEach(async () => {
  await app?.close();
  app = undefined;
});

describe('what the user sees in Chromium: button states, 360 px and 1280 px, normal and helpdesk', () => {
  it(
    'keeps contrast in every button state and no text overlapping or cut off, on every screen',
    async () => {
      app = await startApp({ scenario: 'kb-lync2013' });
      const wizard = new WizardPage(app.page);
      await wizard.ready();
      const problems: Record<string, string[]> = {};
      const check = async (name: string) => {
        problems[name] = await visualProblems(app!.page);
      };
      await check('welcome');
      await wizard.scan();
      await check('scan results');
      await wizard.next();
      const card = wizard.card('Delete my sign-in information');
      await card.preview();
      for (const details of await app.page.locator('details').all()) {
        if (!(await details.getAttribute('open'))) await details.locator('summary').click();
      }
      await check('plan with every detail open');
      await app.page.setViewportSize({ width: 360, height: 740 });
      await app.screenshot('layout-01-plan-360px');
      await app.page.setViewportSize({ width: 1024, height: 700 });
      await card.confirm();
      await card.outcome();
      await check('result');
      for (const step of ['More steps', 'Administrators', 'Did it work?', 'Report']) {
        await wizard.goToStep(step);
        await check(step);
      }
      expect(problems).toEqual(Object.fromEntries(Object.keys(problems).map((name) => [name, []])));
    },
    WALKTHROUGH_TIMEOUT_MS,
  );

  it('would notice poor contrast on hover, focus, press and disabled (the check itself works)', async () => {
    app = await startApp({ scenario: 'kb-lync2013' });
    await new WizardPage(app.page).ready();
    expect(await buttonStateProblems(app.page)).toEqual([]);
    // Rules added through the CSSOM (the CSP refuses inline styles): pale text only while
    // hovered or pressed, a pale focus ring, pale text on the disabled steps.
    await app.page.evaluate(() => {
      const { document } = globalThis as unknown as {
        document: { styleSheets: ArrayLike<{ insertRule(rule: string, index: number): void }> };
      };
      const sheet = document.styleSheets[0];
      if (!sheet) throw new Error('The app has no style sheet');
      sheet.insertRule('button.primary:hover:not(:disabled) { color: #7aa2cc !important }', 0);
      sheet.insertRule('button:active:not(:disabled) { color: #c8ccd2 !important }', 0);
      sheet.insertRule('button:focus-visible { outline-color: #ffe0b0 !important }', 0);
      sheet.insertRule('button:disabled { color: #b0b6be !important }', 0);
    });
    const problems = await buttonStateProblems(app.page);
    const kinds = new Set(problems.map((problem) => problem.split(':')[0]));
    expect([...kinds].sort()).toEqual(['disabled', 'focus', 'hover', 'pressed', 'switched off']);
    expect(problems).toContainEqual(expect.stringMatching(/^hover: color-contrast on /));
    expect(problems).toContainEqual(
      expect.stringMatching(/^focus: the focus ring of "Scan this PC" has contrast /),
    );
    expect(problems).toContainEqual(
      expect.stringMatching(/^disabled: "2 Your Lync" has text contrast /),
    );
  });

  it('would notice overlapping and cut-off text (the check itself works)', async () => {
    app = await startApp({ scenario: 'kb-lync2013' });
    await new WizardPage(app.page).ready();
    expect(await layoutProblems(app.page)).toEqual([]);
    // Styles are set through the CSSOM: the app's CSP rightly refuses inline style attributes.
    await app.page.evaluate(() => {
      type Planted = { textContent: string; style: Record<string, string> };
      const { document } = globalThis as unknown as {
        document: {
          createElement(tag: string): Planted;
          body: { append(node: Planted): void };
        };
      };
      const plant = (tag: string, text: string, style: Record<string, string>) => {
        const element = document.createElement(tag);
        element.textContent = text;
        Object.assign(element.style, style);
        document.body.append(element);
      };
      plant('div', 'First words', { position: 'absolute', top: '10px', left: '10px' });
      plant('div', 'Second words', { position: 'absolute', top: '12px', left: '14px' });
      plant('p', 'A line far too long for its box', {
        width: '50px',
        overflow: 'hidden',
        whiteSpace: 'nowrap',
      });
    });
    const problems = await layoutProblems(app.page);
    expect(problems).toContainEqual({
      kind: 'overlap',
      where: ['div "First words"', 'div "Second words"'],
    });
    expect(problems).toContainEqual({
      kind: 'cut-off',
      where: ['p "A line far too long for its box"'],
    });
  });
});
