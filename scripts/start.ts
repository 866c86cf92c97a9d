// `npm start`: one command from a fresh clone to a served app.
// Starts the database (embedded PGlite unless DATABASE_URL is set), applies
// migrations, seeds the demo papers into an empty database, builds the app when
// the build is missing or older than the sources, then runs `next start` as a
// child process and shuts everything down cleanly on Ctrl-C.
import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdir, readdir, readFile, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { createPrisma, disconnectPrisma } from "@/lib/db/client";
import { type EmbeddedPostgres, startEmbeddedPostgres } from "@/lib/db/embedded";
import { migrate } from "@/lib/db/migrate";
import { EnvError, parseEnv } from "@/lib/env";
import { seedIfEmpty } from "@/lib/ingest/demo";
import { jobs } from "@/lib/jobs";
import { type Scheduler, startScheduler } from "@/lib/jobs/scheduler";
import { log } from "@/lib/log";
import { ensureTaxonomy } from "@/lib/topics/mutations";
import { SOURCE_PATHS } from "./build-sources";
import { exited, gracefulShutdown } from "./graceful-shutdown";

const NEXT_BIN = path.join(process.cwd(), "node_modules", "next", "dist", "bin", "next");

async function newestMtime(p: string): Promise<number> {
  if (!existsSync(p)) return 0;
  const s = await stat(p);
  if (!s.isDirectory()) return s.mtimeMs;
  let newest = s.mtimeMs;
  for (const entry of await readdir(p)) newest = Math.max(newest, await newestMtime(path.join(p, entry)));
  return newest;
}

async function buildIsStale(): Promise<boolean> {
  const buildId = path.join(process.cwd(), ".next", "BUILD_ID");
  if (!existsSync(buildId)) return true;
  const built = (await stat(buildId)).mtimeMs;
  const sources = await Promise.all(SOURCE_PATHS.map((p) => newestMtime(path.join(process.cwd(), p))));
  return Math.max(...sources) > built;
}

/** A local secret for signed links, kept with the embedded data so links survive restarts. */
async function localSecret(dataDir: string): Promise<string> {
  const file = path.join(dataDir, "..", "app-secret");
  if (existsSync(file)) return (await readFile(file, "utf8")).trim();
  const secret = randomBytes(32).toString("hex");
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, secret, { mode: 0o600 });
  return secret;
}

function run(args: string[], env: NodeJS.ProcessEnv): ChildProcess {
  return spawn(process.execPath, [NEXT_BIN, ...args], { env, stdio: "inherit" });
}

async function main() {
  const startedAt = Date.now();
  let config;
  try {
    config = parseEnv(process.env);
  } catch (error) {
    if (error instanceof EnvError) {
      log.error(error.message);
      process.exit(1);
    }
    throw error;
  }

  let embedded: EmbeddedPostgres | undefined;
  let databaseUrl = config.DATABASE_URL;
  if (!databaseUrl) {
    embedded = await startEmbeddedPostgres({ dataDir: config.PGLITE_DATA_DIR });
    databaseUrl = embedded.url;
    log.info("embedded Postgres (PGlite)", { dataDir: config.PGLITE_DATA_DIR });
  }

  const db = createPrisma(databaseUrl, 2);
  let child: ChildProcess | undefined;
  let scheduler: Scheduler | undefined;
  let shuttingDown = false;
  const shutdown = async (code: number) => {
    if (shuttingDown) return;
    shuttingDown = true;
    log.info("shutting down: finishing in-flight requests and job batches");
    const report = await gracefulShutdown({
      scheduler,
      child,
      close: async () => {
        await db.$disconnect().catch(() => {});
        await disconnectPrisma().catch(() => {}); // the scheduled jobs' client
        await embedded?.stop();
      },
    });
    log.info("stopped", report);
    process.exit(code);
  };
  process.on("SIGINT", () => void shutdown(0));
  process.on("SIGTERM", () => void shutdown(0));

  const applied = await migrate(databaseUrl);
  if (applied.length) log.info("applied migrations", { migrations: applied });
  const seeded = await seedIfEmpty(db);
  if (seeded) log.info("imported demo papers", { created: seeded.created });
  const taxonomy = await ensureTaxonomy(db);
  if (taxonomy.reclassified)
    log.info("taxonomy classified papers", { version: taxonomy.version, papers: taxonomy.reclassified.papers });

  const appSecret = config.APP_SECRET ?? (await localSecret(config.PGLITE_DATA_DIR));
  // lib/ code run in this process (scheduled jobs) reads the same settings as the app.
  process.env.DATABASE_URL = databaseUrl;
  process.env.APP_SECRET = appSecret;
  const childEnv: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_URL: databaseUrl,
    APP_SECRET: appSecret,
    NODE_ENV: "production",
  };

  if (await buildIsStale()) {
    log.info("building the app (first start or sources changed)");
    const code = await exited(run(["build"], childEnv));
    if (code !== 0 || shuttingDown) return shutdown(code || 1);
  }

  child = run(["start", "-p", String(config.PORT)], childEnv);
  scheduler = startScheduler(jobs);
  log.info("ready", { seconds: Number(((Date.now() - startedAt) / 1000).toFixed(1)), url: config.APP_URL });
  const code = await exited(child);
  await shutdown(code);
}

main().catch((error) => {
  log.error("start failed", { error });
  process.exit(1);
});
