// The subscription emails end to end through the real `resend` SDK, pointed at
// the local fake Resend API (RESEND_BASE_URL): what the provider receives.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { resetDb, testDb } from "@/tests/helpers/db";
import { type FakeResend, startFakeResend } from "@/tests/helpers/fake-resend";
import { insertTopics } from "@/tests/helpers/subscriptions";

let fake: FakeResend;
let lib: typeof import("@/lib/subscriptions/mutations");

beforeAll(async () => {
  fake = await startFakeResend();
  // Set before the first env() call in this file's module graph.
  process.env.APP_SECRET = "r".repeat(48);
  process.env.APP_URL = "https://paperboy.example";
  process.env.RESEND_API_KEY = fake.apiKey;
  process.env.RESEND_BASE_URL = fake.url;
  process.env.EMAIL_FROM = "Paperboy <digest@paperboy.example>";
  testDb();
  const mail = await import("@/lib/mail");
  mail.resetMailer();
  expect(mail.mailer().name).toBe("resend");
  lib = await import("@/lib/subscriptions/mutations");
});

afterAll(async () => {
  delete process.env.RESEND_API_KEY;
  delete process.env.RESEND_BASE_URL;
  await fake.close();
});

beforeEach(async () => {
  await resetDb();
  await insertTopics();
});

describe("subscription emails via Resend", () => {
  it("sends the confirmation: from, to, subject, HTML and text with the link, idempotency key; nothing in the outbox", async () => {
    const before = fake.requests.length;
    expect(
      await lib.subscribe({
        email: "Reader@Example.com",
        topics: ["quantization"],
        frequency: "daily",
        keywords: "kv cache",
      }),
    ).toEqual({
      ok: true,
      outcome: "confirmationSent",
    });
    expect(fake.requests.length).toBe(before + 1);
    const request = fake.requests.at(-1)!;
    expect(request.path).toBe("/emails");
    expect(request.headers.authorization).toBe(`Bearer ${fake.apiKey}`);
    expect(request.headers["idempotency-key"]).toMatch(/^confirm-[0-9a-f]{32}$/);
    const body = request.body as Record<string, unknown>;
    expect(body).toMatchObject({
      from: "Paperboy <digest@paperboy.example>",
      to: "reader@example.com",
      subject: "Confirm your Paperboy subscription",
    });
    const html = body.html as string;
    const text = body.text as string;
    const link = /https:\/\/paperboy\.example\/confirm\?token=[A-Za-z0-9_-]{43}/.exec(text)?.[0];
    expect(link).toBeDefined();
    expect(html).toContain(`href="${link}"`);
    expect(html).toMatch(/^<!DOCTYPE html/i);
    expect(text).toContain("Quantization");
    expect(text).toContain('"kv cache"');
    expect(text).not.toContain("<");
    // No List-Unsubscribe before the address is confirmed.
    expect(body.headers ?? {}).toEqual({});
    expect(await testDb().outboxMessage.count()).toBe(0);

    // Confirming sends the welcome email with RFC 8058 headers.
    const token = link!.split("token=")[1]!;
    expect((await lib.confirm(token)).ok).toBe(true);
    const welcome = fake.delivered.at(-1)!;
    expect(welcome).toMatchObject({
      from: "Paperboy <digest@paperboy.example>",
      to: ["reader@example.com"],
      subject: "You're subscribed to Paperboy",
    });
    expect(welcome.headers["List-Unsubscribe"]).toMatch(
      /^<https:\/\/paperboy\.example\/unsubscribe\?token=\d+\.[A-Za-z0-9_-]{43}>$/,
    );
    expect(welcome.headers["List-Unsubscribe-Post"]).toBe("List-Unsubscribe=One-Click");
    expect(welcome.text).toMatch(/https:\/\/paperboy\.example\/preferences\?token=\d+\.[A-Za-z0-9_-]{43}/);
  });

  it("answers the form the same when the provider fails, and logs instead of leaking", async () => {
    fake.failNext(1, 500);
    expect(await lib.subscribe({ email: "x@example.com", allTopics: true, frequency: "weekly" })).toEqual({
      ok: true,
      outcome: "sendFailed",
    });
    // The pending row stays: asking again sends a fresh link.
    expect(await lib.subscribe({ email: "x@example.com", allTopics: true, frequency: "weekly" })).toEqual({
      ok: true,
      outcome: "confirmationSent",
    });
  });

  it("hides /dev/outbox (404) while a real provider is configured", async () => {
    const { default: OutboxPage } = await import("@/app/dev/outbox/page");
    await expect(OutboxPage({ searchParams: Promise.resolve({}) })).rejects.toMatchObject({
      digest: expect.stringContaining("404"),
    });
  });
});
