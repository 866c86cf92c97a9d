import { describe, expect, it } from "vitest";
import { FULL_TOPICS, labelledTopics, loadEvalSet, predictAll, score, TARGETS } from "@/tests/helpers/topic-eval";

// The classifier on papers its rules and weights were never tuned on: the test
// half of the labelled evaluation set in tests/fixtures/topic-eval (see
// GUIDE.md and scripts/eval/topics.ts). Only counts are shown on failure, never
// the papers, so the test half stays held out.

const set = loadEvalSet();
const predicted = predictAll(set);
const sampled = labelledTopics(set).filter((t) => !(FULL_TOPICS as readonly string[]).includes(t));

const counts = (s: ReturnType<typeof score>) =>
  `${s.topic}: tp ${s.tp}, fp ${s.fp}, fn ${s.fn} (labelled in ${s.labelledIn}, out ${s.labelledOut})`;

describe("topic classifier on the held-out test half", () => {
  it("the evaluation set has labels on both halves", () => {
    for (const topic of labelledTopics(set)) {
      expect(
        score(set, predicted, topic, "test").labelledIn + score(set, predicted, topic, "test").labelledOut,
      ).toBeGreaterThan(0);
    }
    expect(labelledTopics(set)).toEqual(expect.arrayContaining([...FULL_TOPICS]));
  });

  it.each([...FULL_TOPICS])("%s: precision and recall are at least 0.95", (topic) => {
    const s = score(set, predicted, topic, "test");
    expect(s.labelledIn, counts(s)).toBeGreaterThan(0);
    expect(s.precision ?? 0, counts(s)).toBeGreaterThanOrEqual(TARGETS.full.precision);
    expect(s.recall ?? 0, counts(s)).toBeGreaterThanOrEqual(TARGETS.full.recall);
  });

  it.each(sampled)("%s: precision on its sample is at least 0.9", (topic) => {
    const s = score(set, predicted, topic, "test");
    // A topic the classifier tags on none of its sample papers has no false positives.
    expect(s.precision ?? 1, counts(s)).toBeGreaterThanOrEqual(TARGETS.sampled.precision);
  });
});
