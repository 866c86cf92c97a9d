import { describe, expect, test } from "vitest";
import { contentSecurityPolicy, HSTS_VALUE, newNonce, STATIC_SECURITY_HEADERS } from "@/lib/security/headers";

const directives = (csp: string) => new Map(csp.split("; ").map((d) => [d.split(" ")[0]!, d.split(" ").slice(1)]));

describe("Content-Security-Policy", () => {
  test("scripts need the request's nonce: no 'unsafe-inline', no eval in production", () => {
    const csp = directives(contentSecurityPolicy({ nonce: "abc123==", https: true }));
    expect(csp.get("script-src")).toEqual(["'self'", "'nonce-abc123=='", "'strict-dynamic'"]);
    expect(csp.get("default-src")).toEqual(["'self'"]);
  });

  test("a cached page's policy allows its inline scripts by hash and Next's chunks by 'self', without 'strict-dynamic'", () => {
    const hashed = contentSecurityPolicy({ hashes: ["'sha256-a'", "'sha256-b'"], https: false });
    const csp = directives(hashed);
    // With 'strict-dynamic' browsers would ignore 'self' and block the chunks, which carry no nonce.
    expect(csp.get("script-src")).toEqual(["'self'", "'sha256-a'", "'sha256-b'"]);
    // Every other directive is the one rendered pages get.
    const nonced = directives(contentSecurityPolicy({ nonce: "n", https: false }));
    for (const [name, sources] of nonced) if (name !== "script-src") expect(csp.get(name), name).toEqual(sources);
  });

  test("no framing, no plugins, no foreign form targets or base URLs", () => {
    const csp = directives(contentSecurityPolicy({ nonce: "n", https: false }));
    expect(csp.get("frame-ancestors")).toEqual(["'none'"]);
    expect(csp.get("object-src")).toEqual(["'none'"]);
    expect(csp.get("form-action")).toEqual(["'self'"]);
    expect(csp.get("base-uri")).toEqual(["'self'"]);
  });

  test("upgrade-insecure-requests only when served over HTTPS; eval only in development", () => {
    expect(contentSecurityPolicy({ nonce: "n", https: false })).not.toContain("upgrade-insecure-requests");
    expect(contentSecurityPolicy({ nonce: "n", https: true })).toContain("upgrade-insecure-requests");
    expect(contentSecurityPolicy({ nonce: "n", https: false })).not.toContain("unsafe-eval");
    expect(directives(contentSecurityPolicy({ nonce: "n", https: false, dev: true })).get("script-src")).toContain(
      "'unsafe-eval'",
    );
  });

  test("nonces are 128-bit base64 and never repeat", () => {
    const nonces = Array.from({ length: 1000 }, newNonce);
    expect(new Set(nonces).size).toBe(1000);
    for (const n of nonces) expect(n).toMatch(/^[A-Za-z0-9+/]{22}==$/);
  });
});

test("the static headers: nosniff, referrer policy, no framing, permissions, COOP", () => {
  const map = Object.fromEntries(STATIC_SECURITY_HEADERS.map((h) => [h.key.toLowerCase(), h.value]));
  expect(map).toEqual({
    "x-content-type-options": "nosniff",
    "referrer-policy": "strict-origin-when-cross-origin",
    "x-frame-options": "DENY",
    "permissions-policy": "camera=(), microphone=(), geolocation=(), payment=(), usb=()",
    "cross-origin-opener-policy": "same-origin",
  });
  expect(HSTS_VALUE).toMatch(/^max-age=31536000/);
});
