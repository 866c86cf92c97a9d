import { describe, expect, test } from "vitest";
import { checkSameOrigin, isOriginCheckExempt } from "@/lib/http/origin";

const APP = "https://paperboy.example";
const check = (method: string, headers: Record<string, string>) => checkSameOrigin(method, new Headers(headers), APP);

describe("checkSameOrigin", () => {
  test("safe methods always pass, whatever their origin", () => {
    for (const m of ["GET", "HEAD", "OPTIONS", "get"]) {
      expect(check(m, { "sec-fetch-site": "cross-site", origin: "https://evil.example" })).toEqual({ ok: true });
    }
  });

  test("Sec-Fetch-Site decides when present: same-origin and none pass, same-site and cross-site fail", () => {
    expect(check("POST", { "sec-fetch-site": "same-origin" })).toEqual({ ok: true });
    expect(check("POST", { "sec-fetch-site": "none" })).toEqual({ ok: true });
    expect(check("POST", { "sec-fetch-site": "same-site", origin: APP })).toEqual({ ok: false, reason: "crossSite" });
    expect(check("POST", { "sec-fetch-site": "cross-site", origin: APP })).toEqual({ ok: false, reason: "crossSite" });
    expect(check("DELETE", { "sec-fetch-site": "cross-site" })).toEqual({ ok: false, reason: "crossSite" });
  });

  test("without Sec-Fetch-Site, Origin must be APP_URL's origin or the Host the request went to", () => {
    expect(check("POST", { origin: APP })).toEqual({ ok: true });
    expect(check("POST", { origin: "http://127.0.0.1:3106", host: "127.0.0.1:3106" })).toEqual({ ok: true });
    expect(check("POST", { origin: "https://evil.example", host: "paperboy.example" })).toEqual({
      ok: false,
      reason: "crossSite",
    });
    expect(check("POST", { origin: "https://paperboy.example.evil.example" })).toEqual({
      ok: false,
      reason: "crossSite",
    });
    expect(check("POST", { origin: "http://paperboy.example:8080" })).toEqual({ ok: false, reason: "crossSite" });
    expect(check("POST", { origin: "null" })).toEqual({ ok: false, reason: "badOrigin" });
    expect(check("POST", { origin: "not a url" })).toEqual({ ok: false, reason: "badOrigin" });
  });

  test("no Sec-Fetch-Site and no Origin: not a browser, so no victim to forge from: passes", () => {
    expect(check("POST", {})).toEqual({ ok: true });
  });
});

test("only token-, signature- or secret-authenticated paths are exempt", () => {
  for (const p of [
    "/unsubscribe",
    "/api/subscriptions/unsubscribe",
    "/api/webhooks/resend",
    "/api/cron/digest",
    "/api/cron/ingest",
  ]) {
    expect(isOriginCheckExempt(p), p).toBe(true);
  }
  for (const p of [
    "/api/subscriptions/subscribe",
    "/api/subscriptions/preferences",
    "/api/subscriptions/confirm",
    "/api/votes",
    "/papers/1/vote",
    "/",
    "/unsubscribe/../api/votes",
    "/x/api/cron/",
  ]) {
    expect(isOriginCheckExempt(p), p).toBe(false);
  }
});

test("cookies: HttpOnly, SameSite=Lax, Path=/, Secure whenever APP_URL is https (even behind a plain-http proxy hop)", async () => {
  const { cookieAttributes } = await import("@/lib/http/cookies");
  expect(cookieAttributes(60, "https://paperboy.example")).toEqual({
    httpOnly: true,
    secure: true,
    sameSite: "lax",
    path: "/",
    maxAge: 60,
  });
  expect(cookieAttributes(60, "http://127.0.0.1:3000").secure).toBe(false);
});
