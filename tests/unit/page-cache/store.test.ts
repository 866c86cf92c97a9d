import { describe, expect, test } from "vitest";
import { type CachedPage, PageCache } from "@/lib/page-cache/store";

const page = (text: string): CachedPage => ({
  status: 200,
  body: new TextEncoder().encode(text),
  csp: "script-src 'self'",
  etag: `"${text}"`,
  contentType: "text/html; charset=utf-8",
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

  test("invalidate forgets every page, and a render begun before it is not stored", async () => {
    const { cache, fill } = setup();
    await cache.serve("/a", fill);
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const pending = cache.serve("/b", async () => {
      await gate;
      return page("old data");
    });
    cache.invalidate();
    release();
    await pending;
    expect(cache.size).toBe(0);
    expect((await cache.serve("/a", fill))?.state).toBe("miss");
  });

  test("memory stays within the byte bound", async () => {
    const { cache } = setup(10_000);
    for (let i = 0; i < 50; i++) await cache.serve(`/p${i}`, async () => page("x".repeat(1_000)));
    expect(cache.bytes).toBeLessThanOrEqual(10_000);
    expect(cache.size).toBeGreaterThan(0);
  });
});
