import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { FeedView, feedMetadata } from "@/components/feed-view";
import { decodeFeedView } from "@/lib/papers/schema";

// The feed home, one cached page per view. Public URLs stay "/?period=week&…":
// proxy.ts rewrites them here (the view is the canonical query, base64url), so
// each view is rendered once per data change (ISR), not once per request.
export const revalidate = 300;
export async function generateStaticParams() {
  return [];
}

type Params = Promise<{ view: string }>;

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const parsed = decodeFeedView((await params).view);
  return { ...feedMetadata(parsed), robots: { index: false } };
}

export default async function CachedFeedPage({ params }: { params: Params }) {
  const parsed = decodeFeedView((await params).view);
  if (!parsed) notFound();
  return <FeedView params={parsed} />;
}
