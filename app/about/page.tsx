import type { Metadata } from "next";
import { AppLink } from "@/components/app-link";
import { AGE_OFFSET_DAYS, GRAVITY, trendingScore } from "@/lib/papers/score";
import { shareMetadata } from "@/lib/seo/metadata";

export async function generateMetadata(): Promise<Metadata> {
  return shareMetadata({
    title: "About",
    description:
      "How Paperboy ranks papers (the trending score), where the papers come from and how topics are matched.",
    path: "/about",
  });
}

const example = (upvotes: number, days: number) =>
  trendingScore(
    { upvotes, localVotes: 0, featuredOn: new Date(Date.UTC(2025, 0, 1)) },
    new Date(Date.UTC(2025, 0, 1 + days)),
  ).toFixed(2);

export default function AboutPage() {
  return (
    <article className="max-w-2xl space-y-4 leading-relaxed">
      <h1 className="text-2xl font-bold">About Paperboy</h1>
      <p>
        Paperboy lists trending AI research papers by day, week and month, with topics, search, feeds and an email
        digest. Every view has a shareable URL, an{" "}
        <AppLink href="/feed.xml" className="underline">
          Atom feed
        </AppLink>{" "}
        and a{" "}
        <AppLink href="/api/papers" className="underline">
          JSON API
        </AppLink>{" "}
        with the same parameters.
      </p>
      <h2 id="trending" className="text-xl font-semibold">
        How “trending” is computed
      </h2>
      <p>The default order ranks papers by a score that rewards votes and fades with age:</p>
      <pre className="overflow-x-auto rounded-md bg-zinc-100 p-3 text-sm dark:bg-zinc-900">
        <code>{`score = (upvotes + local votes + 1) / (age in days + ${AGE_OFFSET_DAYS}) ^ ${GRAVITY}`}</code>
      </pre>
      <ul className="list-disc space-y-1 pl-5">
        <li>
          <strong>upvotes</strong>: the votes the paper has at its source (Hugging Face daily papers), latest snapshot.
        </li>
        <li>
          <strong>local votes</strong>: votes cast here, one per browser per paper (anonymous; only a keyed hash of a
          random browser id is stored).
        </li>
        <li>
          <strong>age in days</strong>: whole UTC days since the day the paper was featured. Whole days keep a score
          constant for a day, so pages can be cached until the data changes.
        </li>
        <li>
          The +1 gives a paper without votes a small score; the +{AGE_OFFSET_DAYS} keeps brand-new papers from
          dominating; the exponent {GRAVITY} sets how fast papers fade.
        </li>
        <li>Equal scores keep the source&apos;s own listing order, then the oldest entry first.</li>
      </ul>
      <p>
        For example, a paper with 10 votes scores {example(10, 0)} on its day, {example(10, 1)} a day later and{" "}
        {example(10, 7)} after a week; one with 50 votes scores {example(50, 7)} after a week. The feed, the JSON API
        (field <code>score</code>) and the email digest all use this same formula.
      </p>
      <p>
        The demo papers come from{" "}
        <AppLink href="/listing" className="underline">
          a copied listing
        </AppLink>
        . “Most votes” orders by upvotes plus local votes; “Newest” by the featured day. Search results are ordered by
        relevance (title matches count more than abstract matches, which count more than author matches).
      </p>
    </article>
  );
}
