// Voting, rendered on the server with no client component per card: the
// markup works without JavaScript, and one VoteEnhancer in the layout
// (components/vote-enhancer.tsx) takes over every form on the page with
// JavaScript. The styles live in app/globals.css (.vote-*), keyed on the
// form's data-voted (set by the enhancer) and on :target, so a list of 50
// cards carries short class names, not 50 copies of long utility lists.
//
// Without JavaScript the form posts to the route handler, which (after a
// one-time "confirm your vote" step that issues the voter cookie) redirects
// back to #voted-N, and the card shows "You voted" for that target.

export function VoteForm({ paperId, upvotes, returnTo }: { paperId: number; upvotes: number; returnTo: string }) {
  return (
    <form method="post" action={`/papers/${paperId}/vote`} data-vote={paperId} className="vote">
      <input type="hidden" name="returnTo" value={returnTo} />
      <button type="submit" name="intent" value="vote" className="vote-button">
        {/* The accessible name ("Upvote, 12 votes") contains the visible count, so voice control
            users can say what they see (WCAG 2.5.3 label in name). */}
        <span className="sr-only" data-vote-label="">
          Upvote,{" "}
        </span>
        <span aria-hidden="true">▲</span>
        <span data-testid="vote-count">{upvotes}</span>
        <span className="sr-only"> votes</span>
      </button>
      {/* "You voted": shown when this browser's vote is known (JavaScript), or when the no-JavaScript
          vote redirected here (#voted-N is the target); "Undo" posts intent=remove. */}
      <p id={`voted-${paperId}`} data-testid="voted-note" className="vote-note">
        ✓ You voted
        <button type="submit" name="intent" value="remove" aria-label="Undo my vote" className="vote-undo">
          Undo
        </button>
      </p>
      {/* One live region per form: the outcome of a vote, or why it failed (written by the enhancer). */}
      <span role="status" className="vote-status" />
    </form>
  );
}

/** "57 (54 from the source, 3 here)"; the enhancer keeps both counts in step with votes cast on the page. */
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
  return (
    <span data-testid="vote-tally" data-vote-tally={paperId}>
      <span data-tally="upvotes">{upvotes}</span> ({sourceUpvotes} from the source,{" "}
      <span data-tally="local">{localVotes}</span> here)
    </span>
  );
}
