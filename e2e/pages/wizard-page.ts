import type { Locator, Page } from 'playwright-core';
import type { PageDom, PageElement } from './page-dom';

/** One repair card: preview, confirm, close the client, result, undo. */
export class RepairCardPage {
  constructor(readonly root: Locator) {}

  button(name: string | RegExp): Locator {
    return this.root.getByRole('button', { name, exact: typeof name === 'string' });
  }

  async preview(): Promise<void> {
    await this.button('Show what will change').click();
    await this.button('Make this change').or(this.button('Close')).waitFor();
  }

  async confirm(): Promise<void> {
    await this.button('Make this change').click();
  }

  /** Waits until the change (or undo) has finished and returns the card's headline about it. */
  async outcome(): Promise<string> {
    const headline = this.root.locator('.run-outcome > .notice').first();
    await headline.waitFor();
    return (await headline.textContent()) ?? '';
  }

  /** Undoes the whole change, one step of it (by title), or what is left after a one-step undo. */
  async undo(which?: string): Promise<void> {
    const label =
      which === undefined
        ? 'Undo this change'
        : which === 'rest'
          ? 'Undo the rest of this change'
          : `Undo only: ${which}`;
    const before = await this.root.locator('.run-outcome > .notice').first().textContent();
    await this.button(label).click();
    const undone = this.root
      .locator('.run-outcome > .notice')
      .filter({ hasText: /^(Undone|Partly undone)\./ });
    await (before ? undone.filter({ hasNotText: before }) : undone).waitFor();
  }

  /** The status words of the card's findings as shown now ("Fixed", "Problem found"…). */
  async statuses(): Promise<string[]> {
    return this.root.locator('.findings .status-badge').allTextContents();
  }

  /** Waits until every finding on the card shows `word` (the re-scan after a change is async). */
  async waitForStatuses(word: string): Promise<string[]> {
    await this.root.locator('.findings .status-badge').first().waitFor();
    await this.root.page().waitForFunction(
      ({ card, expected }) => {
        const dom = globalThis as unknown as PageDom;
        const badges = [
          ...dom.document.querySelectorAll(`[data-card="${card}"] .findings .status-badge`),
        ];
        return badges.length > 0 && badges.every((badge) => badge.textContent === expected);
      },
      { card: await this.root.getAttribute('data-card'), expected: word },
    );
    return this.statuses();
  }

  plannedActions(): Locator {
    return this.root.locator('.plan-actions > li > span:first-child');
  }
}

/** The wizard as a user sees it: screens, steps, the practice banner and helpdesk mode. */
export class WizardPage {
  constructor(readonly page: Page) {}

  heading(): Locator {
    return this.page.getByRole('heading', { level: 1 });
  }

  practiceBanner(): Locator {
    return this.page.getByRole('note', { name: 'Practice mode' });
  }

  async ready(): Promise<void> {
    await this.heading().waitFor();
    await this.page.getByText('Support code:').waitFor();
  }

  async scan(): Promise<void> {
    await this.page.getByRole('button', { name: /^(Scan this PC|Scan again)$/ }).click();
    await this.page.getByRole('heading', { name: 'What the scan found' }).waitFor();
  }

  async next(): Promise<void> {
    const before = await this.heading().textContent();
    await this.page.getByRole('button', { name: /^Next: / }).click();
    await this.page.waitForFunction(
      (text) =>
        (globalThis as unknown as PageDom).document.querySelector('h1')?.textContent !== text,
      before,
    );
  }

  async goToStep(label: string): Promise<void> {
    await this.page
      .getByRole('navigation', { name: 'Wizard steps' })
      .getByRole('button', { name: label })
      .click();
    await this.page.locator(`[aria-current="step"]`, { hasText: label }).waitFor();
  }

  card(title: string): RepairCardPage {
    return new RepairCardPage(this.page.getByRole('region', { name: title, exact: true }));
  }

  async setHelpdesk(on: boolean): Promise<void> {
    const toggle = this.page.getByRole('button', { name: 'Helpdesk mode' });
    if ((await toggle.getAttribute('aria-pressed')) !== String(on)) await toggle.click();
  }

  async rescanFromOutcome(): Promise<string> {
    await this.goToStep('Did it work?');
    await this.page.getByRole('button', { name: 'No, it still fails' }).click();
    await this.page.getByRole('button', { name: 'Scan again' }).click();
    const verdict = this.page.locator('section[aria-labelledby="rescan-title"] [role="status"]');
    await verdict.filter({ hasText: /new scan/ }).waitFor();
    return (await verdict.textContent()) ?? '';
  }

  /** The focused control: its tag, text and focus ring, as the browser renders them. */
  async focused(): Promise<{
    tag?: string;
    text?: string | null;
    outline: string;
    outlineWidth: number;
  }> {
    return this.page.evaluate(() => {
      const dom = globalThis as unknown as PageDom;
      const element = dom.document.activeElement;
      const style = element ? dom.getComputedStyle(element) : undefined;
      return {
        tag: element?.tagName,
        text: element?.textContent,
        outline: style?.outlineStyle ?? 'none',
        outlineWidth: parseFloat(style?.outlineWidth ?? '0'),
      };
    });
  }

  /** Presses Tab until the named button has focus; fails when the keyboard cannot reach it. */
  async tabTo(name: string): Promise<void> {
    for (let presses = 0; presses < 40; presses += 1) {
      const focused = await this.focused();
      if (focused.tag === 'BUTTON' && focused.text === name) return;
      await this.page.keyboard.press('Tab');
    }
    throw new Error(`"${name}" cannot be reached with the Tab key`);
  }

  async fontSize(selector: string): Promise<number> {
    return this.page
      .locator(selector)
      .evaluate((element) =>
        parseFloat(
          (globalThis as unknown as PageDom).getComputedStyle(element as unknown as PageElement)
            .fontSize,
        ),
      );
  }

  /** The status words and summary of every finding in a list, e.g. the re-scan's remainder. */
  async findingSummaries(scope: Locator): Promise<string[]> {
    return scope.locator('.finding-summary').allTextContents();
  }
}
