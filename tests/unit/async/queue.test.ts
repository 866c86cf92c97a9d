import { describe, expect, it } from "vitest";
import { BoundedQueue } from "@/lib/async/queue";

const tick = () => new Promise<void>((r) => setTimeout(r, 0));

describe("BoundedQueue", () => {
  it("hands items over in order, to waiting consumers too", async () => {
    const q = new BoundedQueue<number>(4);
    const waiting = q.take();
    await q.put(1);
    await q.put(2);
    await q.put(3);
    expect(await waiting).toBe(1);
    expect(await q.take()).toBe(2);
    expect(await q.take()).toBe(3);
  });

  it("makes a producer wait while the queue is full", async () => {
    const q = new BoundedQueue<number>(2);
    await q.put(1);
    await q.put(2);
    let third = false;
    const putting = q.put(3).then(() => {
      third = true;
    });
    await tick();
    expect(third).toBe(false);
    expect(await q.take()).toBe(1);
    await putting;
    expect(third).toBe(true);
    expect([await q.take(), await q.take()]).toEqual([2, 3]);
  });

  it("on close: wakes waiting consumers and producers, drops new items, drains what is left", async () => {
    const empty = new BoundedQueue<number>(1);
    const consumer = empty.take();
    empty.close();
    expect(await consumer).toBeUndefined();

    const full = new BoundedQueue<number>(1);
    await full.put(1);
    const producer = full.put(2);
    full.close();
    await producer;
    await full.put(3);
    expect(await full.take()).toBe(1);
    expect(await full.take()).toBeUndefined();
  });

  it("keeps memory bounded: a fast producer never runs more than `capacity` items ahead", async () => {
    const q = new BoundedQueue<number>(3);
    let produced = 0;
    let maxAhead = 0;
    let consumed = 0;
    const producer = (async () => {
      for (let i = 1; i <= 100; i++) {
        await q.put(i);
        produced++;
        maxAhead = Math.max(maxAhead, produced - consumed);
      }
      q.close();
    })();
    const seen: number[] = [];
    for (;;) {
      const item = await q.take();
      if (item === undefined) break;
      consumed++;
      seen.push(item);
      await tick();
    }
    await producer;
    expect(seen).toEqual(Array.from({ length: 100 }, (_, i) => i + 1));
    expect(maxAhead).toBeLessThanOrEqual(4);
  });
});
