// Development-time tool, never run by the app: finds the seed listing's papers
// (prisma/seed/2025-03-14-listing.txt, copied without ids, authors or votes) in
// the project's Hugging Face daily papers data set by normalised title, and
// writes what it finds to prisma/seed/2025-03-14-matches.jsonl, which the demo
// import (lib/ingest/demo.ts) merges into the listing.
//
//   npx tsx scripts/match-seed.ts [path/to/hf-daily-papers.jsonl]
//
// The data set defaults to ../shared/data/hf-daily-papers.jsonl (outside the
// repository; format in lib/ingest/jsonl.ts). Re-run it when the listing or the
// data set changes and commit the output.
import { createReadStream } from "node:fs";
import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { createInterface } from "node:readline";
import { DEMO_FEATURED_ON, DEMO_LISTING, DEMO_MATCHES } from "@/lib/ingest/demo";
import { parseListing } from "@/lib/ingest/listing";
import { titleKey } from "@/lib/ingest/paper";

const dataset = path.resolve(
  process.argv[2] ?? path.join(process.cwd(), "..", "shared", "data", "hf-daily-papers.jsonl"),
);

type Record = { arxivId: string; title: string; [key: string]: unknown };

const listing = parseListing(await readFile(DEMO_LISTING, "utf8"), { featuredOn: DEMO_FEATURED_ON });
const wanted = new Set(listing.map((p) => titleKey(p.title)));
const found = new Map<string, Record>();

const lines = createInterface({ input: createReadStream(dataset, "utf8"), crlfDelay: Infinity });
for await (const line of lines) {
  if (!line.trim()) continue;
  const record = JSON.parse(line) as Record;
  const key = titleKey(record.title);
  // The data set has one record per arXiv id; two ids with one title would be ambiguous: keep neither.
  if (!wanted.has(key)) continue;
  if (found.has(key)) {
    console.warn(`ambiguous title, skipped: ${record.title}`);
    found.set(key, { ...record, arxivId: "" });
    continue;
  }
  found.set(key, record);
}

// In listing order, so the file diffs cleanly when re-run.
const matches = listing.map((p) => found.get(titleKey(p.title))).filter((r): r is Record => !!r && r.arxivId !== "");
await writeFile(DEMO_MATCHES, matches.map((r) => JSON.stringify(r)).join("\n") + (matches.length ? "\n" : ""));
console.log(
  `${matches.length} of ${listing.length} seed papers matched; wrote ${path.relative(process.cwd(), DEMO_MATCHES)}`,
);
