/**
 * An evenly spaced sample of a sequence whose length is known only at its end, in bounded
 * memory: every `stride`-th item is kept, and whenever twice the wanted number is held, every
 * other one is dropped and the stride doubles. A folder of 100,000 files is sampled during its
 * one walk, without holding its listing.
 */
export class EvenSample<T> {
  private stride = 1;
  private seen = 0;
  private kept: T[] = [];

  constructor(private readonly size: number) {}

  /** Counts one more item of the sequence; true when that item belongs in the sample. */
  next(): boolean {
    const wanted = this.seen % this.stride === 0;
    this.seen += 1;
    return wanted;
  }

  /** Keeps the item `next()` just asked for. */
  add(item: T): void {
    this.kept.push(item);
    if (this.kept.length >= 2 * this.size) {
      this.kept = this.kept.filter((_, index) => index % 2 === 0);
      this.stride *= 2;
    }
  }

  /** How many items were counted. */
  get count(): number {
    return this.seen;
  }

  /** Every item when there were at most `size`, else `size` of them evenly spaced over all. */
  items(): T[] {
    if (this.kept.length <= this.size) return this.kept;
    const step = this.kept.length / this.size;
    return Array.from(
      { length: this.size },
      (_, index) => this.kept[Math.floor(index * step)] as T,
    );
  }
}
