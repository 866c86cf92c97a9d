import { describe, expect, it } from "vitest";
import { canonicalQuery, MAX_INDEXED_QUERY_LENGTH, searchRobots } from "@/lib/papers/search-seo";

const results = (q: string, hits = 3, cursor = false) => searchRobots({ kind: "results", q, hits, cursor });

describe("search page indexing", () => {
  it("indexes result pages under the normalised query, filters and case dropped", () => {
    expect(results("Mixture  of Experts")).toEqual({ index: true, canonicalPath: "/search?q=mixture+of+experts" });
    expect(results('"vision language" -video')).toEqual({
      index: true,
      canonicalPath: "/search?q=%22vision+language%22+-video",
    });
    expect(canonicalQuery("  LoRA   Fine-Tuning ")).toBe("lora fine-tuning");
  });

  it("indexes the search form itself", () => {
    expect(searchRobots({ kind: "form" })).toEqual({ index: true, canonicalPath: "/search" });
  });

  it("does not index empty, invalid or later pages", () => {
    const no = { index: false, canonicalPath: null };
    expect(results("zzzz", 0)).toEqual(no);
    expect(results("diffusion", 20, true)).toEqual(no);
    expect(searchRobots({ kind: "noTerms", q: "the of" })).toEqual(no);
    expect(searchRobots({ kind: "invalid" })).toEqual(no);
    // Papers with any of the words, none having them all, are not results for the query.
    expect(searchRobots({ kind: "results", q: "zzzz-no-such-word", hits: 5, cursor: false, anyWord: true })).toEqual(
      no,
    );
  });

  it("never indexes spam-shaped queries, whatever they match", () => {
    for (const q of [
      "diffusion or http://evil.example",
      "cheap pills www.shop",
      "diffusion or buy-now.example.com",
      "mail me@x.io",
      "diffusion ".repeat(MAX_INDEXED_QUERY_LENGTH / 5),
    ]) {
      expect(results(q).index, q).toBe(false);
    }
  });
});
