import { XMLParser, XMLValidator } from "fast-xml-parser";
import { arxivIdWithoutVersion } from "./hf";
import type { NormalizedPaper } from "./paper";
import { collapse, type ParseResult, type Rejection, validatePaper } from "./parse-result";

// arXiv API responses (Atom 1.0): one <entry> per paper with the abs URL
// (with version) as <id>, <published> (v1), <updated>, <title>, <summary>,
// <author><name>, <category term>, <arxiv:primary_category>, <link title="pdf">.

export type ArxivFeed = {
  /** opensearch:totalResults: how many entries the query matches in all. */
  totalResults: number | null;
  startIndex: number;
  /** Entries in the response (valid or not), to know when paging is done. */
  entries: number;
  result: ParseResult;
};

export type ArxivEntryExtras = { pdfUrl: string | null; updatedAt: Date | null; categories: string[] };

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: "@_",
  removeNSPrefix: true,
  // Keep every value a string: "2403.08990" must not become a number.
  parseTagValue: false,
  parseAttributeValue: false,
  isArray: (name) => ["entry", "author", "category", "link"].includes(name),
});

type XmlNode = string | { "#text"?: string; [key: string]: unknown } | undefined;
const text = (node: unknown): string => {
  const n = node as XmlNode;
  if (typeof n === "string") return n;
  if (n && typeof n === "object" && typeof n["#text"] === "string") return n["#text"];
  return "";
};

function toDate(value: string): Date | null {
  const d = new Date(value.trim());
  return value.trim() && !Number.isNaN(d.getTime()) ? d : null;
}

/** Parses an arXiv Atom feed; `source` defaults to "arxiv". */
export function parseArxivAtom(xml: string, options: { source?: string } = {}): ArxivFeed {
  const empty = { totalResults: null, startIndex: 0, entries: 0 };
  const valid = XMLValidator.validate(xml);
  if (valid !== true) {
    const { msg, line, col } = valid.err;
    return { ...empty, result: { ok: false, error: `invalid XML at line ${line}, column ${col}: ${msg}` } };
  }
  const doc = parser.parse(xml) as { feed?: Record<string, unknown> };
  const feed = doc.feed;
  if (!feed || typeof feed !== "object") {
    return { ...empty, result: { ok: false, error: "not an Atom feed (no <feed> root element)" } };
  }
  const entries = (feed.entry as Record<string, unknown>[] | undefined) ?? [];
  const totalResults = Number.parseInt(text(feed.totalResults), 10);
  const startIndex = Number.parseInt(text(feed.startIndex), 10) || 0;

  // The API reports a bad query as a feed with one entry whose id is .../api/errors#...
  const first = entries[0];
  if (first && /\/api\/errors/.test(text(first.id))) {
    return {
      totalResults: 0,
      startIndex,
      entries: 0,
      result: { ok: false, error: `arXiv API error: ${collapse(text(first.summary)).slice(0, 300)}` },
    };
  }

  const papers: NormalizedPaper[] = [];
  const rejected: Rejection[] = [];
  for (const [index, entry] of entries.entries()) {
    const id = collapse(text(entry.id));
    const arxivId = arxivIdWithoutVersion(id.replace(/^https?:\/\/arxiv\.org\/abs\//, ""));
    const location = `entry ${startIndex + index + 1}${arxivId ? ` (${arxivId})` : ""}`;
    if (!arxivId) {
      rejected.push({ location, reason: `<id> "${id.slice(0, 80)}" is not an arXiv abs URL` });
      continue;
    }
    const publishedAt = toDate(text(entry.published));
    if (!publishedAt) {
      rejected.push({ location, reason: "<published> is missing or not a date" });
      continue;
    }
    const authors = ((entry.author as Record<string, unknown>[] | undefined) ?? [])
      .map((a) => collapse(text(a.name)))
      .filter(Boolean);
    const candidate = {
      arxivId,
      title: collapse(text(entry.title)),
      summary: collapse(text(entry.summary)),
      authors,
      repoUrl: null,
      repoStars: null,
      projectUrl: null,
      publishedAt,
      // arXiv has no featured day: a paper counts on the day its first version appeared.
      featuredOn: publishedAt.toISOString().slice(0, 10),
      source: options.source ?? "arxiv",
      sourceRank: startIndex + index,
      upvotes: null,
      // Categories (cs.CL, ...) are not keywords: storing them would block HF's
      // ai_keywords later (a merge only fills empty keywords).
      keywords: [],
    };
    const checked = validatePaper(candidate, location);
    if (checked.ok) papers.push(checked.paper);
    else rejected.push(checked.rejection);
  }
  return {
    totalResults: Number.isNaN(totalResults) ? null : totalResults,
    startIndex,
    entries: entries.length,
    result: { ok: true, papers, rejected },
  };
}

/** The fields of an entry that NormalizedPaper has no column for (PDF link, last update). */
export function arxivEntryExtras(xml: string): ArxivEntryExtras[] {
  const doc = parser.parse(xml) as { feed?: { entry?: Record<string, unknown>[] } };
  return (doc.feed?.entry ?? []).map((entry) => {
    const links = (entry.link as Record<string, unknown>[] | undefined) ?? [];
    const pdf = links.find((l) => text(l["@_title"]) === "pdf");
    return {
      pdfUrl: pdf ? text(pdf["@_href"]) || null : null,
      updatedAt: toDate(text(entry.updated)),
      categories: ((entry.category as Record<string, unknown>[] | undefined) ?? []).map((c) => text(c["@_term"])),
    };
  });
}
