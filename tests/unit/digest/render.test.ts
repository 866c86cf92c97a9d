import { describe, expect, it } from "vitest";
import { excerpt, reasonFor } from "@/lib/digest/render";

describe("rendering helpers", () => {
  it("cuts excerpts at a word boundary", () => {
    expect(excerpt("short  text")).toBe("short text");
    const long = excerpt("word ".repeat(100), 50);
    expect(long.length).toBeLessThanOrEqual(51);
    expect(long.endsWith("word…")).toBe(true);
  });

  it("explains why someone gets the email", () => {
    const topics = new Map([
      [1, { id: 1, slug: "a", name: "Agents" }],
      [2, { id: 2, slug: "b", name: "Biology" }],
    ]);
    expect(reasonFor({ allTopics: false, topicIds: [2, 1], keywords: ["rlhf"] }, topics)).toBe(
      'the topics Agents, Biology and the keyword "rlhf"',
    );
    expect(reasonFor({ allTopics: true, topicIds: [], keywords: [] }, topics)).toBe("all topics");
  });
});
