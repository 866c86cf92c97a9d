import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { connectDatabase, disconnectDatabase } from "@/lib/db/client";
import { startEmbeddedPostgres } from "@/lib/db/embedded";
import { migrate } from "@/lib/db/migrate";
import { seedIfEmpty } from "@/lib/ingest/demo";

describe("embedded database (the default without DATABASE_URL)", () => {
  it("keeps its data across a clean restart", async () => {
    const dataDir = path.join(await mkdtemp(path.join(tmpdir(), "paperboy-pglite-")), "pglite");
    const first = await startEmbeddedPostgres({ dataDir });
    await migrate(first.url);
    connectDatabase(first.url, { max: 2 });
    expect((await seedIfEmpty())?.created).toBe(940); // 134 listing + 806 sample papers
    await disconnectDatabase();
    await first.stop();

    const second = await startEmbeddedPostgres({ dataDir });
    expect(await migrate(second.url)).toEqual([]);
    const db2 = connectDatabase(second.url, { max: 2 });
    expect(await db2.paper.count()).toBe(940);
    expect(await seedIfEmpty()).toBeNull();
    await disconnectDatabase();
    await second.stop();
  });
});
