import { createHash, createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import { env } from "@/lib/env";

// Small, shared primitives: every token and signature in the app goes through these.

/** APP_SECRET; `npm start` always provides one (generated locally when unset). */
export function appSecret(): string {
  const secret = env().APP_SECRET;
  if (!secret) throw new Error("APP_SECRET is not set");
  return secret;
}

export function randomToken(bytes = 32): string {
  return randomBytes(bytes).toString("base64url");
}

export function sha256(value: string): string {
  return createHash("sha256").update(value).digest("hex");
}

export function hmac(value: string, key = appSecret()): string {
  return createHmac("sha256", key).update(value).digest("base64url");
}

/** Constant-time string comparison (length differences leak nothing useful: both are hashed first). */
export function safeEqual(a: string, b: string): boolean {
  const ha = createHash("sha256").update(a).digest();
  const hb = createHash("sha256").update(b).digest();
  return timingSafeEqual(ha, hb) && a.length === b.length;
}
