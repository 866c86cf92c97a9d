import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { env } from "@/lib/env";
import { log } from "@/lib/log";
import { PrismaClient } from "./generated/client";

// One client per process. In development Next reloads modules, so the client
// is kept on globalThis to avoid opening a new pool on every reload.
const globalForPrisma = globalThis as unknown as { prisma?: PrismaClient };

/**
 * How long a transaction may wait for a pooled connection. Prisma's default
 * (2 s) failed votes and subscriptions with a 500 under the load benchmark
 * (100 clients, pool of 10) while plain queries, which wait for the pool
 * without a limit, kept working; waiting as long as a slow page does is better
 * than failing a write.
 */
export const TRANSACTION_MAX_WAIT_MS = 15_000;

/** The connection pool under each client, for lib/db/bulk.ts. */
const pools = new WeakMap<PrismaClient, pg.Pool>();

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
export function poolOf(db: PrismaClient): pg.Pool {
  const pool = pools.get(db);
  if (!pool) throw new Error("this Prisma client was not made by createPrisma");
  return pool;
}

export function prisma(): PrismaClient {
  if (!globalForPrisma.prisma) {
    const url = env().DATABASE_URL;
    if (!url) throw new Error("DATABASE_URL is not set: start the app with `npm start`");
    globalForPrisma.prisma = createPrisma(url);
  }
  return globalForPrisma.prisma;
}

/** Closes the process-wide client, if one was made (before its database goes away: no lost-connection noise). */
export async function disconnectPrisma(): Promise<void> {
  const client = globalForPrisma.prisma;
  globalForPrisma.prisma = undefined;
  await client?.$disconnect();
}

export type { PrismaClient };
