// A browser's own recent votes, so the page cache never shows it a copy
// rendered before its vote. A vote without JavaScript sets FRESH_COOKIE to the
// papers voted on in the last FRESH_COOKIE_SECONDS and when ("12.m3k9x1-40.m3k9y0":
// paper id, then the time in base-36 milliseconds). A cached page that shows one
// of those papers and was rendered before that vote is rendered again for this
// browser (and stored for everyone); every other page is served from the cache
// as usual. Pages read vote counts live at render time (lib/papers/live.ts), so
// any render that starts after the vote shows it.
//
// The cookie is not signed: whoever edits it can only make their own requests
// render pages again, which costs what a search does.

export const FRESH_COOKIE = "pb_fresh";
export const FRESH_COOKIE_SECONDS = 60;
/** The most recent votes kept; older ones are past the cache's staleness anyway. */
const MAX_VOTES = 8;
const ENTRY = /^(\d{1,9})\.([0-9a-z]{1,11})$/;

/** Paper id -> when this browser last voted on it (ms), for votes within FRESH_COOKIE_SECONDS; junk is ignored. */
export function readFreshVotes(value: string | undefined, now: number): Map<number, number> {
  const votes = new Map<number, number>();
  if (!value) return votes;
  for (const part of value.split("-").slice(0, MAX_VOTES)) {
    const match = ENTRY.exec(part);
    if (!match) continue;
    // A time from the future (an edited cookie) counts as now.
    const at = Math.min(Number.parseInt(match[2]!, 36), now);
    if (now - at < FRESH_COOKIE_SECONDS * 1000) votes.set(Number(match[1]), at);
  }
  return votes;
}

/** The cookie value after a vote on paperId at `now`: that vote first, then the other recent ones. */
export function freshCookieValue(previous: string | undefined, paperId: number, now: number): string {
  const votes = readFreshVotes(previous, now);
  votes.delete(paperId);
  return [[paperId, now] as const, ...[...votes].sort((a, b) => b[1] - a[1])]
    .slice(0, MAX_VOTES)
    .map(([id, at]) => `${id}.${at.toString(36)}`)
    .join("-");
}

/** The time a render of a page showing these papers must start after for this browser, or 0. */
export function renderedAfter(votes: Map<number, number>, paperIds: readonly number[]): number {
  let after = 0;
  if (votes.size === 0) return after;
  for (const id of paperIds) after = Math.max(after, votes.get(id) ?? 0);
  return after;
}
