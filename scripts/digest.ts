// `npm run digest -- --frequency daily|weekly [--dry-run] [--now ISO-TIME]`
// Runs (or resumes) the digest for the period containing --now (default: now),
// whatever the hour: the CLI is an explicit trigger. The run is claimed in the
// database like every other trigger, so it never double-sends.
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { z } from "zod";
import { type EmbeddedPostgres, startEmbeddedPostgres } from "@/lib/db/embedded";
import { migrate } from "@/lib/db/migrate";
import { EnvError, parseEnv } from "@/lib/env";

const argsSchema = z.object({
  frequency: z.enum(["daily", "weekly"]),
  "dry-run": z.boolean().default(false),
  now: z
    .string()
    .refine((v) => !Number.isNaN(Date.parse(v)), "must be an ISO date-time, e.g. 2025-03-14T09:00:00Z")
    .transform((v) => new Date(v))
    .optional(),
});

function usage(message: string): never {
  console.error(`${message}\nusage: npm run digest -- --frequency daily|weekly [--dry-run] [--now ISO-TIME]`);
  process.exit(2);
}

async function main() {
  let raw;
  try {
    raw = parseArgs({
      options: { frequency: { type: "string" }, "dry-run": { type: "boolean" }, now: { type: "string" } },
    }).values;
  } catch (error) {
    usage((error as Error).message);
  }
  const args = argsSchema.safeParse(raw);
  if (!args.success) usage(args.error.issues.map((i) => `--${i.path.join(".")}: ${i.message}`).join("\n"));

  let config;
  try {
    config = parseEnv(process.env);
  } catch (error) {
    if (error instanceof EnvError) usage(error.message);
    throw error;
  }
  let embedded: EmbeddedPostgres | undefined;
  if (!config.DATABASE_URL) {
    // The embedded database is a single process: stop `npm start` first (or set DATABASE_URL).
    embedded = await startEmbeddedPostgres({ dataDir: config.PGLITE_DATA_DIR });
    process.env.DATABASE_URL = embedded.url;
    await migrate(embedded.url);
  }
  if (!config.APP_SECRET) {
    const file = path.join(config.PGLITE_DATA_DIR, "..", "app-secret");
    if (!existsSync(file)) usage("APP_SECRET is not set (and no local secret from `npm start` was found).");
    process.env.APP_SECRET = readFileSync(file, "utf8").trim();
  }

  // Imported after the environment is complete: lib/ reads it once.
  const { runDigest } = await import("@/lib/digest/run");
  const { prisma } = await import("@/lib/db/client");
  try {
    const summary = await runDigest({
      frequency: args.data.frequency,
      dryRun: args.data["dry-run"],
      now: args.data.now,
      force: true,
    });
    console.log(JSON.stringify(summary, null, 2));
    process.exitCode = summary.status === "failed" || summary.status === "tooOld" ? 1 : 0;
  } finally {
    await prisma().$disconnect();
    await embedded?.stop();
  }
}

main().catch((error) => {
  console.error(`[digest] ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
