import { describe, expect, it } from "vitest";
import { ageDays, trendingScore } from "@/lib/papers/score";

const day = (s: string) => new Date(`${s}T00:00:00Z`);

describe("trending score", () => {
  it("counts whole UTC days since the featured day", () => {
    expect(ageDays(day("2025-03-14"), new Date("2025-03-14T23:59:00Z"))).toBe(0);
    expect(ageDays(day("2025-03-14"), new Date("2025-03-15T00:00:01Z"))).toBe(1);
    expect(ageDays(day("2025-03-14"), day("2025-03-10"))).toBe(0);
  });

  it("is (votes + 1) / (age + 2)^1.5", () => {
    const today = day("2025-03-16");
    expect(trendingScore({ upvotes: 9, localVotes: 0, featuredOn: day("2025-03-16") }, today)).toBeCloseTo(
      10 / 2 ** 1.5,
      10,
    );
    expect(trendingScore({ upvotes: 5, localVotes: 2, featuredOn: day("2025-03-14") }, today)).toBeCloseTo(
      8 / 4 ** 1.5,
      10,
    );
  });

  it("ranks more votes higher on the same day and decays older papers", () => {
    const today = day("2025-03-20");
    const fresh = trendingScore({ upvotes: 10, localVotes: 0, featuredOn: day("2025-03-20") }, today);
    const old = trendingScore({ upvotes: 10, localVotes: 0, featuredOn: day("2025-03-13") }, today);
    const more = trendingScore({ upvotes: 11, localVotes: 0, featuredOn: day("2025-03-20") }, today);
    expect(more).toBeGreaterThan(fresh);
    expect(fresh).toBeGreaterThan(old);
    // A local vote counts like an upvote from the source.
    expect(trendingScore({ upvotes: 10, localVotes: 1, featuredOn: day("2025-03-20") }, today)).toBe(more);
  });
});
