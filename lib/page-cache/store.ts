import { ByteLru } from "./lru";

// The page cache's policy: fresh entries are served as they are; stale ones
// (past the fresh time, within the stale window) are served while one
// background render replaces them; older ones are rendered again before they
// are served. Concurrent misses for one key share one render (single flight),
// so a spike on a new page costs one render, not one per reader. A request may
// also ask for a render that started after a given time (a browser that has
// just voted, lib/page-cache/fresh.ts): an older entry is then rendered again,
// and the new render replaces it for everyone. Entries also carry the data
// version they were rendered at (lib/papers/version.ts): one from an older
// version is served as stale, once, while it is rendered again.

export type CachedPage = {
  /** 200, or a permanent redirect (301/308, e.g. a paper's old URL to its canonical one) with its location. */
  status: number;
  location?: string;
  body: Uint8Array;
  /** The body compressed once at fill time (null for a tiny body such as a redirect's), so a hit never compresses. */
  encoded: { br: Uint8Array; gzip: Uint8Array } | null;
  /** The Content-Security-Policy that allows exactly this body's inline scripts (lib/page-cache/scripts.ts). */
  csp: string;
  /** Strong validator: a hash of the body. */
  etag: string;
  contentType: string;
  /** The papers whose vote forms the page carries, ascending (lib/page-cache/fresh.ts). */
  paperIds: readonly number[];
};

/** A page and how it was served; age in whole seconds since it was rendered. */
export type Served = { page: CachedPage; state: "hit" | "stale" | "miss"; age: number };

/** renderedAt: when the render began, so everything it read is at least that recent; version: the data version then. */
type Entry = { page: CachedPage; renderedAt: number; version: string };
type Filling = { promise: Promise<CachedPage | null>; startedAt: number };

export type ServeOptions = {
  /** A time the page's render must have started after for this request, or 0 (lib/page-cache/fresh.ts). */
  renderedAfter?: (page: CachedPage) => number;
  /** The current data version; an entry rendered at another one is stale. */
  version?: string;
};

export type PageCacheOptions = {
  maxBytes: number;
  freshMs: number;
  /** How long past freshMs an entry may still be served while it is rendered again. */
  staleMs: number;
  now?: () => number;
  /** Where a failed background render is reported. */
  onError?: (error: unknown, key: string) => void;
};

/** The bytes an entry holds: the body, its headers and the key, roughly. */
const weight = (key: string, page: CachedPage) =>
  page.body.byteLength +
  (page.encoded ? page.encoded.br.byteLength + page.encoded.gzip.byteLength : 0) +
  page.csp.length +
  page.etag.length +
  key.length +
  200;

export class PageCache {
  readonly #lru: ByteLru<Entry>;
  readonly #filling = new Map<string, Filling>();
  readonly #options: Required<Omit<PageCacheOptions, "onError">> & Pick<PageCacheOptions, "onError">;

  constructor(options: PageCacheOptions) {
    this.#options = { now: Date.now, ...options };
    this.#lru = new ByteLru(options.maxBytes);
  }

  get bytes(): number {
    return this.#lru.bytes;
  }

  get size(): number {
    return this.#lru.size;
  }

  /**
   * The page for key: from the cache when fresh or stale (a stale one is rendered again in the
   * background), else rendered by fill and stored. Null when fill yields nothing cacheable.
   * An entry rendered at or before options.renderedAfter(page) is rendered again first.
   */
  async serve(key: string, fill: () => Promise<CachedPage | null>, options: ServeOptions = {}): Promise<Served | null> {
    const served = this.#hit(key, options);
    if (served) return served;
    const { freshMs, staleMs, now } = this.#options;
    const version = options.version ?? "";
    const cached = this.#lru.peek(key);
    const after = cached && options.renderedAfter ? options.renderedAfter(cached.page) : 0;
    if (cached && after > 0 && cached.renderedAt <= after) {
      const page = await this.#fill(key, fill, version, after);
      return page ? { page, state: "miss", age: 0 } : null;
    }
    if (cached) {
      const age = now() - cached.renderedAt;
      if (age < freshMs + staleMs) {
        this.#fill(key, fill, version).catch((error) => this.#options.onError?.(error, key));
        return { page: cached.page, state: "stale", age: Math.floor(age / 1000) };
      }
      this.#lru.delete(key);
    }
    const page = await this.#fill(key, fill, version);
    return page ? { page, state: "miss", age: 0 } : null;
  }

  /**
   * The page for key when it can be served as it is: fresh, rendered at options.version and after
   * options.renderedAfter(page). Else null; never renders.
   */
  #hit(key: string, options: ServeOptions = {}): Served | null {
    const cached = this.#lru.get(key);
    if (!cached) return null;
    const age = this.#options.now() - cached.renderedAt;
    if (age >= this.#options.freshMs || cached.version !== (options.version ?? "")) return null;
    const after = options.renderedAfter?.(cached.page) ?? 0;
    if (after > 0 && cached.renderedAt <= after) return null;
    return { page: cached.page, state: "hit", age: Math.floor(age / 1000) };
  }

  /** One render per key at a time; a running one is shared unless it began at or before `after`. */
  #fill(key: string, fill: () => Promise<CachedPage | null>, version: string, after = 0): Promise<CachedPage | null> {
    const running = this.#filling.get(key);
    if (running !== undefined && (after === 0 || running.startedAt > after)) return running.promise;
    const startedAt = this.#options.now();
    const promise = fill()
      .then((page) => {
        const newest = (this.#lru.peek(key)?.renderedAt ?? -1) <= startedAt;
        if (page && newest) this.#lru.set(key, { page, renderedAt: startedAt, version }, weight(key, page));
        return page;
      })
      .finally(() => {
        if (this.#filling.get(key)?.promise === promise) this.#filling.delete(key);
      });
    this.#filling.set(key, { promise, startedAt });
    return promise;
  }
}
