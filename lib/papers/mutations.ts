import { db } from "@/lib/db/client";

// Writes for browse: local votes.

export type VoteResult =
  | { ok: true; voted: boolean; upvotes: number; localVotes: number }
  | { ok: false; reason: "notFound" };

/**
 * Toggles this voter's vote on a paper (vote, or unvote when already voted),
 * or sets it when `want` is given. One short transaction: the paper's narrow
 * rank row, where its votes are counted, is locked first, so concurrent clicks
 * on the same paper run one after another; the unique (paper_id, voter_hash)
 * constraint guarantees one vote per voter regardless; local_votes is
 * recomputed from the votes table, never drifted, and votes (upvotes + local
 * votes) moves by the same difference. The wide papers row is not written.
 */
export async function setVote(paperId: number, voterHash: string, want?: boolean): Promise<VoteResult> {
  return db().$transaction(async (tx) => {
    const locked = await tx.$queryRawUnsafe<{ id: number }[]>(
      `SELECT paper_id AS id FROM paper_rank WHERE paper_id = $1 FOR UPDATE`,
      paperId,
    );
    if (locked.length === 0) return { ok: false, reason: "notFound" } as const;
    const existing = await tx.$queryRawUnsafe<{ id: number }[]>(
      `SELECT id FROM votes WHERE paper_id = $1 AND voter_hash = $2`,
      paperId,
      voterHash,
    );
    const voted = want ?? existing.length === 0;
    if (voted && existing.length === 0) {
      await tx.$executeRawUnsafe(
        `INSERT INTO votes (paper_id, voter_hash) VALUES ($1, $2) ON CONFLICT (paper_id, voter_hash) DO NOTHING`,
        paperId,
        voterHash,
      );
    } else if (!voted && existing.length > 0) {
      await tx.$executeRawUnsafe(`DELETE FROM votes WHERE paper_id = $1 AND voter_hash = $2`, paperId, voterHash);
    }
    const rows = await tx.$queryRawUnsafe<{ upvotes: number; localVotes: number }[]>(
      `UPDATE paper_rank r SET local_votes = c.n, votes = r.votes - r.local_votes + c.n
         FROM (SELECT count(*)::int AS n FROM votes WHERE paper_id = $1) c
        WHERE r.paper_id = $1 RETURNING r.votes AS upvotes, r.local_votes AS "localVotes"`,
      paperId,
    );
    return { ok: true, voted, ...rows[0]! } as const;
  });
}
