// Shapes the digest domain hands to pages and components. Types only.
import type { DigestPaper, SeeAllLink } from "@/emails/digest";

/** "Your next digest" on the preferences page (lib/digest/preview.ts: previewView). */
export type DigestPreviewView = {
  kind: "new" | "recent" | "none";
  frequency: "daily" | "weekly";
  status: string;
  /** When the next digest goes out: "Sunday, 29 November 2026 at 08:00 UTC", "in 9 hours", and the ISO time. */
  next: { at: string; wait: string; iso: string } | null;
  /** "Friday, 27 November 2026": the floor of "new" for this person. */
  sinceLabel: string;
  periodLabel: string;
  papers: DigestPaper[];
  seeAll: SeeAllLink[];
};
