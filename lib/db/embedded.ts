import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { PGLiteSocketServer } from "@electric-sql/pglite-socket";
import { keepProtocolGroupsTogether } from "./pglite-queue";

// The embedded default: real Postgres compiled to WASM (PGlite), served over
// the Postgres wire protocol on loopback so the app uses the same `pg` driver
// and Prisma adapter as in production.

export type EmbeddedPostgres = { url: string; stop: () => Promise<void> };

/** dataDir undefined keeps the database in memory (tests). */
export async function startEmbeddedPostgres(options: { dataDir?: string; port?: number }): Promise<EmbeddedPostgres> {
  if (options.dataDir) await mkdir(options.dataDir, { recursive: true });
  const releaseLock = options.dataDir ? await lockDataDir(options.dataDir) : async () => {};
  const db = await PGlite.create(options.dataDir);
  const server = new PGLiteSocketServer({
    db,
    host: "127.0.0.1",
    port: options.port ?? 0,
    // PGlite is a single session: connections queue behind each other, so a
    // handful is enough; more would only wait.
    maxConnections: 50,
  });
  keepProtocolGroupsTogether(server);
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
      await releaseLock();
    },
  };
}

export class EmbeddedInUseError extends Error {}

/**
 * Two processes opening one PGlite data directory corrupt it (each is a whole
 * single-user Postgres), so the directory is locked by a sibling "<dir>.lock"
 * holding the owner's pid. A lock whose process is gone is taken over.
 */
async function lockDataDir(dataDir: string): Promise<() => Promise<void>> {
  const file = `${path.resolve(dataDir)}.lock`;
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      await writeFile(file, String(process.pid), { flag: "wx" });
      return () => rm(file, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      const pid = Number((await readFile(file, "utf8").catch(() => "")).trim());
      if (pid && pid !== process.pid && isAlive(pid)) {
        throw new EmbeddedInUseError(
          `the embedded database in ${dataDir} is in use by process ${pid} (is \`npm start\` running?); ` +
            `stop it, or remove ${file} if that process is not Paperboy`,
        );
      }
      await rm(file, { force: true });
    }
  }
  throw new EmbeddedInUseError(`could not lock ${dataDir}`);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}
