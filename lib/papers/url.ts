// Paper addresses. Pure functions, so pages, components, emails, feeds and the
// API all build and read a paper's URL the same way.
//
// The canonical paper URL is `/papers/<arXiv id>` (what readers share, and what
// Hugging Face uses: `/papers/2503.12345`). A paper without a modern arXiv id
// (none known, or an old-style id such as `hep-th/9901001`, whose slash cannot
// be one path segment) gets `/papers/p-<row id>-<title slug>`: the row id keeps
// it stable, the slug makes it readable. A title change or a newly learned
// arXiv id moves the canonical URL; the old one then answers 308 to the new one,
// as does the bare row id (`/papers/915`) and a versioned id (`2503.12345v2`).

/** A modern arXiv id (YYMM.NNNN or YYMM.NNNNN) without version: the only kind that fits one path segment. */
const MODERN_ARXIV_ID = /^\d{4}\.\d{4,5}$/;
const VERSIONED_ARXIV_ID = /^(\d{4}\.\d{4,5})(?:v\d{1,3})?$/;
const MAX_SLUG_LENGTH = 60;

export type PaperRefFields = { id: number; arxivId: string | null; title: string };

/** Lower-case ASCII words of a title joined by dashes, cut at a word boundary; "paper" when nothing is left. */
export function titleSlug(title: string): string {
  const words = title
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
  let slug = "";
  for (const w of words) {
    const next = slug ? `${slug}-${w}` : w;
    if (next.length > MAX_SLUG_LENGTH) break;
    slug = next;
  }
  return slug || (words[0]?.slice(0, MAX_SLUG_LENGTH) ?? "paper");
}

/** The site-relative canonical path of a paper. */
export function paperPath(p: PaperRefFields): string {
  if (p.arxivId && MODERN_ARXIV_ID.test(p.arxivId)) return `/papers/${p.arxivId}`;
  return `/papers/p-${p.id}-${titleSlug(p.title)}`;
}

/** The absolute canonical URL of a paper (emails, feeds, the API, share tags). */
export function paperUrl(appUrl: string, p: PaperRefFields): string {
  return `${appUrl}${paperPath(p)}`;
}

/** What a `/papers/<segment>` URL asks for. */
export type PaperRef =
  | { kind: "arxiv"; arxivId: string }
  | { kind: "id"; id: number }
  | { kind: "slug"; id: number; slug: string };

const MAX_ROW_ID = 2_147_483_647;

/** Reads a `/papers/<segment>` path segment (already URL-decoded); null when it cannot name a paper. */
export function parsePaperRef(segment: string): PaperRef | null {
  const s = segment.trim();
  const arxiv = VERSIONED_ARXIV_ID.exec(s.replace(/^arxiv:/i, ""));
  if (arxiv) return { kind: "arxiv", arxivId: arxiv[1]! };
  if (/^[1-9]\d{0,9}$/.test(s)) {
    const id = Number(s);
    return id <= MAX_ROW_ID ? { kind: "id", id } : null;
  }
  const slug = /^p-([1-9]\d{0,9})(?:-([a-z0-9-]{0,200}))?$/.exec(s);
  if (slug) {
    const id = Number(slug[1]);
    return id <= MAX_ROW_ID ? { kind: "slug", id, slug: slug[2] ?? "" } : null;
  }
  return null;
}

/**
 * The arXiv id a search box entry names, or null: a bare id (`2503.12345`,
 * `2503.12345v2`, `arXiv:2503.12345`) or a link to the paper on arxiv.org
 * (abs, pdf, html), huggingface.co/papers or this site's own paper pages.
 */
export function arxivIdInQuery(raw: string): string | null {
  const q = raw.trim();
  if (q.length > 300 || /\s/.test(q)) return null;
  const bare = VERSIONED_ARXIV_ID.exec(q.replace(/^arxiv:\s*/i, ""));
  if (bare) return bare[1]!;
  let url: URL;
  try {
    url = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(q) ? q : `https://${q}`);
  } catch {
    return null;
  }
  const host = url.hostname.toLowerCase().replace(/^www\./, "");
  const path = url.pathname.replace(/\/+$/, "");
  const last = (prefix: RegExp) => {
    const m = prefix.exec(path);
    return m ? (VERSIONED_ARXIV_ID.exec(m[1]!.replace(/\.pdf$/i, ""))?.[1] ?? null) : null;
  };
  if (host === "arxiv.org" || host === "export.arxiv.org") return last(/^\/(?:abs|pdf|html)\/([^/]+)$/);
  if (host === "huggingface.co" || host === "hf.co") return last(/^\/papers\/([^/]+)$/);
  return null;
}

/** The paper's page on Hugging Face (every daily paper with an arXiv id has one). */
export function huggingFacePaperUrl(arxivId: string): string {
  return `https://huggingface.co/papers/${arxivId}`;
}

/** An arXiv title search, for papers whose arXiv id is not known. */
export function arxivTitleSearchUrl(title: string): string {
  const params = new URLSearchParams({ query: title.slice(0, 300), searchtype: "title" });
  return `https://arxiv.org/search/?${params.toString()}`;
}
