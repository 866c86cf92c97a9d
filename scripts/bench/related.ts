// `npm run bench:related`: recomputes the related papers of every paper in an
// existing database (BENCH_DATABASE_URL, required: it is read and its
// paper_related table rewritten, nothing else changes) and prints the backfill
// rate; BENCH_LIMIT=n times only the first n papers. BENCH_SHOW=n then prints
// n papers spread over the table, each with its related papers' titles, for
// judging them by reading.
import { connectDatabase, db, disconnectDatabase } from "@/lib/db/client";
import { computeRelated, countSearchTerms, recomputeAllRelated } from "@/lib/papers/related";

const url = process.env.BENCH_DATABASE_URL;
const limit = Number(process.env.BENCH_LIMIT ?? 0);
const show = Number(process.env.BENCH_SHOW ?? 0);

async function main() {
  if (!url) throw new Error("set BENCH_DATABASE_URL to a database with papers");
  connectDatabase(url, { max: 4 });
  const [{ n }] = (await db().$queryRawUnsafe<{ n: bigint }[]>(`SELECT count(*) AS n FROM papers`)) as [{ n: bigint }];
  console.log(`database: ${url.replace(/\/\/[^@]*@/, "//")}, ${Number(n).toLocaleString("en")} papers`);
  const t0 = performance.now();
  await countSearchTerms();
  const t1 = performance.now();
  console.log(`term frequencies counted in ${((t1 - t0) / 1000).toFixed(1)} s`);
  let done: { papers: number; rows: number };
  if (limit > 0) {
    const ids = await db().$queryRawUnsafe<{ id: number }[]>(`SELECT id FROM papers ORDER BY id LIMIT $1`, limit);
    done = await computeRelated(ids.map((r) => r.id));
  } else {
    done = await recomputeAllRelated((papers) => {
      if (papers % 10_000 === 0) console.error(`  ${papers.toLocaleString("en")} papers`);
    });
  }
  const seconds = (performance.now() - t1) / 1000;
  console.log(
    `related papers: ${done.papers.toLocaleString("en")} papers (${done.rows.toLocaleString("en")} rows) in ${seconds.toFixed(1)} s = ` +
      `${Math.round(done.papers / seconds).toLocaleString("en")} papers/s`,
  );

  if (show > 0) {
    const sample = await db().$queryRawUnsafe<{ id: number; title: string; day: string }[]>(
      `SELECT id, title, featured_on::text AS day FROM papers
        WHERE id IN (SELECT paper_id FROM paper_related) ORDER BY hashint4(id) LIMIT $1`,
      show,
    );
    for (const paper of sample) {
      console.log(`\n#${paper.id} (${paper.day}) ${paper.title}`);
      const related = await db().$queryRawUnsafe<{ id: number; title: string; day: string; score: number }[]>(
        `SELECT p.id, p.title, p.featured_on::text AS day, r.score FROM paper_related r JOIN papers p ON p.id = r.related_id
          WHERE r.paper_id = $1 ORDER BY r.position`,
        paper.id,
      );
      for (const r of related) console.log(`  ${r.score.toFixed(1).padStart(5)}  #${r.id} (${r.day}) ${r.title}`);
    }
  }
  await disconnectDatabase();
}

main().catch((error: unknown) => {
  console.error(`bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  process.exit(1);
});
