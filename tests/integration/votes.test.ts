import { readFile } from "node:fs/promises";
import { beforeEach, describe, expect, it } from "vitest";
import { parseJsonLines } from "@/lib/ingest/jsonl";
import { storePapers } from "@/lib/ingest/store";
import { votedPaperIds } from "@/lib/papers/data";
import { setVote } from "@/lib/papers/mutations";
import { resetDb, testDb } from "@/tests/helpers/db";
import { insertPapers } from "@/tests/helpers/papers";

async function state(paperId: number) {
  const votes = await testDb().vote.count({ where: { paperId } });
  const rank = await testDb().paperRank.findUniqueOrThrow({ where: { paperId } });
  return { votes, localVotes: rank.localVotes };
}

describe("votes", () => {
  let paperId: number;
  beforeEach(async () => {
    await resetDb();
    paperId = (await insertPapers([{ title: "Votable", featuredOn: "2025-03-14", upvotes: 10 }]))[0]!;
  });

  it("toggles: vote, unvote, vote again; counts include source upvotes", async () => {
    expect(await setVote(paperId, "voter-a")).toEqual({ ok: true, voted: true, upvotes: 11, localVotes: 1 });
    expect(await votedPaperIds("voter-a", [paperId, 999])).toEqual([paperId]);
    expect(await setVote(paperId, "voter-a")).toEqual({ ok: true, voted: false, upvotes: 10, localVotes: 0 });
    expect(await votedPaperIds("voter-a", [paperId])).toEqual([]);
    expect(await setVote(paperId, "voter-a")).toMatchObject({ voted: true, localVotes: 1 });
    expect(await setVote(paperId, "voter-b")).toMatchObject({ voted: true, localVotes: 2 });
    expect(await state(paperId)).toEqual({ votes: 2, localVotes: 2 });
  });

  it("setting an explicit state is idempotent", async () => {
    await setVote(paperId, "voter-a", true);
    expect(await setVote(paperId, "voter-a", true)).toMatchObject({ voted: true, localVotes: 1 });
    await setVote(paperId, "voter-a", false);
    expect(await setVote(paperId, "voter-a", false)).toMatchObject({ voted: false, localVotes: 0 });
  });

  it("a vote never writes the wide papers row (nor its search index): only the narrow rank row", async () => {
    const parsed = parseJsonLines(await readFile("prisma/seed/hf-daily-papers-sample.jsonl", "utf8"));
    if (!parsed.ok) throw new Error(parsed.error);
    const { createdIds: ids } = await storePapers(parsed.papers.slice(0, 20), { related: false });
    // A row's version: a write of any kind gives it a new xmin (and, unless HOT, a new place).
    const versions = (table: string, key: string) =>
      testDb().$queryRawUnsafe<{ id: number; version: string }[]>(
        `SELECT ${key} AS id, xmin::text || '@' || ctid::text AS version FROM ${table} WHERE ${key} = ANY($1::int[]) ORDER BY ${key}`,
        ids,
      );
    const papersBefore = await versions("papers", "id");
    const ranksBefore = await versions("paper_rank", "paper_id");
    for (const id of ids) await setVote(id, "voter-a", true);
    expect(await versions("papers", "id")).toEqual(papersBefore);
    const ranksAfter = await versions("paper_rank", "paper_id");
    expect(ranksAfter.filter((r, i) => r.version !== ranksBefore[i]!.version)).toHaveLength(ids.length);
    const counted = await testDb().paperRank.findMany({ where: { paperId: { in: ids } } });
    expect(counted.every((r) => r.localVotes === 1)).toBe(true);
  });

  it("reports an unknown paper", async () => {
    expect(await setVote(999_999, "voter-a")).toEqual({ ok: false, reason: "notFound" });
  });

  it("20 concurrent clicks from one voter leave exactly 0 or 1 vote, and local_votes agrees", async () => {
    const results = await Promise.all(Array.from({ length: 20 }, () => setVote(paperId, "clicker")));
    expect(results.every((r) => r.ok)).toBe(true);
    const { votes, localVotes } = await state(paperId);
    expect([0, 1]).toContain(votes);
    expect(localVotes).toBe(votes);
    // 20 toggles in some serial order end where they started.
    expect(votes).toBe(0);
  });

  it("concurrent votes from 20 voters all count", async () => {
    await Promise.all(Array.from({ length: 20 }, (_, i) => setVote(paperId, `voter-${i}`)));
    expect(await state(paperId)).toEqual({ votes: 20, localVotes: 20 });
  });

  it("the database refuses a second vote row for the same voter", async () => {
    await setVote(paperId, "voter-a");
    await expect(testDb().vote.create({ data: { paperId, voterHash: "voter-a" } })).rejects.toThrow();
  });
});
