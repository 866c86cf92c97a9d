import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { POST as confirmPost } from "@/app/api/subscriptions/confirm/route";
import { POST as preferencesPost } from "@/app/api/subscriptions/preferences/route";
import { POST as subscribePost } from "@/app/api/subscriptions/subscribe/route";
import { POST as unsubscribePost } from "@/app/api/subscriptions/unsubscribe/route";
import { resetMailer } from "@/lib/mail";
import { sha256 } from "@/lib/security/crypto";
import { unsubscribeLinkState } from "@/lib/subscriptions/data";
import { FORM_STATE_COOKIE, type FormState, readFormState } from "@/lib/subscriptions/form-state";
import { signLink } from "@/lib/subscriptions/links";
import {
  ADDRESS_EMAIL_LIMIT,
  CONFIRM_TOKEN_TTL_MS,
  confirm,
  deleteData,
  pause,
  resume,
  subscribe,
  unsubscribe,
  updatePreferences,
} from "@/lib/subscriptions/mutations";
import { resetDb, testDb } from "@/tests/helpers/db";
import {
  confirmTokenFrom,
  formRequest,
  insertTopics,
  latestMailTo,
  linkTokenFrom,
  subscriptionRowCounts,
} from "@/tests/helpers/subscriptions";

/** The typed values and messages a rejected form hands back to its page (lib/subscriptions/form-state.ts). */
function formStateFrom(response: Response, form: FormState["form"]): FormState | null {
  const cookie = response.headers.get("set-cookie") ?? "";
  expect(cookie).toMatch(/HttpOnly/);
  const value = new RegExp(`${FORM_STATE_COOKIE}=([^;]+)`).exec(cookie)?.[1];
  return readFormState(value, form);
}

beforeAll(() => {
  process.env.APP_SECRET = "s".repeat(48);
  process.env.APP_URL = "https://paperboy.example";
  delete process.env.RESEND_API_KEY;
  process.env.EMAIL_FROM = "Paperboy <digest@paperboy.example>";
  resetMailer();
});

beforeEach(async () => {
  await resetDb();
  await insertTopics();
});

const EMAIL = "reader@example.com";

/** Subscribes and confirms through lib, returning the signed links from the welcome email. */
async function activeSubscriber(email = EMAIL) {
  await subscribe({ email, topics: ["quantization"], frequency: "weekly" });
  const confirmation = await latestMailTo(email);
  const confirmed = await confirm(confirmTokenFrom(confirmation!.text));
  expect(confirmed.ok).toBe(true);
  const welcome = await latestMailTo(email);
  return {
    preferences: linkTokenFrom(welcome!.text, "preferences"),
    unsubscribe: linkTokenFrom(welcome!.text, "unsubscribe"),
    row: await testDb().subscriber.findUniqueOrThrow({ where: { email } }),
  };
}

describe("subscribe: double opt-in", () => {
  it("creates a pending subscriber with a hashed 48-hour token and emails the confirmation link", async () => {
    const before = Date.now();
    const result = await subscribe({
      email: "  Reader@Example.COM ",
      topics: ["quantization", "agents"],
      frequency: "daily",
      keywords: "Speculative  Decoding, kv cache",
    });
    expect(result).toEqual({ ok: true, outcome: "confirmationSent" });

    const row = await testDb().subscriber.findUniqueOrThrow({
      where: { email: EMAIL },
      include: { topics: { include: { topic: true } } },
    });
    expect(row).toMatchObject({
      status: "pending",
      frequency: "daily",
      allTopics: false,
      keywords: ["speculative decoding", "kv cache"],
      confirmedAt: null,
    });
    expect(row.topics.map((t) => t.topic.slug).sort()).toEqual(["agents", "quantization"]);
    expect(row.confirmTokenExpires!.getTime() - before).toBeGreaterThanOrEqual(CONFIRM_TOKEN_TTL_MS - 1000);
    expect(row.confirmTokenExpires!.getTime() - Date.now()).toBeLessThanOrEqual(CONFIRM_TOKEN_TTL_MS);

    const mail = await latestMailTo(EMAIL);
    expect(mail).toMatchObject({
      from: "Paperboy <digest@paperboy.example>",
      subject: "Confirm your Paperboy subscription",
    });
    const token = confirmTokenFrom(mail!.text);
    expect(mail!.html).toContain(`https://paperboy.example/confirm?token=${token}`);
    expect(mail!.text).toContain("Quantization");
    // Only the hash is stored.
    expect(row.confirmTokenHash).toBe(sha256(token));
    expect(JSON.stringify(row)).not.toContain(token);
    // Not confirmed yet: no unsubscribe header, no preference link.
    expect(mail!.headers).toEqual({});
    expect(mail!.text).not.toContain("/preferences?token=");
  });

  it("confirms once: active, token cleared, welcome email with preference and one-click unsubscribe links", async () => {
    await subscribe({ email: EMAIL, allTopics: true, frequency: "weekly" });
    const token = confirmTokenFrom((await latestMailTo(EMAIL))!.text);
    const result = await confirm(token);
    expect(result.ok).toBe(true);

    const row = await testDb().subscriber.findUniqueOrThrow({ where: { email: EMAIL } });
    expect(row).toMatchObject({ status: "active", allTopics: true, confirmTokenHash: null, confirmTokenExpires: null });
    expect(row.confirmedAt).toBeInstanceOf(Date);

    const welcome = await latestMailTo(EMAIL);
    expect(welcome!.subject).toBe("You're subscribed to Paperboy");
    const unsubscribeToken = linkTokenFrom(welcome!.text, "unsubscribe");
    expect(unsubscribeToken).toBe(signLink("unsubscribe", row));
    expect(linkTokenFrom(welcome!.text, "preferences")).toBe(signLink("preferences", row));
    expect(welcome!.headers).toEqual({
      "List-Unsubscribe": `<https://paperboy.example/unsubscribe?token=${encodeURIComponent(unsubscribeToken)}>`,
      "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    });

    // Single use.
    expect(await confirm(token)).toEqual({ ok: false, reason: "invalidToken" });
  });

  it("escapes what the subscriber typed in every email", async () => {
    await subscribe({ email: EMAIL, allTopics: true, frequency: "weekly", keywords: "<script>alert(1)</script>" });
    await confirm(confirmTokenFrom((await latestMailTo(EMAIL))!.text));
    const welcome = await latestMailTo(EMAIL);
    expect(welcome!.html).not.toContain("<script>");
    expect(welcome!.html).toContain("&lt;script&gt;");
  });

  it("rejects an expired token with no writes, and a tampered one", async () => {
    await subscribe({ email: EMAIL, allTopics: true, frequency: "weekly" });
    const token = confirmTokenFrom((await latestMailTo(EMAIL))!.text);
    await testDb().subscriber.update({
      where: { email: EMAIL },
      data: { confirmTokenExpires: new Date(Date.now() - 1000) },
    });
    const before = await testDb().subscriber.findUniqueOrThrow({ where: { email: EMAIL } });

    expect(await confirm(token)).toEqual({ ok: false, reason: "expired" });
    const expired = await confirmPost(formRequest("/api/subscriptions/confirm", { token }));
    expect(expired.status).toBe(410);

    const tampered = `${token.slice(0, -1)}${token.endsWith("A") ? "B" : "A"}`;
    expect(await confirm(tampered)).toEqual({ ok: false, reason: "invalidToken" });
    for (const bad of [tampered, "", "short", `${token}x`]) {
      const response = await confirmPost(formRequest("/api/subscriptions/confirm", { token: bad }));
      expect(response.status).toBe(400);
      expect(await response.text()).not.toMatch(/at .*\.ts|Error:/);
    }
    expect(await testDb().subscriber.findUniqueOrThrow({ where: { email: EMAIL } })).toEqual(before);
  });

  it("confirms through the HTTP form with a 303 to the done page", async () => {
    await subscribePost(
      formRequest("/api/subscriptions/subscribe", { email: EMAIL, topics: ["quantization"], frequency: "daily" }),
    );
    const token = confirmTokenFrom((await latestMailTo(EMAIL))!.text);
    const response = await confirmPost(formRequest("/api/subscriptions/confirm", { token }, { multipart: true }));
    expect(response.status).toBe(303);
    expect(response.headers.get("location")).toBe("/confirm/done");
    expect((await testDb().subscriber.findUniqueOrThrow({ where: { email: EMAIL } })).status).toBe("active");
  });
});

describe("no enumeration", () => {
  async function seedState(email: string, status: "pending" | "active" | "paused" | "unsubscribed" | "suppressed") {
    await subscribe({ email, allTopics: true, frequency: "weekly" });
    if (status === "pending") return;
    await confirm(confirmTokenFrom((await latestMailTo(email))!.text));
    if (status !== "active") await testDb().subscriber.update({ where: { email }, data: { status } });
  }

  it("answers identically for new, pending, active, paused, unsubscribed and suppressed addresses", async () => {
    const states = ["pending", "active", "paused", "unsubscribed", "suppressed"] as const;
    for (const s of states) await seedState(`${s}@example.com`, s);
    const outboxBefore = await testDb().outboxMessage.count();

    const answers = [];
    for (const [i, email] of ["new@example.com", ...states.map((s) => `${s}@example.com`)].entries()) {
      const response = await subscribePost(
        formRequest(
          "/api/subscriptions/subscribe",
          { email, allTopics: "on", frequency: "daily" },
          { ip: `198.51.100.${i + 1}` },
        ),
      );
      answers.push({
        status: response.status,
        location: response.headers.get("location"),
        body: await response.text(),
        headers: [...response.headers.keys()].sort(),
      });
    }
    for (const a of answers) expect(a).toEqual(answers[0]);
    expect(answers[0]).toMatchObject({ status: 303, location: "/subscribe/check-email" });

    // Behind the identical answer: a confirmation, a "manage" email, or nothing.
    const subjects = async (email: string) =>
      (
        await testDb().outboxMessage.findMany({
          where: { to: email, id: { gt: outboxBefore } },
          orderBy: { id: "asc" },
        })
      ).map((m) => m.subject);
    expect(await subjects("new@example.com")).toEqual(["Confirm your Paperboy subscription"]);
    expect(await subjects("pending@example.com")).toEqual(["Confirm your Paperboy subscription"]);
    expect(await subjects("active@example.com")).toEqual(["Your Paperboy subscription"]);
    expect(await subjects("paused@example.com")).toEqual(["Your Paperboy subscription"]);
    expect(await subjects("unsubscribed@example.com")).toEqual(["Confirm your Paperboy subscription"]);
    expect(await subjects("suppressed@example.com")).toEqual([]);

    // An active subscriber's choices are not changed by someone else's form post.
    expect(await testDb().subscriber.findUniqueOrThrow({ where: { email: "active@example.com" } })).toMatchObject({
      status: "active",
      frequency: "weekly",
    });
    // An unsubscribed address stays unsubscribed until it confirms anew.
    const unsub = await testDb().subscriber.findUniqueOrThrow({ where: { email: "unsubscribed@example.com" } });
    expect(unsub.status).toBe("unsubscribed");
    await confirm(confirmTokenFrom((await latestMailTo("unsubscribed@example.com"))!.text));
    expect((await testDb().subscriber.findUniqueOrThrow({ where: { email: "unsubscribed@example.com" } })).status).toBe(
      "active",
    );
  });

  it("the manage email carries the preference link and unsubscribe headers", async () => {
    const { preferences } = await activeSubscriber();
    await subscribe({ email: EMAIL, allTopics: true, frequency: "daily" });
    const manage = await latestMailTo(EMAIL);
    expect(manage!.subject).toBe("Your Paperboy subscription");
    expect(linkTokenFrom(manage!.text, "preferences")).toBe(preferences);
    expect(manage!.headers).toMatchObject({ "List-Unsubscribe-Post": "List-Unsubscribe=One-Click" });
  });
});

describe("rejections write nothing", () => {
  const cases: [string, Record<string, string | string[]>, RegExp][] = [
    ["missing email", { allTopics: "on", frequency: "daily" }, /Enter your email/],
    ["bad email", { email: "not-an-address", allTopics: "on", frequency: "daily" }, /valid email/],
    ["too long email", { email: `${"a".repeat(250)}@example.com`, allTopics: "on", frequency: "daily" }, /254/],
    ["missing frequency", { email: EMAIL, allTopics: "on" }, /daily or weekly/],
    ["no topic", { email: EMAIL, frequency: "daily" }, /at least one topic/],
    [
      "unknown topic",
      { email: EMAIL, topics: ["quantization", "astrology"], frequency: "daily" },
      /Unknown topic: astrology/,
    ],
    ["malformed topic", { email: EMAIL, topics: ["<b>"], frequency: "daily" }, /Unknown topic/],
    [
      "too many keywords",
      {
        email: EMAIL,
        allTopics: "on",
        frequency: "daily",
        keywords: Array.from({ length: 11 }, (_, i) => `kw${i}`).join(","),
      },
      /At most 10 keywords/,
    ],
    ["too long keyword", { email: EMAIL, allTopics: "on", frequency: "daily", keywords: "x".repeat(61) }, /at most 60/],
  ];

  for (const [name, fields, message] of cases) {
    it(`back to the form for ${name}, with what was typed and the message`, async () => {
      const response = await subscribePost(formRequest("/api/subscriptions/subscribe", fields));
      expect(response.status).toBe(303);
      expect(response.headers.get("location")).toBe("/subscribe?invalid=1#subscribe-form");
      const state = formStateFrom(response, "subscribe");
      expect(Object.values(state?.errors ?? {}).join(" ")).toMatch(message);
      if (typeof fields.email === "string") expect(state?.email).toBe(fields.email);
      expect(state?.frequency).toBe(fields.frequency);
      expect(state?.keywords).toBe(typeof fields.keywords === "string" ? fields.keywords : "");
      expect(await subscriptionRowCounts()).toEqual({ subscribers: 0, subscriberTopics: 0, outbox: 0 });
    });
  }

  it("413 for an oversized body, declared or streamed", async () => {
    const big = { email: EMAIL, allTopics: "on", frequency: "daily", keywords: "x".repeat(20_000) };
    expect((await subscribePost(formRequest("/api/subscriptions/subscribe", big))).status).toBe(413);
    expect((await subscribePost(formRequest("/api/subscriptions/subscribe", big, { multipart: true }))).status).toBe(
      413,
    );
    // No Content-Length: a chunked stream is cut off at the limit.
    const stream = new ReadableStream({
      start(controller) {
        for (let i = 0; i < 40; i++) controller.enqueue(new TextEncoder().encode(`keywords=${"y".repeat(1000)}&`));
        controller.close();
      },
    });
    const chunked = new Request("http://127.0.0.1/api/subscriptions/subscribe", {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: stream,
      duplex: "half",
    } as RequestInit);
    expect((await subscribePost(chunked)).status).toBe(413);
    expect(await subscriptionRowCounts()).toEqual({ subscribers: 0, subscriberTopics: 0, outbox: 0 });
  });

  it("415 for a JSON body", async () => {
    const response = await subscribePost(
      new Request("http://127.0.0.1/api/subscriptions/subscribe", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ email: EMAIL }),
      }),
    );
    expect(response.status).toBe(415);
    expect(await subscriptionRowCounts()).toEqual({ subscribers: 0, subscriberTopics: 0, outbox: 0 });
  });
});

describe("preferences", () => {
  it("changes topics, frequency and keywords", async () => {
    const { preferences, row } = await activeSubscriber();
    const result = await updatePreferences(preferences, {
      topics: ["agents", "multimodal"],
      frequency: "daily",
      keywords: "kv cache",
    });
    expect(result).toEqual({ ok: true });
    const after = await testDb().subscriber.findUniqueOrThrow({
      where: { id: row.id },
      include: { topics: { include: { topic: true } } },
    });
    expect(after).toMatchObject({ status: "active", frequency: "daily", allTopics: false, keywords: ["kv cache"] });
    expect(after.topics.map((t) => t.topic.slug).sort()).toEqual(["agents", "multimodal"]);

    expect(await updatePreferences(preferences, { allTopics: true, topics: ["agents"], frequency: "weekly" })).toEqual({
      ok: true,
    });
    const all = await testDb().subscriber.findUniqueOrThrow({ where: { id: row.id }, include: { topics: true } });
    expect(all).toMatchObject({ allTopics: true, frequency: "weekly", keywords: [] });
    expect(all.topics).toEqual([]);
  });

  it("saves through the form with a 303 back to the page", async () => {
    const { preferences, row } = await activeSubscriber();
    const response = await preferencesPost(
      formRequest("/api/subscriptions/preferences", {
        token: preferences,
        action: "update",
        topics: ["multimodal"],
        frequency: "daily",
        keywords: "",
      }),
    );
    expect(response.status).toBe(303);
    expect(response.headers.get("location")).toBe(
      `/preferences?token=${encodeURIComponent(preferences)}&saved=preferences`,
    );
    expect(await testDb().subscriber.findUniqueOrThrow({ where: { id: row.id } })).toMatchObject({
      frequency: "daily",
    });
  });

  it("rejects unknown topics, bad input and tampered or foreign links without writing", async () => {
    const { preferences, unsubscribe: unsubscribeToken, row } = await activeSubscriber();
    const snapshot = async () =>
      testDb().subscriber.findUniqueOrThrow({ where: { id: row.id }, include: { topics: true } });
    const before = await snapshot();

    expect(await updatePreferences(preferences, { topics: ["astrology"], frequency: "daily" })).toMatchObject({
      ok: false,
      reason: "invalid",
    });
    expect(await updatePreferences(preferences, { topics: [], frequency: "daily" })).toMatchObject({
      ok: false,
      reason: "invalid",
    });
    expect(await updatePreferences(preferences, { topics: ["agents"], frequency: "hourly" })).toMatchObject({
      ok: false,
      reason: "invalid",
    });
    const tampered = preferences.replace(/^\d+/, String(row.id + 1));
    expect(await updatePreferences(tampered, { topics: ["agents"], frequency: "daily" })).toEqual({
      ok: false,
      reason: "invalidToken",
    });
    // An unsubscribe link is not a preference link.
    expect(await updatePreferences(unsubscribeToken, { topics: ["agents"], frequency: "daily" })).toEqual({
      ok: false,
      reason: "invalidToken",
    });

    const http = async (fields: Record<string, string | string[]>) =>
      (await preferencesPost(formRequest("/api/subscriptions/preferences", fields))).status;
    const rejected = await preferencesPost(
      formRequest("/api/subscriptions/preferences", {
        token: preferences,
        action: "update",
        topics: ["astrology"],
        frequency: "daily",
      }),
    );
    expect(rejected.status).toBe(303);
    expect(rejected.headers.get("location")).toBe(
      `/preferences?token=${encodeURIComponent(preferences)}&invalid=1#preferences-form`,
    );
    expect(formStateFrom(rejected, "preferences")).toMatchObject({
      topics: ["astrology"],
      frequency: "daily",
      errors: { topics: "Unknown topic: astrology" },
    });
    expect(await http({ token: `${preferences}x`, action: "update", topics: ["agents"], frequency: "daily" })).toBe(
      400,
    );
    expect(await http({ token: preferences, action: "explode" })).toBe(400);
    expect(await http({ token: tampered, action: "delete" })).toBe(400);
    expect(await http({ token: tampered, action: "unsubscribe" })).toBe(400);
    expect(await snapshot()).toEqual(before);
  });

  it("pauses and resumes; only an active subscription pauses", async () => {
    const { preferences, row } = await activeSubscriber();
    const status = async () => (await testDb().subscriber.findUniqueOrThrow({ where: { id: row.id } })).status;
    expect(await pause(preferences)).toEqual({ ok: true });
    expect(await status()).toBe("paused");
    expect(await pause(preferences)).toEqual({ ok: true });
    expect(await resume(preferences)).toEqual({ ok: true });
    expect(await status()).toBe("active");

    const response = await preferencesPost(
      formRequest("/api/subscriptions/preferences", { token: preferences, action: "pause" }),
    );
    expect(response.status).toBe(303);
    expect(await status()).toBe("paused");

    await unsubscribe(preferences, "preferences");
    expect(await resume(preferences)).toMatchObject({ ok: false, reason: "invalidState" });
    expect(
      (await preferencesPost(formRequest("/api/subscriptions/preferences", { token: preferences, action: "resume" })))
        .status,
    ).toBe(409);
    expect(await status()).toBe("unsubscribed");
  });

  it("deletes the subscriber and everything about them", async () => {
    const { preferences, unsubscribe: unsubscribeToken, row } = await activeSubscriber();
    const paper = await testDb().paper.create({
      data: { titleKey: "p", title: "P", featuredOn: new Date("2025-03-14"), source: "seed" },
    });
    const run = await testDb().digestRun.create({ data: { frequency: "weekly", periodKey: "2025-W11" } });
    await testDb().delivery.create({ data: { runId: run.id, subscriberId: row.id, paperIds: [paper.id] } });

    // The first post only asks: nothing is deleted without the confirming second step.
    const asked = await preferencesPost(
      formRequest("/api/subscriptions/preferences", { token: preferences, action: "delete" }, { multipart: true }),
    );
    expect(asked.status).toBe(200);
    const page = await asked.text();
    expect(page).toContain("Delete your data?");
    expect(page).toContain('name="confirm" value="yes"');
    expect(await testDb().subscriber.count()).toBe(1);

    const response = await preferencesPost(
      formRequest(
        "/api/subscriptions/preferences",
        { token: preferences, action: "delete", confirm: "yes" },
        { multipart: true },
      ),
    );
    expect(response.status).toBe(303);
    expect(response.headers.get("location")).toBe("/preferences/deleted");

    const db = testDb();
    expect(await db.subscriber.count()).toBe(0);
    expect(await db.subscriberTopic.count()).toBe(0);
    expect(await db.delivery.count()).toBe(0);
    expect(await db.outboxMessage.count({ where: { to: EMAIL } })).toBe(0);
    expect(await db.rateLimit.count({ where: { key: { startsWith: "subscribe:address:" } } })).toBe(0);
    // Every old link is dead.
    expect(await deleteData(preferences)).toEqual({ ok: false, reason: "invalidToken" });
    expect(
      (
        await unsubscribePost(
          formRequest(`/unsubscribe?token=${encodeURIComponent(unsubscribeToken)}`, {
            "List-Unsubscribe": "One-Click",
          }),
        )
      ).status,
    ).toBe(400);
  });
});

describe("one-click unsubscribe (RFC 8058)", () => {
  it("the GET page's link state: valid, already unsubscribed, or not valid (missing, garbage, another purpose's token)", async () => {
    const { unsubscribe: token, preferences } = await activeSubscriber();
    expect(await unsubscribeLinkState(token)).toBe("valid");
    for (const bad of ["", "garbage", "1.AAAA", preferences, `${token}x`])
      expect(await unsubscribeLinkState(bad), bad).toBe("invalid");
    await unsubscribe(token);
    expect(await unsubscribeLinkState(token)).toBe("unsubscribed");
  });

  for (const multipart of [false, true]) {
    it(`unsubscribes on POST List-Unsubscribe=One-Click (${multipart ? "multipart/form-data" : "urlencoded"}), 200 without redirect, repeatable`, async () => {
      const { unsubscribe: token, row } = await activeSubscriber();
      const post = () =>
        unsubscribePost(
          formRequest(
            `/unsubscribe?token=${encodeURIComponent(token)}`,
            { "List-Unsubscribe": "One-Click" },
            { multipart },
          ),
        );
      const first = await post();
      expect(first.status).toBe(200);
      expect(first.headers.get("location")).toBeNull();
      expect(first.headers.get("set-cookie")).toBeNull();
      const after = await testDb().subscriber.findUniqueOrThrow({ where: { id: row.id } });
      expect(after.status).toBe("unsubscribed");
      expect(after.unsubscribedAt).toBeInstanceOf(Date);

      const second = await post();
      expect(second.status).toBe(200);
      expect(await testDb().subscriber.findUniqueOrThrow({ where: { id: row.id } })).toEqual(after);
    });
  }

  it("rejects a missing One-Click body, a tampered token or a preference token, changing nothing", async () => {
    const { unsubscribe: token, preferences, row } = await activeSubscriber();
    const post = (t: string, fields: Record<string, string>) =>
      unsubscribePost(formRequest(`/unsubscribe?token=${encodeURIComponent(t)}`, fields));
    expect((await post(token, {})).status).toBe(400);
    expect((await post(token, { "List-Unsubscribe": "Yes" })).status).toBe(400);
    expect((await post(`${token.slice(0, -2)}AA`, { "List-Unsubscribe": "One-Click" })).status).toBe(400);
    expect((await post(preferences, { "List-Unsubscribe": "One-Click" })).status).toBe(400);
    expect((await post("", { "List-Unsubscribe": "One-Click" })).status).toBe(400);
    expect((await testDb().subscriber.findUniqueOrThrow({ where: { id: row.id } })).status).toBe("active");
  });

  it("keeps a suppressed address suppressed and kills a pending confirmation link", async () => {
    const { unsubscribe: token, row } = await activeSubscriber();
    await testDb().subscriber.update({ where: { id: row.id }, data: { status: "suppressed" } });
    expect(await unsubscribe(token)).toEqual({ ok: true });
    expect((await testDb().subscriber.findUniqueOrThrow({ where: { id: row.id } })).status).toBe("suppressed");

    await subscribe({ email: "second@example.com", allTopics: true, frequency: "daily" });
    const pending = await testDb().subscriber.findUniqueOrThrow({ where: { email: "second@example.com" } });
    const confirmToken = confirmTokenFrom((await latestMailTo("second@example.com"))!.text);
    expect(await unsubscribe(signLink("unsubscribe", pending))).toEqual({ ok: true });
    expect(await confirm(confirmToken)).toEqual({ ok: false, reason: "invalidToken" });
    expect((await testDb().subscriber.findUniqueOrThrow({ where: { id: pending.id } })).status).toBe("unsubscribed");
  });
});

describe("rate limits", () => {
  it(`sends at most ${ADDRESS_EMAIL_LIMIT.limit} emails per address per day, whatever the client, with the same answer`, async () => {
    const answers = [];
    for (let i = 0; i < ADDRESS_EMAIL_LIMIT.limit + 2; i++) {
      const response = await subscribePost(
        formRequest(
          "/api/subscriptions/subscribe",
          { email: EMAIL, allTopics: "on", frequency: "daily" },
          { ip: `192.0.2.${i + 1}` },
        ),
      );
      answers.push([response.status, response.headers.get("location")]);
    }
    expect(new Set(answers.map((a) => JSON.stringify(a))).size).toBe(1);
    expect(await testDb().outboxMessage.count({ where: { to: EMAIL } })).toBe(ADDRESS_EMAIL_LIMIT.limit);
    // The last emailed link still works: a limited request wrote nothing.
    const last = await latestMailTo(EMAIL);
    expect((await confirm(confirmTokenFrom(last!.text))).ok).toBe(true);
    // The limit is counted per address, not per spelling.
    expect(await subscribe({ email: " READER@example.com", allTopics: true, frequency: "daily" })).toEqual({
      ok: true,
      outcome: "addressRateLimited",
    });
  });

  it("answers 429 with Retry-After after 10 posts from one client in 15 minutes; other clients go on", async () => {
    const post = (i: number, ip: string) =>
      subscribePost(
        formRequest(
          "/api/subscriptions/subscribe",
          { email: `r${i}@example.com`, allTopics: "on", frequency: "daily" },
          { ip },
        ),
      );
    for (let i = 0; i < 10; i++) expect((await post(i, "203.0.113.50")).status).toBe(303);
    const limited = await post(10, "203.0.113.50");
    expect(limited.status).toBe(429);
    const retryAfter = Number(limited.headers.get("retry-after"));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(15 * 60);
    expect(await testDb().subscriber.count({ where: { email: "r10@example.com" } })).toBe(0);
    expect((await post(11, "203.0.113.51")).status).toBe(303);
    // X-Real-IP when there is no X-Forwarded-For.
    const realIp = new Request("http://127.0.0.1/api/subscriptions/subscribe", {
      method: "POST",
      headers: { "x-real-ip": "203.0.113.50" },
      body: new URLSearchParams({ email: "r12@example.com", allTopics: "on", frequency: "daily" }),
    });
    expect((await subscribePost(realIp)).status).toBe(429);
    // Client addresses are stored hashed.
    const keys = (await testDb().rateLimit.findMany()).map((r) => r.key).join(" ");
    expect(keys).not.toContain("203.0.113");
    expect(keys).not.toContain("example.com");
  });
});
