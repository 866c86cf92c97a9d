// The HTTP edges of the digest: the cron trigger and the Resend webhook, called
// through their route handlers against the test database.
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { GET as cronGet, POST as cronPost } from "@/app/api/cron/digest/route";
import { GET as healthGet } from "@/app/api/health/route";
import { POST as webhookPost } from "@/app/api/webhooks/resend/route";
import { signWebhook } from "@/lib/digest/webhook";
import { resetDb, testDb } from "@/tests/helpers/db";
import { addPaper, addSubscriber } from "@/tests/helpers/digest-fixtures";

const CRON_SECRET = "cron-secret-for-tests-0123456789";
const WEBHOOK_SECRET = `whsec_${Buffer.from("webhook-signing-key-for-the-tests").toString("base64")}`;

beforeAll(() => {
  process.env.APP_SECRET = "digest-test-secret-".padEnd(40, "x");
  process.env.APP_URL = "https://paperboy.example";
  process.env.CRON_SECRET = CRON_SECRET;
  process.env.RESEND_WEBHOOK_SECRET = WEBHOOK_SECRET;
  // Due from midnight UTC, so the daily period is due whenever the suite runs.
  // Set before the first env() call: the settings are read once and cached.
  process.env.DIGEST_HOUR = "0";
  delete process.env.RESEND_API_KEY; // the outbox transport
  testDb();
});
beforeEach(resetDb);

const cron = (auth?: string, query = "") =>
  cronPost(
    new Request(`http://localhost/api/cron/digest${query}`, {
      method: "POST",
      headers: auth ? { authorization: auth } : {},
    }),
  );

describe("POST /api/cron/digest", () => {
  it("refuses a missing or wrong bearer token and invalid parameters", async () => {
    expect((await cron()).status).toBe(401);
    expect((await cron(`Bearer ${CRON_SECRET}x`)).status).toBe(401);
    expect((await cron(CRON_SECRET)).status).toBe(401);
    const bad = await cron(`Bearer ${CRON_SECRET}`, "?frequency=hourly");
    expect(bad.status).toBe(400);
    expect(await bad.json()).toEqual({ error: "invalid parameter", parameter: "frequency" });
    expect(await testDb().digestRun.count()).toBe(0);
  });

  it("runs the due digests once, answers a JSON summary, and the email lands in the outbox", async () => {
    const db = testDb();
    const today = new Date().toISOString().slice(0, 10);
    await addPaper({ title: "Fresh paper", featuredOn: today });
    await addSubscriber({ email: "reader@example.com", allTopics: true });
    const res = await cron(`Bearer ${CRON_SECRET}`, "?frequency=daily");
    expect(res.status).toBe(200);
    const body = (await res.json()) as { results: { status: string; sent: number; periodKey: string }[] };
    expect(body.results).toEqual([expect.objectContaining({ status: "completed", sent: 1, periodKey: today })]);
    const outbox = await db.outboxMessage.findMany();
    expect(outbox).toHaveLength(1);
    expect(outbox[0]).toMatchObject({ to: "reader@example.com", subject: expect.stringMatching(/^1 new paper/) });
    expect(outbox[0]!.headers).toMatchObject({ "List-Unsubscribe-Post": "List-Unsubscribe=One-Click" });

    // Vercel Cron calls with GET: the period is already done, nothing is sent again.
    const again = await cronGet(
      new Request("http://localhost/api/cron/digest?frequency=daily", {
        headers: { authorization: `Bearer ${CRON_SECRET}` },
      }),
    );
    expect(((await again.json()) as { results: { status: string }[] }).results[0]!.status).toBe("alreadyCompleted");
    expect(await db.outboxMessage.count()).toBe(1);

    // /api/health shows the last run per frequency.
    const health = (await (await healthGet()).json()) as {
      digest: Record<string, { status: string; sent: number } | null>;
    };
    expect(health.digest.daily).toMatchObject({ status: "completed", sent: 1 });
  });
});

describe("POST /api/webhooks/resend", () => {
  const post = (body: string, headers: Record<string, string>) =>
    webhookPost(
      new Request("http://localhost/api/webhooks/resend", {
        method: "POST",
        body,
        headers: { "content-type": "application/json", ...headers },
      }),
    );
  const signed = (id: string, body: string, timestamp = Math.floor(Date.now() / 1000)) => ({
    "svix-id": id,
    "svix-timestamp": String(timestamp),
    "svix-signature": signWebhook(WEBHOOK_SECRET, id, timestamp, body),
  });
  const bounce = (to: string, type = "Permanent") =>
    JSON.stringify({
      type: "email.bounced",
      created_at: "2025-03-14T09:00:00Z",
      data: { email_id: "e1", to: [to], bounce: { type, subType: "General", message: "no such user" } },
    });

  it("suppresses a hard-bounced address and a complaint; a soft bounce changes nothing", async () => {
    const db = testDb();
    await addSubscriber({ email: "gone@example.com", allTopics: true });
    await addSubscriber({ email: "angry@example.com", allTopics: true });
    await addSubscriber({ email: "full@example.com", allTopics: true });
    const b = bounce("Gone@Example.com");
    expect((await post(b, signed("msg_1", b))).status).toBe(200);
    const c = JSON.stringify({ type: "email.complained", data: { to: ["angry@example.com"] } });
    expect((await post(c, signed("msg_2", c))).status).toBe(200);
    const soft = bounce("full@example.com", "Transient");
    expect((await post(soft, signed("msg_3", soft))).status).toBe(200);
    const subs = await db.subscriber.findMany({ orderBy: { id: "asc" } });
    expect(subs.map((s) => [s.email, s.status, s.suppressedReason])).toEqual([
      ["gone@example.com", "suppressed", "bounced (General)"],
      ["angry@example.com", "suppressed", "complained"],
      ["full@example.com", "active", null],
    ]);
  });

  it("answers 401 to missing, invalid, stale and re-signed-with-another-key signatures, and changes nothing", async () => {
    const db = testDb();
    await addSubscriber({ email: "a@example.com", allTopics: true });
    const b = bounce("a@example.com");
    expect((await post(b, {})).status).toBe(401);
    expect((await post(b, { ...signed("msg_1", b), "svix-signature": "v1,Zm9vYmFy" })).status).toBe(401);
    expect((await post(b, signed("msg_1", b, Math.floor(Date.now() / 1000) - 600))).status).toBe(401);
    expect((await post(b.replace("a@", "b@"), signed("msg_1", b))).status).toBe(401);
    expect((await db.subscriber.findFirstOrThrow()).status).toBe("active");
    expect(await db.webhookEvent.count()).toBe(0);
  });

  it("deduplicates a replayed delivery on svix-id", async () => {
    const db = testDb();
    await addSubscriber({ email: "a@example.com", allTopics: true });
    const b = bounce("a@example.com");
    const headers = signed("msg_replayed", b);
    const first = await post(b, headers);
    expect(await first.json()).toEqual({ received: true, duplicate: false });
    // The subscriber comes back (e.g. re-confirms); the replayed event must not suppress them again.
    await db.subscriber.updateMany({ data: { status: "active", suppressedReason: null } });
    const replay = await post(b, headers);
    expect(replay.status).toBe(200);
    expect(await replay.json()).toEqual({ received: true, duplicate: true });
    expect((await db.subscriber.findFirstOrThrow()).status).toBe("active");
    expect(await db.webhookEvent.count()).toBe(1);
  });

  it("answers 400 to a correctly signed body that is not an event", async () => {
    const body = "not json";
    expect((await post(body, signed("msg_x", body))).status).toBe(400);
  });
});
