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
for (const p of random2000) {
  const text = `${p.title}\n${p.summary}`;
  for (const [topic, net] of Object.entries(NETS)) if (net.test(text)) add(p, "random2000", topic);
}
// Other topics draw from the pool after the random 2,000, in hash order, so the two parts do not overlap.
const rest = pool.slice(2000);
for (const [topic, net] of Object.entries(OTHER_NETS)) {
  const order = [...rest].sort((a, b) =>
    hash(`paperboy-topic-${topic}`, a.arxivId) < hash(`paperboy-topic-${topic}`, b.arxivId) ? -1 : 1,
  );
  let taken = 0;
  for (const p of order) {
    if (taken === 30) break;
    if (rows.has(p.arxivId)) continue;
    if (!net.test(`${p.title}\n${p.summary}`)) continue;
    add(p, "other", topic);
    taken++;
  }
}

// Quantization is rare (13 papers in the random 2,000), so every other paper of the pool that its net
// catches is labelled for quantization too: enough positives to measure precision and recall.
for (const p of rest) {
  if (rows.has(p.arxivId) || !NETS.quantization!.test(`${p.title}\n${p.summary}`)) continue;
  add(p, "quantization-pool", "quantization");
}

// More training data for the lmm model: the next development-half papers of the pool that the lmm
// net catches, labelled for lmm the same way. Development half only: the test half stays as drawn.
const LMM_DEV_EXTRA = 200;
let extra = 0;
for (const p of rest) {
  if (extra === LMM_DEV_EXTRA) break;
  if (rows.has(p.arxivId) || splitOf(p.arxivId) !== "dev" || !NETS.lmm!.test(`${p.title}\n${p.summary}`)) continue;
  add(p, "lmm-dev-pool", "lmm");
  extra++;
}

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
for (const [topic, net] of Object.entries(OTHER_NETS)) {
  const wanted = OTHER_DEV_EXTRA[topic] ?? 6;
  const order = [...rest].sort((a, b) =>
    hash(`paperboy-topic-${topic}`, a.arxivId) < hash(`paperboy-topic-${topic}`, b.arxivId) ? -1 : 1,
  );
  let taken = 0;
  for (const p of order) {
    if (taken === wanted) break;
    if (rows.has(p.arxivId) || splitOf(p.arxivId) !== "dev") continue;
    if (!net.test(`${p.title}\n${p.summary}`)) continue;
    add(p, "other-dev-pool", topic);
    taken++;
  }
}

// Round 3: 120 more development-half lmm candidates, after the stages above so their rows stay as drawn.
const LMM_DEV_EXTRA_3 = 120;
let extra3 = 0;
for (const p of rest) {
  if (extra3 === LMM_DEV_EXTRA_3) break;
  if (rows.has(p.arxivId) || splitOf(p.arxivId) !== "dev" || !NETS.lmm!.test(`${p.title}\n${p.summary}`)) continue;
  add(p, "lmm-dev-pool", "lmm");
  extra3++;
}

// Round 4 (issue 18), development half only, after every earlier stage so earlier rows stay as drawn:
// - the next 150 development-half lmm candidates;
// - quantization: the development-half rows drawn for another topic that the quantization net catches
//   (labelled for quantization too), then the development-half papers of the pool that only a wider net
//   catches (bit widths, low/reduced precision, number formats, model compression): the net is
//   exhausted, every pool paper it catches is labelled already;
// - 10 more development-half candidates each for the sampled topics whose test precision fell below 0.9.
const LMM_DEV_EXTRA_4 = 150;
let extra4 = 0;
for (const p of rest) {
  if (extra4 === LMM_DEV_EXTRA_4) break;
  if (rows.has(p.arxivId) || splitOf(p.arxivId) !== "dev" || !NETS.lmm!.test(`${p.title}\n${p.summary}`)) continue;
  add(p, "lmm-dev-pool", "lmm");
  extra4++;
}
for (const row of rows.values()) {
  if (
    row.split === "dev" &&
    !row.topics.includes("quantization") &&
    NETS.quantization!.test(`${row.title}\n${row.summary}`)
  )
    row.topics.push("quantization");
}
const QUANT_WIDE =
  /low[- ]precision|reduced[- ]precision|numerical precision|\bbits?\b|bit-?width|BitNet|MXFP|NVFP|float8|bfloat16|\bBF16\b|\bFP16\b|\b\d-bit|model compression|compress(es|ing)? (the )?(model|LLM|weights|KV)/i;
for (const p of rest) {
  if (rows.has(p.arxivId) || splitOf(p.arxivId) !== "dev" || !QUANT_WIDE.test(`${p.title}\n${p.summary}`)) continue;
  add(p, "quantization-dev-pool", "quantization");
}
const OTHER_DEV_EXTRA_4: Record<string, number> = {
  alignment: 10,
  multilingual: 10,
  reasoning: 10,
  "speech-audio": 10,
};
for (const [topic, wanted] of Object.entries(OTHER_DEV_EXTRA_4)) {
  const net = OTHER_NETS[topic]!;
  const order = [...rest].sort((a, b) =>
    hash(`paperboy-topic-${topic}`, a.arxivId) < hash(`paperboy-topic-${topic}`, b.arxivId) ? -1 : 1,
  );
  let taken = 0;
  for (const p of order) {
    if (taken === wanted) break;
    if (rows.has(p.arxivId) || splitOf(p.arxivId) !== "dev") continue;
    if (!net.test(`${p.title}\n${p.summary}`)) continue;
    add(p, "other-dev-pool", topic);
    taken++;
  }
}

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
