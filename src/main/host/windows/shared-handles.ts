/**
 * Open handles shared by reads of the same thing (a registry key, a certificate store) that
 * follow each other at once, as an inventory's do: listing a key's values and then its subkeys,
 * listing a store and then opening its certificates' keys. Under Wine each open and close is a
 * round trip to wineserver, and a registry certificate store reads every certificate when it
 * opens. A handle is closed once nothing uses it and no read is queued right behind it
 * (setImmediate), so none outlives the moment; `retire` makes the next read open afresh.
 */
export interface SharedHandle<H, M> {
  readonly handle: H;
  /** Facts read through the handle that hold while it is shared (e.g. a key's counts). */
  memo?: M;
}

interface Entry<H, M> extends SharedHandle<H, M> {
  users: number;
  closeQueued: boolean;
  closed: boolean;
}

export class SharedHandles<H, M = never> {
  private readonly entries = new Map<string, Entry<H, M>>();

  constructor(private readonly closeHandle: (handle: H) => void) {}

  /**
   * Runs `use` with the shared handle for `id`, opened by `open` when none is; `undefined`
   * without calling `use` when `open` answers `undefined` (nothing to open, nothing shared).
   * The handle stays in use until `use`'s promise, if it gives one, settles.
   */
  use<T>(
    id: string,
    open: () => H | undefined,
    use: (shared: SharedHandle<H, M>) => T,
  ): T | undefined {
    let entry = this.entries.get(id);
    if (!entry) {
      const handle = open();
      if (handle === undefined) return undefined;
      entry = { handle, users: 0, closeQueued: false, closed: false };
      this.entries.set(id, entry);
    }
    const held = entry;
    held.users += 1;
    let answer: T;
    try {
      answer = use(held);
    } catch (error) {
      this.release(id, held);
      throw error;
    }
    if (answer instanceof Promise) {
      answer.then(
        () => this.release(id, held),
        () => this.release(id, held),
      );
    } else {
      this.release(id, held);
    }
    return answer;
  }

  /** Reads from now on open `id` afresh (all ids when none is given). */
  retire(id?: string): void {
    for (const [each, entry] of [...this.entries]) {
      if (id !== undefined && each !== id) continue;
      this.entries.delete(each);
      if (entry.users === 0) this.queueClose(each, entry);
    }
  }

  private release(id: string, entry: Entry<H, M>): void {
    entry.users -= 1;
    if (entry.users === 0) this.queueClose(id, entry);
  }

  private queueClose(id: string, entry: Entry<H, M>): void {
    if (entry.closeQueued || entry.closed) return;
    entry.closeQueued = true;
    setImmediate(() => {
      entry.closeQueued = false;
      if (entry.users > 0 || entry.closed) return;
      if (this.entries.get(id) === entry) this.entries.delete(id);
      entry.closed = true;
      this.closeHandle(entry.handle);
    });
  }
}
