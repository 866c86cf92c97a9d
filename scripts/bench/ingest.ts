// `npm run bench:ingest [-- path/to/file.jsonl]`: imports the full JSON Lines
// data set (../shared/data/hf-daily-papers.jsonl) into a fresh Postgres
// database of its own, then imports it again, and prints papers/s for both.
// The re-import must change nothing: its counts and a checksum of the papers
// and topic tables are verified. BENCH_DATABASE_URL picks the database
// (default postgresql://postgres@127.0.0.1:5432/paperboy_bench_ingest); it is
// dropped and re-created. The first import stores papers without their related
// papers; that job is timed on its own afterwards. Last, a plain server-side
// `COPY` of the same rows into an unindexed table (the physical limit of
// writing them) is timed in the same run, and the import's rate printed as a
// share of it: the ratio is what compares across machines. Beside it, the
// search vectors of the same rows computed alone (the generated column's own
// expression, read from the catalog, over the copied table): work every import
// must do per paper, so the share of COPY no import can exceed.
import { chmod, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { connectDatabase, disconnectDatabase, type PrismaClient } from "@/lib/db/client";
import { migrate } from "@/lib/db/migrate";
import { parseJsonLines } from "@/lib/ingest/jsonl";
import type { NormalizedPaper } from "@/lib/ingest/paper";
import { storePapers } from "@/lib/ingest/store";
import { computeRelated } from "@/lib/papers/related";
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

const csvField = (v: unknown) => {
  if (v === null || v === undefined) return "";
  const text = Array.isArray(v)
    ? `{${v.map((x) => `"${String(x).replaceAll("\\", "\\\\").replaceAll('"', '\\"')}"`).join(",")}}`
    : String(v);
  return `"${text.replaceAll('"', '""')}"`;
};

/**
 * Milliseconds for a server-side COPY of the papers' columns into an unindexed table, and for
 * computing the search vectors of the copied rows alone; null when the server cannot read our file.
 */
async function plainCopy(
  db: PrismaClient,
  papers: NormalizedPaper[],
): Promise<{ copyMs: number; vectorMs: number } | null> {
  const file = path.join(tmpdir(), `paperboy-bench-copy-${process.pid}.csv`);
  const rows = papers.map((p) =>
    [
      p.arxivId,
      p.title,
      p.summary,
      p.authors,
      p.repoUrl,
      p.projectUrl,
      p.publishedAt?.toISOString(),
      p.featuredOn,
      p.source,
      p.sourceRank,
      p.upvotes ?? 0,
    ]
      .map(csvField)
      .join(","),
  );
  await writeFile(file, `${rows.join("\n")}\n`);
  await chmod(file, 0o644);
  try {
    await db.$executeRawUnsafe(`DROP TABLE IF EXISTS bench_copy`);
    await db.$executeRawUnsafe(
      `CREATE UNLOGGED TABLE bench_copy (arxiv_id text, title text, summary text, authors text[], repo_url text, project_url text,
         published_at timestamptz, featured_on date, source text, source_rank int, upvotes int)`,
    );
    const t0 = performance.now();
    await db.$executeRawUnsafe(`COPY bench_copy FROM '${file}' WITH (FORMAT csv)`);
    const copyMs = performance.now() - t0;
    const [column] = await db.$queryRawUnsafe<{ expr: string }[]>(
      `SELECT pg_get_expr(d.adbin, d.adrelid) AS expr FROM pg_attrdef d
         JOIN pg_attribute a ON a.attrelid = d.adrelid AND a.attnum = d.adnum
        WHERE d.adrelid = 'papers'::regclass AND a.attname = 'search_vector'`,
    );
    const t1 = performance.now();
    await db.$queryRawUnsafe(`SELECT sum(length(${column!.expr})) FROM bench_copy`);
    return { copyMs, vectorMs: performance.now() - t1 };
  } catch (error) {
    console.log(`plain COPY skipped: ${error instanceof Error ? error.message.split("\n").at(-1) : String(error)}`);
    return null;
  } finally {
    await rm(file, { force: true });
    await db.$executeRawUnsafe(`DROP TABLE IF EXISTS bench_copy`).catch(() => undefined);
  }
}

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
    const summary = await storePapers(parsed.papers, { related: false });
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
  const [firstRun] = runs as [(typeof runs)[0]];
  const r0 = performance.now();
  const related = await computeRelated(firstRun.summary.createdIds);
  const relatedMs = performance.now() - r0;
  console.log(
    `related papers of the ${related.papers} new papers (separate job): ${(relatedMs / 1000).toFixed(1)} s = ${rate(related.papers, relatedMs)} papers/s`,
  );
  const copy = await plainCopy(db, firstRun.parsed.papers);
  if (copy !== null) {
    const n = firstRun.parsed.papers.length;
    const firstMs = firstRun.parseMs + firstRun.storeMs;
    console.log(
      `plain COPY of the same ${n} rows into an unindexed table: ${(copy.copyMs / 1000).toFixed(2)} s = ${rate(n, copy.copyMs)} papers/s; ` +
        `first import runs at ${((100 * copy.copyMs) / firstMs).toFixed(0)} % of it`,
    );
    console.log(
      `their search vectors alone (one statement, one core): ${(copy.vectorMs / 1000).toFixed(2)} s = ${rate(n, copy.vectorMs)} papers/s; ` +
        `COPY + vectors is ${((100 * copy.copyMs) / (copy.copyMs + copy.vectorMs)).toFixed(0)} % of COPY's rate, ` +
        `and the import runs at ${((100 * (copy.copyMs + copy.vectorMs)) / firstMs).toFixed(0)} % of COPY + vectors`,
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
