// `npx tsx scripts/eval/draw-topic-sample.ts`: draws the topic evaluation sample
// from ../shared/data/hf-daily-papers.jsonl into tests/fixtures/topic-eval/sample.jsonl.
// Deterministic: papers are ordered by a fixed hash of their arXiv id, so the same
// data file always gives the same sample. The candidate nets are broad on purpose
// and independent of the classifier: a paper is labelled by reading, and a paper
// outside a net counts as "out" for lmm and quantization.
import { createHash } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "..", "..");
const dataFile = process.argv[2] ?? path.join(root, "..", "shared", "data", "hf-daily-papers.jsonl");

type Paper = { arxivId: string; title: string; summary: string | null };

const readJsonl = (file: string): Paper[] =>
  readFileSync(file, "utf8")
    .split("\n")
    .filter((line) => line.trim() !== "")
    .map((line) => JSON.parse(line) as Paper);

const hash = (salt: string, id: string) => createHash("sha256").update(`${salt}:${id}`).digest("hex");

/** The development/test split: a fixed hash of the arXiv id (even first nibble: development). */
export const splitOf = (arxivId: string): "dev" | "test" =>
  Number.parseInt(hash("paperboy-topic-split", arxivId)[0]!, 16) % 2 === 0 ? "dev" : "test";

const demo = new Set(
  readJsonl(path.join(root, "prisma", "seed", "hf-daily-papers-sample.jsonl")).map((p) => p.arxivId),
);
const pool = readJsonl(dataFile)
  .filter((p) => !demo.has(p.arxivId) && p.summary && p.summary.length >= 200)
  .sort((a, b) => (hash("paperboy-topic-eval", a.arxivId) < hash("paperboy-topic-eval", b.arxivId) ? -1 : 1));

const random2000 = pool.slice(0, 2000);

/** Broad nets for the two topics the user named: every paper of the random 2,000 they catch is labelled. */
const NETS: Record<string, RegExp> = {
  lmm: /multi-?modal|vision[- ]language|\bVLMs?\b|\bMLLMs?\b|\bLMMs?\b|\bLVLMs?\b|omni|video|image|audio|speech|\b3D\b|\bGUI\b|\bVLAs?\b/i,
  quantization:
    /quantiz|low-bit|\bINT[248]\b|\bW\d+A\d+|\bFP[468]\b|binar|ternary|mixed-precision|\bPTQ\b|\bQAT\b|codebook|\b[1-4]-bit/i,
};

/** Nets for the other topics: 30 candidates each, labelled for that topic only (precision sample). */
const OTHER_NETS: Record<string, RegExp> = {
  "pruning-sparsity": /prun|sparsit|sparse/i,
  distillation: /distill/i,
  "mixture-of-experts": /mixture[- ]of[- ]experts|\bMoE|expert/i,
  "long-context": /long[- ]context|context (length|window)|long (documents?|sequences?|videos?|inputs?)|memory/i,
  "efficient-inference": /inference|latency|speed-?up|throughput|decoding|KV[- ]cache|serving/i,
  rag: /retriev|\bRAG\b/i,
  agents: /agent|tool/i,
  reasoning: /reason|chain[- ]of[- ]thought|math/i,
  evaluation: /benchmark|evaluat|metric/i,
  surveys: /survey|review|overview|taxonomy/i,
  "code-generation": /\bcode|program|software/i,
  recommendation: /recommend|ranking|user/i,
  multilingual: /multilingual|cross-lingual|translation|languages|low-resource/i,
  alignment: /align|RLHF|preference|safety|jailbreak|\bDPO\b|harm/i,
  "image-generation": /generat|diffusion|synthesi/i,
  "speech-audio": /speech|audio|voice|music|sound|spoken/i,
  embeddings: /embedding|retriev|representation/i,
  "fine-tuning": /fine-?tun|LoRA|instruction[- ]tun|adapter|\bPEFT\b|continual/i,
  "pretraining-data": /pre-?train|data|corpus|scaling law/i,
  "small-models": /small|compact|lightweight|on-device|mobile|edge|\b[0-9.]+B\b/i,
  hallucination: /hallucinat|factual|faithful|knowledge edit/i,
  "domain-specific": /medic|clinic|legal|law\b|financ|scien|biolog|chemi|domain|health/i,
};

type Row = {
  arxivId: string;
  split: "dev" | "test";
  set: string;
  topics: string[];
  title: string;
  summary: string;
};
const rows = new Map<string, Row>();
const add = (p: Paper, set: string, topic: string) => {
  const row = rows.get(p.arxivId) ?? {
    arxivId: p.arxivId,
    split: splitOf(p.arxivId),
    set,
    topics: [],
    title: p.title,
    summary: p.summary!,
  };
  if (!row.topics.includes(topic)) row.topics.push(topic);
  rows.set(p.arxivId, row);
};
const textOf = (p: Paper) => `${p.title}\n${p.summary}`;
const inDev = (p: Paper) => splitOf(p.arxivId) === "dev";
/**
 * Adds the first `wanted` papers of `papers` not drawn yet that `keep` accepts (all of them when
 * `wanted` is Infinity), as `set`, labelled for `topic`.
 */
function draw(papers: Paper[], keep: (p: Paper) => boolean, wanted: number, set: string, topic: string) {
  let taken = 0;
  for (const p of papers) {
    if (taken === wanted) break;
    if (rows.has(p.arxivId) || !keep(p)) continue;
    add(p, set, topic);
    taken++;
  }
}

for (const p of random2000) {
  const text = textOf(p);
  for (const [topic, net] of Object.entries(NETS)) if (net.test(text)) add(p, "random2000", topic);
}
// Other topics draw from the pool after the random 2,000, in hash order, so the two parts do not overlap.
const rest = pool.slice(2000);
/** The rest of the pool in a topic's own hash order. */
const topicOrder = (topic: string) =>
  [...rest].sort((a, b) =>
    hash(`paperboy-topic-${topic}`, a.arxivId) < hash(`paperboy-topic-${topic}`, b.arxivId) ? -1 : 1,
  );
for (const [topic, net] of Object.entries(OTHER_NETS))
  draw(topicOrder(topic), (p) => net.test(textOf(p)), 30, "other", topic);

// Quantization is rare (13 papers in the random 2,000), so every other paper of the pool that its net
// catches is labelled for quantization too: enough positives to measure precision and recall.
draw(rest, (p) => NETS.quantization!.test(textOf(p)), Number.POSITIVE_INFINITY, "quantization-pool", "quantization");

// More training data for the lmm model: the next development-half papers of the pool that the lmm
// net catches, labelled for lmm the same way. Development half only: the test half stays as drawn.
const lmmDev = (p: Paper) => inDev(p) && NETS.lmm!.test(textOf(p));
draw(rest, lmmDev, 200, "lmm-dev-pool", "lmm");

/** The next `wanted` development-half papers a topic's net catches, in the topic's own hash order, for that topic. */
const drawOtherDev = (topic: string, wanted: number) => {
  const net = OTHER_NETS[topic]!;
  draw(topicOrder(topic), (p) => inDev(p) && net.test(textOf(p)), wanted, "other-dev-pool", topic);
};

// More development labels for the other topics (issue 18, second round): per topic, the next
// development-half papers its net catches, in the same per-topic hash order as the 30-paper sample.
// More for the topics whose test precision fell below 0.9 with only ~15 test papers each.
const OTHER_DEV_EXTRA: Record<string, number> = {
  alignment: 15,
  distillation: 15,
  multilingual: 15,
  reasoning: 15,
  "speech-audio": 15,
  rag: 15,
};
for (const topic of Object.keys(OTHER_NETS)) drawOtherDev(topic, OTHER_DEV_EXTRA[topic] ?? 6);

// Round 3: 120 more development-half lmm candidates, after the stages above so their rows stay as drawn.
draw(rest, lmmDev, 120, "lmm-dev-pool", "lmm");

// Round 4 (issue 18), development half only, after every earlier stage so earlier rows stay as drawn:
// - the next 150 development-half lmm candidates;
// - quantization: the development-half rows drawn for another topic that the quantization net catches
//   (labelled for quantization too), then the development-half papers of the pool that only a wider net
//   catches (bit widths, low/reduced precision, number formats, model compression): the net is
//   exhausted, every pool paper it catches is labelled already;
// - 10 more development-half candidates each for the sampled topics whose test precision fell below 0.9.
draw(rest, lmmDev, 150, "lmm-dev-pool", "lmm");
for (const row of rows.values()) {
  if (row.split === "dev" && !row.topics.includes("quantization") && NETS.quantization!.test(textOf(row)))
    row.topics.push("quantization");
}
const QUANT_WIDE =
  /low[- ]precision|reduced[- ]precision|numerical precision|\bbits?\b|bit-?width|BitNet|MXFP|NVFP|float8|bfloat16|\bBF16\b|\bFP16\b|\b\d-bit|model compression|compress(es|ing)? (the )?(model|LLM|weights|KV)/i;
draw(
  rest,
  (p) => inDev(p) && QUANT_WIDE.test(textOf(p)),
  Number.POSITIVE_INFINITY,
  "quantization-dev-pool",
  "quantization",
);
const OTHER_DEV_EXTRA_4: Record<string, number> = {
  alignment: 10,
  multilingual: 10,
  reasoning: 10,
  "speech-audio": 10,
};
for (const [topic, wanted] of Object.entries(OTHER_DEV_EXTRA_4)) drawOtherDev(topic, wanted);

// Round 5 (issue 18), development half only, after every earlier stage so earlier rows stay as drawn:
// the next 200 development-half lmm candidates and 12 more development-half candidates each for the
// sampled topics whose test precision is still below 0.9.
draw(rest, lmmDev, 200, "lmm-dev-pool", "lmm");
const OTHER_DEV_EXTRA_5: Record<string, number> = {
  alignment: 12,
  multilingual: 12,
  reasoning: 12,
  "speech-audio": 12,
};
for (const [topic, wanted] of Object.entries(OTHER_DEV_EXTRA_5)) drawOtherDev(topic, wanted);

// Round 7 (issue 18), development half only, after every earlier stage so earlier rows stay as drawn:
// every remaining development-half lmm candidate of the pool (more training data for the lmm model:
// its cross-validated figures had stopped moving with 120-200 more papers a round), and 30 more
// development-half candidates each for the sampled topics whose test precision is below 0.9.
draw(rest, lmmDev, Number.POSITIVE_INFINITY, "lmm-dev-pool", "lmm");
const OTHER_DEV_EXTRA_7: Record<string, number> = {
  multilingual: 30,
  reasoning: 30,
  "speech-audio": 30,
};
for (const [topic, wanted] of Object.entries(OTHER_DEV_EXTRA_7)) drawOtherDev(topic, wanted);

const out = path.join(root, "tests", "fixtures", "topic-eval", "sample.jsonl");
writeFileSync(out, `${[...rows.values()].map((r) => JSON.stringify(r)).join("\n")}\n`);
const count = (topic: string) => [...rows.values()].filter((r) => r.topics.includes(topic)).length;
console.log(
  `random 2,000: ${count("lmm")} lmm candidates, ${count("quantization")} quantization candidates; ` +
    `other topics: ${Object.keys(OTHER_NETS).length} x 30; ${rows.size} papers in ${path.relative(root, out)}`,
);
// The random 2,000 ids are kept so recall can count papers outside the nets as "out".
writeFileSync(
  path.join(root, "tests", "fixtures", "topic-eval", "random2000.txt"),
  `${random2000.map((p) => p.arxivId).join("\n")}\n`,
);
