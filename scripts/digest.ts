// `npm run digest -- --frequency daily|weekly [--dry-run] [--now ISO-TIME]`
// Runs (or resumes) the digest for the period containing --now (default: now),
// whatever the hour: the CLI is an explicit trigger. The run is claimed in the
// database like every other trigger, so it never double-sends.
import { parseArgs } from "node:util";
import { z } from "zod";
import { runDigest } from "@/lib/digest/run";
import { boot, EXIT_CONFIG, runCli } from "@/lib/runtime/boot";

const APP_URL_SOURCES = {
  env: "APP_URL",
  recorded: "recorded by `npm start`",
  default: "default for PORT",
} as const;

const USAGE = "usage: npm run digest -- --frequency daily|weekly [--dry-run] [--now ISO-TIME]";

const argsSchema = z.object({
  frequency: z.enum(["daily", "weekly"]),
  "dry-run": z.boolean().default(false),
  now: z
    .string()
    .refine((v) => !Number.isNaN(Date.parse(v)), "must be an ISO date-time, e.g. 2025-03-14T09:00:00Z")
    .transform((v) => new Date(v))
    .optional(),
});

function parseDigestArgs(): { ok: true; args: z.infer<typeof argsSchema> } | { ok: false; error: string } {
  let raw: unknown;
  try {
    raw = parseArgs({
      options: { frequency: { type: "string" }, "dry-run": { type: "boolean" }, now: { type: "string" } },
    }).values;
  } catch (error) {
    return { ok: false, error: (error as Error).message };
  }
  const args = argsSchema.safeParse(raw);
  if (!args.success)
    return { ok: false, error: args.error.issues.map((i) => `--${i.path.join(".")}: ${i.message}`).join("\n") };
  return { ok: true, args: args.data };
}

runCli("digest", async () => {
  const parsed = parseDigestArgs();
  if (!parsed.ok) {
    console.error(`${parsed.error}\n${USAGE}`);
    return EXIT_CONFIG;
  }
  // The embedded database is a single process: stop `npm start` first (or set DATABASE_URL).
  const runtime = await boot({ poolSize: 10, secret: "existing", appUrl: "recorded", migrateServer: false });
  try {
    // Links in the emails must reach the app: refuse rather than guess a port it may not run on.
    if (runtime.appUrlSource === "default" && !parsed.args["dry-run"]) {
      console.error(
        `APP_URL is not set and \`npm start\` has not recorded the address it serves on, so links in the emails would point at ${runtime.env.APP_URL}.\n` +
          "Set APP_URL to the app's public address (e.g. APP_URL=https://papers.example.org npm run digest -- ...), or start the app once with `npm start`.",
      );
      return EXIT_CONFIG;
    }
    console.error(`[digest] links point at ${runtime.env.APP_URL} (${APP_URL_SOURCES[runtime.appUrlSource]})`);
    const summary = await runDigest({
      frequency: parsed.args.frequency,
      dryRun: parsed.args["dry-run"],
      now: parsed.args.now,
      force: true,
    });
    console.log(JSON.stringify(summary, null, 2));
    return summary.status === "failed" || summary.status === "tooOld" ? 1 : 0;
  } finally {
    await runtime.stop();
  }
});
