// @vitest-environment jsdom
import { cleanup, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { SCREENS } from './store/screens';
import {
  renderWizard,
  scanAndContinue,
  seriousA11yViolations,
} from '../../testing/renderer/render-wizard';

afterEach(cleanup);

describe('helpdesk mode', () => {
  it('shows KB sections, the support code prominently, and technical details open', async () => {
    const { user, view } = await renderWizard();
    await scanAndContinue(user);
    expect(screen.queryByText(/^KB:/)).toBeNull();

    const toggle = screen.getByRole('button', { name: 'Helpdesk mode' });
    await user.click(toggle);
    expect(toggle.getAttribute('aria-pressed')).toBe('true');
    expect(view.container.querySelector('.app')?.classList.contains('helpdesk')).toBe(true);
    expect(screen.getByText('K7Q2XM').closest('p')?.className).toContain('support-code-large');

    const card = screen.getByRole('region', { name: 'Delete my sign-in information' });
    expect(
      within(card).getAllByText('KB: Resolution for Lync 2013 › Delete the sign-in information')
        .length,
    ).toBeGreaterThan(0);
    await user.click(within(card).getByRole('button', { name: 'Show what will change' }));
    await within(card).findByRole('button', { name: 'Make this change' });
    // The technical facts are shown outright, and the action bar stays in reach below them.
    expect(card.querySelectorAll('.plan .technical').length).toBe(3);
    expect(card.querySelectorAll('.plan details').length).toBe(0);
    const bar = within(card).getByRole('button', { name: 'Make this change' }).parentElement;
    expect(bar?.classList.contains('sticky-actions')).toBe(true);
  });
});

describe('keyboard use', () => {
  it('walks the wizard with Tab and Enter, focus moving to each new screen heading', async () => {
    const { user } = await renderWizard();
    /** Presses Tab until the named control has focus; fails when it cannot be reached. */
    const tabTo = async (name: string) => {
      for (let presses = 0; presses < 40; presses += 1) {
        const focused = document.activeElement;
        if (focused?.tagName === 'BUTTON' && focused.textContent === name) return;
        await user.tab();
      }
      throw new Error(`"${name}" cannot be reached with the Tab key`);
    };
    expect(document.activeElement).toBe(screen.getByRole('heading', { level: 1 }));
    await tabTo('Scan this PC');
    await user.keyboard('{Enter}');
    await screen.findByRole('heading', { name: 'What the scan found' });
    await tabTo('Next: Your Lync');
    await user.keyboard('{Enter}');
    const heading = screen.getByRole('heading', { level: 1 });
    expect(heading.textContent).toBe('Resolution for Lync 2013');
    expect(document.activeElement).toBe(heading);

    await tabTo('Show what will change');
    await user.keyboard('{Enter}');
    await screen.findByRole('button', { name: 'Make this change' });
    // Focus follows to the plan that just appeared.
    expect(document.activeElement?.className).toBe('repair-flow');
    await tabTo('Make this change');
    await user.keyboard(' ');
    await screen.findByText(/^Done\./);
    await tabTo('Undo this change');
    await user.keyboard('{Enter}');
    await screen.findByText(/^Undone\./);
  });

  it('uses real buttons for every control, and the step list marks the current step', async () => {
    const { user, view } = await renderWizard();
    await scanAndContinue(user);
    expect(view.container.querySelectorAll('[onclick], div[role="button"]').length).toBe(0);
    const nav = screen.getByRole('navigation', { name: 'Wizard steps' });
    const current = within(nav).getByRole('button', { current: 'step' });
    expect(current.textContent).toContain('Your Lync');
  });
});

describe('accessibility (axe-core in jsdom)', () => {
  it('would notice a serious violation (the check itself works)', async () => {
    const broken = document.createElement('div');
    broken.innerHTML = '<button type="button"></button><img src="x.png">';
    document.body.append(broken);
    const violations = await seriousA11yViolations(broken);
    broken.remove();
    expect(violations.map((entry) => entry.split(':')[0])).toEqual(['button-name', 'image-alt']);
  });

  it('has no serious or critical violations on any screen, in both modes', async () => {
    const { user, view, store } = await renderWizard();
    expect(await seriousA11yViolations(view.container)).toEqual([]);
    await scanAndContinue(user);
    for (const helpdesk of [false, true]) {
      store.getState().setHelpdesk(helpdesk);
      for (const entry of SCREENS) {
        await user.click(
          within(screen.getByRole('navigation', { name: 'Wizard steps' })).getByRole('button', {
            name: new RegExp(entry.label.replace('?', '\\?')),
          }),
        );
        await screen.findByRole('heading', { level: 1 });
        expect({
          screen: entry.id,
          violations: await seriousA11yViolations(view.container),
        }).toEqual({ screen: entry.id, violations: [] });
      }
    }
  });

  it('has no serious violations in the middle of a change (plan, client running, result)', async () => {
    const { user, view } = await renderWizard({ clientRunning: 'stubborn' });
    await scanAndContinue(user);
    const card = screen.getByRole('region', { name: 'Delete my sign-in information' });
    await user.click(within(card).getByRole('button', { name: 'Show what will change' }));
    await within(card).findByRole('button', { name: 'Make this change' });
    expect(await seriousA11yViolations(view.container)).toEqual([]);
    await user.click(within(card).getByRole('button', { name: 'Make this change' }));
    await user.click(await within(card).findByRole('button', { name: 'Close Lync 2013 for me' }));
    await within(card).findByRole('button', { name: 'End Lync 2013 now' });
    expect(await seriousA11yViolations(view.container)).toEqual([]);
    await user.click(within(card).getByRole('button', { name: 'End Lync 2013 now' }));
    await within(card).findByRole('button', { name: 'Undo this change' });
    expect(await seriousA11yViolations(view.container)).toEqual([]);
  });
});
