import { afterEach, describe, expect, it } from 'vitest';
import { AppError } from '../../shared/errors';
import { practiceFixture, type PracticeFixture } from '../../../testing/engine/practice';

let fixture: PracticeFixture | undefined;
afterEach(async () => {
  await fixture?.dispose();
  fixture = undefined;
});

const clientNames = async (fixture: PracticeFixture) =>
  (await fixture.engine().runningClients()).map((process) => process.name).sort();

describe('close → change → start again (aroundClient)', () => {
  it('closes the running client, changes with it closed, and starts it again', async () => {
    fixture = await practiceFixture('client-running');
    const engine = fixture.engine();
    let runningDuringChange: string[] = ['not called'];
    const outcome = await engine.aroundClient({ close: { force: false } }, async () => {
      runningDuringChange = (await engine.runningClients()).map((process) => process.name);
      return 'changed';
    });
    expect(runningDuringChange).toEqual([]);
    expect(outcome).toMatchObject({ ok: true, value: 'changed', closed: ['lync.exe'] });
    expect(outcome.restart).toMatchObject({ started: true });
    expect(await clientNames(fixture)).toContain('lync.exe');
  });

  it('starts the client again even when the change fails, and hands back the failure', async () => {
    fixture = await practiceFixture('client-running');
    const engine = fixture.engine();
    const failure = new AppError('disk-full', 'The disk is full.');
    const outcome = await engine.aroundClient({ close: { force: false } }, async () => {
      throw failure;
    });
    expect(outcome.ok).toBe(false);
    if (!outcome.ok) expect(outcome.error).toBe(failure);
    expect(outcome.restart).toMatchObject({ started: true });
    expect(await clientNames(fixture)).toContain('lync.exe');
  });

  it('leaves it closed when asked, and without `close` a running client is left alone', async () => {
    fixture = await practiceFixture('client-running');
    const engine = fixture.engine();
    const left = await engine.aroundClient(
      { close: { force: false }, restart: false },
      async () => 1,
    );
    expect(left.restart).toMatchObject({ started: false, refusal: 'not-requested' });
    expect(await clientNames(fixture)).not.toContain('lync.exe');

    await fixture.dispose();
    fixture = await practiceFixture('client-running');
    const untouched = await fixture.engine().aroundClient({}, async () => 2);
    expect(untouched).toEqual({ ok: true, value: 2, closed: [] });
    expect(await clientNames(fixture)).toContain('lync.exe');
  });
});
