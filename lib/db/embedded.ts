import { mkdir } from "node:fs/promises";
import { PGlite } from "@electric-sql/pglite";
import { PGLiteSocketServer } from "@electric-sql/pglite-socket";

// The embedded default: real Postgres compiled to WASM (PGlite), served over
// the Postgres wire protocol on loopback so the app uses the same `pg` driver
// and Prisma adapter as in production.

export type EmbeddedPostgres = { url: string; stop: () => Promise<void> };

/** dataDir undefined keeps the database in memory (tests). */
export async function startEmbeddedPostgres(options: {
  dataDir?: string;
  port?: number;
}): Promise<EmbeddedPostgres> {
  if (options.dataDir) await mkdir(options.dataDir, { recursive: true });
  const db = await PGlite.create(options.dataDir);
  const server = new PGLiteSocketServer({
    db,
    host: "127.0.0.1",
    port: options.port ?? 0,
    // PGlite is a single session: connections queue behind each other, so a
    // handful is enough; more would only wait.
    maxConnections: 50,
  });
  await server.start();
  let stopped = false;
  return {
    url: `postgresql://postgres:postgres@${server.getServerConn()}/postgres?sslmode=disable`,
    stop: async () => {
      if (stopped) return;
      stopped = true;
      await server.stop();
      // close() flushes the WASM file system to disk; skipping it can lose writes.
      await db.close();
    },
  };
}
