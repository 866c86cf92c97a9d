import type { Metadata } from "next";
import { notFound, permanentRedirect } from "next/navigation";
import { cache } from "react";
import { AppLink } from "@/components/app-link";
import { AuthorList, PaperCard } from "@/components/paper-card";
import { PaperLinks } from "@/components/paper-links";
import { VoteForm, VoteTally } from "@/components/vote-form";
import { cachedPaperLookup, loadPaper as loadPaperData } from "@/lib/papers/cache";
import { plainText } from "@/lib/papers/text";
import { paperPath } from "@/lib/papers/url";
import { clip, shareMetadata } from "@/lib/seo/metadata";
import { todayUtc } from "@/lib/time";

// Rendered per request so the page carries the request's CSP nonce (proxy.ts;
// an ISR copy would carry a stale one and every script would be blocked). The
// data comes from the cache (lib/papers/cache.ts); a render costs one query, the
// live vote counts, so a vote shows here at once.
export const dynamic = "force-dynamic";

type Params = Promise<{ id: string }>;

// One load per request, shared by generateMetadata and the page (React cache).
// The canonical URL is /papers/<arXiv id> (lib/papers/url.ts); any other name
// for the paper (its row id, a versioned id, an old slug) answers 308 to it.
const loadPaper = cache(async (raw: string) => {
  const segment = decodeSegment(raw);
  if (segment === null) return null;
  const found = await cachedPaperLookup(segment);
  if (!found.ok) {
    if (found.reason === "moved") permanentRedirect(found.path);
    return null;
  }
  return loadPaperData(found.id, todayUtc());
});

/** "arXiv%3A2503.12345" reads as "arXiv:2503.12345"; a malformed escape names no paper. */
function decodeSegment(raw: string): string | null {
  try {
    return decodeURIComponent(raw);
  } catch {
    return null;
  }
}

async function load(params: Params) {
  return loadPaper((await params).id);
}

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const data = await load(params);
  if (!data) return { title: "Paper not found" };
  const { paper } = data;
  const path = paperPath(paper);
  const meta = shareMetadata({
    title: plainText(paper.title),
    description: clip(plainText(paper.summary) || `${plainText(paper.title)}, featured ${paper.featuredOn}.`),
    path,
    image: `/og${path}`,
    imageAlt: `${plainText(paper.title)}: featured ${paper.featuredOn}, ${paper.upvotes} votes`,
    type: "article",
  });
  return { ...meta, authors: paper.authors.slice(0, 10).map((name) => ({ name })) };
}

export default async function PaperPage({ params }: { params: Params }) {
  const data = await load(params);
  if (!data) notFound();
  const { paper, related } = data;
  const returnTo = paperPath(paper);
  return (
    <article id={`paper-${paper.id}`} aria-labelledby="paper-title">
      <div className="flex items-start gap-3">
        <div className="pt-1">
          <VoteForm paperId={paper.id} upvotes={paper.upvotes} returnTo={returnTo} />
        </div>
        <div className="min-w-0">
          <h1 id="paper-title" dir="auto" className="text-2xl font-bold leading-tight">
            {plainText(paper.title)}
          </h1>
          {paper.authors.length > 0 && (
            <p className="mt-1 text-sm text-zinc-700 dark:text-zinc-300">
              <AuthorList authors={paper.authors} />
            </p>
          )}
        </div>
      </div>
      <dl className="mt-4 grid grid-cols-[max-content_1fr] gap-x-4 gap-y-1 text-sm">
        <dt className="text-zinc-600 dark:text-zinc-400">Featured</dt>
        <dd>
          <AppLink href={`/?date=${paper.featuredOn}`} className="underline">
            {paper.featuredOn}
          </AppLink>
        </dd>
        {paper.publishedAt && (
          <>
            <dt className="text-zinc-600 dark:text-zinc-400">Published</dt>
            <dd>{paper.publishedAt.slice(0, 10)}</dd>
          </>
        )}
        <dt className="text-zinc-600 dark:text-zinc-400">Votes</dt>
        <dd>
          <VoteTally
            paperId={paper.id}
            upvotes={paper.upvotes}
            sourceUpvotes={paper.sourceUpvotes}
            localVotes={paper.localVotes}
          />
        </dd>
        <dt className="text-zinc-600 dark:text-zinc-400">Trending score</dt>
        <dd>
          {paper.score.toFixed(3)}{" "}
          <AppLink href="/about#trending" className="underline">
            how it is computed
          </AppLink>
        </dd>
        {paper.arxivId && (
          <>
            <dt className="text-zinc-600 dark:text-zinc-400">arXiv</dt>
            <dd>{paper.arxivId}</dd>
          </>
        )}
      </dl>
      <p className="mt-3 flex flex-wrap gap-x-4 gap-y-1 text-sm">
        <PaperLinks paper={paper} />
      </p>
      <section aria-labelledby="abstract-heading" className="mt-6">
        <h2 id="abstract-heading" className="text-lg font-semibold">
          Abstract
        </h2>
        <p dir="auto" className="mt-2 leading-relaxed whitespace-pre-line">
          {plainText(paper.summary) || "No abstract available."}
        </p>
      </section>
      <section aria-labelledby="topics-heading" className="mt-6">
        <h2 id="topics-heading" className="text-lg font-semibold">
          Topics
        </h2>
        {paper.topics.length === 0 ? (
          <p className="mt-2 text-sm">Not in any topic yet.</p>
        ) : (
          <ul className="mt-2 space-y-2">
            {paper.topics.map((t) => (
              <li key={t.slug} className="text-sm">
                <AppLink href={`/topics/${t.slug}`} className="font-medium text-blue-700 underline dark:text-blue-400">
                  {t.name}
                </AppLink>
                {t.evidence.length > 0 && (
                  <span className="text-zinc-700 dark:text-zinc-300">
                    {" "}
                    — why: matched {t.evidence.map((e) => `“${e}”`).join(", ")}
                  </span>
                )}
              </li>
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="related-heading" className="mt-8">
        <h2 id="related-heading" className="text-lg font-semibold">
          Related papers
        </h2>
        {related.length === 0 ? (
          <p className="mt-2 text-sm">No related papers found.</p>
        ) : (
          related.map((p) => <PaperCard key={p.id} paper={p} returnTo={returnTo} headingLevel="h3" />)
        )}
      </section>
    </article>
  );
}
