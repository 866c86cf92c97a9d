import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import { classify } from "@/lib/topics/classify";

/**
 * Measures the topic classifier on the labelled evaluation set in
 * tests/fixtures/topic-eval (drawn by scripts/eval/draw-topic-sample.ts,
 * labelled by reading as GUIDE.md describes). Shared by `npm run eval:topics`
 * and tests/unit/topics/eval.test.ts so both report the same numbers.
 *
 * - lmm and quantization (FULL_TOPICS): every candidate of the random 2,000
 *   that the broad net caught is labelled; a random-2,000 paper outside the net
 *   counts as out. Quantization has extra labelled candidates from the rest of
 *   the pool, and lmm every other development-half candidate of the pool
 *   (more training data); both count for precision and recall the same way.
 * - Every other topic: a 30-paper sample labelled for that topic only, plus
 *   6 to 67 more development-half papers of its net (other-dev-pool);
 *   precision is the share labelled in among the sample papers the classifier
 *   tags. Recall is shown when the sample has positives, as a hint.
 * - A pair's label is the majority of its readings (READINGS); ambiguous
 *   labels and unlabelled (paper, topic) pairs count neither way.
 */

export type Split = "dev" | "test";
export type Label = "in" | "out" | "ambiguous";

export type SamplePaper = {
  arxivId: string;
  split: Split;
  set: "random2000" | "other" | "quantization-pool" | "quantization-dev-pool" | "lmm-dev-pool" | "other-dev-pool";
  topics: string[];
  title: string;
  summary: string;
};

export type LabelRow = {
  arxivId: string;
  topic: string;
  label: Label;
  reason: string;
};

/** Topics labelled exhaustively on the random 2,000: precision and recall are targets. */
export const FULL_TOPICS = ["lmm", "quantization"] as const;

/** The product's targets on the test half; `npm run eval:topics` marks every topic below them. */
export const TARGETS = {
  full: { precision: 0.95, recall: 0.95 },
  sampled: { precision: 0.9 },
} as const;

/**
 * What the suite holds the classifier to on the test half: the targets are not
 * all reached, so the suite guards the quality reached against regressions and
 * the eval script shows the gap. Each floor sits just under the test half's
 * figure when it was last measured (issue 18, after rounds 6 and 7, once after
 * training on the development half only: lmm 0.931 / 0.913, quantization
 * 0.962 / 0.944, sampled topics pooled 70/77 = 0.909, on the majority labels).
 * Earlier rounds measured lmm 0.952 / 0.887, 0.954 / 0.911 and 0.933 / 0.892
 * on the first reader's labels: the test figures move by a few papers either
 * way from round to round. Raise these towards TARGETS as the classifier
 * improves.
 */
export const FLOORS = {
  full: { lmm: { precision: 0.93, recall: 0.91 }, quantization: { precision: 0.96, recall: 0.94 } },
  /** Micro-averaged over the sampled topics: each has only about 15 test papers. */
  sampled: { precision: 0.9 },
} as const;

const dir = path.resolve(import.meta.dirname, "..", "fixtures", "topic-eval");

const readJsonl = <T>(file: string): T[] =>
  readFileSync(path.join(dir, file), "utf8")
    .split("\n")
    .filter((line) => line.trim() !== "")
    .map((line) => JSON.parse(line) as T);

/**
 * Independent readings of each (paper, topic): `labels.jsonl` is the first
 * reading of every pair (rounds 1 to 5 and 7), `labels-second.jsonl` a second
 * reader's blind re-reading of the pairs of rounds 1 to 5 (round 6), and
 * `labels-third.jsonl` a third reader's of the pairs the first two disagree
 * on. Round 7's pairs have one reading. The label that counts is the majority;
 * pairs without one (three different answers, or a disagreement not yet read a
 * third time) count as ambiguous.
 */
export const READINGS = ["labels.jsonl", "labels-second.jsonl", "labels-third.jsonl"] as const;

export type EvalSet = {
  papers: SamplePaper[];
  labels: Map<string, Map<string, Label>>; // arxivId -> topic -> label
  reasons: Map<string, string>; // `${arxivId} ${topic}` -> reason
  /** Every reading of a pair, in READINGS order (`${arxivId} ${topic}` -> one label per reader). */
  readings: Map<string, Label[]>;
  random2000: Set<string>;
};

/** The label of a pair: the majority of its readings, ambiguous without one. */
export function consensus(readings: readonly Label[]): Label {
  const counts = new Map<Label, number>();
  for (const r of readings) counts.set(r, (counts.get(r) ?? 0) + 1);
  for (const [label, n] of counts) if (n * 2 > readings.length) return label;
  return "ambiguous";
}

/**
 * The evaluation set. `firstReaderOnly` gives the labels as they stood before
 * the second reading (for comparing figures across rounds).
 */
export function loadEvalSet(options: { firstReaderOnly?: boolean } = {}): EvalSet {
  const papers = readJsonl<SamplePaper>("sample.jsonl");
  const readings = new Map<string, Label[]>();
  const reasonsBy = new Map<string, Map<Label, string>>();
  const files = options.firstReaderOnly ? READINGS.slice(0, 1) : READINGS;
  files.forEach((file, reader) => {
    for (const row of readJsonl<LabelRow>(file)) {
      const key = `${row.arxivId} ${row.topic}`;
      const list = readings.get(key) ?? [];
      // Only pairs the first reader labelled are in the set.
      if (reader > 0 && list.length === 0) continue;
      list.push(row.label);
      readings.set(key, list);
      const byLabel = reasonsBy.get(key) ?? new Map<Label, string>();
      if (!byLabel.has(row.label)) byLabel.set(row.label, row.reason);
      reasonsBy.set(key, byLabel);
    }
  });
  const labels = new Map<string, Map<string, Label>>();
  const reasons = new Map<string, string>();
  for (const [key, list] of readings) {
    const [arxivId, topic] = key.split(" ") as [string, string];
    const label = consensus(list);
    const perPaper = labels.get(arxivId) ?? new Map<string, Label>();
    perPaper.set(topic, label);
    labels.set(arxivId, perPaper);
    reasons.set(key, reasonsBy.get(key)?.get(label) ?? reasonsBy.get(key)?.get(list[0]!) ?? "");
  }
  const random2000 = new Set(
    readFileSync(path.join(dir, "random2000.txt"), "utf8")
      .split("\n")
      .map((l) => l.trim())
      .filter(Boolean),
  );
  return { papers, labels, reasons, readings, random2000 };
}

export type Agreement = {
  topic: string;
  split: Split;
  /** Pairs both the first and second reader labelled in or out. */
  pairs: number;
  /** The second reader's labels scored against the first's, as if the second were a classifier. */
  precision: number | null;
  recall: number | null;
  /** Cohen's kappa of the two readers on those pairs. */
  kappa: number | null;
  /** Pairs where the two differ (either said ambiguous, or in against out). */
  disagreements: number;
};

/** How far two careful readers agree: the ceiling a classifier scored against one of them can reach. */
export function agreement(set: EvalSet, topic: string, split: Split): Agreement {
  const splitOf = new Map(set.papers.map((p) => [p.arxivId, p.split]));
  let both = 0;
  let first = 0;
  let second = 0;
  let pairs = 0;
  let disagreements = 0;
  for (const [key, list] of set.readings) {
    const [arxivId, t] = key.split(" ") as [string, string];
    if (t !== topic || splitOf.get(arxivId) !== split || list.length < 2) continue;
    const [a, b] = list as [Label, Label];
    if (a !== b) disagreements++;
    if (a === "ambiguous" || b === "ambiguous") continue;
    pairs++;
    if (a === "in") first++;
    if (b === "in") second++;
    if (a === "in" && b === "in") both++;
  }
  const observed = pairs ? (pairs - first - second + 2 * both) / pairs : 0;
  const chance = pairs ? (first * second + (pairs - first) * (pairs - second)) / (pairs * pairs) : 0;
  return {
    topic,
    split,
    pairs,
    precision: second ? both / second : null,
    recall: first ? both / first : null,
    kappa: pairs && chance < 1 ? (observed - chance) / (1 - chance) : null,
    disagreements,
  };
}

export type Confusion = {
  arxivId: string;
  title: string;
  evidence: string[];
  reason: string;
};

export type TopicScore = {
  topic: string;
  split: Split;
  /** Labelled in / out pairs that count (ambiguous and unlabelled excluded). */
  labelledIn: number;
  labelledOut: number;
  tp: number;
  fp: number;
  fn: number;
  /** tp / (tp + fp); null when the classifier tags none of the labelled papers. */
  precision: number | null;
  /** tp / (tp + fn); null when there are no positives. */
  recall: number | null;
  falsePositives: Confusion[];
  falseNegatives: Confusion[];
};

/** Classifier output for every sample paper, or only those of one half (computed once). */
export function predictAll(set: EvalSet, only?: Split): Map<string, Map<string, string[]>> {
  const out = new Map<string, Map<string, string[]>>();
  for (const p of set.papers) {
    if (only && p.split !== only) continue;
    out.set(p.arxivId, new Map(classify(p.title, p.summary).map((m) => [m.slug, m.evidence])));
  }
  return out;
}

/** Every topic that has labels, in a stable order: the full topics first. */
export function labelledTopics(set: EvalSet): string[] {
  const topics = new Set<string>();
  for (const perPaper of set.labels.values()) for (const t of perPaper.keys()) topics.add(t);
  const rest = [...topics].filter((t) => !(FULL_TOPICS as readonly string[]).includes(t)).sort();
  return [...FULL_TOPICS.filter((t) => topics.has(t)), ...rest];
}

export function score(
  set: EvalSet,
  predicted: Map<string, Map<string, string[]>>,
  topic: string,
  split: Split,
): TopicScore {
  const full = (FULL_TOPICS as readonly string[]).includes(topic);
  const result: TopicScore = {
    topic,
    split,
    labelledIn: 0,
    labelledOut: 0,
    tp: 0,
    fp: 0,
    fn: 0,
    precision: null,
    recall: null,
    falsePositives: [],
    falseNegatives: [],
  };
  for (const p of set.papers) {
    if (p.split !== split) continue;
    let label = set.labels.get(p.arxivId)?.get(topic);
    // A random-2,000 paper outside a full topic's net was never a candidate: it is out.
    if (!label && full && p.set === "random2000" && !p.topics.includes(topic)) label = "out";
    if (!label || label === "ambiguous") continue;
    const evidence = predicted.get(p.arxivId)?.get(topic);
    const confusion = () => ({
      arxivId: p.arxivId,
      title: p.title,
      evidence: evidence ?? [],
      reason: set.reasons.get(`${p.arxivId} ${topic}`) ?? "",
    });
    if (label === "in") {
      result.labelledIn++;
      if (evidence) result.tp++;
      else {
        result.fn++;
        result.falseNegatives.push(confusion());
      }
    } else {
      result.labelledOut++;
      if (evidence) {
        result.fp++;
        result.falsePositives.push(confusion());
      }
    }
  }
  // Random-2,000 papers not in the sample at all are outside every net: out, and
  // a classifier that tagged them would be a false positive. They are not in
  // sample.jsonl (no text), so full topics count them only as true negatives.
  if (full) {
    const inSample = new Set(set.papers.map((p) => p.arxivId));
    for (const id of set.random2000) if (!inSample.has(id) && splitOfId(id) === split) result.labelledOut++;
  }
  result.precision = result.tp + result.fp > 0 ? result.tp / (result.tp + result.fp) : null;
  result.recall = result.labelledIn > 0 ? result.tp / result.labelledIn : null;
  return result;
}

/** The split of a paper outside the sample: the same fixed hash as scripts/eval/draw-topic-sample.ts. */
function splitOfId(arxivId: string): Split {
  const nibble = Number.parseInt(createHash("sha256").update(`paperboy-topic-split:${arxivId}`).digest("hex")[0]!, 16);
  return nibble % 2 === 0 ? "dev" : "test";
}

/** Whether a score meets its target (a topic the classifier never tags has no false positives). */
export function meetsTarget(s: TopicScore): boolean {
  const full = (FULL_TOPICS as readonly string[]).includes(s.topic);
  if (full) {
    return (s.precision ?? 1) >= TARGETS.full.precision && (s.recall === null || s.recall >= TARGETS.full.recall);
  }
  return (s.precision ?? 1) >= TARGETS.sampled.precision;
}

const fmt = (x: number | null) => (x === null ? "  n/a" : x.toFixed(3));

export function formatRow(s: TopicScore): string {
  const full = (FULL_TOPICS as readonly string[]).includes(s.topic);
  const ok = meetsTarget(s) ? "ok" : "BELOW TARGET";
  return (
    `${s.topic.padEnd(20)} ${s.split.padEnd(4)} precision ${fmt(s.precision)} (${s.tp}/${s.tp + s.fp})  ` +
    `recall ${fmt(s.recall)} (${s.tp}/${s.labelledIn})  in ${s.labelledIn} out ${s.labelledOut}` +
    `${full ? "" : " [sample]"}  ${ok}`
  );
}
