import { z } from "zod";

// Every environment variable Paperboy reads, parsed once. An invalid value
// stops start-up with a message naming the variable (see README "Configuration").
const optionalString = z
  .string()
  .trim()
  .transform((v) => (v === "" ? undefined : v))
  .optional();

const postgresUrl = optionalString.refine(
  (v) => v === undefined || /^postgres(ql)?:\/\//.test(v),
  "must be a postgres:// or postgresql:// URL",
);

const httpUrl = optionalString.refine(
  (v) => v === undefined || /^https?:\/\/[^\s]+$/.test(v),
  "must be an http(s) URL",
);

const intInRange = (min: number, max: number, fallback: number) =>
  optionalString
    .refine((v) => v === undefined || /^\d+$/.test(v), "must be a whole number")
    .transform((v) => (v === undefined ? fallback : Number(v)))
    .refine((v) => v >= min && v <= max, `must be between ${min} and ${max}`);

export const envSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  /** Postgres to use; unset means the embedded PGlite database. */
  DATABASE_URL: postgresUrl,
  /** Where the embedded database keeps its files. */
  PGLITE_DATA_DIR: optionalString.transform((v) => v ?? ".data/pglite"),
  PORT: intInRange(1, 65535, 3000),
  /** Public base URL used in emails and feeds (no trailing slash). */
  APP_URL: httpUrl,
  /** Key for signed links, vote cookies and token hashes; at least 32 characters. */
  APP_SECRET: optionalString.refine((v) => v === undefined || v.length >= 32, "must be at least 32 characters"),
  /** Resend API key; unset means email goes to the local outbox (/dev/outbox). */
  RESEND_API_KEY: optionalString,
  /** Resend API base URL (tests point it at a local fake server). */
  RESEND_BASE_URL: httpUrl,
  /** Sender of every email, e.g. "Paperboy <digest@example.com>". */
  EMAIL_FROM: optionalString
    .transform((v) => v ?? "Paperboy <paperboy@localhost>")
    .refine((v) => /^([^<>]*<)?[^\s@<>]+@[^\s@<>]+>?$/.test(v), "must be an address or Name <address>"),
  /** Lowest level lib/log.ts writes (debug, info, warn, error); default info. */
  LOG_LEVEL: optionalString.refine(
    (v) => v === undefined || ["debug", "info", "warn", "error"].includes(v),
    "must be debug, info, warn or error",
  ),
  /** Bearer token for the cron routes (/api/cron/*); unset means they refuse every call. */
  CRON_SECRET: optionalString.refine((v) => v === undefined || v.length >= 16, "must be at least 16 characters"),
  /** Hugging Face base URL for the daily papers API (tests point it at a local server). */
  HF_BASE_URL: httpUrl.transform((v) => (v ?? "https://huggingface.co").replace(/\/+$/, "")),
  /** arXiv API base URL (tests point it at a local server). */
  ARXIV_BASE_URL: httpUrl.transform((v) => (v ?? "https://export.arxiv.org").replace(/\/+$/, "")),
  /** UTC hour from which the daily Hugging Face ingest runs (before the digest). */
  INGEST_HOUR: intInRange(0, 23, 6),
  /** Resend webhook signing secret ("whsec_<base64>"); unset means webhooks are refused. */
  RESEND_WEBHOOK_SECRET: optionalString.refine(
    (v) => v === undefined || /^whsec_[A-Za-z0-9+/]+={0,2}$/.test(v),
    "must look like whsec_<base64>",
  ),
  /** UTC hour (0-23) of the daily digest; the weekly one goes out on Mondays at the same hour. */
  DIGEST_HOUR: intInRange(0, 23, 8),
  /** Papers per digest email; the rest are behind a link to the full filtered view. */
  DIGEST_MAX_PAPERS: intInRange(1, 50, 10),
  /**
   * Proxies in front of the app that append the client's address to X-Forwarded-For
   * (1 behind one load balancer or Vercel). 0: the header is ignored and the client
   * is the TCP peer, since any client can write the header.
   */
  TRUST_PROXY_HOPS: intInRange(0, 10, 0),
  /** Voter identities (vote cookies) one client address may obtain per hour. */
  VOTER_IDS_PER_HOUR: intInRange(1, 100_000, 10),
  /**
   * Seconds a cached anonymous page (feed, topics, paper, about) is served as fresh; it may then be
   * served for twice as long again while it is rendered anew. 0 turns the page cache off.
   */
  PAGE_CACHE_SECONDS: intInRange(0, 3600, 10),
  /** Memory the page cache may hold per instance, in megabytes. */
  PAGE_CACHE_MB: intInRange(1, 4096, 64),
});

export type Env = z.infer<typeof envSchema> & { APP_URL: string };

export class EnvError extends Error {}

export function parseEnv(source: Record<string, string | undefined>): Env {
  const result = envSchema.safeParse(source);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new EnvError(`Invalid environment configuration:\n${lines.join("\n")}`);
  }
  const data = result.data;
  return {
    ...data,
    APP_URL: (data.APP_URL ?? `http://localhost:${data.PORT}`).replace(/\/+$/, ""),
  };
}

let cached: Env | undefined;

/**
 * Start-up (lib/runtime/boot.ts) calls this with the settings it completed
 * (the embedded database's DATABASE_URL, the local APP_SECRET): from then on
 * env() returns them, whichever module read the environment first.
 */
export function configureEnv(settings: Env): void {
  cached = settings;
}

/** The settings: those configureEnv was given, else the environment (parsed on first use, then cached). */
export function env(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}

/** The settings if they were parsed or configured already; never parses (lib/log.ts reads it to mask secrets). */
export function envIfLoaded(): Env | undefined {
  return cached;
}
