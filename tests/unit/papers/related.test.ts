import { describe, expect, it } from "vitest";
import { maxTermPapers } from "@/lib/papers/related";
import { RANK_TRENDING_SQL, TRENDING_SCORE_SQL } from "@/lib/papers/score";

describe("maxTermPapers (the rarest terms that find related candidates)", () => {
  it("grows as 2·√N with a floor for small tables", () => {
    expect(maxTermPapers(0)).toBe(30);
    expect(maxTermPapers(100)).toBe(30);
    expect(maxTermPapers(14_699)).toBe(242);
    expect(maxTermPapers(1_000_000)).toBe(2000);
  });
});

describe("the trending score over paper_rank", () => {
  it("is the papers formula with the ranking table's columns, so cursors of either agree", () => {
    expect(RANK_TRENDING_SQL("$1")).toBe(
      TRENDING_SCORE_SQL("$1").replace("v.votes", "r.votes").replace("p.featured_on", "r.featured_on"),
    );
  });
});
