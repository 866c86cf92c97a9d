import MODEL from "./model-weights.json";

/**
 * Learned linear models for the topics readers filter by most (lmm,
 * quantization): logistic regression over the words and word pairs of a
 * paper, plus what the taxonomy rules found. Trained by
 * scripts/eval/train-topic-model.ts on the development half of the labelled
 * evaluation set (tests/fixtures/topic-eval); the weights are data in
 * model-weights.json and feed TAXONOMY_VERSION, so new weights reclassify every
 * stored paper. Pure and deterministic: the same text gives the same score.
 *
 * Why a model on top of the rules: whether a topic is what a paper is about
 * depends on many weak cues ("speech LLM", "GUI agent", "as a judge",
 * "Vision-Language-Action") that a phrase list cannot weigh against each
 * other; the labels can.
 */

export type TopicModel = {
  bias: number;
  /** Logit at or above which a paper the rules tag keeps the topic. */
  threshold: number;
  /** Logit at or above which a paper with a rule phrase the rules do not tag gets the topic. */
  rescue: number;
  weights: Record<string, number>;
};

export type ModelFile = {
  revision: number;
  topics: Record<string, TopicModel>;
};

// The JSON is data written by the training script; its shape is checked by the tests.
export const MODELS: ModelFile = MODEL as unknown as ModelFile;

/**
 * The papers a model judges: the broad candidate nets the evaluation set was
 * labelled on (scripts/eval/draw-topic-sample.ts). A paper outside the net is
 * left to the rules alone.
 */
export const NETS: Record<string, RegExp> = {
  lmm: /multi-?modal|vision[- ]language|\bVLMs?\b|\bMLLMs?\b|\bLMMs?\b|\bLVLMs?\b|omni|video|image|audio|speech|\b3D\b|\bGUI\b|\bVLAs?\b/i,
  quantization:
    /quantiz|low-bit|\bINT[248]\b|\bW\d+A\d+|\bFP[468]\b|binar|ternary|mixed-precision|\bPTQ\b|\bQAT\b|codebook|\b[1-4]-bit/i,
};

/** What the rules found for a topic, as features for its model. */
export type RuleSignal = {
  score: number;
  titleHit: boolean;
  tagged: boolean;
  /** The words right before and after each matched phrase ("as a judge", "-based agents"), lower-cased. */
  context: string[];
};

const WORD = /[a-z0-9]+(?:\.[0-9]+)?/g;

/**
 * Word groups whose co-occurrence is a feature of its own ("x:llm+speech"): a
 * paper about an LLM that also talks about speech is likely a speech LLM, while
 * "LLM" alone (a text LLM) or "speech" alone (ASR, TTS) each point away from
 * lmm. A linear model over single words cannot express that "and".
 */
const LLM_WORDS = ["llm", "llms", "lm", "lms", "gpt"];
const MODALITY_GROUPS: Record<string, string[]> = {
  speech: ["speech", "spoken", "voice", "asr"],
  audio: ["audio", "sound", "sounds", "music", "acoustic", "audiovisual"],
  video: ["video", "videos"],
  image: ["image", "images", "visual", "vision"],
  "3d": ["3d", "point", "spatial"],
};
const GROUP_NAMES = Object.keys(MODALITY_GROUPS);
/** Bit 0: an LLM word; bit i + 1: modality group i. */
const GROUP_BITS = new Map<string, number>();
for (const w of LLM_WORDS) GROUP_BITS.set(w, 1);
GROUP_NAMES.forEach((g, i) => {
  for (const w of MODALITY_GROUPS[g]!) GROUP_BITS.set(w, (GROUP_BITS.get(w) ?? 0) | (1 << (i + 1)));
});
const CONJUNCTIONS = GROUP_NAMES.map((g) => `x:llm+${g}`);

/**
 * Words that name a large language model for sure. "Vision-language models"
 * also names CLIP-style dual encoders, so "language model" alone does not
 * count here: a paper that says "VLM" and "CLIP" but never "LLM", "MLLM" or
 * "large language model" is usually about a contrastive encoder.
 */
const STRICT_LLM_BIT = 1 << (GROUP_NAMES.length + 1);
const CONTRASTIVE_BIT = 1 << (GROUP_NAMES.length + 2);
for (const w of ["llm", "llms", "mllm", "mllms", "lvlm", "lvlms", "lmm", "lmms", "gpt", "chatgpt", "llava", "llama"])
  GROUP_BITS.set(w, (GROUP_BITS.get(w) ?? 0) | STRICT_LLM_BIT);
for (const w of ["clip", "siglip", "contrastive"]) GROUP_BITS.set(w, (GROUP_BITS.get(w) ?? 0) | CONTRASTIVE_BIT);
const SURE_LLM: readonly string[] = [];
const NO_LLM: readonly string[] = ["x:no-llm"];
const CONTRASTIVE_NO_LLM: readonly string[] = ["x:no-llm", "x:contrastive-no-llm"];

/** The group bits of a word list; "language model(s)" counts as an LLM word, "large language model(s)" as a sure one. */
function groupMask(list: string[]): number {
  let mask = 0;
  for (let i = 0; i < list.length; i++) {
    const w = list[i]!;
    mask |= GROUP_BITS.get(w) ?? 0;
    if ((w === "model" || w === "models") && i > 0 && list[i - 1] === "language") {
      mask |= 1;
      if (i > 1 && list[i - 2] === "large") mask |= STRICT_LLM_BIT;
    }
  }
  return mask;
}

/** The features that say no word names an LLM for sure (and the paper talks about contrastive encoders). */
function llmAbsence(mask: number): readonly string[] {
  if (mask & STRICT_LLM_BIT) return SURE_LLM;
  return mask & CONTRASTIVE_BIT ? CONTRASTIVE_NO_LLM : NO_LLM;
}

function words(text: string): string[] {
  return text.toLowerCase().match(WORD) ?? [];
}

/**
 * The distinct features of a paper: words and adjacent word pairs of the title
 * and abstract, title words again with a "t:" prefix, the rule signals, and
 * the words around the phrases the rules matched.
 */
export function featuresOf(title: string, summary: string, rules: RuleSignal): Set<string> {
  const out = new Set<string>();
  const titleWords = words(title);
  for (let i = 0; i < titleWords.length; i++) {
    out.add(`t:${titleWords[i]}`);
    if (i > 0) out.add(`t:${titleWords[i - 1]} ${titleWords[i]}`);
  }
  for (const list of [titleWords, words(summary)]) {
    for (let i = 0; i < list.length; i++) {
      out.add(list[i]!);
      if (i > 0) out.add(`${list[i - 1]} ${list[i]}`);
    }
  }
  const mask = groupMask(titleWords) | groupMask(words(summary));
  if (mask & 1) {
    for (let i = 0; i < CONJUNCTIONS.length; i++) if (mask & (1 << (i + 1))) out.add(CONJUNCTIONS[i]!);
  }
  for (const f of llmAbsence(mask)) out.add(f);
  if (rules.score > 0) out.add("rule:any");
  if (rules.score >= 4) out.add("rule:4");
  if (rules.score >= 8) out.add("rule:8");
  if (rules.titleHit) out.add("rule:title");
  if (rules.tagged) out.add("rule:tagged");
  for (const c of rules.context) out.add(`ctx:${c}`);
  return out;
}

/** The model's logit for a set of features (training and tests; classify uses `score`). */
export function logit(model: TopicModel, features: Iterable<string>): number {
  let z = model.bias;
  for (const f of features) z += model.weights[f] ?? 0;
  return z;
}

/**
 * A model indexed for scoring without building feature strings: one look-up
 * per word finds its weights and the pairs it starts, and a stamp per feature
 * counts each one once. Building and hashing ~600 strings a paper would cost
 * more than all the rules.
 */
type Entry = {
  word: number;
  titleWord: number;
  next?: Map<string, number>;
  titleNext?: Map<string, number>;
};

type Compiled = {
  weight: Float64Array;
  vocab: Map<string, Entry>;
  other: Map<string, number>;
  stamp: Uint32Array;
  generation: number;
};

const compiled = new WeakMap<TopicModel, Compiled>();

function compile(model: TopicModel): Compiled {
  const keys = Object.keys(model.weights);
  const c: Compiled = {
    weight: Float64Array.from(keys, (k) => model.weights[k]!),
    vocab: new Map(),
    other: new Map(),
    stamp: new Uint32Array(keys.length),
    generation: 0,
  };
  const entry = (word: string) => {
    let e = c.vocab.get(word);
    if (!e) {
      e = { word: -1, titleWord: -1 };
      c.vocab.set(word, e);
    }
    return e;
  };
  keys.forEach((key, id) => {
    if (key.startsWith("rule:") || key.startsWith("ctx:") || key.startsWith("x:")) {
      c.other.set(key, id);
      return;
    }
    const title = key.startsWith("t:");
    const [a, b] = (title ? key.slice(2) : key).split(" ") as [string, string | undefined];
    const e = entry(a);
    if (b === undefined) {
      if (title) e.titleWord = id;
      else e.word = id;
    } else if (title) {
      e.titleNext ??= new Map();
      e.titleNext.set(b, id);
    } else {
      e.next ??= new Map();
      e.next.set(b, id);
    }
  });
  return c;
}

/** The lower-cased words of a paper's title and abstract, split once for every model. */
export type PaperWords = { title: string[]; summary: string[] };

export function paperWords(title: string, summary: string): PaperWords {
  return { title: words(title), summary: words(summary) };
}

/** The model's logit for a paper: the same value as `logit(model, featuresOf(...))`, faster. */
export function score(model: TopicModel, paper: PaperWords, rules: RuleSignal): number {
  let c = compiled.get(model);
  if (!c) {
    c = compile(model);
    compiled.set(model, c);
  }
  if (c.generation === 0xffffffff) {
    c.stamp.fill(0);
    c.generation = 0;
  }
  const g = ++c.generation;
  const { weight, stamp, vocab } = c;
  let z = model.bias;
  const add = (id: number | undefined) => {
    if (id !== undefined && id >= 0 && stamp[id] !== g) {
      stamp[id] = g;
      z += weight[id]!;
    }
  };
  let previous: Entry | undefined;
  for (const w of paper.title) {
    const e = vocab.get(w);
    if (e) {
      add(e.titleWord);
      add(e.word);
    }
    if (previous) {
      if (previous.titleNext) add(previous.titleNext.get(w));
      if (previous.next) add(previous.next.get(w));
    }
    previous = e;
  }
  previous = undefined;
  for (const w of paper.summary) {
    const e = vocab.get(w);
    if (e) add(e.word);
    if (previous?.next) add(previous.next.get(w));
    previous = e;
  }
  const mask = groupMask(paper.title) | groupMask(paper.summary);
  if (mask & 1)
    for (let i = 0; i < CONJUNCTIONS.length; i++) if (mask & (1 << (i + 1))) add(c.other.get(CONJUNCTIONS[i]!));
  for (const f of llmAbsence(mask)) add(c.other.get(f));
  if (rules.score > 0) add(c.other.get("rule:any"));
  if (rules.score >= 4) add(c.other.get("rule:4"));
  if (rules.score >= 8) add(c.other.get("rule:8"));
  if (rules.titleHit) add(c.other.get("rule:title"));
  if (rules.tagged) add(c.other.get("rule:tagged"));
  for (const x of rules.context) add(c.other.get(`ctx:${x}`));
  return z;
}
