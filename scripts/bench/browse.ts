// `npm run bench:browse`: seeds synthetic papers made from real abstracts
// (../shared/data/hf-daily-papers.jsonl) into a real Postgres database of its
// own, then prints
//   1. p50/p95 of the browse queries (feed week with and without a topic,
//      search alone, with a period and with a topic, paper page), through the same lib/
//      functions the pages call;
//   2. HTTP requests/s and p99 (autocannon, same concurrency for every target)
//      of the feed (plain and brotli, as browsers ask), topic, search and paper
//      pages served as `npm start` serves them, next to a small page that reads no
//      data (/about, cached like them) and, for each, the very bytes it sent
//      served by a bare node:http server (the physical limit for a response of
//      that size: a 300 KB feed page can't be compared with a 17 KB page).
//
// Settings (environment): BENCH_DATABASE_URL (default
// postgresql://postgres@127.0.0.1:5432/paperboy_bench; the database is
// dropped and recreated), BENCH_SIZES (default "10000,1000000"),
// BENCH_SECONDS per HTTP target (default 10; 0 skips HTTP), BENCH_CONNECTIONS
// (default 10), BENCH_PORT (default 3202; the static server uses +1),
// BENCH_DATA (the JSONL file), BENCH_REUSE=1 (keep a database already seeded
// with the same number of papers instead of seeding again). Before timing, the
// related papers of the papers the benchmark opens are computed (the backfill
// rate is printed); after timing, EXPLAIN (ANALYZE, BUFFERS) of the feed
// queries and of the ranking statement of a broad and a rare search is printed.
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import http from "node:http";
import { createRequire } from "node:module";
import path from "node:path";
import pg from "pg";
import { connectDatabase, disconnectDatabase } from "@/lib/db/client";
import { migrate } from "@/lib/db/migrate";
import { feedPage, paperById, rangeSql, relatedPapers } from "@/lib/papers/data";
import { computeRelated } from "@/lib/papers/related";
import { rankSql, searchPapers } from "@/lib/papers/search";
import { prepareDatabase } from "./db";

const DATABASE_URL = process.env.BENCH_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/paperboy_bench";
const SIZES = (process.env.BENCH_SIZES ?? "10000,1000000").split(",").map((s) => Number(s.trim()));
const HTTP_SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 10);
const PORT = Number(process.env.BENCH_PORT ?? 3202);
const REUSE = process.env.BENCH_REUSE === "1";
const DATA = process.env.BENCH_DATA ?? path.join(process.cwd(), "..", "shared", "data", "hf-daily-papers.jsonl");
const QUERY_RUNS = 100;
/** Papers per featured day: constant, so a week holds the same number of papers at every size. */
const PER_DAY = 300;
const LAST_DAY = "2025-03-14";
const TOPICS = 20;
const SEARCHES = [
  "diffusion",
  "reinforcement learning",
  '"mixture of experts"',
  "quantization -survey",
  "video or audio",
  "agent benchmark",
  "robot manipulation",
  "long context",
  // Broad one-word queries: most papers match them.
  "model",
  "learning",
];

process.env.APP_SECRET ??= "bench-secret-".padEnd(40, "x");

const require = createRequire(import.meta.url);
type AutocannonResult = {
  requests: { average: number };
  latency: { p99: number; p50: number };
  non2xx: number;
  errors: number;
};
const autocannon = require("autocannon") as (opts: object) => Promise<AutocannonResult>;

function log(message: string) {
  console.error(`[bench] ${message}`);
}

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;

/** EXPLAIN (ANALYZE, BUFFERS) of the feed's statement for a week, with and without a topic. */
async function explainFeed() {
  const client = new pg.Client({ connectionString: DATABASE_URL });
  await client.connect();
  const from = "2025-03-03";
  const to = "2025-03-10";
  const topic = await client.query<{ id: number }>(`SELECT id FROM topics WHERE slug = 'topic-3'`);
  for (const [label, topicIds] of [
    ["feed: week", []],
    ["feed: week + topic", [topic.rows[0]?.id ?? 0]],
  ] as const) {
    const { text, values } = rangeSql({
      from,
      to,
      topicIds: [...topicIds],
      sort: "trending",
      refDay: LAST_DAY,
      limit: 50,
    });
    const plan = await client.query<{ "QUERY PLAN": string }>(`EXPLAIN (ANALYZE, BUFFERS) ${text}`, values);
    console.log(`\nEXPLAIN (ANALYZE, BUFFERS) ${label}:\n${plan.rows.map((r) => r["QUERY PLAN"]).join("\n")}`);
  }
  await client.end();
}

/** Searches whose ranking statement is explained: a broad one (a recency window) and a rare one (all matches). */
const EXPLAINED_SEARCHES = [
  ["search: broad", "model"],
  ["search: rare", "weather"],
] as const;

/**
 * EXPLAIN (ANALYZE, BUFFERS) of the ranking statement of each explained search, as its first page
 * runs it; a window's statement both ways (read by day, and through the GIN index's bitmap), as
 * scanWindow chooses between them.
 */
async function explainSearch() {
  const client = new pg.Client({ connectionString: DATABASE_URL });
  await client.connect();
  for (const [label, q] of EXPLAINED_SEARCHES) {
    const result = await searchPapers({ q, topic: [], limit: 20 });
    if (!result.ok || result.status !== "results") continue;
    const tsquery = await client.query<{ t: string }>(`SELECT websearch_to_tsquery('english', $1)::text AS t`, [q]);
    for (const scan of result.recent ? [true, false] : [false]) {
      const { text, values } = rankSql({
        tsquery: tsquery.rows[0]!.t,
        range: result.range,
        topicIds: [],
        windowed: result.recent,
        scan,
        popular: true,
        refDay: LAST_DAY,
        limit: 20,
      });
      const plan = await client.query<{ "QUERY PLAN": string }>(`EXPLAIN (ANALYZE, BUFFERS) ${text}`, values);
      const scope = result.recent
        ? `window ${result.range?.from} – ${result.range?.to}, ${scan ? "read by day" : "through the index"}`
        : "all matches";
      console.log(
        `\nEXPLAIN (ANALYZE, BUFFERS) ${label} "${q}" (${scope}):\n${plan.rows.map((r) => r["QUERY PLAN"]).join("\n")}`,
      );
    }
  }
  await client.end();
}

async function seededSize(): Promise<number> {
  const client = new pg.Client({ connectionString: DATABASE_URL });
  try {
    await client.connect();
    const r = await client.query<{ n: string }>(`SELECT count(*) AS n FROM papers`);
    return Number(r.rows[0]?.n ?? 0);
  } catch {
    return 0;
  } finally {
    await client.end().catch(() => undefined);
  }
}

async function resetDatabase() {
  await prepareDatabase(DATABASE_URL, { fresh: true });
  await migrate(DATABASE_URL);
}

type Source = { title: string; summary: string; authors: string[] };

function loadSources(): Source[] {
  const rows: Source[] = [];
  for (const line of readFileSync(DATA, "utf8").split("\n")) {
    if (!line.trim()) continue;
    const r = JSON.parse(line) as { title: string; summary: string | null; authors: string[] | null };
    if (r.summary) rows.push({ title: r.title, summary: r.summary, authors: r.authors ?? [] });
  }
  return rows;
}

async function seed(size: number, sources: Source[]) {
  const client = new pg.Client({ connectionString: DATABASE_URL });
  await client.connect();
  const started = Date.now();
  await client.query("SET maintenance_work_mem = '256MB'");
  await client.query("CREATE TEMP TABLE src (i int PRIMARY KEY, title text, summary text, authors text[])");
  await client.query(
    `INSERT INTO src SELECT (t.n - 1)::int, t.x->>'title', t.x->>'summary', ARRAY(SELECT jsonb_array_elements_text(t.x->'authors'))
       FROM jsonb_array_elements($1::jsonb) WITH ORDINALITY AS t(x, n)`,
    [JSON.stringify(sources)],
  );
  // Bulk load without the GIN index, then build it once (much faster than per-row maintenance).
  await client.query(`DROP INDEX "papers_search_vector_idx"`);
  const n = sources.length;
  // Each synthetic paper: a real title (with a variant suffix after the first
  // round), a real abstract plus the first sentence of another, real authors,
  // PER_DAY papers a day going back from LAST_DAY, pseudo-random upvotes.
  const CHUNK = 100_000;
  for (let from = 1; from <= size; from += CHUNK) {
    const to = Math.min(size, from + CHUNK - 1);
    await client.query(
      `INSERT INTO papers (title_key, title, summary, authors, featured_on, source, sources, source_rank, upvotes, repo_url, updated_at)
       SELECT 'bench-' || g,
              s.title || CASE WHEN g > $3 THEN ' (variant ' || (g / $3) || ')' ELSE '' END,
              s.summary || ' ' || split_part(s2.summary, '. ', 1) || '.',
              s.authors,
              DATE '${LAST_DAY}' - ((g - 1) / ${PER_DAY})::int,
              'bench', ARRAY['bench'], (g - 1) % ${PER_DAY},
              ((hashint4(g)::bigint % 250) + 250) % 250,
              CASE WHEN g % 4 = 0 THEN 'https://github.com/bench/repo-' || g END,
              now()
         FROM generate_series($1::int, $2::int) AS g
         JOIN src s ON s.i = g % $3
         JOIN src s2 ON s2.i = ((g::bigint * 7919) % $3)::int`,
      [from, to, n],
    );
    log(
      `  inserted ${to.toLocaleString("en")} / ${size.toLocaleString("en")} papers (${((Date.now() - started) / 1000).toFixed(0)} s)`,
    );
  }
  await client.query(
    `INSERT INTO topics (slug, name, description) SELECT 'topic-' || t, 'Topic ' || t, 'Synthetic topic ' || t FROM generate_series(1, ${TOPICS}) t`,
  );
  await client.query(
    `INSERT INTO paper_topics (paper_id, topic_id, evidence) SELECT id, 1 + id % ${TOPICS}, ARRAY['bench'] FROM papers`,
  );
  await client.query(
    `INSERT INTO paper_topics (paper_id, topic_id, evidence) SELECT id, 1 + (id * 7 + 3) % ${TOPICS}, ARRAY['bench'] FROM papers
      WHERE id % 3 = 0 AND (id * 7 + 3) % ${TOPICS} <> id % ${TOPICS}`,
  );
  log(`  building the GIN index…`);
  await client.query(`CREATE INDEX "papers_search_vector_idx" ON "papers" USING GIN ("search_vector")`);
  await client.query("VACUUM ANALYZE");
  const seconds = (Date.now() - started) / 1000;
  await client.end();
  return seconds;
}

async function time(runs: number, fn: (i: number) => Promise<unknown>) {
  for (let i = 0; i < 10; i++) await fn(i);
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await fn(i);
    samples.push(performance.now() - t);
  }
  samples.sort((a, b) => a - b);
  return { p50: percentile(samples, 50), p95: percentile(samples, 95), max: samples.at(-1)! };
}

async function queryLatencies(size: number) {
  connectDatabase(DATABASE_URL);
  const days = Math.ceil(size / PER_DAY);
  const dayAt = (i: number) => {
    const d = new Date(`${LAST_DAY}T00:00:00Z`);
    d.setUTCDate(d.getUTCDate() - ((i * 37) % days));
    return d.toISOString().slice(0, 10);
  };
  const id = (i: number) => 1 + ((i * 104_729) % size);
  const opened = [...new Set(Array.from({ length: QUERY_RUNS + 10 }, (_, i) => id(i)))];
  const t0 = performance.now();
  await computeRelated(opened);
  const relatedSeconds = (performance.now() - t0) / 1000;
  log(
    `  related papers of the ${opened.length} papers opened: ${relatedSeconds.toFixed(1)} s = ${(opened.length / relatedSeconds).toFixed(0)} papers/s (includes counting term frequencies when stale)`,
  );
  return {
    "feed: week": await time(QUERY_RUNS, (i) =>
      feedPage({ period: "week", date: dayAt(i), topic: [], sort: "trending", limit: 50 }),
    ),
    "feed: week + topic": await time(QUERY_RUNS, (i) =>
      feedPage({ period: "week", date: dayAt(i), topic: [`topic-${1 + (i % TOPICS)}`], sort: "trending", limit: 50 }),
    ),
    "feed: week, page 2": await time(QUERY_RUNS, async (i) => {
      const first = await feedPage({ period: "week", date: dayAt(i), topic: [], sort: "votes", limit: 50 });
      if (first.ok && first.nextCursor)
        await feedPage({
          period: "week",
          date: dayAt(i),
          topic: [],
          sort: "votes",
          limit: 50,
          cursor: first.nextCursor,
        });
    }),
    search: await time(QUERY_RUNS, (i) => searchPapers({ q: SEARCHES[i % SEARCHES.length]!, topic: [], limit: 20 })),
    "search + week": await time(QUERY_RUNS, (i) =>
      searchPapers({ q: SEARCHES[i % SEARCHES.length]!, period: "week", date: dayAt(i), topic: [], limit: 20 }),
    ),
    "search + topic": await time(QUERY_RUNS, (i) =>
      searchPapers({ q: SEARCHES[i % SEARCHES.length]!, topic: [`topic-${1 + (i % TOPICS)}`], limit: 20 }),
    ),
    "paper: detail": await time(QUERY_RUNS, (i) => paperById(id(i))),
    "paper: related": await time(QUERY_RUNS, (i) => relatedPapers(id(i))),
  };
}

/** Which searches make the p95: each query's p50 and worst of 10 runs, alone and with a topic. */
async function searchBreakdown() {
  for (const q of SEARCHES) {
    const alone = await time(10, () => searchPapers({ q, topic: [], limit: 20 }));
    const topic = await time(10, (i) => searchPapers({ q, topic: [`topic-${1 + (i % TOPICS)}`], limit: 20 }));
    log(
      `    search ${JSON.stringify(q)}: p50 ${alone.p50.toFixed(1)} ms, worst ${alone.max.toFixed(1)} ms; with a topic p50 ${topic.p50.toFixed(1)} ms, worst ${topic.max.toFixed(1)} ms`,
    );
  }
}

function newestMtime(p: string): number {
  if (!existsSync(p)) return 0;
  const s = statSync(p);
  if (!s.isDirectory()) return s.mtimeMs;
  return Math.max(s.mtimeMs, ...readdirSync(p).map((e) => newestMtime(path.join(p, e))));
}

function ensureBuild() {
  const buildId = path.join(process.cwd(), ".next", "BUILD_ID");
  const sources = Math.max(
    ...["app", "components", "lib", "next.config.ts"].map((p) => newestMtime(path.join(process.cwd(), p))),
  );
  if (existsSync(buildId) && statSync(buildId).mtimeMs > sources) return;
  log("building the app…");
  const r = spawnSync(process.execPath, [path.join("node_modules", "next", "dist", "bin", "next"), "build"], {
    stdio: ["ignore", "ignore", "inherit"],
    env: { ...process.env, NODE_ENV: "production" },
  });
  if (r.status !== 0) throw new Error("next build failed");
}

async function waitFor(url: string, timeoutMs = 60_000) {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error(`${url} did not come up`);
}

async function load(url: string, headers: Record<string, string> = {}) {
  const r = await autocannon({ url, connections: CONNECTIONS, duration: HTTP_SECONDS, headers });
  return { rps: r.requests.average, p99: r.latency.p99, bad: r.non2xx + r.errors };
}

/** A response's body as sent (not decompressed) and its Content-Encoding. */
function rawGet(url: string, headers: Record<string, string>): Promise<{ body: Buffer; encoding?: string }> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => resolve({ body: Buffer.concat(chunks), encoding: res.headers["content-encoding"] }));
      })
      .on("error", reject);
  });
}

type HttpTarget = { name: string; url: string; headers?: Record<string, string> };
type HttpResult = { rps: number; p99: number; bad: number; bytes: number; bare?: number };

async function httpBench(): Promise<Record<string, HttpResult>> {
  ensureBuild();
  // The Next server as `npm start` runs it (scripts/serve.ts: the page cache's fast path in front of
  // Next), without the supervisor: the database is already migrated and seeded.
  const server: ChildProcess = spawn(
    process.execPath,
    [path.join("node_modules", "tsx", "dist", "cli.mjs"), "scripts/serve.ts"],
    {
      env: {
        ...process.env,
        NODE_ENV: "production",
        DATABASE_URL,
        PORT: String(PORT),
        APP_URL: `http://127.0.0.1:${PORT}`,
      },
      stdio: ["ignore", "ignore", "inherit"],
    },
  );
  const base = `http://127.0.0.1:${PORT}`;
  // Each target's bytes, exactly as sent, from a bare node:http server: the physical limit for a
  // response of that size on this machine, the fair reference for a large page.
  const bare = new Map<string, { body: Buffer; encoding?: string }>();
  const staticServer = http.createServer((req, res) => {
    const sent = bare.get(req.url ?? "");
    if (!sent) return void res.writeHead(404).end();
    res.writeHead(200, {
      "Content-Type": "text/html; charset=utf-8",
      "Content-Length": sent.body.length,
      ...(sent.encoding ? { "Content-Encoding": sent.encoding } : {}),
    });
    res.end(sent.body);
  });
  try {
    await waitFor(`${base}/api/health`);
    await new Promise<void>((r) => staticServer.listen(PORT + 1, "127.0.0.1", r));
    const brotli = { "accept-encoding": "br" };
    const targets: HttpTarget[] = [
      { name: "feed page (/?period=week)", url: `${base}/?period=week` },
      { name: "feed page, brotli (as browsers ask)", url: `${base}/?period=week`, headers: brotli },
      { name: "topic page", url: `${base}/topics/topic-3` },
      { name: "search page (live)", url: `${base}/search?q=diffusion` },
      // The canonical URL: a row id answers 308 to it (lib/papers/url.ts).
      { name: "paper page", url: (await fetch(`${base}/papers/4242`)).url },
      { name: "(b) small page, next start", url: `${base}/about` },
    ];
    const results: Record<string, HttpResult> = {};
    for (const [i, target] of targets.entries()) {
      for (let n = 0; n < 6; n++) await rawGet(target.url, target.headers ?? {}); // warms the caches
      const sent = await rawGet(target.url, target.headers ?? {});
      bare.set(`/${i}`, sent);
      results[target.name] = { ...(await load(target.url, target.headers)), bytes: sent.body.length };
      results[target.name]!.bare = (await load(`http://127.0.0.1:${PORT + 1}/${i}`)).rps;
      log(
        `  ${target.name}: ${results[target.name]!.rps.toFixed(0)} req/s, same bytes from node:http ${results[target.name]!.bare!.toFixed(0)}`,
      );
    }
    return results;
  } finally {
    staticServer.close();
    server.kill("SIGTERM");
    await new Promise((r) => server.once("exit", r));
  }
}

async function main() {
  const sources = loadSources();
  log(`${sources.length.toLocaleString("en")} real abstracts from ${DATA}`);
  const report: string[] = [];
  const queryTables: Record<number, Awaited<ReturnType<typeof queryLatencies>>> = {};
  for (const size of SIZES) {
    log(`seeding ${size.toLocaleString("en")} papers into ${DATABASE_URL.replace(/\/\/[^@]*@/, "//")}`);
    if (REUSE && (await seededSize()) === size) {
      await migrate(DATABASE_URL);
      log(`  reusing the ${size.toLocaleString("en")} papers already there; timing queries…`);
    } else {
      await resetDatabase();
      const seconds = await seed(size, sources);
      log(`  seeded in ${seconds.toFixed(0)} s; timing queries…`);
    }
    queryTables[size] = await queryLatencies(size);
    // Printed as soon as measured, so a long run that is stopped keeps its numbers.
    for (const [name, r] of Object.entries(queryTables[size]!))
      log(`  ${name}: p50 ${r.p50.toFixed(2)} ms, p95 ${r.p95.toFixed(2)} ms`);
    await searchBreakdown();
    await explainFeed();
    await explainSearch();
    if (HTTP_SECONDS > 0) {
      log(`HTTP at ${size.toLocaleString("en")} papers, ${CONNECTIONS} connections, ${HTTP_SECONDS} s per target`);
      const http = await httpBench();
      const ceiling = http["(b) small page, next start"]!.rps;
      report.push(
        `\nHTTP at ${size.toLocaleString("en")} papers (autocannon, ${CONNECTIONS} connections, ${HTTP_SECONDS} s each)\n` +
          `| target | req/s | p99 ms | % of (b) | same bytes, node:http req/s | % of it | bytes sent | non-2xx |\n|---|---:|---:|---:|---:|---:|---:|---:|\n` +
          Object.entries(http)
            .map(
              ([name, r]) =>
                `| ${name} | ${r.rps.toFixed(0)} | ${r.p99} | ${((100 * r.rps) / ceiling).toFixed(0)}% | ${r.bare?.toFixed(0)} | ${((100 * r.rps) / (r.bare ?? Number.NaN)).toFixed(0)}% | ${r.bytes} | ${r.bad} |`,
            )
            .join("\n"),
      );
    }
    await disconnectDatabase();
  }
  const names = Object.keys(queryTables[SIZES[0]!]!);
  const header = `| query | ${SIZES.map((s) => `p50 / p95 ms at ${s.toLocaleString("en")}`).join(" | ")} |`;
  const table = [
    `Query latency (${QUERY_RUNS} runs each after 10 warm-up runs; whole lib/ call incl. topic chips and navigation)`,
    header,
    `|---|${SIZES.map(() => "---:").join("|")}|`,
    ...names.map((name) => {
      const cells = SIZES.map((s) => {
        const r = (queryTables[s] as Record<string, { p50: number; p95: number }>)[name]!;
        return `${r.p50.toFixed(2)} / ${r.p95.toFixed(2)}`;
      });
      return `| ${name} | ${cells.join(" | ")} |`;
    }),
  ];
  console.log([table.join("\n"), ...report].join("\n"));
}

main().catch((error) => {
  console.error(`[bench] failed: ${error instanceof Error ? error.stack : String(error)}`);
  process.exit(1);
});
