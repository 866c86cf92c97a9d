import { TOPICS, type Rule, type TopicDefinition } from "./taxonomy";

/**
 * The topic classifier: pure, deterministic and fast (regular expressions are
 * compiled once, at module load). The matching rules are documented in
 * taxonomy.ts.
 */

export type TopicMatch = { slug: string; evidence: string[] };

/** At most this many evidence phrases are kept per paper and topic. */
export const MAX_EVIDENCE = 5;
const DEFAULT_WEIGHT = 2;
const DEFAULT_MIN_SCORE = 2;
const TITLE_FACTOR = 2;
const MAX_COUNT_PER_RULE = 3;

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

type CompiledRules = {
  /** One regex per case mode; group i+1 is rules[i]. */
  regexes: { re: RegExp; rules: Rule[] }[];
};

function compileRules(rules: Rule[]): CompiledRules {
  const regexes: CompiledRules["regexes"] = [];
  for (const cs of [false, true]) {
    // Longer alternatives first, so the evidence is the longest phrase at a position.
    const group = rules.filter((r) => !!r.cs === cs).sort((a, b) => b.p.length - a.p.length);
    if (group.length === 0) continue;
    const source = `${BEFORE}(?:${group.map((r) => `(${ruleSource(r)})`).join("|")})${AFTER}`;
    regexes.push({ re: new RegExp(source, cs ? "g" : "gi"), rules: group });
  }
  return { regexes };
}

type CompiledTopic = {
  slug: string;
  minScore: number;
  include: CompiledRules;
  exclude: CompiledRules | null;
  veto: CompiledRules | null;
};

const COMPILED: CompiledTopic[] = TOPICS.map((t: TopicDefinition) => ({
  slug: t.slug,
  minScore: t.minScore ?? DEFAULT_MIN_SCORE,
  include: compileRules(t.include),
  exclude: t.exclude?.length ? compileRules(t.exclude) : null,
  veto: t.veto?.length ? compileRules(t.veto) : null,
}));

type Hit = { rule: Rule; start: number; end: number; text: string };

function findHits(compiled: CompiledRules, text: string, out: Hit[]): void {
  for (const { re, rules } of compiled.regexes) {
    re.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = re.exec(text)) !== null) {
      let g = 1;
      while (m[g] === undefined) g++;
      out.push({ rule: rules[g - 1]!, start: m.index, end: m.index + m[0].length, text: m[0] });
    }
  }
}

function anyHit(compiled: CompiledRules, text: string): boolean {
  for (const { re } of compiled.regexes) {
    re.lastIndex = 0;
    if (re.test(text)) return true;
  }
  return false;
}

/** [start, end) ranges of the sentences that talk about future work. */
function futureWorkRanges(text: string): [number, number][] {
  const ranges: [number, number][] = [];
  FUTURE_WORK.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = FUTURE_WORK.exec(text)) !== null) {
    const stop = text.lastIndexOf(". ", m.index);
    const start = stop < 0 ? 0 : stop + 2;
    const next = text.indexOf(". ", m.index);
    ranges.push([start, next < 0 ? text.length : next + 1]);
  }
  return ranges;
}

const overlaps = (hit: Hit, ranges: [number, number][]) => ranges.some(([s, e]) => hit.start < e && hit.end > s);

function spans(compiled: CompiledRules, text: string): [number, number][] {
  const hits: Hit[] = [];
  findHits(compiled, text, hits);
  return hits.map((h) => [h.start, h.end]);
}

/** The include hits of a topic in one text, minus those vetoed by exclusions or future-work sentences. */
function topicHits(topic: CompiledTopic, text: string, futureWork: [number, number][]): Hit[] {
  const hits: Hit[] = [];
  findHits(topic.include, text, hits);
  if (hits.length === 0) return hits;
  const excluded = topic.exclude ? spans(topic.exclude, text) : [];
  const blocked = excluded.length ? excluded.concat(futureWork) : futureWork;
  if (blocked.length === 0) return hits;
  return hits.filter((h) => !overlaps(h, blocked));
}

/**
 * The topics of a paper, in taxonomy order, each with the distinct phrases
 * that matched (as written in the text, title first, at most MAX_EVIDENCE).
 */
export function classify(title: string, summary: string): TopicMatch[] {
  const futureWork = summary ? futureWorkRanges(summary) : [];
  const result: TopicMatch[] = [];
  for (const topic of COMPILED) {
    const inTitle = topicHits(topic, title, []);
    const inSummary = summary ? topicHits(topic, summary, futureWork) : [];
    if (inTitle.length === 0 && inSummary.length === 0) continue;

    const counts = new Map<Rule, number>();
    let score = 0;
    const add = (hits: Hit[], factor: number) => {
      for (const hit of hits) {
        const n = counts.get(hit.rule) ?? 0;
        if (n >= MAX_COUNT_PER_RULE) continue;
        counts.set(hit.rule, n + 1);
        score += (hit.rule.w ?? DEFAULT_WEIGHT) * factor;
      }
    };
    add(inTitle, TITLE_FACTOR);
    add(inSummary, 1);
    if (score < topic.minScore) continue;
    if (topic.veto && (anyHit(topic.veto, title) || anyHit(topic.veto, summary))) continue;

    const evidence: string[] = [];
    const seen = new Set<string>();
    const byPosition = (a: Hit, b: Hit) => a.start - b.start;
    for (const hit of [...inTitle.sort(byPosition), ...inSummary.sort(byPosition)]) {
      const phrase = hit.text.replace(/\s+/g, " ");
      const key = phrase.toLowerCase();
      if (seen.has(key)) continue;
      seen.add(key);
      evidence.push(phrase);
      if (evidence.length === MAX_EVIDENCE) break;
    }
    result.push({ slug: topic.slug, evidence });
  }
  return result;
}
