import { z } from "zod";
import { MIN_DAY, maxDay } from "@/lib/papers/schema";
import { plainText } from "@/lib/papers/text";

// The one shape every source (seed listing, Hugging Face, arXiv, files) is
// parsed into before it is stored through upsertPapers.

// Bounds keep a hostile or broken record from bloating pages and emails.
export const MAX_TITLE_LENGTH = 1_000;
export const MAX_SUMMARY_LENGTH = 20_000;

// Control characters and bidirectional overrides (lib/papers/text.ts) are
// dropped here, the one boundary every source passes: Postgres refuses NUL
// outright (one would fail the whole upsert chunk), XML 1.0 feeds can't
// contain most of C0, and an override reorders the text around it.
export const stripControlCharacters = plainText;
const text = () => z.string().overwrite(plainText);

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
  /**
   * YYYY-MM-DD (UTC day it was featured), within the days the feed serves: one paper
   * "featured" in 9999 would become the latest day, the default view of every page.
   */
  featuredOn: z.iso
    .date()
    .refine((v) => v >= MIN_DAY && v <= maxDay(), { error: () => `must be between ${MIN_DAY} and ${maxDay()}` }),
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
