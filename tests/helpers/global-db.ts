// Integration tests run against real Postgres: TEST_DATABASE_URL or
// DATABASE_URL when set, otherwise an in-memory PGlite (real Postgres in WASM)
// served on loopback, so `npm test` works on a machine with no server.
import type { TestProject } from "vitest/node";
import { startEmbeddedPostgres } from "@/lib/db/embedded";
import { migrate } from "@/lib/db/migrate";

declare module "vitest" {
  export interface ProvidedContext {
    databaseUrl: string;
    databaseKind: "postgres" | "pglite";
  }
}

export default async function setup(project: TestProject) {
  const configured = process.env.TEST_DATABASE_URL || process.env.DATABASE_URL;
  const embedded = configured ? undefined : await startEmbeddedPostgres({});
  const url = configured ?? embedded!.url;
  await migrate(url);
  project.provide("databaseUrl", url);
  project.provide("databaseKind", configured ? "postgres" : "pglite");
  console.log(`[integration] database: ${configured ? "Postgres from env" : "in-memory PGlite"}`);
  return async () => {
    await embedded?.stop();
  };
}
