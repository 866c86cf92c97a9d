import { describe, expect, test } from "vitest";
import { type CachedPage, PageCache } from "@/lib/page-cache/store";

const page = (text: string): CachedPage => ({
  status: 200,
  body: new TextEncoder().encode(text),
  csp: "script-src 'self'",
  etag: `"${text}"`,
  contentType: "text/html; charset=utf-8",
  paperIds: [7],
  encoded: null,
});

function setup(maxBytes = 1_000_000) {
  let now = 0;
  const cache = new PageCache({ maxBytes, freshMs: 10_000, staleMs: 20_000, now: () => now });
  let renders = 0;
  const fill = async () => page(`render ${++renders}`);
  return { cache, fill, renders: () => renders, advance: (ms: number) => (now += ms) };
}

const text = (served: { page: CachedPage } | null) => new TextDecoder().decode(served?.page.body);

describe("PageCache", () => {
  test("a miss renders and stores; within the fresh time the same page is served without a render", async () => {
    const { cache, fill, renders, advance } = setup();
    expect(await cache.serve("/a", fill)).toMatchObject({ state: "miss", age: 0 });
    advance(9_999);
    const hit = await cache.serve("/a", fill);
    expect(hit).toMatchObject({ state: "hit", age: 9 });
    expect(text(hit)).toBe("render 1");
    expect(renders()).toBe(1);
  });

  test("a stale page is served once more while one background render replaces it", async () => {
    const { cache, fill, renders, advance } = setup();
    await cache.serve("/a", fill);
    advance(15_000);
    const stale = await cache.serve("/a", fill);
    expect(stale?.state).toBe("stale");
    expect(text(stale)).toBe("render 1");
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(renders()).toBe(2);
    const fresh = await cache.serve("/a", fill);
    expect(fresh?.state).toBe("hit");
    expect(text(fresh)).toBe("render 2");
  });

  test("past fresh + stale time (30 s) the page is never served: it is rendered again first", async () => {
    const { cache, fill, advance } = setup();
    await cache.serve("/a", fill);
    advance(30_000);
    const served = await cache.serve("/a", fill);
    expect(served?.state).toBe("miss");
    expect(text(served)).toBe("render 2");
  });

  test("concurrent misses for one key share one render", async () => {
    const { cache } = setup();
    let renders = 0;
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const slowFill = async () => {
      renders++;
      await gate;
      return page("shared");
    };
    const waiting = Array.from({ length: 20 }, () => cache.serve("/a", slowFill));
    release();
    const served = await Promise.all(waiting);
    expect(renders).toBe(1);
    expect(served.every((s) => text(s) === "shared")).toBe(true);
  });

  test("a render that yields nothing cacheable is not stored, and a failed one is not cached either", async () => {
    const { cache, fill } = setup();
    expect(await cache.serve("/missing", async () => null)).toBeNull();
    await expect(cache.serve("/broken", async () => Promise.reject(new Error("boom")))).rejects.toThrow("boom");
    expect(cache.size).toBe(0);
    expect((await cache.serve("/broken", fill))?.state).toBe("miss");
  });

  test("a request that must see a render begun after a time gets one, and it replaces the entry for everyone", async () => {
    const { cache, fill, renders, advance } = setup();
    await cache.serve("/a", fill); // rendered at 0
    advance(2_000);
    // A browser voted at 1,000 on paper 7, which the page shows: the entry from 0 is too old for it.
    const voter = await cache.serve("/a", fill, { renderedAfter: (p) => (p.paperIds.includes(7) ? 1_000 : 0) });
    expect(voter).toMatchObject({ state: "miss" });
    expect(text(voter)).toBe("render 2");
    // Everyone else now gets that newer render, and so does the voter, without another one.
    expect(text(await cache.serve("/a", fill))).toBe("render 2");
    expect(await cache.serve("/a", fill, { renderedAfter: () => 1_000 })).toMatchObject({ state: "hit" });
    expect(renders()).toBe(2);
    // A vote on a paper the page does not show changes nothing.
    const otherPaper = { renderedAfter: (p: CachedPage) => (p.paperIds.includes(8) ? 5_000 : 0) };
    expect(await cache.serve("/a", fill, otherPaper)).toMatchObject({ state: "hit" });
    expect(renders()).toBe(2);
  });

  test("a running render is shared with a voter only when it began after the vote; the newest render is kept", async () => {
    let now = 0;
    const cache = new PageCache({ maxBytes: 1_000_000, freshMs: 10_000, staleMs: 20_000, now: () => now });
    const release: (() => void)[] = [];
    let renders = 0;
    const slowFill = () =>
      new Promise<CachedPage>((resolve) => {
        const n = ++renders;
        release.push(() => resolve(page(`render ${n}`)));
      });
    const first = cache.serve("/a", slowFill); // begins at 0
    release[0]!();
    await first;
    now = 600;
    const votedAt500 = cache.serve("/a", slowFill, { renderedAfter: () => 500 }); // the entry from 0 is too old: render 2 begins at 600
    now = 700;
    const votedAt650 = cache.serve("/a", slowFill, { renderedAfter: () => 650 }); // render 2 began before 650: render 3 begins at 700
    const votedAt550 = cache.serve("/a", slowFill, { renderedAfter: () => 550 }); // render 3 began after 550: shared
    expect(renders).toBe(3);
    release[2]!();
    release[1]!(); // the older render finishes last and must not replace the newer one
    expect(text(await votedAt500)).toBe("render 2");
    expect(text(await votedAt650)).toBe("render 3");
    expect(text(await votedAt550)).toBe("render 3");
    expect(text(await cache.serve("/a", slowFill))).toBe("render 3");
  });

  test("a page rendered at an older data version is served stale once while it is rendered again", async () => {
    const { cache, fill, renders, advance } = setup();
    await cache.serve("/a", fill, { version: "1" });
    advance(1_000);
    expect(await cache.serve("/a", fill, { version: "1" })).toMatchObject({ state: "hit" });
    const changed = await cache.serve("/a", fill, { version: "2" });
    expect(changed).toMatchObject({ state: "stale" });
    expect(text(changed)).toBe("render 1");
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(renders()).toBe(2);
    const fresh = await cache.serve("/a", fill, { version: "2" });
    expect(fresh).toMatchObject({ state: "hit" });
    expect(text(fresh)).toBe("render 2");
  });

  test("memory stays within the byte bound", async () => {
    const { cache } = setup(10_000);
    for (let i = 0; i < 50; i++) await cache.serve(`/p${i}`, async () => page("x".repeat(1_000)));
    expect(cache.bytes).toBeLessThanOrEqual(10_000);
    expect(cache.size).toBeGreaterThan(0);
  });
});
