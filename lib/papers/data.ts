import { prisma } from "../db/client";

export type PaperListItem = {
  id: number;
  title: string;
  summary: string;
  repoUrl: string | null;
  projectUrl: string | null;
  featuredOn: Date;
  upvotes: number;
};

/** Papers of the latest featured day, in the source's listing order. */
export async function latestDayPapers(limit = 200): Promise<{ day: Date | null; papers: PaperListItem[] }> {
  const db = prisma();
  const latest = await db.paper.findFirst({ orderBy: { featuredOn: "desc" }, select: { featuredOn: true } });
  if (!latest) return { day: null, papers: [] };
  const papers = await db.paper.findMany({
    where: { featuredOn: latest.featuredOn },
    orderBy: [{ sourceRank: "asc" }, { id: "asc" }],
    take: limit,
    select: { id: true, title: true, summary: true, repoUrl: true, projectUrl: true, featuredOn: true, upvotes: true },
  });
  return { day: latest.featuredOn, papers };
}
