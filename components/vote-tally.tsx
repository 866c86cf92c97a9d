"use client";

import { useEffect, useState } from "react";
import { onVoteChange } from "./vote-button";

/** "57 (54 from the source, 3 here)": follows votes cast on the page, like the vote button. */
export function VoteTally({
  paperId,
  upvotes,
  sourceUpvotes,
  localVotes,
}: {
  paperId: number;
  upvotes: number;
  sourceUpvotes: number;
  localVotes: number;
}) {
  const [counts, setCounts] = useState({ upvotes, localVotes });
  useEffect(
    () => onVoteChange(paperId, (change) => setCounts({ upvotes: change.upvotes, localVotes: change.localVotes })),
    [paperId],
  );
  return (
    <span data-testid="vote-tally">
      {counts.upvotes} ({sourceUpvotes} from the source, {counts.localVotes} here)
    </span>
  );
}
