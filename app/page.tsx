import { PaperCard } from "@/components/paper-card";
import { latestDayPapers } from "@/lib/papers/data";

export const dynamic = "force-dynamic";

export default async function HomePage() {
  const { day, papers } = await latestDayPapers();
  return (
    <>
      <h1 className="text-2xl font-bold">Trending papers</h1>
      {day && (
        <p className="text-sm text-zinc-600 dark:text-zinc-400">
          Featured on {day.toISOString().slice(0, 10)} · {papers.length} papers
        </p>
      )}
      {papers.length === 0 ? (
        <p className="mt-6">No papers yet.</p>
      ) : (
        <div className="mt-4">
          {papers.map((p) => (
            <PaperCard key={p.id} paper={p} />
          ))}
        </div>
      )}
    </>
  );
}
