// `npm run bench:render`: what one render of each page costs when it is not
// served from the page cache (search always, the other pages on a miss):
// bytes of HTML (with the RSC payload inlined in it), wall time and app CPU per
// request. The app runs as users start it (`npm start`) with the page cache
// turned off (PAGE_CACHE_SECONDS=0) on the demo data, and each page is asked
// for one request at a time, so the CPU per request is the render's own.
//
//   BENCH_DATABASE_URL=postgresql://postgres@127.0.0.1:5432/paperboy_bench_render npm run bench:render
//   BENCH_RUNS=40 BENCH_PORT=3207
import { benchApp } from "./app";
import { prepareDatabase } from "./db";
import { cpuDelta, cpuSeconds, loadAverage, processTree } from "./proc-cpu";

const RUNS = Number(process.env.BENCH_RUNS ?? 40);
const PORT = Number(process.env.BENCH_PORT ?? 3207);
const databaseUrl = process.env.BENCH_DATABASE_URL;

if (!databaseUrl) {
  console.error("Set BENCH_DATABASE_URL (a Postgres database the benchmark may write to).");
  process.exit(1);
}

async function main() {
  await prepareDatabase(databaseUrl!);
  process.env.PAGE_CACHE_SECONDS = "0"; // benchApp passes the environment on to `npm start`
  const app = await benchApp({ port: PORT, databaseUrl });
  try {
    const paper = (await fetch(`${app.url}/papers/3`)).url;
    const pages: [string, string][] = [
      ["feed (week)", "/?period=week"],
      ["feed (month, topic lmm)", "/?period=month&topic=lmm"],
      ["topic page (lmm)", "/topics/lmm"],
      ["topics index", "/topics"],
      ["paper page", new URL(paper).pathname],
      ["search (diffusion)", "/search?q=diffusion"],
      ["search (model)", "/search?q=model"],
      ["about (small page)", "/about"],
    ];
    console.log(`render: ${RUNS} requests per page, one at a time; load average before: ${loadAverage()}`);
    console.log(`| page | bytes | ms per request | app CPU ms per request |\n|---|---:|---:|---:|`);
    for (const [name, path] of pages) {
      const url = app.url + path;
      let bytes = 0;
      for (let i = 0; i < 5; i++) bytes = (await (await fetch(url)).arrayBuffer()).byteLength; // warm-up
      const pids = processTree(app.pid!);
      const before = cpuSeconds(pids);
      const started = performance.now();
      for (let i = 0; i < RUNS; i++) {
        const response = await fetch(url);
        if (response.status !== 200) throw new Error(`${path} answered ${response.status}`);
        await response.arrayBuffer();
      }
      const ms = (performance.now() - started) / RUNS;
      const cpu = (cpuDelta(before, cpuSeconds(pids)) * 1000) / RUNS;
      console.log(`| ${name} | ${bytes.toLocaleString("en")} | ${ms.toFixed(1)} | ${cpu.toFixed(1)} |`);
    }
    console.log(`load average after: ${loadAverage()}`);
  } finally {
    await app.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
