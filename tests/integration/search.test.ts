import { beforeEach, describe, expect, it } from "vitest";
import { searchPapers } from "@/lib/papers/search";
import type { SearchHit } from "@/lib/papers/types";
import { resetDb } from "@/tests/helpers/db";
import { insertPapers, insertTopic } from "@/tests/helpers/papers";

const NOW = new Date("2025-03-21T09:00:00Z");
const titles = (hits: SearchHit[]) => hits.map((h) => h.title);

async function search(q: string, extra: Partial<Parameters<typeof searchPapers>[0]> = {}) {
  const r = await searchPapers({ q, topic: [], limit: 50, ...extra }, NOW);
  if (!r.ok) throw new Error(r.reason);
  return r;
}

describe("full-text search", () => {
  let p: number[];
  beforeEach(async () => {
    await resetDb();
    p = await insertPapers([
      { title: "Quokka: a marsupial benchmark", summary: "We evaluate models.", featuredOn: "2025-03-14" },
      { title: "A study of benchmarks", summary: "Our quokka dataset improves reasoning.", featuredOn: "2025-03-10" },
      { title: "Unrelated title", summary: "Nothing here.", authors: ["Quokka Smith"], featuredOn: "2025-02-01" },
      {
        title: "Vision language models for robots",
        summary: "A vision language model that acts.",
        featuredOn: "2025-03-14",
      },
      {
        title: "Language for vision",
        summary: "We describe images with language; vision is secondary.",
        featuredOn: "2025-03-14",
      },
      { title: "Video quokka", summary: "A video benchmark about quokka videos.", featuredOn: "2025-03-14" },
      { title: "Quantizing transformers", summary: "Low-bit quantization of weights.", featuredOn: "2025-03-12" },
    ]);
  });

  it("ranks title matches over abstract matches over author matches", async () => {
    const r = await search("quokka");
    if (r.status !== "results") throw new Error(r.status);
    const order = titles(r.hits);
    expect(order.indexOf("Quokka: a marsupial benchmark")).toBeLessThan(order.indexOf("A study of benchmarks"));
    expect(order.indexOf("A study of benchmarks")).toBeLessThan(order.indexOf("Unrelated title"));
    expect(order).toHaveLength(4);
  });

  it("matches word forms (stemming)", async () => {
    const r = await search("quantized");
    expect(r.status === "results" && titles(r.hits)).toEqual(["Quantizing transformers"]);
  });

  it("supports quoted phrases, -exclusion and or", async () => {
    const phrase = await search('"vision language"');
    expect(phrase.status === "results" && titles(phrase.hits)).toEqual(["Vision language models for robots"]);
    const exclude = await search("quokka -video");
    expect(exclude.status === "results" && titles(exclude.hits)).not.toContain("Video quokka");
    expect(exclude.status === "results" && exclude.hits).toHaveLength(3);
    const either = await search("marsupial or quantization");
    expect(either.status === "results" && titles(either.hits).sort()).toEqual([
      "Quantizing transformers",
      "Quokka: a marsupial benchmark",
    ]);
  });

  it("highlights matches with sentinel-split parts, not HTML", async () => {
    const r = await search("quokka");
    if (r.status !== "results") throw new Error(r.status);
    const top = r.hits.find((h) => h.title.startsWith("Quokka:"))!;
    expect(top.titleParts).toContainEqual({ text: "Quokka", mark: true });
    const second = r.hits.find((h) => h.title === "A study of benchmarks")!;
    expect(second.snippetParts).toContainEqual({ text: "quokka", mark: true });
    expect(JSON.stringify(r.hits)).not.toContain("<b>");
  });

  it("combines with topic and period filters", async () => {
    await insertTopic("marsupials", [p[0]!, p[2]!]);
    const topic = await search("quokka", { topic: ["marsupials"] });
    expect(topic.status === "results" && titles(topic.hits).sort()).toEqual([
      "Quokka: a marsupial benchmark",
      "Unrelated title",
    ]);
    const week = await search("quokka", { period: "week", date: "2025-03-14" });
    expect(week.status === "results" && titles(week.hits).sort()).toEqual([
      "A study of benchmarks",
      "Quokka: a marsupial benchmark",
      "Video quokka",
    ]);
    const both = await search("quokka", { period: "day", date: "2025-03-14", topic: ["marsupials"] });
    expect(both.status === "results" && titles(both.hits)).toEqual(["Quokka: a marsupial benchmark"]);
    expect(await searchPapers({ q: "quokka", topic: ["nope"], limit: 5 }, NOW)).toEqual({
      ok: false,
      reason: "unknownTopic",
      slug: "nope",
    });
  });

  it("pages by rank without gaps or duplicates", async () => {
    const whole = await search("quokka");
    const seen: number[] = [];
    let cursor: string | undefined;
    do {
      const r = await search("quokka", { limit: 1, cursor });
      if (r.status !== "results") throw new Error(r.status);
      seen.push(...r.hits.map((h) => h.id));
      cursor = r.nextCursor ?? undefined;
    } while (cursor);
    expect(whole.status === "results" && whole.hits.map((h) => h.id)).toEqual(seen);
    expect(await searchPapers({ q: "quokka", topic: [], limit: 1, cursor: "bad" }, NOW)).toEqual({
      ok: false,
      reason: "badCursor",
    });
  });

  it.each([
    ["only stopwords", "the and of a"],
    ["only punctuation", "!!! ??? --- ()"],
    ["10,000 characters of stopwords", "the ".repeat(2_500)],
    ["empty", ""],
    ["a lone operator", "-"],
  ])("answers %s with the no-terms state, never an error", async (_name, q) => {
    const r = await search(q);
    expect(r.status).toBe("noTerms");
    expect(r.hits).toEqual([]);
  });

  it("handles long and odd input without error", async () => {
    const long = await search("quokka ".repeat(1_500));
    expect(long.status).toBe("results");
    const odd = await search(`quokka' OR 1=1; -- "unclosed <script> & | ! :* \\`);
    expect(odd.status).toBe("results");
    const nothing = await search("zebrafish");
    expect(nothing.status === "results" && nothing.hits).toEqual([]);
  });
});
