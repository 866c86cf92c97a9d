"use client";

import { useEffect, useState } from "react";

// Voting works without JavaScript: the form posts to the route handler, which
// (after a one-time "confirm your vote" step that issues the voter cookie)
// redirects back to #voted-N, and the card shows "You voted" for that target
// (CSS :target). With JavaScript this component gets a voter identity from
// POST /api/votes before the first vote, posts with fetch, and every button and
// tally for the paper on the page updates together (a window event). Pages are
// cached for everyone, so whether *this* browser voted is fetched once per page
// (one batched request), never rendered into the shared HTML. The same request
// brings the current counts: a cached page may be up to 30 s old (lib/page-cache/).

export type VoteChange = { paperId: number; voted: boolean; upvotes: number; localVotes: number };
export const VOTE_EVENT = "paperboy:vote";

const pending = new Set<number>();
let scheduled = false;

type VotedAnswer = { voted: number[]; counts: Record<string, { upvotes: number; localVotes: number }> };

/** Asks once per page (batched) whether this browser voted for these papers, and their counts now. */
function loadVoteState(paperId: number) {
  pending.add(paperId);
  if (scheduled) return;
  scheduled = true;
  setTimeout(async () => {
    const batch = [...pending];
    pending.clear();
    scheduled = false;
    try {
      const res = await fetch(`/api/votes?ids=${batch.join(",")}`, { cache: "no-store" });
      if (!res.ok) return;
      const { voted, counts } = (await res.json()) as VotedAnswer;
      for (const id of batch) {
        const count = counts[id];
        if (!count) continue;
        const detail: VoteChange = { paperId: id, voted: voted.includes(id), ...count };
        window.dispatchEvent(new CustomEvent<VoteChange>(VOTE_EVENT, { detail }));
      }
    } catch {
      // Unknown state: the button still toggles.
    }
  }, 0);
}

/** Subscribes to vote changes of one paper made anywhere on the page. */
export function onVoteChange(paperId: number, callback: (change: VoteChange) => void): () => void {
  const listener = (event: Event) => {
    const change = (event as CustomEvent<VoteChange>).detail;
    if (change.paperId === paperId) callback(change);
  };
  window.addEventListener(VOTE_EVENT, listener);
  return () => window.removeEventListener(VOTE_EVENT, listener);
}

type VoteAnswer = { ok: true; change: VoteChange } | { ok: false; message: string };

async function postVote(paperId: number, intent: "vote" | "remove" | null): Promise<Response> {
  return fetch(`/papers/${paperId}/vote`, {
    method: "POST",
    headers: { Accept: "application/json" },
    body: intent ? new URLSearchParams({ intent }) : undefined,
  });
}

async function castVote(paperId: number, intent: "vote" | "remove" | null): Promise<VoteAnswer> {
  let res = await postVote(paperId, intent);
  if (res.status === 403) {
    // No voter identity yet: get one (a request that casts no vote), then vote.
    const identity = await fetch("/api/votes", { method: "POST", headers: { Accept: "application/json" } });
    if (identity.status === 429)
      return { ok: false, message: "Too many new voters from your network, try again later" };
    if (!identity.ok) return { ok: false, message: "Vote failed" };
    res = await postVote(paperId, intent);
  }
  if (res.ok) {
    const body = (await res.json()) as Omit<VoteChange, "paperId">;
    return { ok: true, change: { paperId, ...body } };
  }
  if (res.status === 429) return { ok: false, message: "Too many votes, try again in a minute" };
  if (res.status === 403) return { ok: false, message: "Voting needs cookies for this site" };
  return { ok: false, message: "Vote failed" };
}

export function VoteButton({ paperId, upvotes, returnTo }: { paperId: number; upvotes: number; returnTo: string }) {
  const [count, setCount] = useState(upvotes);
  const [voted, setVoted] = useState<boolean | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [announcement, setAnnouncement] = useState("");

  // Subscribed before the state is asked for, so the answer reaches this button.
  useEffect(() => {
    const unsubscribe = onVoteChange(paperId, (change) => {
      setVoted(change.voted);
      setCount(change.upvotes);
    });
    loadVoteState(paperId);
    return unsubscribe;
  }, [paperId]);

  async function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (busy) return;
    const submitter = (event.nativeEvent as SubmitEvent).submitter as HTMLButtonElement | null;
    const intent = submitter?.value === "remove" ? "remove" : voted === null ? null : voted ? "remove" : "vote";
    setBusy(true);
    setError(null);
    try {
      const answer = await castVote(paperId, intent);
      if (answer.ok) {
        window.dispatchEvent(new CustomEvent<VoteChange>(VOTE_EVENT, { detail: answer.change }));
        setAnnouncement(answer.change.voted ? "Vote counted" : "Vote removed");
        // The no-JavaScript "You voted" target would contradict a removed vote.
        if (!answer.change.voted && window.location.hash === `#voted-${paperId}`)
          history.replaceState(null, "", `#paper-${paperId}`);
      } else {
        setError(answer.message);
      }
    } catch {
      setError("Vote failed");
    } finally {
      setBusy(false);
    }
  }

  return (
    <form method="post" action={`/papers/${paperId}/vote`} onSubmit={onSubmit} className="group flex flex-col gap-1">
      <input type="hidden" name="returnTo" value={returnTo} />
      <button
        type="submit"
        name="intent"
        value="vote"
        aria-pressed={voted ?? undefined}
        className={`inline-flex min-w-16 items-center justify-center gap-1 rounded-md border px-2 py-1 text-sm font-medium focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-600 ${
          voted
            ? "border-blue-700 bg-blue-700 text-white dark:border-blue-400 dark:bg-blue-400 dark:text-zinc-950"
            : "border-zinc-300 text-zinc-800 hover:bg-zinc-100 group-has-[:target]:border-blue-700 group-has-[:target]:bg-blue-700 group-has-[:target]:text-white dark:border-zinc-700 dark:text-zinc-100 dark:hover:bg-zinc-800 dark:group-has-[:target]:border-blue-400 dark:group-has-[:target]:bg-blue-400 dark:group-has-[:target]:text-zinc-950"
        }`}
      >
        {/* The accessible name ("Upvote, 12 votes") contains the visible count, so voice control
            users can say what they see (WCAG 2.5.3 label in name). */}
        <span className="sr-only">{voted ? "Remove vote" : "Upvote"}, </span>
        <span aria-hidden="true">▲</span>
        <span data-testid="vote-count">{count}</span>
        <span className="sr-only"> votes</span>
      </button>
      {/* "You voted": shown when this browser's vote is known (JavaScript), or when the no-JavaScript
          vote redirected here (#voted-N is the target); "Undo" posts intent=remove. */}
      <p
        id={`voted-${paperId}`}
        data-testid="voted-note"
        className={`${voted ? "flex" : voted === false ? "hidden" : "hidden target:flex"} scroll-mt-24 items-center gap-1 text-xs text-blue-800 dark:text-blue-300`}
      >
        ✓ You voted
        <button
          type="submit"
          name="intent"
          value="remove"
          aria-label="Undo my vote"
          className="underline focus-visible:outline-2 focus-visible:outline-blue-600"
        >
          Undo
        </button>
      </p>
      {/* One live region per button: the outcome of a vote, or why it failed. */}
      <span role="status" className={error ? "text-xs text-red-700 dark:text-red-400" : "sr-only"}>
        {error ?? announcement}
      </span>
    </form>
  );
}
