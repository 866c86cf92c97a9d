import fc from "fast-check";
import { beforeAll, beforeEach, describe, expect, test } from "vitest";
import { GET as cronIngestGet, POST as cronIngestPost } from "../../app/api/cron/ingest/route";
import { GET as healthGet } from "../../app/api/health/route";
import { POST as confirmPost } from "../../app/api/subscriptions/confirm/route";
import { POST as preferencesPost } from "../../app/api/subscriptions/preferences/route";
import { POST as subscribePost } from "../../app/api/subscriptions/subscribe/route";
import { POST as unsubscribePost } from "../../app/api/subscriptions/unsubscribe/route";
import { resetMailer } from "../../lib/mail";
import { confirm, subscribe } from "../../lib/subscriptions/mutations";
import { resetDb } from "../helpers/db";
import { clientIp, databaseFingerprint, expectSafeAnswer, hostileBody, hostileRequest, hostileString, INJECTIONS } from "../helpers/hostile";
import { confirmTokenFrom, insertTopics, latestMailTo, linkTokenFrom } from "../helpers/subscriptions";

// Every public input of the subscription flow, called through the route
// handlers exactly as Next calls them, with hostile bodies: the answer is
// never a 5xx or an internal message, and no row changes.

const BASE = "https://paperboy.example";
const RUNS = Number(process.env.FUZZ_RUNS ?? 120);
const FIELD_NAMES = ["email", "topics", "allTopics", "frequency", "keywords", "token", "action", "List-Unsubscribe"];

const CRON_SECRET = "cron-secret-for-hostile-tests-0123456789";

let links: { preferences: string; unsubscribe: string };

beforeAll(() => {
  process.env.APP_SECRET = "h".repeat(48);
  process.env.APP_URL = BASE;
  process.env.CRON_SECRET = CRON_SECRET;
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
    fc.constantFrom(links.preferences, links.unsubscribe).chain((t) =>
      fc.oneof(
        fc.nat({ max: t.length - 1 }).map((i) => t.slice(0, i)),
        fc.record({ i: fc.nat({ max: t.length - 1 }), c: fc.constantFrom("A", "-", "_", ".", "0", "%", "\u0000") }).map(({ i, c }) => t.slice(0, i) + c + t.slice(i + 1)),
        hostileString.map((s) => t + s),
        fc.constant(t.replace(/^\d+/, (id) => String(Number(id) + 1))),
      ).filter((tampered) => tampered !== t), // replacing a character with itself is no tampering
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
      fc.asyncProperty(tamperedToken(), fc.constantFrom("update", "pause", "resume", "unsubscribe", "delete", ...INJECTIONS), hostileBody(FIELD_NAMES), async (token, action, extra) => {
        const form = new URLSearchParams({ token, action });
        if (typeof extra.body === "string" && extra.contentType === "application/x-www-form-urlencoded") for (const [k, v] of new URLSearchParams(extra.body)) if (k !== "token" && k !== "action") form.append(k, v);
        const response = await preferencesPost(hostileRequest(`${BASE}/api/subscriptions/preferences`, { contentType: "application/x-www-form-urlencoded", body: form.toString(), label: "form" }, "192.0.2.1"));
        await expectSafeAnswer(response, `preferences ${action}`);
        expect(response.status, "a tampered token is never accepted").toBeGreaterThanOrEqual(400);
      }),
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
        const response = await unsubscribePost(hostileRequest(`${BASE}${url}`, { contentType: "application/x-www-form-urlencoded", body: form.toString(), label: "one-click" }, "192.0.2.2"));
        await expectSafeAnswer(response, `one-click ${token}`);
        expect(response.status).toBe(400);
      }),
      { numRuns: RUNS },
    );
    expect(await databaseFingerprint()).toEqual(before);
  });

  test("one-click unsubscribe with a raw, wrongly encoded query string", () =>
    fuzz("unsubscribe", unsubscribePost, () => fc.constantFrom("/unsubscribe?token=%", "/unsubscribe?token=%E0%A4%A", "/unsubscribe?token=%00", "/unsubscribe?token[]=1&token=2", `/unsubscribe?${"token=a&".repeat(500)}`)));

  test("cron ingest: any Authorization but the exact bearer secret is a 401 and runs nothing", async () => {
    const before = await databaseFingerprint();
    const near = fc.oneof(
      hostileString,
      hostileString.map((s) => `Bearer ${s}`),
      // (No trailing-space variant: the Headers API trims values, as HTTP servers do.)
      fc.constantFrom(`bearer ${CRON_SECRET}`, `Bearer  ${CRON_SECRET}`, CRON_SECRET, `Bearer ${CRON_SECRET.slice(0, -1)}`, `Bearer ${CRON_SECRET}x`, "Bearer ", "Basic Y3Jvbjpjcm9u"),
    );
    await fc.assert(
      fc.asyncProperty(near, fc.boolean(), hostileBody(FIELD_NAMES), async (authorization, post, body) => {
        const headers = new Headers();
        try {
          headers.set("authorization", authorization);
        } catch {
          // not a valid header value: a client can't send it either
        }
        const request = new Request(`${BASE}/api/cron/ingest`, { method: post ? "POST" : "GET", headers, body: post ? body.body : null });
        const response = await (post ? cronIngestPost : cronIngestGet)(request);
        expect(response.status, authorization).toBe(401);
        await expectSafeAnswer(response, "cron");
      }),
      { numRuns: RUNS },
    );
    expect(await databaseFingerprint()).toEqual(before);
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
