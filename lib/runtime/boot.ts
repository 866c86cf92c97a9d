// The one start-up sequence of every process that is not the Next server
// (`npm start`, `npm run digest`, `npm run ingest`, `npm run db:migrate`):
// parse the environment, start the embedded database or use DATABASE_URL,
// migrate, resolve the app secret, then hand the completed settings to env()
// and the database to db(). Nothing is written to process.env, so import
// order never matters.
import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { connectDatabase, disconnectDatabase } from "@/lib/db/client";
import { EmbeddedInUseError, type EmbeddedPostgres, startEmbeddedPostgres } from "@/lib/db/embedded";
import { migrate } from "@/lib/db/migrate";
import { configureEnv, type Env, EnvError, parseEnv } from "@/lib/env";

/** Exit codes: 2 for a configuration the user must fix, 1 for anything that failed at run time. */
export const EXIT_CONFIG = 2;
export const EXIT_FAILURE = 1;

/** A start-up failure with the message to print and the exit code to use. */
export class BootError extends Error {
  constructor(
    message: string,
    readonly exitCode: number,
  ) {
    super(message);
  }
}

export type BootOptions = {
  /** Connections in db()'s pool. */
  poolSize?: number;
  /**
   * Without APP_SECRET: "create" generates one and keeps it next to the
   * embedded data so signed links survive restarts (`npm start`);
   * "existing" uses the one `npm start` made and fails without it (anything
   * that signs links); "optional" uses it when there is one.
   */
  secret: "create" | "existing" | "optional";
  /** Migrate a DATABASE_URL server too (the embedded database is always migrated). */
  migrateServer: boolean;
  /**
   * Without APP_URL: "record" keeps the address this process serves on beside the embedded data
   * (`npm start`); "recorded" uses the one `npm start` recorded, so links in emails sent by a CLI
   * point at the running app (else the default http://localhost:$PORT, reported as `default`).
   */
  appUrl?: "record" | "recorded";
  /** Refuse to start the embedded database without DATABASE_URL, with this message. */
  requireDatabaseUrl?: string;
  /** Progress notes (which database); default: none. */
  note?: (message: string, fields: Record<string, unknown>) => void;
};

export type Runtime = {
  /** The completed settings, as env() now returns them. */
  env: Env & { DATABASE_URL: string };
  embedded?: EmbeddedPostgres;
  /** Migrations applied by this start. */
  migrations: string[];
  /** Where APP_URL came from: the environment, what `npm start` recorded, or the default for PORT. */
  appUrlSource: AppUrlSource;
  /** Closes db(), then stops the embedded database (in that order: no lost-connection noise). */
  stop: () => Promise<void>;
};

/** Where the generated app secret is kept: beside the embedded data directory. */
export function localSecretFile(dataDir: string): string {
  return path.join(dataDir, "..", "app-secret");
}

/** Where `npm start` records the address it serves on: beside the embedded data directory. */
export function localAppUrlFile(dataDir: string): string {
  return path.join(dataDir, "..", "app-url");
}

export type AppUrlSource = "env" | "recorded" | "default";

/**
 * APP_URL as every process resolves it: the environment's, else (for a CLI) the address `npm start`
 * recorded, else http://localhost:$PORT. `npm start` records what it resolved.
 */
export async function resolveAppUrl(
  config: Env,
  explicit: boolean,
  mode: BootOptions["appUrl"],
): Promise<{ url: string; source: AppUrlSource }> {
  const file = localAppUrlFile(config.PGLITE_DATA_DIR);
  if (mode === "record") {
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, `${config.APP_URL}\n`);
  }
  if (explicit) return { url: config.APP_URL, source: "env" };
  if (mode === "recorded" && existsSync(file)) {
    const recorded = (await readFile(file, "utf8")).trim();
    if (/^https?:\/\/[^\s]+$/.test(recorded)) return { url: recorded.replace(/\/+$/, ""), source: "recorded" };
  }
  return { url: config.APP_URL, source: "default" };
}

async function resolveSecret(config: Env, mode: BootOptions["secret"]): Promise<string | undefined> {
  if (config.APP_SECRET) return config.APP_SECRET;
  const file = localSecretFile(config.PGLITE_DATA_DIR);
  if (existsSync(file)) return (await readFile(file, "utf8")).trim();
  if (mode === "existing")
    throw new BootError("APP_SECRET is not set (and no local secret from `npm start` was found).", EXIT_CONFIG);
  if (mode === "optional") return undefined;
  const secret = randomBytes(32).toString("hex");
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, secret, { mode: 0o600 });
  return secret;
}

/** The environment, parsed; invalid settings are a BootError naming each variable. */
export function loadEnv(): Env {
  try {
    return parseEnv(process.env);
  } catch (error) {
    if (error instanceof EnvError) throw new BootError(error.message, EXIT_CONFIG);
    throw error;
  }
}

export async function boot(options: BootOptions): Promise<Runtime> {
  const config = loadEnv();

  let embedded: EmbeddedPostgres | undefined;
  let url = config.DATABASE_URL;
  if (!url) {
    if (options.requireDatabaseUrl) throw new BootError(options.requireDatabaseUrl, EXIT_CONFIG);
    try {
      embedded = await startEmbeddedPostgres({ dataDir: config.PGLITE_DATA_DIR });
    } catch (error) {
      if (error instanceof EmbeddedInUseError)
        throw new BootError(`${error.message}.\nOr set DATABASE_URL to use a Postgres server.`, EXIT_FAILURE);
      throw error;
    }
    url = embedded.url;
    options.note?.("embedded Postgres (PGlite)", { dataDir: config.PGLITE_DATA_DIR });
  }

  try {
    const migrations = embedded || options.migrateServer ? await migrate(url) : [];
    const appUrl = await resolveAppUrl(config, Boolean(process.env.APP_URL?.trim()), options.appUrl);
    const settings = {
      ...config,
      DATABASE_URL: url,
      APP_URL: appUrl.url,
      APP_SECRET: await resolveSecret(config, options.secret),
    };
    configureEnv(settings);
    connectDatabase(url, { max: options.poolSize });
    return {
      env: settings,
      embedded,
      migrations,
      appUrlSource: appUrl.source,
      stop: async () => {
        await disconnectDatabase().catch(() => {});
        await embedded?.stop();
      },
    };
  } catch (error) {
    await embedded?.stop().catch(() => {});
    throw error;
  }
}

/**
 * Runs a CLI's main and exits with the code it returns. A BootError prints its
 * message and exits with its code; anything else prints `[name] failed: ...`
 * and exits 1.
 */
export function runCli(name: string, main: () => Promise<number>): void {
  main().then(
    (code) => process.exit(code),
    (error: unknown) => {
      if (error instanceof BootError) {
        console.error(error.message);
        process.exit(error.exitCode);
      }
      console.error(`[${name}] failed: ${error instanceof Error ? error.message : String(error)}`);
      process.exit(EXIT_FAILURE);
    },
  );
}
