import { safeEqual } from "@/lib/security/crypto";

/**
 * The guard of every cron route (/api/cron/*): `Authorization: Bearer <CRON_SECRET>`,
 * compared in constant time. Fails closed: with no secret configured, or no
 * header, every call is refused.
 */
export function cronAuthorized(authorization: string | null, secret: string | undefined): boolean {
  if (!secret || !authorization) return false;
  return safeEqual(authorization, `Bearer ${secret}`);
}
