import { describe, expect, test } from "vitest";
import { clientAddress } from "@/lib/http/client";
import { PEER_HEADER } from "@/lib/http/node-requests";

// lib/http/client.ts: X-Forwarded-For counts only for the trusted hops.
const headers = (h: Record<string, string>) => new Headers(h);

describe("clientAddress", () => {
  test("no trusted hop: X-Forwarded-For and X-Real-IP are ignored; without the socket stamp every client is one", () => {
    const h = headers({ "x-forwarded-for": "198.51.100.1", "x-real-ip": "198.51.100.2", [PEER_HEADER]: "192.0.2.1" });
    // The stamp is not installed in this process, so a client-sent peer header is not believed either.
    expect(clientAddress(h, 0)).toBe("unknown");
  });

  test("one trusted hop: the entry the proxy appended, not what the client wrote before it", () => {
    expect(clientAddress(headers({ "x-forwarded-for": "6.6.6.6, 203.0.113.5" }), 1)).toBe("203.0.113.5");
    expect(clientAddress(headers({ "x-forwarded-for": "203.0.113.5" }), 1)).toBe("203.0.113.5");
  });

  test("two trusted hops: the second entry from the right", () => {
    expect(clientAddress(headers({ "x-forwarded-for": "6.6.6.6, 203.0.113.5, 10.0.0.2" }), 2)).toBe("203.0.113.5");
    // Fewer entries than hops: the furthest one known.
    expect(clientAddress(headers({ "x-forwarded-for": "203.0.113.5" }), 2)).toBe("203.0.113.5");
  });

  test("a trusted proxy's X-Real-IP when there is no X-Forwarded-For", () => {
    expect(clientAddress(headers({ "x-real-ip": "203.0.113.6" }), 1)).toBe("203.0.113.6");
  });
});
