import { describe, expect, test } from "vitest";
import { ByteLru } from "@/lib/page-cache/lru";

describe("ByteLru", () => {
  test("keeps the total bytes within the bound by evicting the least recently used entries", () => {
    const lru = new ByteLru<string>(100);
    lru.set("a", "A", 40);
    lru.set("b", "B", 40);
    expect(lru.get("a")).toBe("A"); // a is now more recent than b
    lru.set("c", "C", 40);
    expect(lru.get("b")).toBeUndefined();
    expect(lru.get("a")).toBe("A");
    expect(lru.get("c")).toBe("C");
    expect(lru.bytes).toBe(80);
    expect(lru.size).toBe(2);
  });

  test("replacing a key counts its bytes once; an entry bigger than the bound is not stored", () => {
    const lru = new ByteLru<string>(100);
    lru.set("a", "A1", 30);
    lru.set("a", "A2", 50);
    expect(lru.bytes).toBe(50);
    expect(lru.get("a")).toBe("A2");
    expect(lru.set("huge", "H", 101)).toBe(false);
    expect(lru.get("huge")).toBeUndefined();
    expect(lru.bytes).toBe(50);
  });

  test("one large entry can push out several small ones", () => {
    const lru = new ByteLru<number>(100);
    for (let i = 0; i < 10; i++) lru.set(`k${i}`, i, 10);
    lru.set("big", 99, 75);
    expect(lru.bytes).toBeLessThanOrEqual(100);
    expect(lru.get("big")).toBe(99);
    expect(lru.size).toBe(3);
    expect(lru.get("k9")).toBe(9);
    expect(lru.get("k0")).toBeUndefined();
  });

  test("delete gives the bytes back", () => {
    const lru = new ByteLru<string>(100);
    lru.set("a", "A", 30);
    lru.set("b", "B", 30);
    lru.delete("a");
    expect(lru.bytes).toBe(30);
    expect(lru.size).toBe(1);
  });
});
