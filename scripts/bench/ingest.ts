// `npm run bench:ingest [-- path/to/file.jsonl]`: imports the full JSON Lines
// data set (../shared/data/hf-daily-papers.jsonl) into a fresh Postgres
// database of its own, then imports it again, and prints papers/s for both.
// The re-import must change nothing: its counts and a checksum of the papers
// and topic tables are verified. BENCH_DATABASE_URL picks the database
// (default postgresql://postgres@127.0.0.1:5432/paperboy_bench_ingest); it is
// dropped and re-created.
import { readFile } from "node:fs/promises";
import path from "node:path";
import { connectDatabase, disconnectDatabase, type PrismaClient } from "@/lib/db/client";
import { migrate } from "@/lib/db/migrate";
import { parseJsonLines } from "@/lib/ingest/jsonl";
import { storePapers } from "@/lib/ingest/store";
import { prepareDatabase } from "./db";

const dataFile = path.resolve(
  process.argv[2] ?? path.join(process.cwd(), "..", "shared", "data", "hf-daily-papers.jsonl"),
);
const url = process.env.BENCH_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/paperboy_bench_ingest";

/** A checksum of every stored paper and topic link: equal before and after means nothing changed. */
async function snapshot(db: PrismaClient) {
  const [row] = await db.$queryRaw<{ papers: bigint; links: bigint; digest: string }[]>`
    SELECT (SELECT count(*) FROM papers) AS papers,
           (SELECT count(*) FROM paper_topics) AS links,
           md5(coalesce((SELECT string_agg(md5(p::text), '' ORDER BY id) FROM papers p), '') ||
               coalesce((SELECT string_agg(pt::text, '' ORDER BY paper_id, topic_id) FROM paper_topics pt), '')) AS digest`;
  return { papers: Number(row!.papers), links: Number(row!.links), digest: row!.digest };
}

const rate = (n: number, ms: number) => Math.round(n / (ms / 1000)).toLocaleString("en");

async function main() {
  console.log(`data: ${dataFile}\ndatabase: ${url.replace(/\/\/[^@]*@/, "//")} (fresh)`);
  await prepareDatabase(url, { fresh: true });
  await migrate(url);
  const db = connectDatabase(url, { max: 4 });
  // Connected before timing, as a running app's client is: the throughput measured is the import's.
  const c0 = performance.now();
  await db.$connect();
  console.log(`client connected in ${Math.round(performance.now() - c0)} ms (not counted below)`);

  const runs = [];
  for (const label of ["first import", "re-import"]) {
    const t0 = performance.now();
    const parsed = parseJsonLines(await readFile(dataFile, "utf8"));
    if (!parsed.ok) throw new Error(parsed.error);
    const t1 = performance.now();
    const summary = await storePapers(parsed.papers);
    const t2 = performance.now();
    const after = await snapshot(db);
    runs.push({ label, parsed, summary, after, parseMs: t1 - t0, storeMs: t2 - t1 });
    console.log(
      `${label}: ${parsed.papers.length} papers (${parsed.rejected.length} rejected) in ${((t2 - t0) / 1000).toFixed(2)} s ` +
        `= ${rate(parsed.papers.length, t2 - t0)} papers/s end to end ` +
        `(parse ${((t1 - t0) / 1000).toFixed(2)} s; store ${((t2 - t1) / 1000).toFixed(2)} s = ${rate(parsed.papers.length, t2 - t1)} papers/s)`,
    );
    console.log(
      `  ${summary.created} new, ${summary.updated} updated, ${summary.unchanged} unchanged; ` +
        `table: ${after.papers} papers, ${after.links} topic links`,
    );
  }
  await disconnectDatabase();

  const [first, second] = runs as [(typeof runs)[0], (typeof runs)[0]];
  const unchanged =
    second.summary.created === 0 &&
    second.summary.updated === 0 &&
    second.summary.unchanged === second.parsed.papers.length &&
    second.after.digest === first.after.digest;
  console.log(`re-import changed nothing: ${unchanged ? "yes" : "NO"} (checksum ${second.after.digest})`);
  if (!unchanged) process.exitCode = 1;
}

main().catch((error: unknown) => {
  console.error(`bench failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
