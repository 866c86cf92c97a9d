import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { DEMO_FEATURED_ON, DEMO_LISTING } from "@/lib/ingest/demo";
import { parseListing } from "@/lib/ingest/listing";
import { ruleResults } from "@/lib/topics/classify";
import { featuresOf, logit, MODELS, paperWords, score } from "@/lib/topics/model";

const papers = parseListing(readFileSync(DEMO_LISTING, "utf8"), {
  featuredOn: DEMO_FEATURED_ON,
});

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

  it("see an LLM and a modality together as one feature, which neither word is alone", () => {
    const rules = { score: 2, titleHit: true, tagged: true, context: [] };
    const speechLlm = featuresOf("A speech LLM", "We connect a speech encoder to a large language model.", rules);
    expect(speechLlm).toContain("x:llm+speech");
    expect(featuresOf("Streaming ASR", "A speech recognizer without any text model.", rules)).not.toContain(
      "x:llm+speech",
    );
    expect(featuresOf("Math reasoning", "An LLM solves math problems.", rules)).not.toContain("x:llm+speech");
    // The fast scorer counts the conjunction exactly as the feature list does.
    const model = {
      bias: 0,
      threshold: 0,
      rescue: 0,
      weights: { "x:llm+speech": 1.5, "x:llm+video": -2 },
    };
    const words = paperWords("A speech LLM", "We connect a speech encoder to a large language model.");
    expect(score(model, words, rules)).toBeCloseTo(1.5, 9);
  });
});
