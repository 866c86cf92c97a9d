import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseListing } from "@/lib/ingest/listing";
import { classify } from "@/lib/topics/classify";
import { topicDefinition } from "@/lib/topics/taxonomy";

// Precision and recall of the classifier on the 134 demo papers, against hand
// labels in tests/fixtures/topic-labels.json (judged from the abstracts, not
// from the classifier's output). The numbers are printed so they can be quoted.

type Labels = Record<string, { positive: string[]; notes: Record<string, string> }>;

const root = path.resolve(import.meta.dirname, "..", "..", "..");
const papers = parseListing(readFileSync(path.join(root, "prisma", "seed", "2025-03-14-listing.txt"), "utf8"), {
  featuredOn: "2025-03-14",
});
const labels: Labels = Object.fromEntries(
  Object.entries(JSON.parse(readFileSync(path.join(root, "tests", "fixtures", "topic-labels.json"), "utf8"))).filter(
    ([key]) => !key.startsWith("_"),
  ),
) as Labels;
const predicted = papers.map((p) => ({
  title: p.title,
  slugs: new Set(classify(p.title, p.summary).map((m) => m.slug)),
}));

function measure(slug: string) {
  const positive = new Set(labels[slug]!.positive);
  let tp = 0;
  const falsePositives: string[] = [];
  const falseNegatives: string[] = [];
  for (const p of predicted) {
    const hit = p.slugs.has(slug);
    if (hit && positive.has(p.title)) tp++;
    else if (hit) falsePositives.push(p.title);
    else if (positive.has(p.title)) falseNegatives.push(p.title);
  }
  const precision = tp / (tp + falsePositives.length);
  const recall = tp / (tp + falseNegatives.length);
  console.log(
    `[topics-quality] ${slug}: precision ${precision.toFixed(3)} (${tp}/${tp + falsePositives.length}), ` +
      `recall ${recall.toFixed(3)} (${tp}/${positive.size}) on ${papers.length} demo papers` +
      (falsePositives.length ? `\n  false positives: ${falsePositives.join(" | ")}` : "") +
      (falseNegatives.length ? `\n  false negatives: ${falseNegatives.join(" | ")}` : ""),
  );
  return { precision, recall };
}

describe("classifier quality on the hand-labelled demo papers", () => {
  it("labels name real demo papers and real topics", () => {
    const titles = new Set(papers.map((p) => p.title));
    expect(papers).toHaveLength(134);
    for (const [slug, { positive, notes }] of Object.entries(labels)) {
      expect(topicDefinition(slug), slug).toBeDefined();
      for (const title of [...positive, ...Object.keys(notes)]) expect(titles.has(title), title).toBe(true);
      expect(new Set(positive).size).toBe(positive.length);
    }
  });

  // The product promise: "LMM" returns the LMM papers and nothing else.
  it.each(["lmm", "quantization"])("%s: precision and recall are at least 0.9", (slug) => {
    const { precision, recall } = measure(slug);
    expect(precision).toBeGreaterThanOrEqual(0.9);
    expect(recall).toBeGreaterThanOrEqual(0.9);
  });

  // Smaller label sets: a looser floor, so that a regression still shows.
  it.each(["mixture-of-experts", "rag", "code-generation"])("%s: precision and recall are at least 0.8", (slug) => {
    const { precision, recall } = measure(slug);
    expect(precision).toBeGreaterThanOrEqual(0.8);
    expect(recall).toBeGreaterThanOrEqual(0.8);
  });
});
