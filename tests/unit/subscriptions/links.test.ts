import { beforeAll, describe, expect, it } from "vitest";
import { signLink, tokenSubscriberId, unsubscribeUrl, verifyLink } from "@/lib/subscriptions/links";

beforeAll(() => {
  process.env.APP_SECRET = "x".repeat(40);
  process.env.APP_URL = "https://paperboy.example";
});

describe("signed subscriber links", () => {
  const sub = { id: 42, linkSecret: "s3cret" };

  it("round-trips and names the subscriber", () => {
    const token = signLink("unsubscribe", sub);
    expect(tokenSubscriberId(token)).toBe(42);
    expect(verifyLink("unsubscribe", token, sub)).toBe(true);
  });

  it("rejects another purpose, a tampered id or signature, and a rotated secret", () => {
    const token = signLink("unsubscribe", sub);
    expect(verifyLink("preferences", token, sub)).toBe(false);
    expect(verifyLink("unsubscribe", token.replace(/^42/, "43"), { ...sub, id: 43 })).toBe(false);
    expect(verifyLink("unsubscribe", `${token.slice(0, -1)}${token.endsWith("A") ? "B" : "A"}`, sub)).toBe(false);
    expect(verifyLink("unsubscribe", token, { ...sub, linkSecret: "rotated" })).toBe(false);
  });

  it("ignores malformed tokens", () => {
    for (const bad of ["", "42", "x.y", "0.abc", `42.${"a".repeat(44)}`, "42.<script>"]) {
      expect(tokenSubscriberId(bad)).toBeNull();
    }
  });

  it("builds an https unsubscribe URL on APP_URL", () => {
    expect(unsubscribeUrl(sub)).toMatch(/^https:\/\/paperboy\.example\/unsubscribe\?token=42\.[A-Za-z0-9_-]{43}$/);
  });
});
