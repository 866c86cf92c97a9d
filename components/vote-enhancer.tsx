"use client";

import { useEffect } from "react";

// The one client component behind every vote form on a page (components/vote-form.tsx),
// mounted once in the root layout. It listens to submit events on the document
// (delegation), so the cards themselves stay server markup. With it:
// - a voter identity comes from POST /api/votes before the first vote, and the
//   vote is posted with fetch, never a page load;
// - whether this browser voted, and the counts now, are asked for once per page
//   (one batched /api/votes?ids= request), never rendered into the shared HTML:
//   pages come from the page cache and may be up to 30 s old (lib/page-cache/);
// - every form and tally of a paper on the page shows the same state.
// Forms added later (client navigation) are found by a MutationObserver.

type Counts = { upvotes: number; localVotes: number };
type VoteState = Counts & { paperId: number; voted: boolean };
type VotedAnswer = { voted: number[]; counts: Record<string, Counts> };
type VoteAnswer = { ok: true; state: VoteState } | { ok: false; message: string };

const FORMS = "form[data-vote]";

function show(state: VoteState, announcement?: string) {
  for (const form of document.querySelectorAll<HTMLFormElement>(`form[data-vote="${state.paperId}"]`)) {
    form.dataset.voted = String(state.voted);
    const button = form.querySelector<HTMLButtonElement>('button[value="vote"]');
    button?.setAttribute("aria-pressed", String(state.voted));
    const label = form.querySelector("[data-vote-label]");
    if (label) label.textContent = state.voted ? "Remove vote, " : "Upvote, ";
    const count = form.querySelector('[data-testid="vote-count"]');
    if (count) count.textContent = String(state.upvotes);
    if (announcement !== undefined) status(form, announcement, false);
  }
  for (const tally of document.querySelectorAll(`[data-vote-tally="${state.paperId}"]`)) {
    const upvotes = tally.querySelector('[data-tally="upvotes"]');
    const local = tally.querySelector('[data-tally="local"]');
    if (upvotes) upvotes.textContent = String(state.upvotes);
    if (local) local.textContent = String(state.localVotes);
  }
}

function status(form: HTMLFormElement, message: string, error: boolean) {
  const region = form.querySelector<HTMLElement>(".vote-status");
  if (!region) return;
  region.textContent = message;
  if (error) region.dataset.error = "";
  else delete region.dataset.error;
}

/** Asks once whether this browser voted for these forms' papers, and their counts now. */
async function loadStates(forms: HTMLFormElement[]) {
  const ids = [...new Set(forms.map((form) => Number(form.dataset.vote)).filter(Number.isInteger))];
  if (ids.length === 0) return;
  try {
    const res = await fetch(`/api/votes?ids=${ids.join(",")}`, { cache: "no-store" });
    if (!res.ok) return;
    const { voted, counts } = (await res.json()) as VotedAnswer;
    for (const id of ids) {
      const count = counts[id];
      if (count) show({ paperId: id, voted: voted.includes(id), ...count });
    }
  } catch {
    // Unknown state: the buttons still work.
  }
}

function postVote(paperId: number, intent: "vote" | "remove" | null): Promise<Response> {
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
    const body = (await res.json()) as Omit<VoteState, "paperId">;
    return { ok: true, state: { paperId, ...body } };
  }
  if (res.status === 429) return { ok: false, message: "Too many votes, try again in a minute" };
  if (res.status === 403) return { ok: false, message: "Voting needs cookies for this site" };
  return { ok: false, message: "Vote failed" };
}

const busy = new WeakSet<HTMLFormElement>();

async function onSubmit(event: SubmitEvent) {
  const form = event.target instanceof HTMLFormElement && event.target.matches(FORMS) ? event.target : null;
  if (!form) return;
  event.preventDefault();
  if (busy.has(form)) return;
  const paperId = Number(form.dataset.vote);
  const known = form.dataset.voted;
  const intent =
    event.submitter instanceof HTMLButtonElement && event.submitter.value === "remove"
      ? "remove"
      : known === undefined
        ? null
        : known === "true"
          ? "remove"
          : "vote";
  busy.add(form);
  status(form, "", false);
  try {
    const answer = await castVote(paperId, intent);
    if (!answer.ok) return status(form, answer.message, true);
    show(answer.state, answer.state.voted ? "Vote counted" : "Vote removed");
    // The no-JavaScript "You voted" target would contradict a removed vote.
    if (!answer.state.voted && window.location.hash === `#voted-${paperId}`)
      history.replaceState(null, "", `#paper-${paperId}`);
  } catch {
    status(form, "Vote failed", true);
  } finally {
    busy.delete(form);
  }
}

export function VoteEnhancer() {
  useEffect(() => {
    const seen = new WeakSet<HTMLFormElement>();
    const scan = () => {
      const fresh = [...document.querySelectorAll<HTMLFormElement>(FORMS)].filter((form) => !seen.has(form));
      for (const form of fresh) seen.add(form);
      void loadStates(fresh);
    };
    scan();
    const observer = new MutationObserver(scan);
    observer.observe(document.body, { childList: true, subtree: true });
    document.addEventListener("submit", onSubmit);
    return () => {
      observer.disconnect();
      document.removeEventListener("submit", onSubmit);
    };
  }, []);
  return null;
}
