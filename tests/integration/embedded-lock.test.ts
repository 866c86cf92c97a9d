import { mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { EmbeddedInUseError, startEmbeddedPostgres } from "@/lib/db/embedded";

// Two processes on one PGlite data directory would corrupt it: `npm run ingest`
// without DATABASE_URL must refuse while `npm start` holds the directory.
describe("embedded data directory lock", () => {
  it("refuses a directory held by a live process and takes over a stale lock", async () => {
    const dataDir = path.join(await mkdtemp(path.join(tmpdir(), "paperboy-lock-")), "pglite");
    const lockFile = `${dataDir}.lock`;

    // The parent of this test process is alive and is not us.
    await writeFile(lockFile, String(process.ppid));
    await expect(startEmbeddedPostgres({ dataDir })).rejects.toThrow(EmbeddedInUseError);
    await expect(startEmbeddedPostgres({ dataDir })).rejects.toThrow(/is in use by process \d+/);

    // A pid that no longer exists: the lock is stale.
    await writeFile(lockFile, "2147483646");
    const embedded = await startEmbeddedPostgres({ dataDir });
    expect(await readFile(lockFile, "utf8")).toBe(String(process.pid));
    await embedded.stop();
    await expect(readFile(lockFile, "utf8")).rejects.toMatchObject({ code: "ENOENT" });
  });
});
