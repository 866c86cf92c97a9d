import { describe, expect, it } from "vitest";
import { type Candidate, choosePapers, normalizePhrase, sinceFor } from "@/lib/digest/select";

describe("choosing papers", () => {
  const c = (id: number, topicIds: number[], text = "", featuredOn = "2025-03-14"): Candidate => ({
    id,
    topicIds,
    text: ` ${normalizePhrase(text)} `,
    featuredOn: new Date(`${featuredOn}T00:00:00Z`),
  });
  const sub = { id: 1, allTopics: false, keywords: [] as string[], topicIds: [7], lastDigestAt: null };
  const since = new Date("2025-03-13T00:00:00Z");

  it("keeps ranking order, matches topics or keyword phrases, skips sent and older papers, caps the count", () => {
    const candidates = [
      c(1, [7]),
      c(2, [8], "we use mixture of experts here"),
      c(3, [7], "", "2025-03-01"),
      c(4, [7]),
      c(5, [7]),
    ];
    expect(choosePapers(candidates, { ...sub, keywords: ["Mixture  of Experts"] }, new Set([4]), since, 10)).toEqual([
      1, 2, 5,
    ]);
    expect(choosePapers(candidates, sub, undefined, since, 2)).toEqual([1, 4]);
    expect(choosePapers(candidates, { ...sub, topicIds: [], allTopics: true }, undefined, since, 10)).toEqual([
      1, 2, 4, 5,
    ]);
    expect(choosePapers(candidates, { ...sub, topicIds: [9] }, undefined, since, 10)).toEqual([]);
  });

  it("matches keyword phrases as whole words, case- and punctuation-insensitive", () => {
    const candidates = [
      c(1, [], "Deep RL agents"),
      c(2, [], "A world model"),
      c(3, [], "Mixture-of-Experts routing"),
      c(4, [], "Fast C++ kernels"),
    ];
    const keywords = (k: string[]) =>
      choosePapers(candidates, { ...sub, topicIds: [], keywords: k }, undefined, since, 10);
    expect(keywords(["rl"])).toEqual([1]);
    expect(keywords(["mixture of experts"])).toEqual([3]);
    expect(keywords(["C++"])).toEqual([4]);
    expect(keywords(["  "])).toEqual([]);
  });

  it("looks back from the last digest's day, at most 30 days", () => {
    const day = new Date("2025-03-14T00:00:00Z");
    expect(sinceFor({ lastDigestAt: new Date("2025-03-12T08:00:00Z") }, since, day).toISOString()).toBe(
      "2025-03-12T00:00:00.000Z",
    );
    expect(sinceFor({ lastDigestAt: null }, since, day)).toEqual(since);
    expect(sinceFor({ lastDigestAt: new Date("2024-01-01T00:00:00Z") }, since, day).toISOString()).toBe(
      "2025-02-12T00:00:00.000Z",
    );
  });
});
