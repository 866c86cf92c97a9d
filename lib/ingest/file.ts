import { parseArxivAtom } from "./arxiv";
import { parseHfDailyPapers } from "./hf";
import { parseJsonLines } from "./jsonl";
import { type ListingPaper, ListingParseError, parseListing } from "./listing";
import type { NormalizedPaper } from "./paper";
import { type ParseResult, type Rejection, validatePaper } from "./parse-result";

// Files the CLI can import: the copied listing text, an HF API response, an
// arXiv Atom response, or JSON Lines. The extension decides; content decides
// when the extension says nothing.

export type FileFormat = "listing" | "hf" | "arxiv" | "jsonl";

export function detectFormat(fileName: string, text: string): FileFormat {
  const ext = fileName.toLowerCase().split(".").pop();
  if (ext === "jsonl" || ext === "ndjson") return "jsonl";
  if (ext === "json") return "hf";
  if (ext === "xml" || ext === "atom") return "arxiv";
  if (ext === "txt") return "listing";
  const start = text.replace(/^\uFEFF/, "").trimStart();
  if (start.startsWith("<")) return "arxiv";
  if (start.startsWith("[")) return "hf";
  if (start.startsWith("{")) return "jsonl";
  return "listing";
}

/** `date` (YYYY-MM-DD) is required for a listing, whose header has no year. */
export function parseFileText(text: string, format: FileFormat, options: { date?: string } = {}): ParseResult {
  switch (format) {
    case "jsonl":
      return parseJsonLines(text, { source: "file" });
    case "hf":
      return parseHfDailyPapers(text, { date: options.date, source: "file" });
    case "arxiv":
      return parseArxivAtom(text, { source: "file" }).result;
    case "listing":
      return parseListingFile(text, options.date);
  }
}

function parseListingFile(text: string, date: string | undefined): ParseResult {
  if (!date) return { ok: false, error: "a listing has no year in its header: pass --date YYYY-MM-DD" };
  let listing: ListingPaper[];
  try {
    listing = parseListing(text, { featuredOn: date });
  } catch (error) {
    if (error instanceof ListingParseError) return { ok: false, error: error.message };
    throw error;
  }
  const papers: NormalizedPaper[] = [];
  const rejected: Rejection[] = [];
  for (const p of listing) {
    const checked = validatePaper(
      {
        ...p,
        arxivId: null,
        authors: [],
        repoStars: null,
        publishedAt: null,
        source: "file",
        upvotes: null,
        keywords: [],
      },
      `paper ${p.sourceRank + 1}`,
    );
    if (checked.ok) papers.push(checked.paper);
    else rejected.push(checked.rejection);
  }
  return { ok: true, papers, rejected };
}
