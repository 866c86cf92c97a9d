import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { createPrisma } from "@/lib/db/client";
import { startEmbeddedPostgres } from "@/lib/db/embedded";
import { migrate } from "@/lib/db/migrate";
import { seedIfEmpty } from "@/lib/ingest/demo";

describe("embedded database (the default without DATABASE_URL)", () => {
  it("keeps its data across a clean restart", async () => {
    const dataDir = path.join(await mkdtemp(path.join(tmpdir(), "paperboy-pglite-")), "pglite");
    const first = await startEmbeddedPostgres({ dataDir });
    await migrate(first.url);
    const db1 = createPrisma(first.url, 2);
    expect((await seedIfEmpty(db1))?.created).toBe(940); // 134 listing + 806 sample papers
    await db1.$disconnect();
    await first.stop();

    const second = await startEmbeddedPostgres({ dataDir });
    expect(await migrate(second.url)).toEqual([]);
    const db2 = createPrisma(second.url, 2);
    expect(await db2.paper.count()).toBe(940);
    expect(await seedIfEmpty(db2)).toBeNull();
    await db2.$disconnect();
    await second.stop();
  });
});
