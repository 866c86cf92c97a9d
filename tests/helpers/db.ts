import { inject } from "vitest";
import { connectDatabase, db, type PrismaClient } from "@/lib/db/client";

export const databaseUrl = (): string => inject("databaseUrl");
export const databaseKind = () => inject("databaseKind");

let connected = false;

/** Points the process-wide client (db(), which every lib/ function uses) at the test database and returns it. */
export function testDb(): PrismaClient {
  if (!connected) {
    connectDatabase(databaseUrl(), { max: 4 });
    connected = true;
  }
  return db();
}

/** Empties every application table (not the migrations table). */
export async function resetDb(): Promise<void> {
  const client = testDb();
  const tables = await client.$queryRaw<{ tablename: string }[]>`
    SELECT tablename FROM pg_tables WHERE schemaname = current_schema() AND tablename <> '_prisma_migrations'`;
  if (tables.length === 0) return;
  const list = tables.map((t) => `"${t.tablename}"`).join(", ");
  await client.$executeRawUnsafe(`TRUNCATE ${list} RESTART IDENTITY CASCADE`);
}
