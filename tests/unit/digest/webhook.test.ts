import { describe, expect, it } from "vitest";
import { signWebhook, verifyWebhook } from "@/lib/digest/webhook";

describe("webhook signatures", () => {
  const secret = `whsec_${Buffer.from("a-very-secret-signing-key-32byte").toString("base64")}`;
  const body = JSON.stringify({ type: "email.bounced", data: { to: ["a@example.com"] } });
  const now = 1_742_000_000_000;
  const ts = Math.floor(now / 1000);
  const headers = (signature: string, timestamp = String(ts), id = "msg_1") => ({ id, timestamp, signature });

  it("accepts a valid signature, also among several (key rotation)", () => {
    const sig = signWebhook(secret, "msg_1", ts, body);
    expect(verifyWebhook(secret, headers(sig), body, now)).toEqual({ ok: true });
    expect(verifyWebhook(secret, headers(`v1,AAAA ${sig}`), body, now)).toEqual({ ok: true });
  });

  it("rejects a tampered body, another id, another secret, missing headers and old or future timestamps", () => {
    const sig = signWebhook(secret, "msg_1", ts, body);
    expect(verifyWebhook(secret, headers(sig), body.replace("a@", "b@"), now)).toMatchObject({
      ok: false,
      reason: "badSignature",
    });
    expect(verifyWebhook(secret, headers(sig, String(ts), "msg_2"), body, now)).toMatchObject({
      ok: false,
      reason: "badSignature",
    });
    const other = `whsec_${Buffer.from("another-secret-signing-key-32byt").toString("base64")}`;
    expect(verifyWebhook(other, headers(sig), body, now)).toMatchObject({ ok: false, reason: "badSignature" });
    expect(verifyWebhook(secret, { id: null, timestamp: String(ts), signature: sig }, body, now)).toMatchObject({
      ok: false,
      reason: "missingHeaders",
    });
    expect(verifyWebhook(secret, headers(sig), body, now + 301_000)).toMatchObject({
      ok: false,
      reason: "badTimestamp",
    });
    expect(verifyWebhook(secret, headers(sig), body, now - 301_000)).toMatchObject({
      ok: false,
      reason: "badTimestamp",
    });
    expect(verifyWebhook(secret, headers("v2,abc"), body, now)).toMatchObject({ ok: false, reason: "badSignature" });
  });
});
