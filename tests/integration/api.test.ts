import { NextRequest } from "next/server";
import { beforeAll, describe, expect, it } from "vitest";
import { GET as getPapers } from "@/app/api/papers/route";
import { GET as getFeed } from "@/app/feed.xml/route";
import { resetDb } from "@/tests/helpers/db";

const get = (handler: typeof getPapers, query: string) =>
  handler(new NextRequest(`http://localhost/api/papers?${query}`));

describe("GET /api/papers and /feed.xml parameters", () => {
  // Parameter errors are answered before any data access (unknown topics and
  // foreign cursors need the data cache, so tests/e2e/browse.spec.ts covers them
  // against the running app; tests/integration/feed.test.ts covers the lib side).
  beforeAll(resetDb);

  it.each([
    ["limit=500", "limit"],
    ["limit=0", "limit"],
    ["period=year", "period"],
    ["date=2025-02-30", "date"],
    ["sort=best", "sort"],
    ["topic=Bad Slug", "topic"],
    ["cursor=%25%25", "cursor"],
  ])("%s is a 400 naming %s, on both", async (query, parameter) => {
    for (const handler of [getPapers, getFeed]) {
      const res = await get(handler, query);
      expect(res.status).toBe(400);
      expect(await res.json()).toEqual({ error: { parameter, message: expect.any(String) } });
    }
  });
});
