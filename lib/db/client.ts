import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { env } from "@/lib/env";
import { log } from "@/lib/log";
import { type Prisma, PrismaClient } from "./generated/client";

/**
 * How long a transaction may wait for a pooled connection. Prisma's default
 * (2 s) failed votes and subscriptions with a 500 under the load benchmark
 * (100 clients, pool of 10) while plain queries, which wait for the pool
 * without a limit, kept working; waiting as long as a slow page does is better
 * than failing a write.
 */
export const TRANSACTION_MAX_WAIT_MS = 15_000;

/** The client inside `db().$transaction(async (tx) => ...)`: the one database parameter a lib/ helper may take. */
export type Tx = Prisma.TransactionClient;

/** The connection pool under each client, for lib/db/bulk.ts. */
const pools = new WeakMap<PrismaClient, pg.Pool>();

/**
 * A new client on its own pool, owned by the caller. Domain code never calls
 * this (it calls db()); it is for connectDatabase and for the few places that
 * need a second, independent connection (tests of the pool itself, benchmarks).
 */
export function createPrisma(connectionString: string, max = 10): PrismaClient {
  const pool = new pg.Pool({ connectionString, max });
  // An idle connection the server closed (restart, idle timeout) is dropped by the pool and
  // replaced on next use; without a listener its error event would end the process.
  pool.on("error", (error) => log.warn("idle database connection lost", { error: error.message }));
  const client = new PrismaClient({
    adapter: new PrismaPg(pool, { disposeExternalPool: true }),
    transactionOptions: { maxWait: TRANSACTION_MAX_WAIT_MS },
  });
  pools.set(client, pool);
  return client;
}

/** The pg pool a client made by createPrisma runs on (shared: same connections, same limit). */
export function poolOf(client: PrismaClient): pg.Pool {
  const pool = pools.get(client);
  if (!pool) throw new Error("this Prisma client was not made by createPrisma");
  return pool;
}

// One process-wide client. In development Next reloads modules, so it is kept
// on globalThis to avoid opening a new pool on every reload. `url` and `max`
// are what connectDatabase was given, so db() after disconnectDatabase()
// reconnects to the same database.
type DatabaseState = { client?: PrismaClient; url?: string; max?: number };
const holder = globalThis as unknown as { paperboyDatabase?: DatabaseState };
holder.paperboyDatabase ??= {};
const state = holder.paperboyDatabase;

/**
 * The process-wide Prisma client: every domain function reaches the database
 * through it. Start-up code picks the database with connectDatabase; a process
 * that did not (the Next server) connects to env().DATABASE_URL on first use.
 */
export function db(): PrismaClient {
  if (!state.client) {
    const url = state.url ?? env().DATABASE_URL;
    if (!url) throw new Error("DATABASE_URL is not set: start the app with `npm start`");
    state.client = createPrisma(url, state.max);
  }
  return state.client;
}

/** Points db() at `url` with a pool of `max` connections, closing the client it replaces. */
export function connectDatabase(url: string, options: { max?: number } = {}): PrismaClient {
  const previous = state.client;
  state.url = url;
  state.max = options.max;
  state.client = createPrisma(url, options.max);
  void previous?.$disconnect().catch(() => {});
  return state.client;
}

/** Closes the process-wide client, if one was made (before its database goes away: no lost-connection noise). */
export async function disconnectDatabase(): Promise<void> {
  const client = state.client;
  state.client = undefined;
  await client?.$disconnect();
}

export type { PrismaClient };
