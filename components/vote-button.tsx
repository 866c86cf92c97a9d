"use client";

import { useEffect, useState } from "react";

// Voting works without JavaScript: the form posts to the route handler, which
// redirects back (303). With JavaScript this component posts with fetch and
// updates the count in place. Pages are cached for everyone, so whether *this*
// browser voted is fetched once per page (one batched request), never rendered
// into the shared HTML.

const pending = new Map<number, ((voted: boolean) => void)[]>();
let scheduled = false;

function whenVoted(paperId: number, callback: (voted: boolean) => void) {
  pending.set(paperId, [...(pending.get(paperId) ?? []), callback]);
  if (scheduled) return;
  scheduled = true;
  setTimeout(async () => {
    const batch = new Map(pending);
    pending.clear();
    scheduled = false;
    try {
      const res = await fetch(`/api/votes?ids=${[...batch.keys()].join(",")}`, { cache: "no-store" });
      if (!res.ok) return;
      const { voted } = (await res.json()) as { voted: number[] };
      for (const [id, callbacks] of batch) for (const cb of callbacks) cb(voted.includes(id));
    } catch {
      // Unknown state: the button still toggles.
    }
  }, 0);
}

export function VoteButton({ paperId, upvotes, returnTo }: { paperId: number; upvotes: number; returnTo: string }) {
  const [count, setCount] = useState(upvotes);
  const [voted, setVoted] = useState<boolean | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => whenVoted(paperId, setVoted), [paperId]);

  async function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (busy) return;
    setBusy(true);
    setError(null);
    try {
      const res = await fetch(`/papers/${paperId}/vote`, { method: "POST", headers: { Accept: "application/json" } });
      if (res.ok) {
        const body = (await res.json()) as { voted: boolean; upvotes: number };
        setVoted(body.voted);
        setCount(body.upvotes);
      } else {
        setError(res.status === 429 ? "Too many votes, try again in a minute" : "Vote failed");
      }
    } catch {
      setError("Vote failed");
    } finally {
      setBusy(false);
    }
  }

  return (
    <form method="post" action={`/papers/${paperId}/vote`} onSubmit={onSubmit} className="flex items-center gap-2">
      <input type="hidden" name="returnTo" value={returnTo} />
      <button
        type="submit"
        aria-pressed={voted ?? undefined}
        className={`inline-flex min-w-16 items-center justify-center gap-1 rounded-md border px-2 py-1 text-sm font-medium focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-600 ${
          voted
            ? "border-blue-700 bg-blue-700 text-white dark:border-blue-400 dark:bg-blue-400 dark:text-zinc-950"
            : "border-zinc-300 text-zinc-800 hover:bg-zinc-100 dark:border-zinc-700 dark:text-zinc-100 dark:hover:bg-zinc-800"
        }`}
      >
        {/* The accessible name ("Upvote, 12 votes") contains the visible count, so voice control
            users can say what they see (WCAG 2.5.3 label in name). */}
        <span className="sr-only">{voted ? "Remove vote" : "Upvote"}, </span>
        <span aria-hidden="true">▲</span>
        <span data-testid="vote-count">{count}</span>
        <span className="sr-only"> votes</span>
      </button>
      {error && (
        <span role="status" className="text-xs text-red-700 dark:text-red-400">
          {error}
        </span>
      )}
    </form>
  );
}
