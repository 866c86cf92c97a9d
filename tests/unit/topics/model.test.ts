import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { DEMO_FEATURED_ON, DEMO_LISTING } from "@/lib/ingest/demo";
import { parseListing } from "@/lib/ingest/listing";
import { ruleResults } from "@/lib/topics/classify";
import { featuresOf, logit, MODELS, paperWords, score } from "@/lib/topics/model";

const papers = parseListing(readFileSync(DEMO_LISTING, "utf8"), { featuredOn: DEMO_FEATURED_ON });

describe("learned topic models", () => {
  it("have weights, a bias and thresholds for lmm and quantization", () => {
    for (const slug of ["lmm", "quantization"]) {
      const model = MODELS.topics[slug]!;
      expect(Number.isFinite(model.bias)).toBe(true);
      expect(model.rescue).toBeGreaterThanOrEqual(model.threshold);
      expect(Object.keys(model.weights).length).toBeGreaterThan(100);
    }
  });

  it("score a paper exactly as the training features say", () => {
    let compared = 0;
    for (const p of papers) {
      const words = paperWords(p.title, p.summary);
      for (const rules of ruleResults(p.title, p.summary)) {
        const model = MODELS.topics[rules.slug];
        if (!model) continue;
        expect(score(model, words, rules)).toBeCloseTo(logit(model, featuresOf(p.title, p.summary, rules)), 9);
        compared++;
      }
    }
    expect(compared).toBeGreaterThan(40);
  });
});
