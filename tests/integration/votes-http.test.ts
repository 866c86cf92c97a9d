import { beforeAll, beforeEach, describe, expect, test } from "vitest";
import { POST as newVoter, GET as votedIds } from "@/app/api/votes/route";
import { POST as votePost } from "@/app/papers/[id]/vote/route";
import { env } from "@/lib/env";
import { resetDb, testDb } from "@/tests/helpers/db";
import { insertPapers } from "@/tests/helpers/papers";

// The vote endpoints as a client sees them (route handlers called as Next calls
// them): a vote needs a voter identity issued beforehand, by a request that
// casts none. TRUST_PROXY_HOPS=1 here (vitest.config.ts): X-Forwarded-For's
// last entry is the client; votes-peer.test.ts covers the default, 0.

const BASE = "https://paperboy.example";
let paperId: number;

beforeAll(() => {
  process.env.APP_SECRET = "v".repeat(48);
  process.env.APP_URL = BASE;
});

beforeEach(async () => {
  await resetDb();
  paperId = (await insertPapers([{ title: "Votable", featuredOn: "2025-03-14", upvotes: 163 }]))[0]!;
});

type Options = { ip?: string; cookie?: string; json?: boolean; form?: Record<string, string> };

function vote(id: number | string, o: Options = {}) {
  const headers = new Headers({ origin: BASE, "x-forwarded-for": o.ip ?? "203.0.113.9" });
  if (o.json) headers.set("accept", "application/json");
  if (o.cookie) headers.set("cookie", o.cookie);
  const body = o.form ? new URLSearchParams(o.form) : undefined;
  if (body) headers.set("content-type", "application/x-www-form-urlencoded");
  return votePost(new Request(`${BASE}/papers/${id}/vote`, { method: "POST", headers, body }), {
    params: Promise.resolve({ id: String(id) }),
  });
}

function identity(ip = "203.0.113.9", cookie?: string) {
  const headers = new Headers({ origin: BASE, "x-forwarded-for": ip, accept: "application/json" });
  if (cookie) headers.set("cookie", cookie);
  return newVoter(new Request(`${BASE}/api/votes`, { method: "POST", headers }));
}

const cookieOf = (response: Response) => response.headers.get("set-cookie")?.split(";")[0];

async function counts() {
  const rank = await testDb().paperRank.findUniqueOrThrow({ where: { paperId } });
  return { votes: await testDb().vote.count(), localVotes: rank.localVotes };
}

describe("ballot stuffing", () => {
  test("100 cookie-less vote POSTs (JSON and form) add no votes and say why", async () => {
    for (let i = 0; i < 50; i++) {
      const res = await vote(paperId, { json: true });
      expect(res.status).toBe(403);
      expect((await res.json()).error.parameter).toBe("voter");
      expect(res.headers.get("set-cookie")).toBeNull();
    }
    for (let i = 0; i < 50; i++) {
      const res = await vote(paperId, { form: { returnTo: "/" } });
      // The confirm step while this client may get identities, then 429: never a counted vote.
      expect([200, 429]).toContain(res.status);
      expect(res.headers.get("content-type")).toContain("text/html");
    }
    expect(await counts()).toEqual({ votes: 0, localVotes: 0 });
  });

  test("100 POSTs with rotating X-Forwarded-For add no votes", async () => {
    for (let i = 0; i < 100; i++) {
      const ip = `198.51.${i >> 8}.${i & 255}`;
      const res = await vote(paperId, i % 2 ? { ip, json: true } : { ip, form: {} });
      expect(res.status, ip).not.toBe(303);
    }
    expect(await counts()).toEqual({ votes: 0, localVotes: 0 });
  });

  test("a forged or tampered cookie counts as none", async () => {
    for (const cookie of ["pb_voter=abc", "pb_voter=AAAAAAAAAAAAAAAAAAAAAAAA.deadbeef", "pb_voter="]) {
      expect((await vote(paperId, { json: true, cookie })).status, cookie).toBe(403);
    }
    expect(await counts()).toEqual({ votes: 0, localVotes: 0 });
  });

  test("one client gets at most VOTER_IDS_PER_HOUR identities; other clients go on", async () => {
    const limit = env().VOTER_IDS_PER_HOUR;
    const answers = [];
    for (let i = 0; i < limit + 5; i++) answers.push(await identity("192.0.2.77"));
    expect(answers.filter((r) => r.status === 200)).toHaveLength(limit);
    const limited = answers.at(-1)!;
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(limited.headers.get("set-cookie")).toBeNull();
    // Spoofed entries left of the proxy's own don't make a new client.
    expect((await identity("1.2.3.4, 192.0.2.77")).status).toBe(429);
    expect((await identity("192.0.2.78")).status).toBe(200);
  });
});

describe("voting with an identity", () => {
  test("JavaScript: POST /api/votes issues the cookie and casts nothing; then the vote counts, toggles, and is idempotent by intent", async () => {
    const issued = await identity();
    expect(issued.status).toBe(200);
    const cookie = cookieOf(issued)!;
    expect(issued.headers.get("set-cookie")).toMatch(/HttpOnly.*SameSite=Lax|SameSite=Lax.*HttpOnly/);
    expect(await counts()).toEqual({ votes: 0, localVotes: 0 });
    // Asking again with the cookie issues nothing new.
    expect((await identity(undefined, cookie)).headers.get("set-cookie")).toBeNull();

    const first = await vote(paperId, { json: true, cookie });
    expect(await first.json()).toEqual({ voted: true, upvotes: 164, localVotes: 1 });
    const again = await vote(paperId, { json: true, cookie, form: { intent: "vote" } });
    expect(await again.json()).toEqual({ voted: true, upvotes: 164, localVotes: 1 });
    const list = await votedIds(new Request(`${BASE}/api/votes?ids=${paperId},99`, { headers: { cookie } }) as never);
    // The current counts come along: cached pages may be older than the vote (lib/page-cache/).
    expect(await list.json()).toEqual({
      voted: [paperId],
      voter: true,
      counts: { [paperId]: { upvotes: 164, localVotes: 1 } },
    });
    const toggled = await vote(paperId, { json: true, cookie });
    expect(await toggled.json()).toEqual({ voted: false, upvotes: 163, localVotes: 0 });
  });

  test("without JavaScript: the cookie-less POST is a confirm step; its button casts the vote and returns to the card", async () => {
    const step = await vote(paperId, { form: { returnTo: "/?period=week" } });
    expect(step.status).toBe(200);
    const html = await step.text();
    expect(html).toContain("Confirm your vote");
    expect(html).toContain("<bdi>Votable</bdi>");
    expect(html).toContain('name="confirm" value="1"');
    expect(await counts()).toEqual({ votes: 0, localVotes: 0 });
    const cookie = cookieOf(step)!;

    const cast = await vote(paperId, { cookie, form: { returnTo: "/?period=week", intent: "vote", confirm: "1" } });
    expect(cast.status).toBe(303);
    expect(cast.headers.get("location")).toBe(`/?period=week#voted-${paperId}`);
    expect(await counts()).toEqual({ votes: 1, localVotes: 1 });
    // For a minute, cached pages showing this paper are rendered after the vote for this browser
    // (lib/page-cache/fresh.ts), so the page it returns to shows the vote.
    expect(cast.headers.get("set-cookie")).toMatch(
      new RegExp(`^pb_fresh=${paperId}\\.[0-9a-z]+; Max-Age=60; Path=/; HttpOnly; SameSite=Lax`),
    );

    // A second click on the card's button (intent=vote) keeps the vote: no silent toggle.
    const second = await vote(paperId, { cookie, form: { returnTo: "/?period=week", intent: "vote" } });
    expect(second.headers.get("location")).toBe(`/?period=week#voted-${paperId}`);
    expect(await counts()).toEqual({ votes: 1, localVotes: 1 });

    const undo = await vote(paperId, { cookie, form: { returnTo: "/?period=week#x", intent: "remove" } });
    expect(undo.headers.get("location")).toBe(`/?period=week#paper-${paperId}`);
    expect(await counts()).toEqual({ votes: 0, localVotes: 0 });
  });

  test("the confirm button without the cookie (cookies blocked) says so and counts nothing", async () => {
    const res = await vote(paperId, { form: { intent: "vote", confirm: "1" } });
    expect(res.status).toBe(403);
    expect(await res.text()).toContain("did not keep the voter cookie");
    expect(await counts()).toEqual({ votes: 0, localVotes: 0 });
  });

  test("unknown papers and bad ids", async () => {
    const cookie = cookieOf(await identity())!;
    expect((await vote(999_999, { json: true, cookie })).status).toBe(404);
    expect((await vote(999_999, { form: {} })).status).toBe(404);
    expect((await vote("abc", { json: true, cookie })).status).toBe(400);
  });

  test("off-site returnTo falls back to the paper", async () => {
    const cookie = cookieOf(await identity())!;
    const res = await vote(paperId, { cookie, form: { returnTo: "//evil.example/x", intent: "vote" } });
    expect(res.headers.get("location")).toBe(`/papers/${paperId}#voted-${paperId}`);
  });
});
