import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import { promisify } from "node:util";
import { brotliCompress, constants, gzip } from "node:zlib";
import { contentSecurityPolicy, newNonce } from "@/lib/security/headers";
import { hashNoncedScripts } from "./scripts";
import type { CachedPage } from "./store";

// Filling the page cache: proxy.ts requests the page from this same server
// (its own socket address) with FILL_TOKEN_HEADER, a random secret of this
// process, and FILL_NONCE_HEADER, a fresh nonce for that one render. The proxy
// recognises the token (compared in constant time), renders the page as usual
// with the fill nonce in its CSP, and the filler turns the nonce into hashes
// (lib/page-cache/scripts.ts). Only this process knows the token, so no client
// can choose the nonce a page is rendered with or skip the cache by sending it.

export const FILL_TOKEN_HEADER = "x-paperboy-fill-token";
export const FILL_NONCE_HEADER = "x-paperboy-fill-nonce";

const TOKEN = Symbol.for("paperboy.pageCacheFillToken");

function fillToken(): Buffer {
  const global = globalThis as { [TOKEN]?: Buffer };
  global[TOKEN] ??= randomBytes(32);
  return global[TOKEN];
}

/** The fill nonce when the request is this process's own cache fill, else null. */
export function fillNonce(headers: Headers): string | null {
  const sent = headers.get(FILL_TOKEN_HEADER);
  const nonce = headers.get(FILL_NONCE_HEADER);
  if (!sent || !nonce) return null;
  const expected = fillToken();
  const given = Buffer.from(sent, "base64url");
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  // newNonce() output only: it goes into a header and a CSP source unquoted.
  return /^[A-Za-z0-9+/]{22}==$/.test(nonce) ? nonce : null;
}

/** Bodies smaller than this are stored uncompressed (a redirect's, say): compressing them saves nothing. */
const MIN_COMPRESSED_BYTES = 1024;
const brotli = promisify(brotliCompress);
const gzipped = promisify(gzip);

/**
 * The body in brotli and gzip, made once per fill on libuv's thread pool (the event loop keeps serving).
 * Next would otherwise gzip every response to a browser again, the larger part of a cache hit's CPU.
 * Brotli quality 5 is about as fast as gzip and smaller; 11 would take a second for a feed page.
 */
export async function compressPage(body: Uint8Array): Promise<CachedPage["encoded"]> {
  if (body.byteLength < MIN_COMPRESSED_BYTES) return null;
  const [br, gz] = await Promise.all([
    brotli(body, {
      params: { [constants.BROTLI_PARAM_QUALITY]: 5, [constants.BROTLI_PARAM_SIZE_HINT]: body.byteLength },
    }),
    gzipped(body, { level: 9 }),
  ]);
  return { br: new Uint8Array(br), gzip: new Uint8Array(gz) };
}

export type FillOptions = {
  /** http://host:port of this server. */
  origin: string;
  /** Path and query to render. */
  path: string;
  https: boolean;
  timeoutMs?: number;
};

/** The papers a page carries vote forms for (components/vote-form.tsx posts to /papers/<id>/vote), ascending. */
export function votedPapers(html: string): number[] {
  const ids = new Set<number>();
  for (const match of html.matchAll(/action="\/papers\/(\d{1,9})\/vote"/g)) ids.add(Number(match[1]));
  return [...ids].sort((a, b) => a - b);
}

/** Renders path through this server and returns it ready to cache, or null when the answer is not a cacheable page. */
export async function fillPage({ origin, path, https, timeoutMs = 30_000 }: FillOptions): Promise<CachedPage | null> {
  const nonce = newNonce();
  const response = await fetch(`${origin}${path}`, {
    headers: {
      [FILL_TOKEN_HEADER]: fillToken().toString("base64url"),
      [FILL_NONCE_HEADER]: nonce,
      accept: "text/html",
      "accept-encoding": "identity",
    },
    redirect: "manual",
    signal: AbortSignal.timeout(timeoutMs),
  });
  const contentType = response.headers.get("content-type") ?? "";
  const location = response.headers.get("location") ?? undefined;
  // Only a page (200) or a permanent redirect is shared: a temporary redirect, a 404, an error or
  // anything that sets a cookie is rendered per request.
  const permanent = (response.status === 301 || response.status === 308) && location !== undefined;
  const cacheable = response.status === 200 || permanent;
  if (!cacheable || !contentType.startsWith("text/html") || response.headers.has("set-cookie")) {
    await response.body?.cancel();
    return null;
  }
  const { html, hashes } = hashNoncedScripts(await response.text(), nonce);
  const body = new TextEncoder().encode(html);
  return {
    paperIds: votedPapers(html),
    status: response.status,
    ...(permanent ? { location } : {}),
    body,
    encoded: await compressPage(body),
    csp: contentSecurityPolicy({ hashes, https }),
    etag: `"${createHash("sha256").update(body).digest("base64url").slice(0, 27)}"`,
    contentType,
  };
}
