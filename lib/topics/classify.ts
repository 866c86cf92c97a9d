import { MODELS, NETS, type PaperWords, paperWords, type RuleSignal, score } from "./model";
import { DECISIVE_WEIGHT, type Rule, TOPICS } from "./taxonomy";

/**
 * The topic classifier: pure, deterministic and fast. The matching rules are
 * documented in taxonomy.ts.
 *
 * Why not one big regular expression per topic: scanning every abstract with
 * two dozen large alternations costs ~180 µs a paper. Instead every rule is
 * indexed by its first word; the text is split into words once, and only the
 * rules whose first word occurs are tried, each with an anchored (sticky)
 * regular expression at that word. That is ~10x faster and also lets rules of
 * different topics overlap ("on-device inference" counts for efficient
 * inference while "on-device" counts for small models).
 */

export type TopicMatch = { slug: string; evidence: string[] };

/** At most this many evidence phrases are kept per paper and topic. */
export const MAX_EVIDENCE = 5;
const DEFAULT_WEIGHT = 2;
const DEFAULT_MIN_SCORE = 2;
const TITLE_FACTOR = 2;
const MAX_COUNT_PER_RULE = 3;
// A topic is what a paper is about when its title names it, the abstract comes
// back to it, or a decisive phrase names it; a single ordinary mention in the
// abstract is usually a baseline, a tool or context (measured on the
// development half of tests/fixtures/topic-eval).
const ABOUT_MENTIONS = 2;

// Word boundaries on ASCII letters and digits: "LMM" must not match inside
// "groundingLMM", but "LLaVA-1.5" still contains "LLaVA".
const BEFORE = "(?<![A-Za-z0-9])";
const AFTER = "(?![A-Za-z0-9])";

// Sentences announcing future work describe what the paper does not do.
const FUTURE_WORK =
  /\b(?:future work|future research|in the future|we plan to|we will explore|ongoing efforts?|left for future|is left as)\b/gi;

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** Regular-expression source for one rule (without capturing groups). */
export function ruleSource(rule: Rule): string {
  if (rule.re) return rule.p;
  let phrase = rule.p.trim();
  const wildcard = phrase.endsWith("*");
  if (wildcard) phrase = phrase.slice(0, -1);
  const body = phrase
    .split(/[\s-]+/)
    .map(escapeRegExp)
    .join("[\\s-]+");
  if (wildcard) return `${body}[A-Za-z]*`;
  // A final letter may take a plural: "LMM" also matches "LMMs".
  return /[A-Za-z]$/.test(phrase) ? `${body}(?:e?s)?` : body;
}

type Kind = "include" | "exclude" | "veto";

type CompiledRule = {
  topic: number; // index into TOPICS
  kind: Kind;
  rule: Rule;
  /** Sticky: tried at a word start, it must match there. */
  sticky: RegExp;
};

/** Lower-cased first word -> rules starting with that word. */
const byWord = new Map<string, CompiledRule[]>();
/** First three letters -> rules whose first word is a prefix ("quantiz*"). */
const byPrefix = new Map<string, { prefix: string; rule: CompiledRule }[]>();
/** Raw regular-expression rules: scanned over the whole text (there are few). */
const scanned: { rule: CompiledRule; re: RegExp }[] = [];

function push<K, V>(map: Map<K, V[]>, key: K, value: V) {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

function index(topic: number, kind: Kind, rule: Rule) {
  const source = ruleSource(rule);
  const flags = rule.cs ? "" : "i";
  const compiled: CompiledRule = { topic, kind, rule, sticky: new RegExp(`${source}${AFTER}`, `y${flags}`) };
  if (rule.re) {
    scanned.push({ rule: compiled, re: new RegExp(`${BEFORE}${source}${AFTER}`, `g${flags}`) });
    return;
  }
  const phrase = rule.p.trim();
  const wildcard = phrase.endsWith("*");
  const words = (wildcard ? phrase.slice(0, -1) : phrase).split(/[^A-Za-z0-9]+/);
  const first = (words[0] ?? "").toLowerCase();
  if (!/^[a-z0-9]/.test(phrase.toLowerCase()) || !first) {
    throw new Error(`topic rule must start with a letter or digit: ${JSON.stringify(rule.p)}`);
  }
  if (words.length === 1 && wildcard) {
    if (first.length < 3) throw new Error(`wildcard rule needs at least 3 letters: ${JSON.stringify(rule.p)}`);
    push(byPrefix, first.slice(0, 3), { prefix: first, rule: compiled });
  } else if (words.length === 1 && /[A-Za-z]$/.test(phrase)) {
    // A one-word phrase may carry its plural ending on the indexed word.
    for (const form of [first, `${first}s`, `${first}es`]) push(byWord, form, compiled);
  } else {
    push(byWord, first, compiled);
  }
}

TOPICS.forEach((t, i) => {
  for (const rule of t.include) index(i, "include", rule);
  for (const rule of t.exclude ?? []) index(i, "exclude", rule);
  for (const rule of t.veto ?? []) index(i, "veto", rule);
});

// A quick pre-check before the map look-ups: most words ("the", "of",
// "results") start with three characters no rule's first word starts with,
// and are skipped without slicing or lower-casing them. Index: the first three
// lower-cased characters (0 past the end of a shorter word), 7 bits each.
const STARTS = new Uint8Array(128 * 128 * 128);
const lower = (c: number) => (c >= 65 && c <= 90 ? c + 32 : c);
const startKey = (a: number, b: number, c: number) => (a << 14) | (b << 7) | c;
for (const key of [...byWord.keys(), ...byPrefix.keys()]) {
  const code = (k: number) => (key.length > k ? lower(key.charCodeAt(k)) : 0);
  STARTS[startKey(code(0), code(1), code(2))] = 1;
}

type Hit = { rule: CompiledRule; start: number; end: number; text: string };

function tryAt(rule: CompiledRule, text: string, start: number, out: Hit[]) {
  rule.sticky.lastIndex = start;
  const m = rule.sticky.exec(text);
  if (m) out.push({ rule, start, end: start + m[0].length, text: m[0] });
}

const isWordChar = (c: number) => (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);

/** Every rule match in the text, for all topics, in no particular order. */
function findHits(text: string): Hit[] {
  const hits: Hit[] = [];
  const n = text.length;
  let i = 0;
  while (i < n) {
    if (!isWordChar(text.charCodeAt(i))) {
      i++;
      continue;
    }
    let j = i + 1;
    while (j < n && isWordChar(text.charCodeAt(j))) j++;
    const length = j - i;
    const key = startKey(
      lower(text.charCodeAt(i)),
      length > 1 ? lower(text.charCodeAt(i + 1)) : 0,
      length > 2 ? lower(text.charCodeAt(i + 2)) : 0,
    );
    if (!STARTS[key]) {
      i = j;
      continue;
    }
    const word = text.slice(i, j).toLowerCase();
    const exact = byWord.get(word);
    if (exact) for (const rule of exact) tryAt(rule, text, i, hits);
    const prefixed = word.length >= 3 ? byPrefix.get(word.slice(0, 3)) : undefined;
    if (prefixed) for (const p of prefixed) if (word.startsWith(p.prefix)) tryAt(p.rule, text, i, hits);
    i = j;
  }
  for (const { rule, re } of scanned) {
    for (const m of text.matchAll(re)) hits.push({ rule, start: m.index, end: m.index + m[0].length, text: m[0] });
  }
  return hits;
}

/** [start, end) ranges of the sentences (from `from` on) that talk about future work. */
function futureWorkRanges(text: string, from: number): [number, number][] {
  const ranges: [number, number][] = [];
  FUTURE_WORK.lastIndex = from;
  for (let m = FUTURE_WORK.exec(text); m !== null; m = FUTURE_WORK.exec(text)) {
    const stop = text.lastIndexOf(". ", m.index);
    const start = Math.max(from, stop < 0 ? 0 : stop + 2);
    const next = text.indexOf(". ", m.index);
    ranges.push([start, next < 0 ? text.length : next + 1]);
  }
  return ranges;
}

// A phrase right after a negation ("without vertex quantization", "no
// pruning") names what the paper does not do; one followed by "as a judge" /
// "as the generative reward model" (or "-as-a-judge", "-based assessment")
// names a tool that grades the outputs, not the subject. So does one the paper
// uses to make or check its data: "leverage MLLMs to automatically filter and
// caption", "using a VLM to rewrite prompts".
const NEGATED_BEFORE = /(?:^|[^A-Za-z0-9])(?:without|w\/o|no|not|free of|instead of)[\s-]+(?:[A-Za-z0-9-]+\s+)?$/i;
const ROLE =
  "(?:judges?|evaluators?|annotators?|labell?ers?|critics?|graders?|verifiers?|reward[\\s-]+models?|reward[\\s-]+functions?|data[\\s-]+generators?|captioners?)";
const JUDGE_AFTER = new RegExp(
  `^(?:[\\s-]*\\([^)]{0,20}\\))?[\\s-]+(?:(?:(?:serves?|serving|acts?|acting|is used|are used|used|employed|functions?)[\\s-]+)?as[\\s-]+(?:an?[\\s-]+|the[\\s-]+|our[\\s-]+)?(?:[A-Za-z]+[\\s-]+)?${ROLE}(?![A-Za-z])|judges?(?![A-Za-z])|evaluators?(?![A-Za-z])|graders?(?![A-Za-z])|based[\\s-]+(?:auto(?:matic|mated)?[\\s-]+)?(?:evaluat|judg|scor|metric|assess|annotat|filter|caption|reward|critic|verif)[A-Za-z]*)`,
  "i",
);
const TOOL_BEFORE =
  /\b(?:us(?:e|es|ed|ing)|leverag(?:e|es|ed|ing)|employ(?:s|ed|ing)?|utiliz(?:e|es|ed|ing)|prompt(?:s|ed|ing)?|query(?:ing)?)\s+(?:(?:the|a|an|off-the-shelf|pretrained|pre-trained|existing|powerful|advanced|strong|state-of-the-art|frozen|general-purpose|several|multiple|proprietary|open-source)\s+){0,3}(?:(?:[A-Za-z-]+\s+){1,3}of\s+)?$/i;
const TOOL_AFTER =
  /^(?:[\s-]*\([^)]{0,20}\))?(?:\s+(?:such as|like)\s+[A-Za-z0-9.-]+(?:\s+and\s+[A-Za-z0-9.-]+)?)?\s*,?\s+to\s+(?:automatically\s+|further\s+|first\s+)?(?:annotat|caption|label|filter|rewrit|synthesiz|evaluat|scor|judg|assess|verif|critiqu|check|refin|rerank|re-rank|describ|curat|generate\s+(?:captions|descriptions|annotations|labels|prompts|instructions|data|questions|QA))/i;

// Data a model made for the paper: "captions generated by MLLMs", "pseudo-labels from 3D VLMs",
// "descriptions produced by GPT-4o". The model is the source of the data, not the subject.
const MADE_BY_BEFORE =
  /\b(?:captions?|descriptions?|annotations?|pseudo[\s-]?labels?|labels?|rationales?|explanations?)\s+(?:(?:generated|produced|provided|obtained|written|created|synthesi[sz]ed|annotated|labell?ed)\s+)?(?:by|from)\s+(?:(?:the|a|an|off-the-shelf|pretrained|pre-trained|existing|powerful|advanced|strong|state-of-the-art|frozen|general-purpose|several|multiple|proprietary|open-source|large)\s+){0,3}$/i;

const CONTRIBUTION =
  /\b(?:we|this paper|this work|our)\s+(?:\w+\s+)?(?:propose|introduce|present|develop|build|design|train|release)/i;
const WORD_BEFORE = /([A-Za-z0-9]+)[^A-Za-z0-9]*$/;
const WORD_AFTER = /^[^A-Za-z0-9]*([A-Za-z0-9]+)/;

// Background and side remarks: "With the growing adoption of RAG, ...", "We also evaluate the RAG approach".
const BACKGROUND_BEFORE =
  /\bwith the (?:(?:growing|increasing|rapid|recent|widespread|continued)\s+)?(?:adoption|popularity|rise|success|development|advances?|advancement|emergence|proliferation|prevalence) of\s+(?:[A-Za-z0-9-]+\s+){0,3}(?:[A-Za-z0-9-]+\s*\()?$/i;
// "As LLMs become increasingly aligned with human preferences, we ask whether ...": the setting, not the subject.
const SETTING_BEFORE =
  /\bas\s+(?:[A-Za-z0-9()-]+\s+){1,6}(?:become|becomes|are becoming|grow|grows)\s+(?:increasingly|more)\s+$/i;
// A baseline: "our pipeline beats LMMs", "outperforms strong VLMs", "compared with GPTQ".
const BASELINE_BEFORE =
  /\b(?:beats?|beating|outperform(?:s|ed|ing)?|surpass(?:es|ed|ing)?|compared (?:to|with))\s+(?:(?:the|a|an|strong|stronger|existing|state-of-the-art|prior|previous|larger|much larger|proprietary|open-source|general-purpose|leading|popular|several|many|all)\s+){0,3}$/i;
// A model inside the evaluation: "an evaluation protocol that uses a vision-language model (VLM) to
// answer structured binary questions", "a metric that leverages an MLLM". The benchmark is the subject.
const EVALUATION_USES_BEFORE =
  /\b(?:evaluation|protocol|metric|scoring|grading|judging)\s+(?:(?:pipeline|framework|method|scheme)\s+)?(?:that|which)\s+(?:uses?|employs?|leverages?|relies on|adopts?|queries)\s+(?:an?\s+|the\s+)?(?:[A-Za-z-]+\s+){0,2}$/i;
// A feature the system supports: "supporting FP8 inference", "with native INT8 support", "compatible
// with 4-bit weights". The paper is about something else that happens to run in that format.
const SUPPORTS_BEFORE =
  /\b(?:support(?:s|ed|ing)?|compatible with)\s+(?:(?:both|native|optional|full|efficient)\s+)?$/i;
const SUPPORT_AFTER = /^\s+(?:\w+\s+)?support\b/i;
const ASIDE_BEFORE =
  /\bwe also\s+(?:evaluate|test|compare|explore|examine|analy[sz]e|investigate|study|show|find|observe|report)\b[^.]{0,60}$/i;

function incidental(text: string, hit: Hit): boolean {
  if (NEGATED_BEFORE.test(text.slice(Math.max(0, hit.start - 24), hit.start))) return true;
  const before = text.slice(Math.max(0, hit.start - 90), hit.start);
  if (BACKGROUND_BEFORE.test(before) || SETTING_BEFORE.test(before) || ASIDE_BEFORE.test(before)) return true;
  if (BASELINE_BEFORE.test(before) || MADE_BY_BEFORE.test(before) || EVALUATION_USES_BEFORE.test(before)) return true;
  const after = text.slice(hit.end, hit.end + 80);
  if (SUPPORTS_BEFORE.test(before) || SUPPORT_AFTER.test(after)) return true;
  if (JUDGE_AFTER.test(after)) return true;
  return TOOL_BEFORE.test(text.slice(Math.max(0, hit.start - 80), hit.start)) && TOOL_AFTER.test(after);
}

/** A hit's weight: a `titleOnly` rule is weak outside the title ("fine-tuning" in an abstract is usually a step, in a title the subject). */
const weightOf = (hit: Hit, titleEnd: number) =>
  hit.rule.rule.titleOnly && hit.start >= titleEnd ? 1 : (hit.rule.rule.w ?? DEFAULT_WEIGHT);

const overlaps = (hit: Hit, ranges: [number, number][]) => ranges.some(([s, e]) => hit.start < e && hit.end > s);

// Title and abstract are scanned as one text; the blank line keeps phrases
// from running across them.
const SEPARATOR = "\n\n";

/** What the rules found for one topic: its score, whether they tag it, and the phrases that matched. */
export type RuleResult = RuleSignal & {
  slug: string;
  /** A veto applies and no decisive rule overrides it: the topic is out whatever the score. */
  blocked: boolean;
  evidence: string[];
};

/**
 * What the rules find for every topic they match at all, in taxonomy order,
 * with the distinct phrases that matched (as written in the text, title first,
 * at most MAX_EVIDENCE).
 */
export function ruleResults(title: string, summary: string): RuleResult[] {
  const text = summary ? title + SEPARATOR + summary : title;
  const titleEnd = title.length;
  const hits = findHits(text);
  if (hits.length === 0) return [];

  const perTopic = new Map<number, Hit[]>();
  for (const hit of hits) push(perTopic, hit.rule.topic, hit);
  let futureWork: [number, number][] | null = null;

  const result: RuleResult[] = [];
  for (const topicIndex of [...perTopic.keys()].sort((a, b) => a - b)) {
    const topic = TOPICS[topicIndex]!;
    const all = perTopic.get(topicIndex)!;
    futureWork ??= summary ? futureWorkRanges(text, titleEnd + SEPARATOR.length) : [];
    const excluded = all
      .filter((h) => h.rule.kind === "exclude")
      .map((h): [number, number] => [h.start, h.end])
      .concat(futureWork);

    // Leftmost, longest first; a phrase inside a longer one of the same topic
    // ("speech" in "text-to-speech") is not counted again.
    // A phrase used only as a tool, judge or baseline takes the shorter phrases
    // inside it along ("multimodal" in "multimodal large language model-based assessments").
    const included = all
      .filter((h) => h.rule.kind === "include" && !overlaps(h, excluded))
      .sort((a, b) => a.start - b.start || b.end - a.end);
    const kept: Hit[] = [];
    let lastEnd = -1;
    let dropped = 0;
    for (const hit of included) {
      if (hit.end <= lastEnd) continue;
      lastEnd = hit.end;
      if (!incidental(text, hit)) kept.push(hit);
      else dropped++;
    }

    const counts = new Map<CompiledRule, number>();
    let score = 0;
    for (const hit of kept) {
      const n = counts.get(hit.rule) ?? 0;
      if (n >= MAX_COUNT_PER_RULE) continue;
      counts.set(hit.rule, n + 1);
      score += weightOf(hit, titleEnd) * (hit.start < titleEnd ? TITLE_FACTOR : 1);
    }
    // In a strict topic, weak phrases only add to the score: what makes the
    // paper about the topic (a title mention, repeated mentions) must be a
    // non-weak phrase ("alignment" or "audio" alone name many other things).
    // A cue (w: 0) never counts: it only lets a learned model judge the paper.
    const about = kept.filter((h) => weightOf(h, titleEnd) > (topic.strict ? 1 : 0));
    const vetoed = all.some((h) => h.rule.kind === "veto");
    const titleHit = about.some((h) => h.start < titleEnd);
    const decisive = kept.some((h) => weightOf(h, titleEnd) >= DECISIVE_WEIGHT);
    const blocked = vetoed && !decisive;
    // A method phrase ("DPO") outside the title needs a phrase naming the goal beside it.
    const goal = kept.some((h) => !h.rule.rule.method || h.start < titleEnd);
    const tagged =
      !blocked &&
      goal &&
      score >= (topic.minScore ?? DEFAULT_MIN_SCORE) &&
      (titleHit || decisive || about.length >= (topic.aboutMentions ?? ABOUT_MENTIONS));

    const evidence: string[] = [];
    const seen = new Set<string>();
    for (const hit of kept) {
      const phrase = hit.text.replace(/\s+/g, " ");
      const key = phrase.toLowerCase();
      if (seen.has(key)) continue;
      seen.add(key);
      evidence.push(phrase);
      if (evidence.length === MAX_EVIDENCE) break;
    }
    // What a learned model weighs besides the words; only papers it judges need it (see modelCandidate).
    const context: string[] = [];
    if (MODELS.topics[topic.slug] && !blocked && kept.length > 0) {
      const abstractStart = titleEnd + SEPARATOR.length;
      const firstStop = text.indexOf(". ", abstractStart);
      for (const hit of kept) {
        const before = WORD_BEFORE.exec(text.slice(Math.max(0, hit.start - 30), hit.start));
        const after = WORD_AFTER.exec(text.slice(hit.end, hit.end + 30));
        if (before) context.push(`${before[1]!.toLowerCase()} _`);
        if (after) context.push(`_ ${after[1]!.toLowerCase()}`);
        if (hit.start < titleEnd) continue;
        // Where the phrase sits: the opening sentence sets the subject; "we
        // propose ..." sentences state the contribution.
        if (firstStop < 0 || hit.start < firstStop) context.push("@first");
        const stop = text.indexOf(". ", hit.end);
        const sentence = text.slice(
          Math.max(abstractStart, text.lastIndexOf(". ", hit.start)),
          stop < 0 ? text.length : stop,
        );
        if (CONTRIBUTION.test(sentence)) context.push("@contribution");
      }
      const mentions = kept.length - kept.filter((h) => h.start < titleEnd).length;
      if (summary) context.push(mentions >= 4 ? "@mentions:4+" : `@mentions:${mentions}`);
      // The share of the abstract's sentences that name the topic: one mention
      // in a one-sentence abstract is its subject, in a ten-sentence one a detail.
      let sentences = summary ? 1 : 0;
      for (let i = text.indexOf(". ", abstractStart); i >= 0; i = text.indexOf(". ", i + 2)) sentences++;
      const named = new Set<number>();
      for (const hit of kept) if (hit.start >= titleEnd) named.add(text.lastIndexOf(". ", hit.start));
      const share = sentences ? named.size / sentences : 0;
      if (summary) context.push(share >= 0.5 ? "@share:high" : share >= 0.25 ? "@share:mid" : "@share:low");
      // Mentions dropped as a judge, tool, baseline or data source: the paper also uses such models for something else.
      if (dropped > 0) context.push("@incidental");
    }
    result.push({ slug: topic.slug, score, titleHit, tagged, blocked, evidence, context });
  }
  // The other topics the rules tag: a paper named multimodal that the rules also tag for image
  // generation is more often a diffusion paper than an MLLM one.
  for (const r of result) {
    if (!MODELS.topics[r.slug] || r.blocked || r.evidence.length === 0) continue;
    for (const other of result) if (other !== r && other.tagged) r.context.push(`@also:${other.slug}`);
  }
  return result;
}

/**
 * Whether a topic's learned model judges this paper: the rules found a phrase
 * that counts (not negated, not only a judge or a tool), no veto applies, and
 * the topic's net (the broad candidate words its labels were drawn on) catches
 * it. Other papers are left to the rules alone.
 */
export function modelCandidate(slug: string, found: RuleResult | undefined, title: string, summary: string): boolean {
  const net = NETS[slug];
  return !!found && !found.blocked && found.evidence.length > 0 && !!net && (net.test(title) || net.test(summary));
}

/**
 * The topics of a paper, in taxonomy order, each with the rule phrases that
 * earned it ("why this topic"). The rules propose; for a topic with a learned
 * model (model.ts), the model decides on the papers where the rules found a
 * phrase: with a lower bar where the rules alone would tag the paper, a higher
 * one where they would not.
 */
export function classify(title: string, summary: string): TopicMatch[] {
  const result: TopicMatch[] = [];
  let words: PaperWords | undefined;
  for (const found of ruleResults(title, summary)) {
    const model = MODELS.topics[found.slug];
    if (model && modelCandidate(found.slug, found, title, summary)) {
      words ??= paperWords(title, summary);
      const z = score(model, words, found);
      if (z >= (found.tagged ? model.threshold : model.rescue))
        result.push({ slug: found.slug, evidence: found.evidence });
    } else if (found.tagged) {
      result.push({ slug: found.slug, evidence: found.evidence });
    }
  }
  return result;
}
