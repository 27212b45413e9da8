import { describe, expect, it } from 'vitest';
import { SharedHandles } from './shared-handles';

/** Handles are numbers; the log says what was opened and closed, in order. */
function fixture() {
  const log: string[] = [];
  let next = 0;
  const handles = new SharedHandles<number, string>((handle) => log.push(`close ${handle}`));
  const open = () => {
    next += 1;
    log.push(`open ${next}`);
    return next;
  };
  return { log, handles, open };
}

const turn = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('SharedHandles', () => {
  it('shares one open between reads that follow each other at once, and closes it once after', async () => {
    const { log, handles, open } = fixture();
    expect(handles.use('key', open, ({ handle }) => handle)).toBe(1);
    await Promise.resolve();
    expect(handles.use('key', open, ({ handle }) => handle)).toBe(1);
    expect(log).toEqual(['open 1']);
    await turn();
    expect(log).toEqual(['open 1', 'close 1']);
    expect(handles.use('key', open, ({ handle }) => handle)).toBe(2);
    await turn();
    expect(log).toEqual(['open 1', 'close 1', 'open 2', 'close 2']);
  });

  it('keeps what was learnt through a handle only while it is shared', async () => {
    const { handles, open } = fixture();
    handles.use('key', open, (shared) => {
      shared.memo = 'counts';
    });
    expect(handles.use('key', open, (shared) => shared.memo)).toBe('counts');
    await turn();
    expect(handles.use('key', open, (shared) => shared.memo)).toBeUndefined();
  });

  it('closes each handle exactly once when it is reused and retired while its close is queued', async () => {
    const { log, handles, open } = fixture();
    handles.use('store', open, () => undefined);
    handles.use('store', open, () => undefined);
    handles.retire('store');
    handles.retire();
    handles.use('store', open, () => undefined);
    await turn();
    await turn();
    expect(log).toEqual(['open 1', 'open 2', 'close 1', 'close 2']);
  });

  it('closes a retired handle only when the read still using it has finished', async () => {
    const { log, handles, open } = fixture();
    let finish = () => {};
    const slow = handles.use('store', open, async ({ handle }) => {
      await new Promise<void>((resolve) => (finish = resolve));
      return handle;
    });
    handles.retire('store');
    expect(handles.use('store', open, ({ handle }) => handle)).toBe(2);
    await turn();
    expect(log).toEqual(['open 1', 'open 2', 'close 2']);
    finish();
    expect(await slow).toBe(1);
    await turn();
    expect(log).toEqual(['open 1', 'open 2', 'close 2', 'close 1']);
  });

  it('shares nothing when there is nothing to open, and releases a handle whose read failed', async () => {
    const { log, handles, open } = fixture();
    let called = false;
    expect(
      handles.use(
        'absent',
        () => undefined,
        () => (called = true),
      ),
    ).toBeUndefined();
    expect(called).toBe(false);
    expect(() =>
      handles.use('key', open, () => {
        throw new Error('read failed');
      }),
    ).toThrow('read failed');
    await expect(
      handles.use('key', open, async () => Promise.reject(new Error('later'))),
    ).rejects.toThrow('later');
    await turn();
    expect(log).toEqual(['open 1', 'close 1']);
  });
});
