import { z } from "zod";

/**
 * Parser for the text you get when copying a Hugging Face "daily papers"
 * listing out of the browser: a few header lines ending with a date such as
 * "Mar 14", then title / abstract lines separated by blank lines.
 */

export type ListingPaper = {
  title: string;
  summary: string;
  repoUrl: string | null;
  projectUrl: string | null;
  featuredOn: string; // YYYY-MM-DD
  sourceRank: number; // 0-based position in the listing
};

/**
 * `line` is the 1-based line in the listing text. It is 0 when the problem is
 * in the options rather than in the text.
 */
export class ListingParseError extends Error {
  constructor(
    message: string,
    readonly line: number,
  ) {
    super(`${message} (line ${line})`);
    this.name = "ListingParseError";
  }
}

// Generous limits: they catch a shifted title/abstract pairing (an abstract
// read as a title) and pasted garbage without rejecting real papers.
export const MAX_TITLE_LENGTH = 1000;
export const MAX_SUMMARY_LENGTH = 20000;

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
const HEADER_DATE = new RegExp(`^(?:${MONTHS.join("|")})\\s+\\d{1,2}$`);

// z.iso.date() also rejects impossible dates such as 2025-02-30.
const optionsSchema = z.object({ featuredOn: z.iso.date() });

export function parseListing(text: string, options: { featuredOn: string }): ListingPaper[] {
  const parsedOptions = optionsSchema.safeParse(options);
  if (!parsedOptions.success) {
    throw new ListingParseError(
      `featuredOn option must be a valid YYYY-MM-DD date, got ${JSON.stringify(options?.featuredOn)}`,
      0,
    );
  }
  const { featuredOn } = parsedOptions.data;

  // Copies from Windows / old Mac tools may carry \r\n or \r, and a BOM.
  const lines = text
    .replace(/^\uFEFF/, "")
    .split(/\r\n|\r|\n/)
    .map((l) => l.trim());

  const headerIndex = lines.findIndex((l) => HEADER_DATE.test(l));
  const header = lines[headerIndex];
  if (header === undefined) {
    throw new ListingParseError('no header date line (like "Mar 14") found', 1);
  }
  const headerLine = headerIndex + 1;

  // The header has no year, so it can only confirm month and day; the year
  // must come from the caller.
  const [monthName = "", day = ""] = header.split(/\s+/);
  if (
    MONTHS.indexOf(monthName) + 1 !== Number(featuredOn.slice(5, 7)) ||
    Number(day) !== Number(featuredOn.slice(8, 10))
  ) {
    throw new ListingParseError(`header date "${header}" does not match featuredOn ${featuredOn}`, headerLine);
  }

  // Blank lines separate every line, so they carry no structure: non-empty
  // lines simply alternate title, abstract, title, ... A missing abstract in
  // the middle shifts the pairing; the length limits usually catch that at the
  // abstract that then gets read as a title.
  const papers: ListingPaper[] = [];
  let title: { text: string; line: number } | null = null;
  for (const [i, raw] of lines.entries()) {
    const text = raw.replace(/\s+/g, " ");
    if (i <= headerIndex || text === "") continue;
    const line = i + 1;
    if (title === null) {
      if (text.length > MAX_TITLE_LENGTH) {
        throw new ListingParseError(`title longer than ${MAX_TITLE_LENGTH} characters`, line);
      }
      title = { text, line };
    } else {
      if (text.length > MAX_SUMMARY_LENGTH) {
        throw new ListingParseError(`abstract longer than ${MAX_SUMMARY_LENGTH} characters`, line);
      }
      papers.push({
        title: title.text,
        summary: text,
        ...extractLinks(text),
        featuredOn,
        sourceRank: papers.length,
      });
      title = null;
    }
  }

  if (title !== null) {
    throw new ListingParseError(`title "${title.text.slice(0, 80)}" has no abstract after it`, title.line);
  }
  if (papers.length === 0) {
    throw new ListingParseError("listing contains no papers after the header date", headerLine);
  }
  return papers;
}

// http(s) URLs, plus bare "github.com/..." / "gitlab.com/..." which authors
// often write without a scheme. The lookbehind keeps the bare form from
// matching inside hosts like "foo.github.com" or e-mail addresses.
const URL_CANDIDATE = /https?:\/\/[^\s<>"'`]+|(?<![\w./@-])(?:www\.)?(?:github|gitlab)\.com\/[^\s<>"'`]+/gi;

const CLOSERS: Record<string, string> = { ")": "(", "]": "[", "}": "{" };

const count = (s: string, ch: string) => s.split(ch).length - 1;

/** Strip sentence punctuation glued to a URL ("see https://x.org/a)."). */
function trimTrailingPunctuation(url: string): string {
  let s = url;
  while (s !== "") {
    const last = s.slice(-1);
    const opener = CLOSERS[last];
    // Brackets are kept when balanced, e.g. https://en.wikipedia.org/wiki/A_(b).
    const strip = ".,;:!?'\">".includes(last) || (opener !== undefined && count(s, last) > count(s, opener));
    if (!strip) break;
    s = s.slice(0, -1);
  }
  return s;
}

/** https://host/owner/repo for a repository URL, or null if it is not one. */
function repositoryUrl(url: URL, host: string): string | null {
  let segments = url.pathname.split("/").filter(Boolean);
  // GitLab allows nested groups; "/-/" starts the in-repo part (tree, blob…).
  // On GitHub the repository is always the first two segments.
  if (host === "gitlab.com") {
    const dash = segments.indexOf("-");
    if (dash !== -1) segments = segments.slice(0, dash);
  } else {
    segments = segments.slice(0, 2);
  }
  if (segments.length < 2) return null; // e.g. a user or organisation page
  const repo = segments.pop()!.replace(/\.git$/i, "");
  if (repo === "") return null;
  return `https://${host}/${[...segments, repo].join("/")}`;
}

/**
 * First code repository (GitHub/GitLab) and first other web page linked in a
 * free text. arXiv links are ignored: the paper itself is not a project page.
 */
export function extractLinks(text: string): { repoUrl: string | null; projectUrl: string | null } {
  let repoUrl: string | null = null;
  let projectUrl: string | null = null;

  for (const [match] of text.matchAll(URL_CANDIDATE)) {
    const raw = trimTrailingPunctuation(match);
    let url: URL;
    try {
      url = new URL(/^https?:\/\//i.test(raw) ? raw : `https://${raw}`);
    } catch {
      continue;
    }
    const host = url.hostname.replace(/^www\./, "");

    if (host === "github.com" || host === "gitlab.com") {
      repoUrl ??= repositoryUrl(url, host);
    } else if (host !== "arxiv.org" && !host.endsWith(".arxiv.org")) {
      projectUrl ??= raw;
    }
    if (repoUrl && projectUrl) break;
  }
  return { repoUrl, projectUrl };
}
