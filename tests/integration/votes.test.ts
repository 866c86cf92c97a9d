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
  const paper = await testDb().paper.findUniqueOrThrow({ where: { id: paperId } });
  return { votes, localVotes: paper.localVotes };
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

  it("a vote mostly writes no index entry: the row's new version stays on its page (a HOT update)", async () => {
    // Real abstracts, so rows have their real size on disk. A new version on the row's page is a HOT
    // update, which writes no index entry (the GIN search index would otherwise take one per
    // lexeme). On pages filled to the brim (fillfactor 100) 3 of these 19 votes stayed; the
    // table's fillfactor (80) leaves room for most (21 of 25 on Postgres 15).
    const parsed = parseJsonLines(await readFile("prisma/seed/hf-daily-papers-sample.jsonl", "utf8"));
    if (!parsed.ok) throw new Error(parsed.error);
    const { createdIds: ids } = await storePapers(parsed.papers.slice(0, 100), { related: false });
    const pages = async () =>
      new Map(
        (
          await testDb().$queryRawUnsafe<{ id: number; page: string }[]>(
            `SELECT id, split_part(trim(both '()' from ctid::text), ',', 1) AS page FROM papers WHERE id = ANY($1::int[])`,
            ids,
          )
        ).map((r) => [r.id, r.page]),
      );
    const before = await pages();
    expect(new Set(before.values()).size).toBeGreaterThan(10);
    // One vote per page, as votes spread over a large table fall.
    const voted = [...new Map([...before].map(([id, page]) => [page, id])).values()];
    for (const id of voted) await setVote(id, "voter-a", true);
    const after = await pages();
    const stayed = voted.filter((id) => after.get(id) === before.get(id)).length;
    expect(stayed / voted.length).toBeGreaterThanOrEqual(0.75);
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
