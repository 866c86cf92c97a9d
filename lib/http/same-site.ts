// Where a state-changing route handler may send the browser back to. (The
// cross-site check itself is lib/http/origin.ts, shared by every route.)

/** A same-site relative path to send the browser back to, or the fallback (never an open redirect). */
export function safeReturnPath(value: unknown, fallback: string): string {
  if (typeof value !== "string" || value.length > 2000) return fallback;
  if (!value.startsWith("/") || value.startsWith("//") || value.startsWith("/\\")) return fallback;
  return value;
}
