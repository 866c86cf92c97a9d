import { z } from "zod";

// The one shape every source (seed listing, Hugging Face, arXiv, files) is
// parsed into before it is stored through upsertPapers.

// Bounds keep a hostile or broken record from bloating pages and emails.
export const MAX_TITLE_LENGTH = 1_000;
export const MAX_SUMMARY_LENGTH = 20_000;

// Control characters (all C0 but tab/newline/CR, DEL, C1) carry no meaning in
// a paper's text, Postgres refuses NUL outright (one would fail the whole
// upsert chunk) and XML 1.0 feeds can't contain most of them: dropped here,
// the one boundary every source passes.
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is this pattern's job
const CONTROL_CHARACTERS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/g;
export const stripControlCharacters = (value: string): string => value.replace(CONTROL_CHARACTERS, "");
const text = () => z.string().overwrite(stripControlCharacters);

const url = z
  .string()
  .max(2_000)
  .regex(/^https?:\/\/[^\s<>"]+$/, "must be an http(s) URL");

export const normalizedPaperSchema = z.object({
  /** arXiv id without version, e.g. "2403.08999". */
  arxivId: z
    .string()
    .regex(/^(\d{4}\.\d{4,5}|[a-z-]+(\.[A-Z]{2})?\/\d{7})$/, "must be an arXiv id without version")
    .nullable(),
  title: text().trim().min(1).max(MAX_TITLE_LENGTH),
  summary: text().max(MAX_SUMMARY_LENGTH),
  authors: z.array(text().max(500)).max(5_000),
  repoUrl: url.nullable(),
  repoStars: z.number().int().min(0).nullable(),
  projectUrl: url.nullable(),
  publishedAt: z.date().nullable(),
  /** YYYY-MM-DD (UTC day it was featured). */
  featuredOn: z.iso.date(),
  source: z.string().min(1).max(40),
  sourceRank: z.number().int().min(0),
  upvotes: z.number().int().min(0).nullable(),
  keywords: z.array(text().max(200)).max(200),
});

export type NormalizedPaper = z.infer<typeof normalizedPaperSchema>;

/**
 * The identity of a paper without an arXiv id: case, accents, punctuation and
 * spacing differ between sources, the words do not.
 */
export function titleKey(title: string): string {
  return title
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();
}
