// `npm run bench:load`: load test of the production build on real Postgres.
// N concurrent clients (default 100) for S seconds (default 60), each a
// loop of requests drawn from a mix of feed, topic, search, paper page, vote
// and subscribe requests. Prints p50/p99 per route, 5xx and failed requests
// (network errors, timeouts), and 429s (the rate limiter doing its job)
// separately, and how many answers came from the page cache. A second phase
// (BENCH_VIEW_SECONDS, default 20) sends only feed, topic and paper page views
// and prints the app CPU of one cached view. Target: 0 5xx and 0 failed.
//
//   BENCH_DATABASE_URL=postgresql://postgres@127.0.0.1:5432/paperboy_bench npm run bench:load
//   (or BENCH_URL=http://127.0.0.1:3000 with DATABASE_URL of that app's database)
//   BENCH_CLIENTS=100 BENCH_SECONDS=60 BENCH_VIEW_SECONDS=20 BENCH_PORT=3206
//
// Besides latency it prints CPU seconds per request of the app (the `npm
// start` process tree) and of the Postgres backends serving its database (when
// Postgres runs on this machine): on a shared machine wall-clock numbers move
// with other load, CPU per request much less.
//
// Each client sends its own X-Forwarded-For (a distinct visitor behind a
// proxy: the app is started with TRUST_PROXY_HOPS=1, scripts/bench/app.ts),
// so per-client limits apply per virtual visitor, as in production. A client's
// first vote answers the "confirm your vote" step with its voter cookie; the
// client keeps cookies, so its later votes count.
import { randomBytes } from "node:crypto";
import { createPrisma } from "@/lib/db/client";
import { paperPath } from "@/lib/papers/url";
import { benchApp } from "./app";
import { prepareDatabase } from "./db";
import { cpuDelta, cpuSeconds, loadAverage, processTree } from "./proc-cpu";

const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 100);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 60);
/** The second phase: page views only, to print the app CPU of a cached view. */
const VIEW_SECONDS = Number(process.env.BENCH_VIEW_SECONDS ?? 20);
const PORT = Number(process.env.BENCH_PORT ?? 3206);
const TIMEOUT_MS = 30_000;
const databaseUrl = process.env.BENCH_DATABASE_URL ?? process.env.DATABASE_URL;

if (!databaseUrl) {
  console.error(
    "Set BENCH_DATABASE_URL (a Postgres database the benchmark may write to): the load test runs on real Postgres.",
  );
  process.exit(1);
}

type Stats = {
  samples: number[];
  ok: number;
  redirects: number;
  client4xx: number;
  limited: number;
  server5xx: number;
  failed: number;
  /** Answered from the page cache (X-Paperboy-Cache hit or stale). */
  cached: number;
};
const emptyStats = (): Stats => ({
  samples: [],
  ok: 0,
  redirects: 0,
  client4xx: 0,
  limited: 0,
  server5xx: 0,
  failed: 0,
  cached: 0,
});
let stats = new Map<string, Stats>();
const statsFor = (route: string): Stats => {
  const existing = stats.get(route);
  if (existing) return existing;
  const s = emptyStats();
  stats.set(route, s);
  return s;
};

type Client = { ip: string; cookies: Map<string, string>; n: number };
type RouteRequest = { route: string; path: string; init?: RequestInit };
type Mix = { weight: number; make: (c: Client) => RouteRequest };

const pick = <T>(items: T[]): T => items[Math.floor(Math.random() * items.length)]!;

async function buildMix(base: string): Promise<Mix[]> {
  const db = createPrisma(databaseUrl!, 1);
  const rows = await db.paper.findMany({
    select: { id: true, arxivId: true, title: true },
    take: 200,
    orderBy: { id: "asc" },
  });
  const papers = rows.map((p) => p.id);
  // Paper pages at their canonical URLs (a row id answers 308 to it).
  const paperPaths = rows.map((p) => paperPath(p));
  const topics = (await db.topic.findMany({ select: { slug: true } })).map((t) => t.slug);
  await db.$disconnect();
  if (!papers.length || !topics.length) throw new Error("no papers or topics in the benchmark database");
  const words = [
    "diffusion",
    "quantization",
    "agents",
    "retrieval augmented",
    "mixture of experts",
    "vision language",
    "reasoning",
    "benchmark",
    "llm",
    "zzzz-no-match",
  ];
  const periods = ["day", "week", "month"];
  const form = (fields: Record<string, string>): RequestInit => ({
    method: "POST",
    body: new URLSearchParams(fields),
    headers: { origin: base, "content-type": "application/x-www-form-urlencoded" },
  });
  return [
    { weight: 30, make: () => ({ route: "GET / (feed)", path: pick(["/", `/?period=${pick(periods)}`]) }) },
    { weight: 15, make: () => ({ route: "GET /topics/[slug]", path: `/topics/${pick(topics)}` }) },
    { weight: 15, make: () => ({ route: "GET /search", path: `/search?q=${encodeURIComponent(pick(words))}` }) },
    { weight: 20, make: () => ({ route: "GET /papers/[id]", path: pick(paperPaths) }) },
    { weight: 12, make: (_c) => ({ route: "POST vote", path: `/papers/${pick(papers)}/vote`, init: form({}) }) },
    {
      weight: 3,
      make: (_c) => ({
        route: "POST subscribe",
        path: "/api/subscriptions/subscribe",
        init: form({
          email: `load-${randomBytes(6).toString("hex")}@bench.invalid`,
          allTopics: "on",
          frequency: "weekly",
        }),
      }),
    },
    { weight: 5, make: () => ({ route: "GET /feed.xml", path: `/feed.xml` }) },
  ];
}

function choose(mix: Mix[]): Mix {
  const total = mix.reduce((s, m) => s + m.weight, 0);
  let r = Math.random() * total;
  for (const m of mix) {
    r -= m.weight;
    if (r < 0) return m;
  }
  return mix[mix.length - 1]!;
}

async function one(base: string, client: Client, mix: Mix[]): Promise<void> {
  const { route, path, init } = choose(mix).make(client);
  const s = statsFor(route);
  const headers = new Headers(init?.headers);
  headers.set("x-forwarded-for", client.ip);
  if (client.cookies.size) headers.set("cookie", [...client.cookies].map(([k, v]) => `${k}=${v}`).join("; "));
  const started = performance.now();
  try {
    const response = await fetch(base + path, {
      ...init,
      headers,
      redirect: "manual",
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
    await response.arrayBuffer();
    s.samples.push(performance.now() - started);
    for (const c of response.headers.getSetCookie()) {
      const [pair] = c.split(";");
      const eq = pair!.indexOf("=");
      if (eq > 0) client.cookies.set(pair!.slice(0, eq), pair!.slice(eq + 1));
    }
    if (/^(hit|stale)$/.test(response.headers.get("x-paperboy-cache") ?? "")) s.cached++;
    const st = response.status;
    if (st === 429) s.limited++;
    else if (st >= 500) s.server5xx++;
    else if (st >= 400) s.client4xx++;
    else if (st >= 300) s.redirects++;
    else s.ok++;
  } catch {
    s.failed++;
  }
}

const pct = (sorted: number[], p: number) =>
  sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]! : NaN;

function report(seconds: number) {
  const rows = [...stats.entries()].sort(([a], [b]) => a.localeCompare(b));
  const pad = (v: string | number, n: number) => String(v).padStart(n);
  console.log(
    `\n${"route".padEnd(22)}${pad("requests", 9)}${pad("p50 ms", 9)}${pad("p99 ms", 9)}${pad("max ms", 9)}${pad("2xx", 7)}${pad("3xx", 7)}${pad("4xx", 6)}${pad("429", 6)}${pad("5xx", 6)}${pad("failed", 8)}${pad("cached", 8)}`,
  );
  const total = emptyStats();
  for (const [route, s] of rows) {
    const sorted = [...s.samples].sort((a, b) => a - b);
    const n = s.samples.length + s.failed;
    console.log(
      `${route.padEnd(22)}${pad(n, 9)}${pad(pct(sorted, 50).toFixed(0), 9)}${pad(pct(sorted, 99).toFixed(0), 9)}${pad((sorted.at(-1) ?? NaN).toFixed(0), 9)}${pad(s.ok, 7)}${pad(s.redirects, 7)}${pad(s.client4xx, 6)}${pad(s.limited, 6)}${pad(s.server5xx, 6)}${pad(s.failed, 8)}${pad(`${Math.round((100 * s.cached) / Math.max(1, n))}%`, 8)}`,
    );
    total.samples.push(...s.samples);
    for (const k of ["ok", "redirects", "client4xx", "limited", "server5xx", "failed", "cached"] as const)
      total[k] += s[k];
  }
  const sorted = total.samples.sort((a, b) => a - b);
  const n = sorted.length + total.failed;
  console.log(
    `\n${n} requests in ${seconds.toFixed(1)} s (${(n / seconds).toFixed(0)}/s) from ${CLIENTS} clients; p50 ${pct(sorted, 50).toFixed(0)} ms, p99 ${pct(sorted, 99).toFixed(0)} ms`,
  );
  console.log(
    `5xx: ${total.server5xx}   failed: ${total.failed}   429 (rate limited, expected): ${total.limited}   other 4xx: ${total.client4xx}`,
  );
  return total;
}

/** Postgres backend process ids serving the benchmark database (other than the one asking). */
async function databaseBackends(): Promise<number[]> {
  const db = createPrisma(databaseUrl!, 1);
  try {
    const rows = await db.$queryRawUnsafe<{ pid: number }[]>(
      `SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()`,
    );
    return rows.map((r) => r.pid);
  } finally {
    await db.$disconnect();
  }
}

async function cpuSnapshot(appPid: number | undefined) {
  return { app: cpuSeconds(appPid ? processTree(appPid) : []), db: cpuSeconds(await databaseBackends()) };
}

type App = Awaited<ReturnType<typeof benchApp>>;

/** Every client loops over the mix for `seconds`; prints the table and CPU per request. */
async function phase(app: App, mix: Mix[], seconds: number) {
  stats = new Map();
  const cpuBefore = await cpuSnapshot(app.pid);
  const started = performance.now();
  const end = Date.now() + seconds * 1000;
  await Promise.all(
    Array.from({ length: CLIENTS }, async (_, i) => {
      const client: Client = {
        ip: `10.${100 + (i >> 8)}.${i & 255}.${1 + Math.floor(Math.random() * 250)}`,
        cookies: new Map(),
        n: 0,
      };
      while (Date.now() < end) await one(app.url, client, mix);
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  const loadAfter = loadAverage();
  const cpuAfter = await cpuSnapshot(app.pid);
  const total = report(elapsed);
  const n = total.samples.length + total.failed;
  const appCpu = cpuDelta(cpuBefore.app, cpuAfter.app);
  const dbCpu = cpuDelta(cpuBefore.db, cpuAfter.db);
  console.log(`load average after: ${loadAfter}`);
  if (app.pid)
    console.log(
      `CPU: app ${appCpu.toFixed(1)} s (${((appCpu * 1000) / n).toFixed(1)} ms/request), Postgres backends ${dbCpu.toFixed(1)} s (${((dbCpu * 1000) / n).toFixed(1)} ms/request)`,
    );
  return { total, appCpu };
}

async function main() {
  await prepareDatabase(databaseUrl!); // the app migrates and seeds it on start
  const app = await benchApp({ port: PORT, databaseUrl });
  try {
    const mix = await buildMix(app.url);
    // Warm-up: one of each route, so first-compile/cold-cache costs aren't measured.
    const warm: Client = { ip: "10.255.255.254", cookies: new Map(), n: 0 };
    for (const m of mix)
      await fetch(app.url + m.make(warm).path)
        .then((r) => r.arrayBuffer())
        .catch(() => {});
    console.log(`load: ${CLIENTS} clients for ${SECONDS} s against ${app.url}; load average before: ${loadAverage()}`);
    const mixed = await phase(app, mix, SECONDS);
    const total = mixed.total;
    // Then the page views alone (feed, topic and paper pages, the cache warm): what one cached view costs.
    const pageRoutes = ["GET / (feed)", "GET /topics/[slug]", "GET /papers/[id]"];
    const views = mix.filter((m) => pageRoutes.includes(m.make(warm).route));
    console.log(`\npage views only (feed, topic, paper): ${CLIENTS} clients for ${VIEW_SECONDS} s`);
    const cached = await phase(app, views, VIEW_SECONDS);
    const viewCount = cached.total.samples.length + cached.total.failed;
    console.log(
      `page views: ${Math.round((100 * cached.total.cached) / Math.max(1, viewCount))}% from the cache; app CPU ${((cached.appCpu * 1000) / viewCount).toFixed(1)} ms per view`,
    );
    const bad = total.server5xx + total.failed + cached.total.server5xx + cached.total.failed;
    process.exitCode = bad ? 1 : 0;
  } finally {
    await app.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
