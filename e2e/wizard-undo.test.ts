import { afterEach, describe, expect, it } from 'vitest';
import { startApp, type AppHarness } from './harness/app-harness';
import { snapshotTree } from './harness/tree-snapshot';
import { WizardPage } from './pages/wizard-page';

let app: AppHarness | undefined;
afterEach(async () => {
  await app?.close();
  app = undefined;
});

async function statuses(harness: AppHarness): Promise<Record<string, string>> {
  const result = await harness.dispatch('diagnosis.run', {});
  if (!result.ok) throw new Error(result.error.message);
  return Object.fromEntries(result.value.findings.map((finding) => [finding.id, finding.status]));
}

describe('undo from the wizard in Chromium', () => {
  it('undoes one step only, then the rest, leaving the user’s files as they were', async () => {
    app = await startApp({ scenario: 'kb-lync2013' });
    const wizard = new WizardPage(app.page);
    await wizard.ready();
    const before = await statuses(app);
    const filesBefore = await snapshotTree(app.practicePcDir);

    await wizard.scan();
    await wizard.next();
    const card = wizard.card('Delete my sign-in information');
    await card.preview();
    await card.confirm();
    expect(await card.outcome()).toMatch(/^Done/);
    const repaired = await statuses(app);
    expect(repaired['stored-credentials']).not.toBe('problem');

    await card.undo('Remove the stored Lync credentials');
    await app.screenshot('undo-01-one-step');
    const oneStepUndone = await statuses(app);
    expect(oneStepUndone['stored-credentials']).toBe(before['stored-credentials']);
    expect(oneStepUndone['personal-certificate']).toBe(repaired['personal-certificate']);

    // The card still offers the rest of the run; undoing it restores everything.
    await card.button('Show what will change').waitFor();
    const runs = await app.dispatch('runs.list', {});
    if (!runs.ok) throw new Error(runs.error.message);
    const applied = runs.value.runs.find((run) => run.status === 'partly-undone');
    expect(applied).toBeDefined();
    const rest = await app.dispatch('runs.undo', { runId: applied?.id ?? '' });
    expect(rest.ok).toBe(true);
    expect(await statuses(app)).toEqual(before);
    expect(await snapshotTree(app.practicePcDir)).toEqual(filesBefore);
  });
});
