import fc from "fast-check";
import { NextRequest } from "next/server";
import { beforeAll, beforeEach, describe, expect, test } from "vitest";
import { GET as cronDigestGet, POST as cronDigestPost } from "@/app/api/cron/digest/route";
import { GET as cronIngestGet, POST as cronIngestPost } from "@/app/api/cron/ingest/route";
import { GET as healthGet } from "@/app/api/health/route";
import { GET as papersGet } from "@/app/api/papers/route";
import { POST as confirmPost } from "@/app/api/subscriptions/confirm/route";
import { POST as preferencesPost } from "@/app/api/subscriptions/preferences/route";
import { POST as subscribePost } from "@/app/api/subscriptions/subscribe/route";
import { POST as unsubscribePost } from "@/app/api/subscriptions/unsubscribe/route";
import { POST as webhookPost } from "@/app/api/webhooks/resend/route";
import { GET as atomGet } from "@/app/feed.xml/route";
import { signWebhook } from "@/lib/digest/webhook";
import { resetMailer } from "@/lib/mail";
import { feedPage } from "@/lib/papers/data";
import type { FeedPeriod as Period } from "@/lib/papers/period";
import { searchPapers } from "@/lib/papers/search";
import { confirm, subscribe } from "@/lib/subscriptions/mutations";
import { proxy } from "@/proxy";
import { resetDb } from "@/tests/helpers/db";
import {
  clientIp,
  databaseFingerprint,
  edgeDate,
  expectSafeAnswer,
  hostileBody,
  hostileRequest,
  hostileString,
  INJECTIONS,
  isSupportedDate,
} from "@/tests/helpers/hostile";
import { confirmTokenFrom, insertTopics, latestMailTo, linkTokenFrom } from "@/tests/helpers/subscriptions";

// Every public input of the subscription flow, called through the route
// handlers exactly as Next calls them, with hostile bodies: the answer is
// never a 5xx or an internal message, and no row changes.

const BASE = "https://paperboy.example";
const RUNS = Number(process.env.FUZZ_RUNS ?? 120);
const FIELD_NAMES = ["email", "topics", "allTopics", "frequency", "keywords", "token", "action", "List-Unsubscribe"];

const CRON_SECRET = "cron-secret-for-hostile-tests-0123456789";

const WEBHOOK_SECRET = `whsec_${Buffer.from("webhook-secret-for-hostile-tests").toString("base64")}`;

let links: { preferences: string; unsubscribe: string };

beforeAll(() => {
  process.env.APP_SECRET = "h".repeat(48);
  process.env.APP_URL = BASE;
  process.env.CRON_SECRET = CRON_SECRET;
  process.env.RESEND_WEBHOOK_SECRET = WEBHOOK_SECRET;
  delete process.env.RESEND_API_KEY;
  resetMailer();
});

beforeEach(async () => {
  await resetDb();
  await insertTopics();
  // A real, active subscriber whose links the fuzzer tampers with.
  await subscribe({ email: "reader@example.com", topics: ["quantization"], frequency: "weekly" });
  await confirm(confirmTokenFrom((await latestMailTo("reader@example.com"))!.text));
  const welcome = (await latestMailTo("reader@example.com"))!.text;
  links = { preferences: linkTokenFrom(welcome, "preferences"), unsubscribe: linkTokenFrom(welcome, "unsubscribe") };
});

/** Real tokens altered the ways tampering and truncation alter them, plus plain junk. */
const tamperedToken = () =>
  fc.oneof(
    hostileString,
    fc.constantFrom(links.preferences, links.unsubscribe).chain(
      (t) =>
        fc
          .oneof(
            fc.nat({ max: t.length - 1 }).map((i) => t.slice(0, i)),
            fc
              .record({ i: fc.nat({ max: t.length - 1 }), c: fc.constantFrom("A", "-", "_", ".", "0", "%", "\u0000") })
              .map(({ i, c }) => t.slice(0, i) + c + t.slice(i + 1)),
            hostileString.map((s) => t + s),
            fc.constant(t.replace(/^\d+/, (id) => String(Number(id) + 1))),
          )
          .filter((tampered) => tampered !== t), // replacing a character with itself is no tampering
    ),
  );

/** encodeURIComponent throws on lone surrogates, which a URL can't carry anyway. */
const encodeQuery = (t: string) => encodeURIComponent(t.replace(/[\uD800-\uDFFF]/g, "\uFFFD"));

async function fuzz(name: string, call: (request: Request) => Promise<Response>, url: () => fc.Arbitrary<string>) {
  const before = await databaseFingerprint();
  await fc.assert(
    fc.asyncProperty(url(), hostileBody(FIELD_NAMES), clientIp, async (path, body, ip) => {
      const response = await call(hostileRequest(`${BASE}${path}`, body, ip));
      await expectSafeAnswer(response, `${name} ${path} ${body.label}`);
    }),
    { numRuns: RUNS },
  );
  expect(await databaseFingerprint()).toEqual(before);
}

describe("hostile input to the public route handlers: no 5xx, no internals, no database change", () => {
  test("subscribe", () => fuzz("subscribe", subscribePost, () => fc.constant("/api/subscriptions/subscribe")));

  test("confirm", () => fuzz("confirm", confirmPost, () => fc.constant("/api/subscriptions/confirm")));

  test("preferences, with tampered tokens in the body", async () => {
    const before = await databaseFingerprint();
    await fc.assert(
      fc.asyncProperty(
        tamperedToken(),
        fc.constantFrom("update", "pause", "resume", "unsubscribe", "delete", ...INJECTIONS),
        hostileBody(FIELD_NAMES),
        async (token, action, extra) => {
          const form = new URLSearchParams({ token, action });
          if (typeof extra.body === "string" && extra.contentType === "application/x-www-form-urlencoded")
            for (const [k, v] of new URLSearchParams(extra.body))
              if (k !== "token" && k !== "action") form.append(k, v);
          const response = await preferencesPost(
            hostileRequest(
              `${BASE}/api/subscriptions/preferences`,
              { contentType: "application/x-www-form-urlencoded", body: form.toString(), label: "form" },
              "192.0.2.1",
            ),
          );
          await expectSafeAnswer(response, `preferences ${action}`);
          expect(response.status, "a tampered token is never accepted").toBeGreaterThanOrEqual(400);
        },
      ),
      { numRuns: RUNS },
    );
    await fuzz("preferences", preferencesPost, () => fc.constant("/api/subscriptions/preferences"));
    expect(await databaseFingerprint()).toEqual(before);
  });

  test("one-click unsubscribe, with tampered tokens in the query", () =>
    fuzz("unsubscribe", unsubscribePost, () => tamperedToken().map((t) => `/unsubscribe?token=${encodeQuery(t)}`)));

  test("one-click unsubscribe: a proper One-Click body with a tampered token is refused and changes nothing", async () => {
    const before = await databaseFingerprint();
    await fc.assert(
      fc.asyncProperty(tamperedToken(), fc.boolean(), async (token, inBody) => {
        const form = new URLSearchParams({ "List-Unsubscribe": "One-Click", ...(inBody ? { token } : {}) });
        const url = inBody ? "/unsubscribe" : `/unsubscribe?token=${encodeQuery(token)}`;
        const response = await unsubscribePost(
          hostileRequest(
            `${BASE}${url}`,
            { contentType: "application/x-www-form-urlencoded", body: form.toString(), label: "one-click" },
            "192.0.2.2",
          ),
        );
        await expectSafeAnswer(response, `one-click ${token.slice(0, 80)}`);
        expect([400, 413], "refused as a bad link, or as an oversized form").toContain(response.status);
      }),
      { numRuns: RUNS },
    );
    expect(await databaseFingerprint()).toEqual(before);
  });

  test("one-click unsubscribe with a raw, wrongly encoded query string", () =>
    fuzz("unsubscribe", unsubscribePost, () =>
      fc.constantFrom(
        "/unsubscribe?token=%",
        "/unsubscribe?token=%E0%A4%A",
        "/unsubscribe?token=%00",
        "/unsubscribe?token[]=1&token=2",
        `/unsubscribe?${"token=a&".repeat(500)}`,
      ),
    ));

  test("cron ingest: any Authorization but the exact bearer secret is a 401 and runs nothing", async () => {
    const before = await databaseFingerprint();
    const near = fc.oneof(
      hostileString,
      hostileString.map((s) => `Bearer ${s}`),
      // (No trailing-space variant: the Headers API trims values, as HTTP servers do.)
      fc.constantFrom(
        `bearer ${CRON_SECRET}`,
        `Bearer  ${CRON_SECRET}`,
        CRON_SECRET,
        `Bearer ${CRON_SECRET.slice(0, -1)}`,
        `Bearer ${CRON_SECRET}x`,
        "Bearer ",
        "Basic Y3Jvbjpjcm9u",
      ),
    );
    await fc.assert(
      fc.asyncProperty(near, fc.boolean(), hostileBody(FIELD_NAMES), async (authorization, post, body) => {
        const headers = new Headers();
        try {
          headers.set("authorization", authorization);
        } catch {
          // not a valid header value: a client can't send it either
        }
        const request = new Request(`${BASE}/api/cron/ingest`, {
          method: post ? "POST" : "GET",
          headers,
          body: post ? body.body : null,
        });
        const response = await (post ? cronIngestPost : cronIngestGet)(request);
        expect(response.status, authorization).toBe(401);
        await expectSafeAnswer(response, "cron");
      }),
      { numRuns: RUNS },
    );
    expect(await databaseFingerprint()).toEqual(before);
  });

  test("cron digest: near-miss secrets are a 401, hostile query parameters never a 5xx", async () => {
    const before = await databaseFingerprint();
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          hostileString,
          hostileString.map((s) => `Bearer ${s}`),
          fc.constant(`Bearer ${CRON_SECRET.toUpperCase()}`),
        ),
        hostileString,
        fc.boolean(),
        async (authorization, frequency, post) => {
          const headers = new Headers();
          try {
            headers.set("authorization", authorization);
          } catch {
            // not a valid header value
          }
          const request = new Request(`${BASE}/api/cron/digest?frequency=${encodeQuery(frequency)}`, {
            method: post ? "POST" : "GET",
            headers,
          });
          const response = await (post ? cronDigestPost : cronDigestGet)(request);
          expect(response.status).toBe(401);
          await expectSafeAnswer(response, "cron digest");
        },
      ),
      { numRuns: RUNS },
    );
    // With the right secret, a bad parameter is a 400 that names it, and nothing runs.
    await fc.assert(
      fc.asyncProperty(
        hostileString.filter((f) => !["daily", "weekly", "all", ""].includes(f)),
        async (frequency) => {
          const request = new Request(`${BASE}/api/cron/digest?frequency=${encodeQuery(frequency)}`, {
            method: "POST",
            headers: { authorization: `Bearer ${CRON_SECRET}` },
          });
          const response = await cronDigestPost(request);
          expect(response.status, frequency).toBe(400);
        },
      ),
      { numRuns: 30 },
    );
    expect(await databaseFingerprint()).toEqual(before);
  });

  test("webhook: unsigned, mis-signed, replayed or oversized events are refused; signed junk is never a 5xx", async () => {
    const subscribersBefore = (await databaseFingerprint()).subscribers;
    const before = await databaseFingerprint();
    const now = Math.floor(Date.now() / 1000);
    const headerSet = fc.record({
      id: fc.option(hostileString, { nil: undefined }),
      timestamp: fc.option(
        fc.oneof(
          hostileString,
          fc.integer({ min: now - 100_000, max: now + 100_000 }).map(String),
          fc.constant(String(now)),
        ),
        { nil: undefined },
      ),
      signature: fc.option(
        fc.oneof(
          hostileString,
          hostileString.map((s) => `v1,${Buffer.from(s).toString("base64")}`),
        ),
        { nil: undefined },
      ),
    });
    await fc.assert(
      fc.asyncProperty(headerSet, hostileBody(FIELD_NAMES), async (h, body) => {
        const headers = new Headers();
        for (const [name, value] of [
          ["svix-id", h.id],
          ["svix-timestamp", h.timestamp],
          ["svix-signature", h.signature],
        ] as const) {
          try {
            if (value !== undefined) headers.set(name, value);
          } catch {
            // not a valid header value
          }
        }
        const response = await webhookPost(
          new Request(`${BASE}/api/webhooks/resend`, { method: "POST", headers, body: body.body }),
        );
        expect([401, 413], `${response.status}`).toContain(response.status);
        await expectSafeAnswer(response, "webhook");
      }),
      { numRuns: RUNS },
    );
    expect(await databaseFingerprint()).toEqual(before);

    // Correctly signed but hostile payloads (a leaked secret, a provider bug): a 4xx or a 200, never a 5xx, and no subscriber changes.
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          hostileString,
          fc.json(),
          fc.jsonValue().map((v) => JSON.stringify({ type: "email.bounced", data: v })),
        ),
        fc.uuid(),
        async (text, id) => {
          const timestamp = Math.floor(Date.now() / 1000);
          const headers = {
            "svix-id": id,
            "svix-timestamp": String(timestamp),
            "svix-signature": signWebhook(WEBHOOK_SECRET, id, timestamp, text),
          };
          const response = await webhookPost(
            new Request(`${BASE}/api/webhooks/resend`, { method: "POST", headers, body: text }),
          );
          await expectSafeAnswer(response, `signed ${text.slice(0, 80)}`);
        },
      ),
      { numRuns: RUNS },
    );
    expect((await databaseFingerprint()).subscribers).toBe(subscribersBefore);
  });

  test("webhook: a streamed body over the limit is refused without being buffered whole", async () => {
    let sent = 0;
    const chunk = new Uint8Array(64 * 1024).fill(120);
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent >= 64 * 1024 * 1024) return controller.close();
        sent += chunk.byteLength;
        controller.enqueue(chunk);
      },
    });
    const now = String(Math.floor(Date.now() / 1000));
    const request = new Request(`${BASE}/api/webhooks/resend`, {
      method: "POST",
      headers: { "svix-id": "x", "svix-timestamp": now, "svix-signature": "v1,AAAA" },
      body: stream,
      duplex: "half",
    } as RequestInit);
    const response = await webhookPost(request);
    expect(response.status).toBe(413);
    expect(sent).toBeLessThan(2 * 1024 * 1024); // stopped reading soon after 256 KiB, not after 64 MiB
  });

  test("health ignores whatever it is sent", async () => {
    await fc.assert(
      fc.asyncProperty(hostileString, async (q) => {
        const response = await healthGet();
        expect(response.status, q).toBe(200);
      }),
      { numRuns: 10 },
    );
  });
});

describe("date parameters at the edges: 400 naming the parameter outside the supported range, never a 5xx", () => {
  const query = fc.record({
    date: edgeDate(),
    period: fc.constantFrom(undefined, "day", "week", "month"),
    q: fc.constantFrom(undefined, "moe", "quantization"),
  });
  const search = ({ date, period, q }: { date: string; period?: string; q?: string }) => {
    const s = new URLSearchParams({ date });
    if (period) s.set("period", period);
    if (q) s.set("q", q);
    return s.toString();
  };

  test("GET /api/papers and /feed.xml (feed and search); supported dates reach the queries without an error", async () => {
    await fc.assert(
      fc.asyncProperty(query, fc.constantFrom("api", "atom"), async (params, route) => {
        const context = `${route} ${search(params)}`;
        if (isSupportedDate(params.date)) {
          // The routes' feed views go through Next's data cache, which needs a running app
          // (tests/e2e/hostile.spec.ts sweeps those); here the queries behind them run.
          const { period, date, q } = params as { period?: Period; date: string; q?: string };
          const result = q
            ? await searchPapers({ q, period, date, topic: [], limit: 5 })
            : await feedPage({ period, date, topic: [], sort: "trending", limit: 5 });
          expect(result.ok, context).toBe(true);
          return;
        }
        const url = `${BASE}/${route === "api" ? "api/papers" : "feed.xml"}?${search(params)}`;
        const response = await (route === "api" ? papersGet : atomGet)(new NextRequest(url));
        expect(response.status, context).toBe(400);
        expect((await response.json()).error.parameter, context).toBe("date");
      }),
      { numRuns: RUNS },
    );
  });

  test("the feed and search pages (the proxy answers 400 before the page renders)", async () => {
    await fc.assert(
      fc.asyncProperty(query, fc.constantFrom("/", "/search"), async (params, path) => {
        const response = await proxy(new NextRequest(`${BASE}${path}?${search(params)}`));
        const context = `${path}?${search(params)}`;
        if (isSupportedDate(params.date)) {
          expect(response.status, context).toBe(200);
        } else {
          expect(response.status, context).toBe(400);
          expect(await response.text(), context).toContain("invalid date");
        }
      }),
      { numRuns: RUNS },
    );
  });
});
