import { beforeEach, describe, expect, it } from "vitest";
import { setVote } from "@/lib/papers/mutations";
import { DATA_VERSION_CHECK_MS, dataVersion, knownDataVersion } from "@/lib/papers/version";
import { resetDb, testDb } from "@/tests/helpers/db";
import { insertPapers, insertTopic } from "@/tests/helpers/papers";

// The data version (migration 20261129020000_data_version) keys the data and
// page caches: it must move on with every write that changes what pages show,
// and stay put for votes, whose counts pages read live.

const version = async () =>
  BigInt(
    (await testDb().$queryRawUnsafe<{ v: string }[]>(`SELECT version::text AS v FROM data_version WHERE id = 1`))[0]
      ?.v ?? "0",
  );

describe("data version", () => {
  beforeEach(resetDb);

  it("moves on when papers are added, edited, linked to topics or deleted", async () => {
    const v0 = await version();
    const [id] = await insertPapers([{ title: "New paper", featuredOn: "2025-03-14" }]);
    const v1 = await version();
    expect(v1).toBeGreaterThan(v0);

    await testDb().$executeRawUnsafe(`UPDATE papers SET summary = 'Edited.' WHERE id = $1`, id);
    const v2 = await version();
    expect(v2).toBeGreaterThan(v1);

    await insertTopic("lmm", [id!]);
    const v3 = await version();
    expect(v3).toBeGreaterThan(v2);

    await testDb().$executeRawUnsafe(`DELETE FROM paper_topics WHERE paper_id = $1`, id);
    const v4 = await version();
    expect(v4).toBeGreaterThan(v3);

    await testDb().$executeRawUnsafe(`DELETE FROM papers WHERE id = $1`, id);
    expect(await version()).toBeGreaterThan(v4);
  });

  it("stays put for votes: pages read counts live", async () => {
    const [id] = await insertPapers([{ title: "Voted paper", featuredOn: "2025-03-14" }]);
    const before = await version();
    await setVote(id!, "voter-a", true);
    await setVote(id!, "voter-b", true);
    await setVote(id!, "voter-a", false);
    expect(await version()).toBe(before);
  });

  it("is read at most once per check interval, and a known version is served without waiting", async () => {
    await insertPapers([{ title: "One", featuredOn: "2025-03-14" }]);
    const start = Date.now() + 10 * DATA_VERSION_CHECK_MS; // later than any read an earlier test made
    const first = await dataVersion(start);
    expect(first).toBe(String(await version()));
    await insertPapers([{ title: "Two", featuredOn: "2025-03-14" }]);
    // Within the interval the remembered version stands…
    expect(await dataVersion(start + DATA_VERSION_CHECK_MS - 1)).toBe(first);
    expect(knownDataVersion(start + 1)).toBe(first);
    // …and after it the new one is read.
    const later = await dataVersion(Date.now() + 20 * DATA_VERSION_CHECK_MS);
    expect(later).toBe(String(await version()));
    expect(BigInt(later)).toBeGreaterThan(BigInt(first));
  });
});
