// A bounded queue between producers and consumers running concurrently in one
// process: `put` waits while the queue is full (backpressure keeps memory flat
// however far the producer could run ahead), `take` waits while it is empty.
// Closing it wakes everyone: a closed queue drops new items, and `take` drains
// what is left, then returns undefined.

export class BoundedQueue<T> {
  private items: T[] = [];
  private waiters: ((v: T | undefined) => void)[] = [];
  private spaceWaiters: (() => void)[] = [];
  private closed = false;

  /** `capacity`: how many items may wait before `put` blocks. */
  constructor(private readonly capacity: number) {}

  /** Appends an item, waiting for space; a no-op once the queue is closed. `undefined` is not an item. */
  async put(item: T): Promise<void> {
    while (this.items.length >= this.capacity && !this.closed)
      await new Promise<void>((r) => this.spaceWaiters.push(r));
    if (this.closed) return;
    const waiter = this.waiters.shift();
    if (waiter) waiter(item);
    else this.items.push(item);
  }

  /** The oldest item, waiting for one; undefined once the queue is closed and empty. */
  async take(): Promise<T | undefined> {
    const item = this.items.shift();
    if (item !== undefined) {
      this.spaceWaiters.shift()?.();
      return item;
    }
    if (this.closed) return undefined;
    return new Promise((r) => this.waiters.push(r));
  }

  close(): void {
    this.closed = true;
    for (const w of this.waiters.splice(0)) w(undefined);
    for (const w of this.spaceWaiters.splice(0)) w();
  }
}
