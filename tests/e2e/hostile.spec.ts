import { expect, test } from "@playwright/test";
import fc from "fast-check";
import { edgeDate } from "@/tests/helpers/hostile";
import { INJECTIONS } from "@/tests/helpers/injections";

// A smaller hostile sweep against the running app (the route handlers get the
// thorough one in tests/integration/hostile-input.test.ts): random and
// injection-shaped query strings on every page, raw junk bodies on every
// form endpoint. Never a 5xx, never an internal message.

test.use({
  extraHTTPHeaders: {
    "x-forwarded-for": `198.20.${Math.floor(Math.random() * 256)}.${Math.floor(Math.random() * 256)}`,
  },
});

const PAGES = [
  "/",
  "/subscribe",
  "/confirm",
  "/preferences",
  "/unsubscribe",
  "/dev/outbox",
  "/search",
  "/topics",
  "/topics/lmm",
  "/papers/1",
  "/feed.xml",
  "/api/papers",
  "/api/topics",
  "/api/votes",
  "/about",
];
const PARAMS = ["token", "to", "saved", "q", "topic", "period", "page", "id", "date", "sort"];
const RUNS = Number(process.env.E2E_FUZZ_RUNS ?? 15);

const junk = fc.oneof(
  fc.string({ maxLength: 100 }),
  edgeDate(),
  fc.string({ unit: "binary", maxLength: 60 }),
  fc.constantFrom(...INJECTIONS.filter((s) => s.length < 2000)),
);
/** Percent-encodes what a URL can carry; sometimes leaves raw, broken escapes in on purpose. */
const encode = (s: string) => encodeURIComponent(s.replace(/[\uD800-\uDFFF]/g, "\uFFFD"));
const query = fc
  .array(fc.record({ k: fc.oneof(fc.constantFrom(...PARAMS), junk), v: junk, raw: fc.boolean() }), { maxLength: 4 })
  .map((pairs) =>
    pairs
      .map(({ k, v, raw }) => `${encode(k)}=${raw ? v.replace(/[^\x21-\x7e]/g, "").replace(/[#&]/g, "") : encode(v)}`)
      .join("&"),
  );

// What a leaked stack trace or error looks like. Specific enough that real
// abstracts in pages and feeds ("at least (3x) faster") do not match.
const INTERNALS =
  /\bat [\w.<>$]+ \([^()\s]*:\d+:\d+\)|node_modules\/|\.tsx?:\d+:\d+|PrismaClient\w*Error|\b(?:TypeError|ReferenceError|SyntaxError): /;

for (const path of PAGES) {
  test(`GET ${path} with hostile query strings`, async ({ request }) => {
    await fc.assert(
      fc.asyncProperty(query, async (q) => {
        const response = await request.get(`${path}?${q}`, { maxRedirects: 0 });
        expect(response.status(), `${path}?${q}`).toBeLessThan(500);
        expect(await response.text(), `${path}?${q}`).not.toMatch(INTERNALS);
      }),
      { numRuns: RUNS },
    );
  });
}

test("dates outside the supported range answer 400 naming the parameter on pages, API, Atom and search", async ({
  request,
}) => {
  for (const path of [
    "/api/papers?date=9999-12-31",
    "/api/papers?date=0000-01-01",
    "/?date=9999-12-31",
    "/feed.xml?date=9999-12-31",
    "/search?q=moe&period=day&date=9999-12-31",
    "/search?q=moe&period=week&date=9999-12-27",
    "/search?q=moe&period=month&date=9999-12-01",
    "/api/papers?q=moe&period=month&date=1990-12-01",
    "/?period=week&date=1990-12-31",
  ]) {
    const response = await request.get(path, { maxRedirects: 0 });
    expect(response.status(), path).toBe(400);
    expect(await response.text(), path).toMatch(/date/);
  }
  // The first supported day, in a week and a month that start before it, is served.
  for (const path of [
    "/?period=week&date=1991-01-01",
    "/api/papers?period=month&date=1991-01-01",
    "/feed.xml?date=1991-01-01",
  ])
    expect((await request.get(path)).status(), path).toBe(200);
});

for (const path of [
  "/api/subscriptions/subscribe",
  "/api/subscriptions/confirm",
  "/api/subscriptions/preferences",
  "/unsubscribe",
  "/api/subscriptions/unsubscribe",
]) {
  test(`POST ${path} with junk bodies`, async ({ request }) => {
    await fc.assert(
      fc.asyncProperty(
        fc.uint8Array({ maxLength: 2000 }),
        fc.constantFrom(
          "application/x-www-form-urlencoded",
          "multipart/form-data; boundary=zz",
          "application/json",
          "text/plain",
        ),
        async (bytes, type) => {
          const response = await request.post(path, {
            data: Buffer.from(bytes),
            headers: { "content-type": type },
            maxRedirects: 0,
          });
          expect(response.status(), `${path} ${type}`).toBeLessThan(500);
          expect(await response.text()).not.toMatch(INTERNALS);
        },
      ),
      { numRuns: RUNS },
    );
  });
}

test("votes: hostile paper ids and junk bodies are never a server error", async ({ request }) => {
  const ids = fc.oneof(
    fc.constantFrom("0", "-1", "1e9", "99999999999999999999", "abc", "%00", "1;DROP", "..%2f..%2f"),
    fc.integer().map(String),
  );
  await fc.assert(
    fc.asyncProperty(ids, fc.uint8Array({ maxLength: 500 }), async (id, bytes) => {
      const response = await request.post(`/papers/${id}/vote`, {
        data: Buffer.from(bytes),
        headers: { "content-type": "application/x-www-form-urlencoded", accept: "application/json" },
        maxRedirects: 0,
      });
      expect(response.status(), id).toBeLessThan(500);
      expect(await response.text()).not.toMatch(INTERNALS);
    }),
    { numRuns: RUNS },
  );
});

test("wrong methods on form endpoints are refused without a server error", async ({ request }) => {
  for (const method of ["GET", "PUT", "DELETE", "PATCH"] as const) {
    const response = await request.fetch("/api/subscriptions/subscribe", { method });
    expect(response.status(), method).toBeGreaterThanOrEqual(400);
    expect(response.status(), method).toBeLessThan(500);
  }
});
