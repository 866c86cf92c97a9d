import { hmac } from "@/lib/security/crypto";

// Which client sent a request, for rate limits. Behind a proxy the first hop of
// X-Forwarded-For is the client (the proxy must overwrite, not append to, what
// clients send); X-Real-IP is the nginx convention. The address is hashed
// before it is stored.
export function clientAddress(headers: Headers): string {
  const forwarded = headers.get("x-forwarded-for")?.split(",")[0]?.trim();
  return forwarded || headers.get("x-real-ip")?.trim() || "unknown";
}

export function clientKey(scope: string, headers: Headers): string {
  return `${scope}:client:${hmac(`client:${clientAddress(headers)}`)}`;
}
