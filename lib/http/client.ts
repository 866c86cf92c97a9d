import { env } from "@/lib/env";
import { hmac } from "@/lib/security/crypto";
import { PEER_HEADER, peerStampActive } from "./node-requests";

// Which client sent a request, for rate limits. X-Forwarded-For is written by
// whoever sends the request, so it counts only for the hops the operator
// trusts (TRUST_PROXY_HOPS): each trusted proxy appends the address it saw,
// so with N trusted hops the client is the Nth entry from the right, and
// everything left of it may be made up. With no trusted hop the client is the
// TCP peer, stamped on the request by lib/http/node-requests.ts. X-Real-IP (the nginx
// convention) is a trusted proxy's word too. The address is hashed before it
// is stored.
export function clientAddress(headers: Headers, trustedHops = env().TRUST_PROXY_HOPS): string {
  if (trustedHops > 0) {
    const chain = (headers.get("x-forwarded-for") ?? "")
      .split(",")
      .map((a) => a.trim())
      .filter(Boolean);
    const forwarded = chain[Math.max(0, chain.length - trustedHops)];
    const real = headers.get("x-real-ip")?.trim();
    if (forwarded || real) return (forwarded || real)!;
  }
  // Without the stamp (a runtime that is not Node's HTTP server) every client is one: stricter, never spoofable.
  return (peerStampActive() && headers.get(PEER_HEADER)?.trim()) || "unknown";
}

export function clientKey(scope: string, headers: Headers): string {
  return `${scope}:client:${hmac(`client:${clientAddress(headers)}`)}`;
}
