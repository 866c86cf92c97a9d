import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { outboxTransport } from "@/lib/mail/outbox";
import { resendTransport } from "@/lib/mail/resend";
import { resetDb, testDb } from "@/tests/helpers/db";
import { type FakeResend, startFakeResend } from "@/tests/helpers/fake-resend";

const message = {
  to: "reader@example.com",
  subject: "Your digest",
  html: "<p>Hello &amp; welcome</p>",
  text: "Hello & welcome",
  headers: { "List-Unsubscribe": "<https://paperboy.example/unsubscribe?token=t>" },
};

describe("outbox transport", () => {
  beforeEach(resetDb);

  it("stores the whole message", async () => {
    const result = await outboxTransport("Paperboy <p@example.com>").send(message);
    expect(result.ok).toBe(true);
    const stored = await testDb().outboxMessage.findFirstOrThrow();
    expect(stored).toMatchObject({
      to: message.to,
      from: "Paperboy <p@example.com>",
      subject: message.subject,
      html: message.html,
      text: message.text,
      headers: message.headers,
    });
  });
});

describe("Resend transport (real SDK against the local fake Resend API)", () => {
  let fake: FakeResend;
  beforeAll(async () => {
    fake = await startFakeResend();
  });
  afterAll(async () => fake.close());

  it("sends from, to, subject, html, text and headers with the API key", async () => {
    const transport = resendTransport({ apiKey: fake.apiKey, from: "Paperboy <p@example.com>", baseUrl: fake.url });
    const result = await transport.send(message, { idempotencyKey: "welcome-1" });
    expect(result.ok).toBe(true);
    const request = fake.requests.at(-1)!;
    expect(request.path).toBe("/emails");
    expect(request.headers.authorization).toBe(`Bearer ${fake.apiKey}`);
    expect(request.headers["idempotency-key"]).toBe("welcome-1");
    expect(request.body).toMatchObject({
      from: "Paperboy <p@example.com>",
      to: message.to,
      subject: message.subject,
      html: message.html,
      text: message.text,
      headers: message.headers,
    });
    expect(fake.delivered.at(-1)).toMatchObject({ to: [message.to], subject: message.subject });
  });

  it("replays an idempotent request instead of sending twice, and refuses a changed payload", async () => {
    const transport = resendTransport({ apiKey: fake.apiKey, from: "p@example.com", baseUrl: fake.url });
    const before = fake.delivered.length;
    const a = await transport.send(message, { idempotencyKey: "k-same" });
    const b = await transport.send(message, { idempotencyKey: "k-same" });
    expect(a).toEqual(b);
    expect(fake.delivered.length).toBe(before + 1);
    const c = await transport.send({ ...message, subject: "Other" }, { idempotencyKey: "k-same" });
    expect(c).toMatchObject({ ok: false, retryable: false });
  });

  it("reports 422 as permanent, 429 and 500 as retryable, a bad key as permanent", async () => {
    const transport = resendTransport({ apiKey: fake.apiKey, from: "p@example.com", baseUrl: fake.url });
    expect(await transport.send({ ...message, to: "not-an-address" })).toMatchObject({ ok: false, retryable: false });
    fake.failNext(1, 429);
    expect(await transport.send(message)).toMatchObject({ ok: false, retryable: true });
    fake.failNext(1, 500);
    expect(await transport.send(message)).toMatchObject({ ok: false, retryable: true });
    const wrongKey = resendTransport({ apiKey: "re_wrong", from: "p@example.com", baseUrl: fake.url });
    expect(await wrongKey.send(message)).toMatchObject({ ok: false, retryable: false });
  });

  it("classifies batch answers: 422 invalid, reused key conflict, 429/500/lost retryable with rate info, bad key fatal", async () => {
    const transport = resendTransport({ apiKey: fake.apiKey, from: "p@example.com", baseUrl: fake.url });
    expect(await transport.sendBatch([{ ...message, to: "not-an-address" }])).toMatchObject({
      ok: false,
      kind: "invalid",
      status: 422,
    });
    expect(await transport.sendBatch([message], { idempotencyKey: "batch-k" })).toMatchObject({ ok: true });
    expect(await transport.sendBatch([{ ...message, subject: "Other" }], { idempotencyKey: "batch-k" })).toMatchObject({
      ok: false,
      kind: "conflict",
      status: 409,
    });
    fake.failNext(1, 429);
    expect(await transport.sendBatch([message])).toMatchObject({
      ok: false,
      kind: "retryable",
      status: 429,
      rate: { retryAfterMs: 1000 },
    });
    fake.failNext(1, 500);
    expect(await transport.sendBatch([message])).toMatchObject({ ok: false, kind: "retryable", status: 500 });
    fake.setFaults({ rateHang: 1 });
    const lost = await transport.sendBatch([message], { timeoutMs: 200 });
    fake.setFaults({});
    expect(lost).toMatchObject({ ok: false, kind: "retryable", status: null });
    expect(lost.ok === false && lost.error).toContain("(timeout)");
    const wrongKey = resendTransport({ apiKey: "re_wrong", from: "p@example.com", baseUrl: fake.url });
    expect(await wrongKey.sendBatch([message])).toMatchObject({ ok: false, kind: "fatal", status: 403 });
  });
});
