import { db } from "@/lib/db/client";

// Writes for browse: local votes.

export type VoteResult =
  | { ok: true; voted: boolean; upvotes: number; localVotes: number }
  | { ok: false; reason: "notFound" };

/**
 * Toggles this voter's vote on a paper (vote, or unvote when already voted),
 * or sets it when `want` is given. One short transaction: the paper row is
 * locked first, so concurrent clicks on the same paper run one after another;
 * the unique (paper_id, voter_hash) constraint guarantees one vote per voter
 * regardless; local_votes is recomputed from the votes table, never drifted.
 */
export async function setVote(paperId: number, voterHash: string, want?: boolean): Promise<VoteResult> {
  return db().$transaction(async (tx) => {
    const locked = await tx.$queryRawUnsafe<{ id: number }[]>(
      `SELECT id FROM papers WHERE id = $1 FOR UPDATE`,
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
      `UPDATE papers SET local_votes = (SELECT count(*) FROM votes WHERE paper_id = $1)
        WHERE id = $1 RETURNING upvotes + local_votes AS upvotes, local_votes AS "localVotes"`,
      paperId,
    );
    return { ok: true, voted, ...rows[0]! } as const;
  });
}
