// `npm run bench:lighthouse`: Lighthouse scores (performance, accessibility,
// best practices, SEO) of the home, topic, search and paper pages of the
// production build. Target: at least 95 each. Runs outside CI.
//
//   npm run bench:lighthouse                      (starts the app on PGlite, port 3206)
//   BENCH_URL=http://127.0.0.1:3000 npm run bench:lighthouse
//   BENCH_DATABASE_URL=postgresql://… npm run bench:lighthouse
//
// Lighthouse is pinned to 12.2.3 (the last release that runs on Node 20) and
// fetched by npx on first use rather than installed with the app, so CI's
// `npm ci` stays small. It drives the Debian Chromium (CHROME_PATH, default
// /usr/bin/chromium). Desktop preset: the app is a reading list, mostly read
// on desktops; pass LIGHTHOUSE_PRESET=mobile for the mobile emulation.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { createPrisma } from "@/lib/db/client";
import { benchApp } from "./app";
import { prepareDatabase } from "./db";

const LIGHTHOUSE = "lighthouse@12.2.3";
const CATEGORIES = ["performance", "accessibility", "best-practices", "seo"] as const;
const CHROME_PATH = process.env.CHROME_PATH ?? "/usr/bin/chromium";
const PRESET = process.env.LIGHTHOUSE_PRESET === "mobile" ? [] : ["--preset=desktop"];

async function pages(base: string): Promise<{ name: string; url: string }[]> {
  // A paper and a topic that exist, found through the app's own JSON API when there is one, else the database.
  let paperId: number | undefined;
  let topic: string | undefined;
  const databaseUrl = process.env.BENCH_DATABASE_URL ?? process.env.DATABASE_URL;
  if (databaseUrl) {
    const db = createPrisma(databaseUrl, 1);
    paperId = (await db.paper.findFirst({ select: { id: true }, orderBy: { id: "asc" } }))?.id;
    topic = (await db.topic.findFirst({ select: { slug: true }, orderBy: { slug: "asc" } }))?.slug;
    await db.$disconnect();
  } else {
    const json = (await (await fetch(`${base}/api/papers?limit=1`)).json().catch(() => null)) as {
      papers?: { id: number; topics?: { slug: string }[] }[];
    } | null;
    paperId = json?.papers?.[0]?.id;
    topic = json?.papers?.[0]?.topics?.[0]?.slug ?? "quantization";
  }
  return [
    { name: "home", url: `${base}/` },
    { name: "topic", url: `${base}/topics/${topic ?? "quantization"}` },
    { name: "search", url: `${base}/search?q=diffusion` },
    { name: "paper", url: `${base}/papers/${paperId ?? 1}` },
  ];
}

function lighthouse(url: string, outDir: string, name: string): Record<string, number> {
  const out = path.join(outDir, `${name}.json`);
  const result = spawnSync(
    "npx",
    [
      "--yes",
      LIGHTHOUSE,
      url,
      "--output=json",
      `--output-path=${out}`,
      "--quiet",
      `--only-categories=${CATEGORIES.join(",")}`,
      ...PRESET,
      "--chrome-flags=--headless=new --no-sandbox --disable-gpu",
    ],
    { env: { ...process.env, CHROME_PATH }, stdio: ["ignore", "ignore", "inherit"] },
  );
  if (result.status !== 0) throw new Error(`lighthouse failed for ${url}`);
  const report = JSON.parse(readFileSync(out, "utf8")) as {
    categories: Record<string, { score: number | null }>;
    audits: Record<string, { score: number | null; title: string; scoreDisplayMode: string }>;
  };
  const scores = Object.fromEntries(CATEGORIES.map((c) => [c, Math.round((report.categories[c]?.score ?? 0) * 100)]));
  const failing = Object.entries(report.audits)
    .filter(([, a]) => a.score !== null && a.score < 0.9 && ["binary", "numeric"].includes(a.scoreDisplayMode))
    .map(([id]) => id);
  if (failing.length) console.log(`  ${name}: audits below 0.9: ${failing.join(", ")}`);
  return scores;
}

async function main() {
  if (process.env.BENCH_DATABASE_URL) await prepareDatabase(process.env.BENCH_DATABASE_URL);
  const app = await benchApp({
    port: Number(process.env.BENCH_PORT ?? 3206),
    databaseUrl: process.env.BENCH_DATABASE_URL,
  });
  const outDir = mkdtempSync(path.join(tmpdir(), "paperboy-lighthouse-"));
  let worst = 100;
  try {
    const rows: string[] = [];
    for (const page of await pages(app.url)) {
      // Warm the server; a pooled connection may have hit the server's keep-alive timeout meanwhile, so retry once.
      for (let attempt = 0; attempt < 2; attempt++)
        if (
          await fetch(page.url)
            .then((r) => r.arrayBuffer())
            .then(
              () => true,
              () => false,
            )
        )
          break;
      try {
        const scores = lighthouse(page.url, outDir, page.name);
        worst = Math.min(worst, ...Object.values(scores));
        rows.push(
          `${page.name.padEnd(8)}${CATEGORIES.map((c) => String(scores[c]).padStart(16)).join("")}   ${page.url}`,
        );
      } catch (error) {
        worst = 0;
        rows.push(
          `${page.name.padEnd(8)}${"failed".padStart(16)}   ${page.url}: ${error instanceof Error ? error.message : String(error)}`,
        );
      }
    }
    console.log(`\n${"page".padEnd(8)}${CATEGORIES.map((c) => c.padStart(16)).join("")}`);
    for (const r of rows) console.log(r);
    console.log(`\nlowest score: ${worst} (target 95); reports in ${outDir}`);
  } finally {
    await app.stop();
  }
  process.exitCode = worst >= 95 ? 0 : 1;
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
