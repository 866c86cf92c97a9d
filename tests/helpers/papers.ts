import { db } from "@/lib/db/client";

// Direct inserts of papers and topic links for browse tests (the topic
// classifier is not needed to test filtering).

export type PaperFixture = {
  title: string;
  summary?: string;
  authors?: string[];
  featuredOn: string;
  upvotes?: number;
  sourceRank?: number;
  arxivId?: string | null;
  repoUrl?: string | null;
};

let counter = 0;

export async function insertPapers(papers: PaperFixture[]): Promise<number[]> {
  const ids: number[] = [];
  for (const p of papers) {
    const created = await db().paper.create({
      data: {
        title: p.title,
        titleKey: `${p.title.toLowerCase()} #${++counter}`,
        summary: p.summary ?? "",
        authors: p.authors ?? [],
        featuredOn: new Date(`${p.featuredOn}T00:00:00Z`),
        upvotes: p.upvotes ?? 0,
        sourceRank: p.sourceRank ?? 0,
        arxivId: p.arxivId ?? null,
        repoUrl: p.repoUrl ?? null,
        source: "test",
        sources: ["test"],
      },
      select: { id: true },
    });
    ids.push(created.id);
  }
  return ids;
}

export async function insertTopic(slug: string, paperIds: number[], evidence: string[] = [slug]): Promise<number> {
  const topic = await db().topic.create({ data: { slug, name: slug.toUpperCase(), description: `About ${slug}` } });
  if (paperIds.length) {
    await db().paperTopic.createMany({ data: paperIds.map((paperId) => ({ paperId, topicId: topic.id, evidence })) });
  }
  return topic.id;
}
