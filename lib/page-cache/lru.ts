// A least-recently-used map bounded by the bytes of its values, not their
// number: one feed page can weigh 100 times a small topic page, so a count
// bound would say nothing about memory.

export class ByteLru<V> {
  // A Map iterates in insertion order; re-inserting on every read keeps the
  // least recently used entry first.
  readonly #entries = new Map<string, { value: V; bytes: number }>();
  #bytes = 0;

  constructor(readonly maxBytes: number) {}

  get bytes(): number {
    return this.#bytes;
  }

  get size(): number {
    return this.#entries.size;
  }

  get(key: string): V | undefined {
    const entry = this.#entries.get(key);
    if (!entry) return undefined;
    this.#entries.delete(key);
    this.#entries.set(key, entry);
    return entry.value;
  }

  /** The value without marking it used. */
  peek(key: string): V | undefined {
    return this.#entries.get(key)?.value;
  }

  /** Stores the value, evicting the least recently used entries to stay within maxBytes. False when it alone is too big. */
  set(key: string, value: V, bytes: number): boolean {
    this.delete(key);
    if (bytes > this.maxBytes) return false;
    this.#entries.set(key, { value, bytes });
    this.#bytes += bytes;
    for (const [oldest, entry] of this.#entries) {
      if (this.#bytes <= this.maxBytes) break;
      this.#entries.delete(oldest);
      this.#bytes -= entry.bytes;
    }
    return true;
  }

  delete(key: string): void {
    const entry = this.#entries.get(key);
    if (!entry) return;
    this.#entries.delete(key);
    this.#bytes -= entry.bytes;
  }
}
