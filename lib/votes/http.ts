import "server-only";
import { clientKey } from "@/lib/http/client";
import { cookieAttributes, readCookie, setCookieHeader } from "@/lib/http/cookies";
import { readForm, textField } from "@/lib/http/form";
import { type HtmlPage, htmlResponse } from "@/lib/http/html";
import { safeReturnPath } from "@/lib/http/same-site";
import { FRESH_COOKIE, FRESH_COOKIE_SECONDS, freshCookieValue } from "@/lib/page-cache/fresh";
import { paperTitle, votedPaperIds } from "@/lib/papers/data";
import { liveCounts } from "@/lib/papers/live";
import { setVote } from "@/lib/papers/mutations";
import { paperIdSchema } from "@/lib/papers/schema";
import { consumeRateLimit } from "@/lib/security/rate-limit";
import { issueVoterIdentity, voterFrom } from "./identity";
import { voterHash } from "./voter";

// The HTTP side of votes.
//
// POST /papers/:id/vote casts or removes this browser's vote. It counts only
// with a voter cookie issued beforehand (lib/votes/identity.ts):
// - with JavaScript, pages get one from POST /api/votes before the first vote
//   and send Accept: application/json; the answer is { voted, upvotes, localVotes },
//   or 403 { error: { parameter: "voter" } } without an identity;
// - without JavaScript, a cookie-less form post casts nothing and answers a
//   "confirm your vote" page that carries the new cookie; its button posts
//   again. A cast vote answers 303 back to the card (#voted-N, which the card
//   shows as "You voted"); a removed one to #paper-N.
// A form post never toggles: it votes (intent=vote, the default) or removes
// (intent=remove), so a second click can't silently undo the first.
// The cross-site check is proxy.ts's, as for every POST.

/** Votes per browser per minute, and per network address (many browsers may share one). */
export const VOTES_PER_VOTER_PER_MINUTE = 30;
export const VOTES_PER_ADDRESS_PER_MINUTE = 300;

const NO_STORE = { "Cache-Control": "no-store" };
const MAX_IDS = 200;

type Intent = "vote" | "remove" | "toggle";

const json = (status: number, body: object, headers: Record<string, string> = {}) =>
  Response.json(body, { status, headers: { ...NO_STORE, ...headers } });

const retryAfter = (ms: number) => String(Math.max(1, Math.ceil(ms / 1000)));

function page(status: number, content: HtmlPage, headers: Record<string, string> = {}): Response {
  return htmlResponse(status, content, headers);
}

async function readVoteForm(request: Request, id: number) {
  const fallback = `/papers/${id}`;
  if (!request.headers.get("content-type")) return { returnTo: fallback, intent: undefined, confirming: false };
  const read = await readForm(request);
  if (!read.ok) return { returnTo: fallback, intent: undefined, confirming: false };
  const rawIntent = textField(read.form, "intent");
  const intent: Intent | undefined = rawIntent === "vote" || rawIntent === "remove" ? rawIntent : undefined;
  return {
    // The fragment is ours to choose (#voted-N / #paper-N).
    returnTo: safeReturnPath(textField(read.form, "returnTo"), fallback).split("#")[0]!,
    intent,
    confirming: textField(read.form, "confirm") === "1",
  };
}

export async function handleVote(request: Request, rawId: string): Promise<Response> {
  const wantsJson = request.headers.get("accept")?.includes("application/json") ?? false;
  const parsed = paperIdSchema.safeParse(rawId);
  if (!parsed.success) return json(400, { error: { parameter: "id", message: "must be a paper id" } });
  const id = parsed.data;
  const form = await readVoteForm(request, id);
  const back = { href: `${form.returnTo}#paper-${id}`, label: "Back to the paper" };

  const voterId = voterFrom(request);
  if (!voterId) return wantsJson ? noVoterJson() : confirmStep(request, id, form, back);

  const hash = voterHash(voterId);
  const limits = await Promise.all([
    consumeRateLimit(`vote:${hash}`, VOTES_PER_VOTER_PER_MINUTE, 60_000),
    consumeRateLimit(clientKey("vote", request.headers), VOTES_PER_ADDRESS_PER_MINUTE, 60_000),
  ]);
  const limited = limits.find((l) => !l.ok);
  if (limited)
    return json(
      429,
      { error: { parameter: "rate", message: "too many votes; try again later" } },
      { "Retry-After": retryAfter(limited.retryAfterMs) },
    );

  // JSON callers may toggle; a form without JavaScript only ever does what its button says.
  const intent: Intent = form.intent ?? (wantsJson ? "toggle" : "vote");
  const result = await setVote(id, hash, intent === "toggle" ? undefined : intent === "vote");
  if (!result.ok) return json(404, { error: { parameter: "id", message: "no such paper" } });
  // No cache invalidation: pages overlay live counts on cached lists (lib/papers/live.ts),
  // so the new count shows everywhere at once while other views keep their cache.
  if (wantsJson) return json(200, { voted: result.voted, upvotes: result.upvotes, localVotes: result.localVotes });
  // A relative Location: the browser resolves it against the page it posted from, whatever host the proxy used.
  // For a minute, pages this browser loads that show this paper are rendered after the vote
  // (lib/page-cache/fresh.ts), so it sees its own vote at once instead of a copy rendered before it.
  const fragment = result.voted ? `#voted-${id}` : `#paper-${id}`;
  const recent = freshCookieValue(readCookie(request.headers, FRESH_COOKIE), id, Date.now());
  const fresh = setCookieHeader(FRESH_COOKIE, recent, cookieAttributes(FRESH_COOKIE_SECONDS));
  return new Response(null, {
    status: 303,
    headers: { Location: `${form.returnTo}${fragment}`, "Set-Cookie": fresh, ...NO_STORE },
  });
}

function noVoterJson(): Response {
  return json(403, {
    error: {
      parameter: "voter",
      message:
        "no voter identity: get one with POST /api/votes (pages do this before the first vote); nothing was counted",
    },
  });
}

/** A cookie-less form post: no vote, a voter cookie (within the limit), and a button that casts the vote. */
async function confirmStep(
  request: Request,
  id: number,
  form: { returnTo: string; intent?: Intent; confirming: boolean },
  back: { href: string; label: string },
): Promise<Response> {
  if (form.intent === "remove") return seeOtherTo(back.href); // nothing to remove without an identity
  const title = await paperTitle(id);
  if (title === null)
    return page(404, { title: "Paper not found", paragraphs: ["There is no such paper."], link: back });
  if (form.confirming)
    return page(403, {
      title: "Your browser did not keep the voter cookie",
      paragraphs: [
        "Nothing was counted. A vote needs a small cookie that says which votes are yours (it holds no personal data); allow cookies for this site and vote again.",
      ],
      link: back,
    });
  const issued = await issueVoterIdentity(request);
  if (!issued.ok)
    return page(
      429,
      {
        title: "Too many new voters from your network",
        paragraphs: [
          "Nothing was counted. Too many browsers from your network started voting this hour; try again later.",
        ],
        link: back,
      },
      { "Retry-After": retryAfter(issued.retryAfterMs) },
    );
  return page(
    200,
    {
      title: "Confirm your vote",
      paragraphs: [
        ["Vote for “", { isolate: title }, "”?"],
        "Nothing was counted yet: a vote needs a voter cookie, which your browser has now (it holds no personal data, only which votes are yours). Confirm to count your vote.",
      ],
      form: {
        action: `/papers/${id}/vote`,
        fields: { returnTo: form.returnTo, intent: "vote", confirm: "1" },
        button: "Confirm my vote",
      },
      link: { href: back.href, label: "Cancel" },
    },
    { "Set-Cookie": issued.setCookie },
  );
}

function seeOtherTo(location: string): Response {
  return new Response(null, { status: 303, headers: { Location: location, ...NO_STORE } });
}

// GET /api/votes?ids=1,2,3 -> { voted: [ids this browser voted for], voter: has an identity,
// counts: { "<id>": { upvotes, localVotes } } }. Private and uncached: the shared, cached pages
// (lib/page-cache/) never contain per-browser state, and may be up to 30 s old; pages with
// JavaScript show the current counts from here (one primary-key query).
export async function handleVotedIds(request: Request): Promise<Response> {
  const raw = new URL(request.url).searchParams.get("ids") ?? "";
  const ids = raw.split(",").filter(Boolean);
  if (ids.length > MAX_IDS || !ids.every((v) => /^[1-9]\d{0,9}$/.test(v) && Number(v) <= 2_147_483_647)) {
    return json(400, { error: { parameter: "ids", message: `must be up to ${MAX_IDS} comma-separated paper ids` } });
  }
  const voterId = voterFrom(request);
  const [voted, live] = await Promise.all([
    voterId ? votedPaperIds(voterHash(voterId), ids.map(Number)) : [],
    liveCounts(ids.map(Number)),
  ]);
  const counts = Object.fromEntries(live);
  return Response.json(
    { voted, voter: voterId !== null, counts },
    { headers: { "Cache-Control": "private, no-store" } },
  );
}

// POST /api/votes -> a voter identity (cookie) for this browser; casts no vote.
// 200 { voter: true } (with Set-Cookie when new), 429 when this client has had too many this hour.
export async function handleNewVoter(request: Request): Promise<Response> {
  if (voterFrom(request)) return json(200, { voter: true });
  const issued = await issueVoterIdentity(request);
  if (!issued.ok)
    return json(
      429,
      { error: { parameter: "voter", message: "too many new voter identities from this network; try again later" } },
      { "Retry-After": retryAfter(issued.retryAfterMs) },
    );
  return json(200, { voter: true }, { "Set-Cookie": issued.setCookie });
}
