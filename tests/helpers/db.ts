import { inject } from "vitest";
import { createPrisma, type PrismaClient } from "@/lib/db/client";

export const databaseUrl = (): string => inject("databaseUrl");
export const databaseKind = () => inject("databaseKind");

let client: PrismaClient | undefined;

/** The test database's client; lib code that calls prisma() gets the same database via DATABASE_URL. */
export function testDb(): PrismaClient {
  process.env.DATABASE_URL = databaseUrl();
  client ??= createPrisma(databaseUrl(), 4);
  return client;
}

/** Empties every application table (not the migrations table). */
export async function resetDb(): Promise<void> {
  const db = testDb();
  const tables = await db.$queryRaw<{ tablename: string }[]>`
    SELECT tablename FROM pg_tables WHERE schemaname = current_schema() AND tablename <> '_prisma_migrations'`;
  if (tables.length === 0) return;
  const list = tables.map((t) => `"${t.tablename}"`).join(", ");
  await db.$executeRawUnsafe(`TRUNCATE ${list} RESTART IDENTITY CASCADE`);
}
