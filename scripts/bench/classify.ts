// `npm run bench:classify [file.jsonl]`: classifier throughput over real
// abstracts. Uses ../shared/data/hf-daily-papers.jsonl (14,699 Hugging Face
// daily papers) when present, else the 134 demo papers. Prints numbers; it
// asserts nothing.
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { DEMO_FEATURED_ON, DEMO_LISTING } from "@/lib/ingest/demo";
import { parseListing } from "@/lib/ingest/listing";
import { classify } from "@/lib/topics/classify";
import { TOPICS } from "@/lib/topics/taxonomy";

type Text = { title: string; summary: string };

function load(): { source: string; papers: Text[] } {
  const file = process.argv[2] ?? path.join(process.cwd(), "..", "shared", "data", "hf-daily-papers.jsonl");
  if (existsSync(file)) {
    const papers = readFileSync(file, "utf8")
      .split("\n")
      .filter((l) => l.trim())
      .map((l) => JSON.parse(l) as { title: string; summary: string | null })
      .map((p) => ({ title: p.title, summary: p.summary ?? "" }));
    return { source: file, papers };
  }
  const papers = parseListing(readFileSync(DEMO_LISTING, "utf8"), { featuredOn: DEMO_FEATURED_ON });
  return { source: `${DEMO_LISTING} (shared data not found)`, papers };
}

const { source, papers } = load();
const chars = papers.reduce((n, p) => n + p.title.length + p.summary.length, 0);
console.log(
  `classify: ${papers.length} papers (${(chars / papers.length).toFixed(0)} chars each on average) from ${source}`,
);

const counts = new Map<string, number>();
for (const p of papers) for (const m of classify(p.title, p.summary)) counts.set(m.slug, (counts.get(m.slug) ?? 0) + 1);

const runs: number[] = [];
for (let i = 0; i < 5; i++) {
  const start = process.hrtime.bigint();
  for (const p of papers) classify(p.title, p.summary);
  runs.push(Number(process.hrtime.bigint() - start) / 1e6);
}
runs.sort((a, b) => a - b);
const median = runs[Math.floor(runs.length / 2)]!;
console.log(`runs (ms): ${runs.map((r) => r.toFixed(0)).join(", ")}`);
console.log(
  `median: ${(papers.length / (median / 1000)).toFixed(0)} papers/s, ${((median * 1000) / papers.length).toFixed(1)} µs per paper`,
);
const untagged = papers.filter((p) => classify(p.title, p.summary).length === 0).length;
console.log(`papers with no topic: ${untagged} (${((100 * untagged) / papers.length).toFixed(1)}%)`);
console.log("papers per topic:");
for (const t of TOPICS) console.log(`  ${t.slug.padEnd(20)} ${String(counts.get(t.slug) ?? 0).padStart(6)}`);
