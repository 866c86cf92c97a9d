import { connectDatabase } from "@/lib/db/client";
import { searchPapers } from "@/lib/papers/search";
connectDatabase("postgresql://postgres@127.0.0.1:5432/paperboy_bench_1m");
const qs = process.argv.slice(2);
for (const spec of qs) {
  const [q, topic] = spec.split("|");
  for (let i = 0; i < 3; i++) {
    const t0 = performance.now();
    const r = await searchPapers({ q: q!, topic: topic ? [topic] : [], limit: 20 });
    console.log(spec, (performance.now() - t0).toFixed(1), "ms", r.ok && r.status === "results" ? `${r.hits.length} hits range ${JSON.stringify(r.range)} recent ${r.recent}` : "");
  }
}
process.exit(0);
