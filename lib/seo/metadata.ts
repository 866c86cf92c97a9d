import type { Metadata } from "next";
import { env } from "@/lib/env";
import { orList, SORT_HEADINGS, topicNames } from "@/lib/papers/labels";
import { type BrowseParams, browseQuery } from "@/lib/papers/schema";
import type { TopicSummary } from "@/lib/papers/types";

// What a shared link shows: every page's canonical URL, Open Graph and
// Twitter card tags, with a generated share image (app/og/…) for paper and
// topic pages and the site's image elsewhere. Every URL is absolute (APP_URL),
// as crawlers need; no metadataBase, which would also rewrite the canonical
// "https://host/" of the home page to "https://host".

export const SITE_NAME = "Paperboy";
/** The share image size Open Graph and Twitter's large card expect (1.91:1). */
export const SHARE_IMAGE = { width: 1200, height: 630 } as const;
export const SITE_IMAGE_PATH = "/og/site";
/** Share images change with the data (votes, weekly counts) but need not be fresh to the minute. */
export const SHARE_IMAGE_HEADERS = { "Cache-Control": "public, max-age=3600, stale-while-revalidate=86400" };

type ShareOptions = {
  title: string;
  description?: string;
  /** The canonical path (and query) of the page; omitted: no canonical link (e.g. error and token pages). */
  path?: string;
  /** A generated share image's path; default: the site's. */
  image?: string;
  imageAlt?: string;
  type?: "website" | "article";
  /** Keep the page out of search indexes (token pages, private views). */
  noindex?: boolean;
};

export function shareMetadata(o: ShareOptions): Metadata {
  const image = {
    url: absoluteUrl(o.image ?? SITE_IMAGE_PATH),
    ...SHARE_IMAGE,
    alt: o.imageAlt ?? `${SITE_NAME}: ${o.title}`,
  };
  const description = o.description ?? DEFAULT_DESCRIPTION;
  return {
    title: o.title,
    description,
    ...(o.path ? { alternates: { canonical: absoluteUrl(o.path) } } : {}),
    ...(o.noindex ? { robots: { index: false, follow: true } } : {}),
    openGraph: {
      type: o.type ?? "website",
      siteName: SITE_NAME,
      title: o.title,
      description,
      ...(o.path ? { url: absoluteUrl(o.path) } : {}),
      images: [image],
    },
    twitter: { card: "summary_large_image", title: o.title, description, images: [image] },
  };
}

export const DEFAULT_DESCRIPTION =
  "Trending AI research papers by topic, with search, feeds and a per-topic email digest.";

export function absoluteUrl(path: string): string {
  return `${env().APP_URL}${path}`;
}

/** A description of at most `max` characters, cut at a word. */
export function clip(text: string, max = 200): string {
  const flat = text.replace(/\s+/g, " ").trim();
  if (flat.length <= max) return flat;
  const cut = flat.slice(0, max - 1);
  return `${cut.slice(0, Math.max(cut.lastIndexOf(" "), max - 40))}…`;
}

/** A feed view's title (after its sort and topics), description, canonical URL (the public "/?…" one) and share tags. */
export function feedMetadata(
  params: BrowseParams | null,
  topics: Pick<TopicSummary, "slug" | "name">[] = [],
): Metadata {
  const feedQuery = params ? browseQuery({ ...params, cursor: undefined, limit: undefined }) : "";
  const names = params ? topicNames(params.topic, topics) : [];
  const heading = SORT_HEADINGS[params?.sort ?? "trending"];
  const meta = shareMetadata({
    title: names.length ? `${heading} in ${orList(names)}` : heading,
    description: names.length
      ? `AI research papers in ${orList(names)}, by day, week or month, with arXiv and code links.`
      : undefined,
    path: params ? `/${feedQuery}` : undefined,
  });
  return { ...meta, alternates: { ...meta.alternates, types: { "application/atom+xml": `/feed.xml${feedQuery}` } } };
}
