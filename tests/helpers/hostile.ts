// Hostile input for property-based tests (fast-check): random, oversized,
// wrongly typed, wrongly encoded and injection-shaped values, and the checks
// every answer to them must pass.
import fc from "fast-check";
import { expect } from "vitest";
import { INJECTIONS } from "./injections";

export { INJECTIONS };

export const hostileString: fc.Arbitrary<string> = fc.oneof(
  fc.string({ maxLength: 200 }),
  fc.string({ unit: "binary", maxLength: 200 }),
  fc.string({ unit: "grapheme", maxLength: 50 }),
  fc.constantFrom(...INJECTIONS),
  fc.integer().map(String),
  fc.double().map(String),
);

/** Form field values: one value, several (a repeated field), or none. */
export const hostileValue: fc.Arbitrary<string | string[]> = fc.oneof(
  hostileString,
  fc.array(hostileString, { maxLength: 4 }),
);

export function hostileFields(knownNames: string[]): fc.Arbitrary<Record<string, string | string[]>> {
  return fc.dictionary(fc.oneof(fc.constantFrom(...knownNames), hostileString), hostileValue, { maxKeys: 8 });
}

export type HostileBody = { contentType: string | null; body: BodyInit | null; label: string };

const CONTENT_TYPES = [
  null,
  "application/x-www-form-urlencoded",
  "multipart/form-data",
  "multipart/form-data; boundary=x",
  "application/json",
  "text/plain",
  "application/xml",
  "application/x-www-form-urlencoded; charset=utf-16",
  "\u0000",
];

/** A request body in a right or wrong encoding: urlencoded, multipart, raw bytes under any content type. */
export function hostileBody(knownNames: string[]): fc.Arbitrary<HostileBody> {
  const fields = hostileFields(knownNames);
  return fc.oneof(
    fields.map((f) => {
      const p = new URLSearchParams();
      for (const [k, v] of Object.entries(f)) for (const one of [v].flat()) p.append(k, one);
      return { contentType: "application/x-www-form-urlencoded", body: p.toString(), label: "urlencoded" };
    }),
    fields.map((f) => {
      const d = new FormData();
      for (const [k, v] of Object.entries(f)) for (const one of [v].flat()) d.append(k, one);
      return { contentType: null, body: d, label: "multipart" }; // fetch sets the boundary
    }),
    fc
      .record({ type: fc.constantFrom(...CONTENT_TYPES), bytes: fc.uint8Array({ maxLength: 3000 }) })
      .map(({ type, bytes }) => ({
        contentType: type,
        body: bytes,
        label: `bytes as ${type}`,
      })),
    fc
      .record({ type: fc.constantFrom(...CONTENT_TYPES), text: hostileString })
      .map(({ type, text }) => ({ contentType: type, body: text, label: `text as ${type}` })),
    fc.constant({
      contentType: "application/x-www-form-urlencoded",
      body: `a=${"b".repeat(70_000)}`,
      label: "oversized",
    }),
    fc.constant({ contentType: null, body: null, label: "no body" }),
  );
}

export function hostileRequest(url: string, body: HostileBody, ip: string, method = "POST"): Request {
  const headers = new Headers({ "x-forwarded-for": ip });
  if (body.contentType !== null && /^[\t\x20-\x7e]*$/.test(body.contentType))
    headers.set("content-type", body.contentType);
  return new Request(url, { method, headers, body: method === "GET" || method === "HEAD" ? null : body.body });
}

/** What a client may never see: a server error, a stack trace, an internal error message. */
export async function expectSafeAnswer(response: Response, context: string): Promise<void> {
  expect(response.status, context).toBeLessThan(500);
  const text = await response.text();
  expect(text, context).not.toMatch(
    /\bat [\w.<>]+ \(|node_modules|\.tsx?:\d+|Prisma|PrismaClient|TypeError|ReferenceError|SyntaxError|ECONNREFUSED|stack/,
  );
}

/** An IPv4 address per request, so the per-client rate limit doesn't hide what's behind it. */
export const clientIp = fc.ipV4();

/**
 * A digest of every application table's rows (except rate-limit counters,
 * which hostile requests are meant to consume): equal before and after means
 * the requests changed nothing.
 */
export async function databaseFingerprint(): Promise<Record<string, string>> {
  const { testDb } = await import("./db");
  const db = testDb();
  const tables = await db.$queryRaw<{ tablename: string }[]>`
    SELECT tablename FROM pg_tables WHERE schemaname = current_schema()
      AND tablename NOT IN ('_prisma_migrations', 'rate_limits') ORDER BY tablename`;
  const out: Record<string, string> = {};
  for (const { tablename } of tables) {
    const [row] = await db.$queryRawUnsafe<{ n: bigint; digest: string | null }[]>(
      `SELECT count(*) AS n, md5(string_agg(t::text, '|' ORDER BY t::text)) AS digest FROM "${tablename}" t`,
    );
    out[tablename] = `${row!.n}:${row!.digest ?? ""}`;
  }
  return out;
}

const pad = (n: number, width: number) => String(n).padStart(width, "0");

/**
 * Date parameters at and past the edges: year 0 and 9999, 29-31 February, ISO
 * week 53, months and days out of range, the supported range's first and last
 * days and their neighbours, and any YYYY-MM-DD at all.
 */
export function edgeDate(now = new Date()): fc.Arbitrary<string> {
  const day = (d: Date) => d.toISOString().slice(0, 10);
  const y = now.getUTCFullYear();
  const lastDay = day(new Date(Date.UTC(y + 1, now.getUTCMonth(), now.getUTCDate())));
  const afterLast = day(new Date(Date.UTC(y + 1, now.getUTCMonth(), now.getUTCDate() + 1)));
  return fc.oneof(
    fc.constantFrom(
      "0000-01-01",
      "0001-01-01",
      "9999-12-31",
      "9999-12-27",
      "9999-12-01",
      "1990-12-31",
      "1991-01-01",
      "1970-01-01",
      "2024-02-29",
      "2025-02-29",
      "2025-02-30",
      "2025-02-31",
      "2020-12-31", // ISO week 53 of 2020
      "2026-12-31", // ISO week 53 of 2026
      "2027-01-03",
      "2025-00-10",
      "2025-13-01",
      "2025-01-00",
      "2025-01-32",
      "+02025-01-01",
      "2025-1-1",
      "2025-W53",
      lastDay,
      afterLast,
    ),
    fc
      .record({
        y: fc.integer({ min: 0, max: 9999 }),
        m: fc.integer({ min: 0, max: 13 }),
        d: fc.integer({ min: 0, max: 32 }),
      })
      .map(({ y, m, d }) => `${pad(y, 4)}-${pad(m, 2)}-${pad(d, 2)}`),
    fc.integer({ min: Date.UTC(1991, 0, 1), max: Date.UTC(y + 1, 0, 1) }).map((ms) => day(new Date(ms))),
  );
}

/** Whether a date parameter is one the app serves (a real day from 1991-01-01 to a year after today). */
export function isSupportedDate(value: string, now = new Date()): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const d = new Date(`${value}T00:00:00Z`);
  if (Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== value) return false;
  const y = now.getUTCFullYear();
  const last = new Date(Date.UTC(y + 1, now.getUTCMonth(), now.getUTCDate())).toISOString().slice(0, 10);
  return value >= "1991-01-01" && value <= last;
}
