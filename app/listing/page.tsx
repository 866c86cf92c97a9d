import type { Metadata } from "next";
import { AppLink } from "@/components/app-link";
import { DEMO_FEATURED_ON } from "@/lib/ingest/seed";
import { cachedSourceListing } from "@/lib/papers/cache";
import { paperPath } from "@/lib/papers/url";
import { shareMetadata } from "@/lib/seo/metadata";

// The source listing of the seed day: the copied Hugging Face listing the demo
// papers of 14 March 2025 come from, paper by paper in its order, each linked
// to its page here, with what could be matched (prisma/seed/README.md).
export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  return shareMetadata({
    title: "Source listing, 14 March 2025",
    description:
      "The Hugging Face daily papers listing the demo papers come from, in its order, with arXiv ids where known.",
    path: "/listing",
  });
}

export default async function ListingPage() {
  const papers = await cachedSourceListing(DEMO_FEATURED_ON);
  const matched = papers.filter((p) => p.arxivId).length;
  const link = "text-blue-700 underline dark:text-blue-400";
  return (
    <>
      <h1 className="text-2xl font-bold">Source listing, 14 March 2025</h1>
      <p className="mt-2 text-sm text-zinc-700 dark:text-zinc-300">
        The demo papers of{" "}
        <AppLink href={`/?date=${DEMO_FEATURED_ON}`} className={link}>
          14 March 2025
        </AppLink>{" "}
        were imported from a Hugging Face daily papers listing copied as text: titles and abstracts only. {matched} of{" "}
        {papers.length} were matched by title to a public Hugging Face data set, which gave their arXiv id, authors,
        votes and links; the others link to an arXiv title search on their page.
      </p>
      {papers.length === 0 ? (
        <p className="mt-4">The demo papers are not in this database.</p>
      ) : (
        <ol className="mt-4 list-decimal space-y-1 pl-8 text-sm">
          {papers.map((p) => (
            <li key={p.id}>
              <AppLink href={paperPath(p)} className={link}>
                {p.title}
              </AppLink>{" "}
              <span className="text-zinc-600 dark:text-zinc-400">
                {p.arxivId ? `arXiv ${p.arxivId}` : "no arXiv id"}
              </span>
            </li>
          ))}
        </ol>
      )}
    </>
  );
}
