import { once } from "node:events";
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, beforeEach, expect, test } from "vitest";
import { POST as newVoter } from "@/app/api/votes/route";
import { POST as votePost } from "@/app/papers/[id]/vote/route";
import { installRequestHooks, PEER_HEADER } from "@/lib/http/node-requests";
import { resetDb, testDb } from "@/tests/helpers/db";
import { insertPapers } from "@/tests/helpers/papers";

// The default, TRUST_PROXY_HOPS=0: the client is the TCP peer, whatever
// X-Forwarded-For says. A real Node HTTP server with the peer stamp
// (instrumentation.ts installs it in `next start`) in front of the route
// handlers, and clients that rotate X-Forwarded-For and forge the stamp header.

const LIMIT = 4;
let server: Server;
let base: string;
let paperId: number;

function toRequest(req: IncomingMessage, body: Buffer): Request {
  const headers = new Headers();
  for (const [k, v] of Object.entries(req.headers)) if (typeof v === "string") headers.set(k, v);
  return new Request(`${base}${req.url}`, {
    method: req.method,
    headers,
    body: body.length ? new Uint8Array(body) : undefined,
  });
}

beforeAll(async () => {
  process.env.TRUST_PROXY_HOPS = "0"; // read once, on first use, in this file's module graph
  process.env.VOTER_IDS_PER_HOUR = String(LIMIT);
  process.env.APP_SECRET = "p".repeat(48);
  installRequestHooks();
  server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const request = toRequest(req, Buffer.concat(chunks));
    const match = /^\/papers\/(\d+)\/vote$/.exec(req.url ?? "");
    const response = match
      ? await votePost(request, { params: Promise.resolve({ id: match[1]! }) })
      : await newVoter(request);
    res.writeHead(response.status, Object.fromEntries(response.headers));
    res.end(Buffer.from(await response.arrayBuffer()));
  }).listen(0, "127.0.0.1");
  await once(server, "listening");
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  process.env.APP_URL = base;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

beforeEach(async () => {
  await resetDb();
  paperId = (await insertPapers([{ title: "Votable", featuredOn: "2025-03-14", upvotes: 10 }]))[0]!;
});

test("rotating X-Forwarded-For and a forged peer header don't make new clients: at most the limit of identities", async () => {
  const statuses: number[] = [];
  for (let i = 0; i < 100; i++) {
    const res = await fetch(`${base}/api/votes`, {
      method: "POST",
      headers: { "x-forwarded-for": `198.51.100.${i}`, [PEER_HEADER]: `192.0.2.${i}`, "x-real-ip": `192.0.2.${i}` },
    });
    statuses.push(res.status);
  }
  expect(statuses.filter((s) => s === 200)).toHaveLength(LIMIT);
  expect(statuses.filter((s) => s === 429)).toHaveLength(100 - LIMIT);
  expect(await testDb().vote.count()).toBe(0);
});

test("100 cookie-less vote POSTs with rotating X-Forwarded-For add no votes", async () => {
  for (let i = 0; i < 100; i++) {
    const res = await fetch(`${base}/papers/${paperId}/vote`, {
      method: "POST",
      redirect: "manual",
      headers: {
        "x-forwarded-for": `198.51.100.${i}`,
        "content-type": "application/x-www-form-urlencoded",
        ...(i % 2 ? { accept: "application/json" } : {}),
      },
      body: "intent=vote&confirm=1",
    });
    expect(res.status).not.toBe(303);
  }
  const rank = await testDb().paperRank.findUniqueOrThrow({ where: { paperId } });
  expect({ votes: await testDb().vote.count(), localVotes: rank.localVotes }).toEqual({ votes: 0, localVotes: 0 });
});
