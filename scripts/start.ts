// `npm start`: one command from a fresh clone to a served app.
// Starts the database (embedded PGlite unless DATABASE_URL is set), applies
// migrations, seeds the demo papers into an empty database, builds the app when
// the build is missing or older than the sources, then runs the Next server
// (scripts/serve.ts: `next start` with the page cache's fast path in front) as a
// child process and shuts everything down cleanly on Ctrl-C.
import { type ChildProcess, spawn } from "node:child_process";
import path from "node:path";
import { seedIfEmpty } from "@/lib/ingest/demo";
import { jobs } from "@/lib/jobs";
import { type Scheduler, startScheduler } from "@/lib/jobs/scheduler";
import { log } from "@/lib/log";
import { ensureRelated } from "@/lib/papers/related";
import { BootError, boot, EXIT_FAILURE } from "@/lib/runtime/boot";
import { buildIsStale } from "@/lib/runtime/build";
import { exited, gracefulShutdown } from "@/lib/runtime/graceful-shutdown";
import { ensureTaxonomy } from "@/lib/topics/mutations";

const NEXT_BIN = path.join(process.cwd(), "node_modules", "next", "dist", "bin", "next");
const TSX_CLI = path.join(process.cwd(), "node_modules", "tsx", "dist", "cli.mjs");

function run(args: string[], env: NodeJS.ProcessEnv): ChildProcess {
  return spawn(process.execPath, args, { env, stdio: "inherit" });
}

async function main() {
  const startedAt = Date.now();
  const runtime = await boot({
    secret: "create",
    appUrl: "record",
    migrateServer: true,
    note: (message, fields) => log.info(message, fields),
  });
  const config = runtime.env;

  let child: ChildProcess | undefined;
  let scheduler: Scheduler | undefined;
  let shuttingDown = false;
  const shutdown = async (code: number) => {
    if (shuttingDown) return;
    shuttingDown = true;
    log.info("shutting down: finishing in-flight requests and job batches");
    const report = await gracefulShutdown({ scheduler, child, close: runtime.stop });
    log.info("stopped", report);
    process.exit(code);
  };
  process.on("SIGINT", () => void shutdown(0));
  process.on("SIGTERM", () => void shutdown(0));

  if (runtime.migrations.length) log.info("applied migrations", { migrations: runtime.migrations });
  const seeded = await seedIfEmpty();
  if (seeded) log.info("imported demo papers", { created: seeded.created });
  const taxonomy = await ensureTaxonomy();
  if (taxonomy.reclassified)
    log.info("taxonomy classified papers", { version: taxonomy.version, papers: taxonomy.reclassified.papers });
  const related = await ensureRelated();
  if (related) log.info("computed related papers", { papers: related.papers });

  // The Next server is another process: it gets the completed settings through its environment.
  const childEnv: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_URL: config.DATABASE_URL,
    APP_SECRET: config.APP_SECRET,
    APP_URL: config.APP_URL,
    NODE_ENV: "production",
  };

  if (await buildIsStale()) {
    log.info("building the app (first start or sources changed)");
    const code = await exited(run([NEXT_BIN, "build"], childEnv));
    if (code !== 0 || shuttingDown) return shutdown(code || 1);
  }

  child = run([TSX_CLI, "scripts/serve.ts"], { ...childEnv, PORT: String(config.PORT) });
  scheduler = startScheduler(jobs);
  log.info("ready", { seconds: Number(((Date.now() - startedAt) / 1000).toFixed(1)), url: config.APP_URL });
  const code = await exited(child);
  await shutdown(code);
}

main().catch((error) => {
  if (error instanceof BootError) {
    log.error(error.message);
    process.exit(error.exitCode);
  }
  log.error("start failed", { error });
  process.exit(EXIT_FAILURE);
});
