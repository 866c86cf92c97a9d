import { describe, expect, it } from "vitest";
import {
  browseQuery,
  decodeCursor,
  decodeFeedView,
  encodeCursor,
  encodeFeedView,
  MAX_QUERY_LENGTH,
  normalizeQuery,
  paperIdSchema,
  parseBrowseParams,
} from "@/lib/papers/schema";

const parse = (query: string) => parseBrowseParams(new URLSearchParams(query));

describe("browse parameters", () => {
  it("applies defaults and leaves period and date open", () => {
    expect(parse("")).toEqual({ ok: true, value: { topic: [], sort: "trending" } });
  });

  it("reads every parameter, from URLSearchParams and from Next's searchParams object", () => {
    const value = {
      period: "week",
      date: "2025-03-10",
      topic: ["lmm", "quantization"],
      sort: "votes",
      q: "moe",
      limit: 20,
      cursor: "abc",
    };
    expect(
      parse("period=week&date=2025-03-10&topic=lmm&topic=quantization&sort=votes&q=moe&limit=20&cursor=abc"),
    ).toEqual({ ok: true, value });
    expect(
      parseBrowseParams({
        period: "week",
        date: "2025-03-10",
        topic: ["lmm", "quantization"],
        sort: "votes",
        q: "moe",
        limit: "20",
        cursor: "abc",
      }),
    ).toEqual({ ok: true, value });
  });

  it("accepts comma-separated topics and removes duplicates", () => {
    const r = parse("topic=lmm,quantization&topic=lmm");
    expect(r.ok && r.value.topic).toEqual(["lmm", "quantization"]);
  });

  it("treats empty values as absent (as an empty form field sends them)", () => {
    expect(parse("period=&q=&date=&topic=")).toEqual({ ok: true, value: { topic: [], sort: "trending" } });
  });

  it.each([
    ["period=year", "period"],
    ["date=2025-02-30", "date"],
    ["date=14-03-2025", "date"],
    ["sort=random", "sort"],
    ["limit=0", "limit"],
    ["limit=101", "limit"],
    ["limit=ten", "limit"],
    ["topic=LMM!", "topic"],
    ["cursor=not%20a%20cursor", "cursor"],
  ])("rejects %s naming the parameter %s", (query, parameter) => {
    const r = parse(query);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.parameter).toBe(parameter);
      expect(r.error.message.length).toBeGreaterThan(5);
    }
  });

  it("builds canonical query strings that parse back to the same view", () => {
    const view = {
      period: "month" as const,
      date: "2025-03-14",
      topic: ["lmm", "agents"],
      sort: "newest" as const,
      q: "vision",
    };
    const query = browseQuery(view);
    expect(query).toBe("?q=vision&period=month&date=2025-03-14&topic=lmm&topic=agents&sort=newest");
    expect(parse(query.slice(1))).toEqual({ ok: true, value: view });
    expect(browseQuery({ period: "day", sort: "trending", topic: [] })).toBe("");
  });
});

describe("search query normalisation", () => {
  it("trims, collapses whitespace and drops control characters", () => {
    expect(normalizeQuery("  mixture \n\t of\u0000experts  ")).toBe("mixture of experts");
  });

  it("cuts very long input instead of rejecting it", () => {
    const r = parse(`q=${"a ".repeat(5_000)}`);
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.value.q!.length).toBeLessThanOrEqual(MAX_QUERY_LENGTH);
  });

  it("a query of only spaces is no query", () => {
    const r = parse("q=%20%20%20");
    expect(r.ok && r.value.q).toBeUndefined();
  });
});

describe("keyset cursors", () => {
  it("round-trip the sort key, tie-breakers and reference day", () => {
    const cursor = { s: "trending" as const, d: "2026-11-27", k: 0.123456789012345, r: 3, i: 42 };
    expect(decodeCursor(encodeCursor(cursor))).toEqual(cursor);
    const newest = { s: "newest" as const, d: "2026-11-27", k: "2025-03-14", r: 0, i: 7 };
    expect(decodeCursor(encodeCursor(newest))).toEqual(newest);
    // A search's cursor also carries its recency window and any-word mode.
    const search = {
      s: "relevance" as const,
      d: "2026-11-27",
      k: 0.5,
      r: 0,
      i: 9,
      w: ["2025-03-01", "2025-03-15"] as [string, string],
      a: 1 as const,
    };
    expect(decodeCursor(encodeCursor(search))).toEqual(search);
  });

  it("reject garbage and tampered shapes without throwing", () => {
    expect(decodeCursor("abc")).toBeNull();
    expect(decodeCursor(Buffer.from('{"s":"trending"}').toString("base64url"))).toBeNull();
    expect(
      decodeCursor(Buffer.from('{"s":"hack","d":"2025-01-01","k":1,"r":0,"i":1}').toString("base64url")),
    ).toBeNull();
    expect(
      decodeCursor(Buffer.from('{"s":"votes","d":"2025-01-01","k":1,"r":0,"i":-1}').toString("base64url")),
    ).toBeNull();
    for (const extra of ['"w":["2025-03-01"]', '"w":["2025-03-01","soon"]', '"a":true', '"a":2'])
      expect(
        decodeCursor(
          Buffer.from(`{"s":"relevance","d":"2025-01-01","k":1,"r":0,"i":1,${extra}}`).toString("base64url"),
        ),
      ).toBeNull();
  });
});

describe("paper ids in URLs", () => {
  it("accepts positive 32-bit integers only", () => {
    expect(paperIdSchema.safeParse("42").data).toBe(42);
    for (const bad of ["0", "-1", "01", "1.5", "abc", "99999999999", "2147483648"]) {
      expect(paperIdSchema.safeParse(bad).success, bad).toBe(false);
    }
  });
});

describe("cached feed view segments", () => {
  it("round-trip a view and map the default view to one key", () => {
    const view = {
      period: "week" as const,
      date: "2025-03-10",
      topic: ["lmm", "quantization"],
      sort: "votes" as const,
      cursor: "abc",
      limit: 20,
    };
    const segment = encodeFeedView(view);
    expect(segment).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeFeedView(segment)).toEqual(view);
    expect(encodeFeedView({ topic: [], sort: "trending" })).toBe("_");
    expect(decodeFeedView("_")).toEqual({ topic: [], sort: "trending" });
  });

  it("rejects segments that are not a valid view", () => {
    expect(decodeFeedView("!!")).toBeNull();
    expect(decodeFeedView(Buffer.from("period=year").toString("base64url"))).toBeNull();
  });
});
