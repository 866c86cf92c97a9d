import { brotliDecompressSync, gunzipSync } from "node:zlib";
import { describe, expect, test } from "vitest";
import { cachedReply, cachedResponse, cacheKey, chooseEncoding, etagMatches, pageRequest } from "@/lib/page-cache";
import { compressPage } from "@/lib/page-cache/fill";
import { FRESH_COOKIE } from "@/lib/page-cache/fresh";

const key = (path: string, headers: Record<string, string> = {}, method = "GET") => {
  const url = new URL(path, "http://localhost");
  return cacheKey(method, url.pathname, new Headers(headers), url.searchParams);
};

describe("which requests the page cache answers", () => {
  test("anonymous GETs and HEADs of the feed views, topics, paper and about pages, keyed by page", () => {
    for (const path of ["/feed/d2Vlaw", "/topics", "/topics/lmm", "/papers/2403.00001", "/about"]) {
      expect(key(path), path).toBe(path);
      expect(key(path, {}, "HEAD"), path).toBe(path);
    }
    // The pages read no query string, so one entry serves every query.
    expect(key("/papers/1?utm_source=x")).toBe("/papers/1");
  });

  test("never search, subscription pages, the outbox, API routes, other methods, or RSC requests", () => {
    for (const path of [
      "/",
      "/search",
      "/subscribe",
      "/confirm",
      "/preferences",
      "/unsubscribe",
      "/dev/outbox",
      "/api/papers",
      "/papers/1/vote",
      "/feed.xml",
      "/topics/lmm/extra",
    ])
      expect(key(path), path).toBeNull();
    expect(key("/about", {}, "POST")).toBeNull();
    expect(key("/topics", { rsc: "1" })).toBeNull();
    expect(key("/topics?_rsc=abc")).toBeNull();
    // The front server asked already and the cache could not answer (lib/page-cache/front.ts).
    expect(key("/topics", { "x-paperboy-front-declined": "1" })).toBeNull();
    // Cookies do not change the key: a browser that has just voted is served by the cache too,
    // with pages showing its paper rendered after its vote (store.test.ts, fresh.test.ts).
    expect(key("/topics", { cookie: `pb_voter=x; ${FRESH_COOKIE}=12.lk3j2` })).toBe("/topics");
    expect(key("/topics", { cookie: "pb_voter=x" })).toBe("/topics");
  });
});

describe("pageRequest", () => {
  const request = (target: string) => pageRequest("GET", new URL(`http://front.invalid${target}`), new Headers());
  test("a valid feed URL is its /feed/<view> page, rendered from the URL as asked", () => {
    expect(request("/?period=week")).toEqual({ key: expect.stringMatching(/^\/feed\/.+/), fillPath: "/?period=week" });
    expect(request("/?period=week")?.key).toBe(request("/?period=week&utm_source=x")?.key ?? "other");
    expect(request("/topics/lmm")).toEqual({ key: "/topics/lmm", fillPath: "/topics/lmm" });
  });
  test("invalid feed parameters, a query, search and odd paths are not for the cache", () => {
    expect(request("/?period=year")).toBeNull();
    expect(request("/?q=diffusion")).toBeNull();
    expect(request("/search?q=x")).toBeNull();
    expect(request("//topics")).toBeNull();
  });
});

describe("cached responses", () => {
  const served = {
    state: "hit" as const,
    age: 3,
    page: {
      status: 200,
      body: new TextEncoder().encode("<p>hi</p>"),
      csp: "script-src 'self' 'sha256-x'",
      etag: '"abc"',
      contentType: "text/html; charset=utf-8",
      paperIds: [],
      encoded: null,
    },
  };

  test("GET has the body, a public Cache-Control, the ETag and the stored CSP, and no cookie", async () => {
    const response = cachedResponse(new Request("http://localhost/about"), served, { seconds: 10, https: false });
    expect(response.status).toBe(200);
    expect(await response.text()).toBe("<p>hi</p>");
    expect(response.headers.get("cache-control")).toBe("public, s-maxage=10, stale-while-revalidate=20");
    expect(response.headers.get("etag")).toBe('W/"abc"');
    expect(response.headers.get("content-security-policy")).toBe("script-src 'self' 'sha256-x'");
    expect(response.headers.get("set-cookie")).toBeNull();
    expect(response.headers.get("vary")).not.toMatch(/cookie/i);
    expect(response.headers.get("strict-transport-security")).toBeNull();
  });

  test("If-None-Match with the tag is a 304 without a body; HEAD has the headers and no body", async () => {
    const conditional = new Request("http://localhost/about", { headers: { "if-none-match": 'W/"zzz", "abc"' } });
    const notModified = cachedResponse(conditional, served, { seconds: 10, https: true });
    expect(notModified.status).toBe(304);
    expect(await notModified.text()).toBe("");
    expect(notModified.headers.get("strict-transport-security")).toContain("max-age=");
    const head = cachedResponse(new Request("http://localhost/about", { method: "HEAD" }), served, {
      seconds: 10,
      https: false,
    });
    expect(head.status).toBe(200);
    expect(head.headers.get("content-length")).toBe("9");
    expect(await head.text()).toBe("");
  });

  test("a compressed copy is sent to a client that accepts it, with its own tag, length and Vary", async () => {
    const body = new TextEncoder().encode("<p>hi</p>".repeat(200));
    const page = { ...served.page, body, encoded: await compressPage(body) };
    const withEncoding = { ...served, page };
    const request = (acceptEncoding?: string, ifNoneMatch?: string) => ({
      method: "GET",
      headers: new Headers({
        ...(acceptEncoding ? { "accept-encoding": acceptEncoding } : {}),
        ...(ifNoneMatch ? { "if-none-match": ifNoneMatch } : {}),
      }),
    });
    const get = (acceptEncoding?: string, ifNoneMatch?: string) =>
      cachedReply(request(acceptEncoding, ifNoneMatch), withEncoding, {
        seconds: 10,
        https: false,
        precompressed: true,
      });
    const text = (bytes: Uint8Array | null) => new TextDecoder().decode(bytes ?? new Uint8Array());

    const br = get("gzip, deflate, br, zstd");
    expect(br.headers.get("content-encoding")).toBe("br");
    expect(br.headers.get("etag")).toBe('"abc-br"');
    expect(br.headers.get("vary")).toMatch(/Accept-Encoding/);
    expect(Number(br.headers.get("content-length"))).toBe(br.body?.byteLength);
    expect(text(brotliDecompressSync(br.body!))).toBe("<p>hi</p>".repeat(200));

    const gz = get("gzip;q=1, br;q=0");
    expect(gz.headers.get("content-encoding")).toBe("gzip");
    expect(gz.headers.get("etag")).toBe('"abc-gz"');
    expect(text(gunzipSync(gz.body!))).toBe("<p>hi</p>".repeat(200));

    const plain = get();
    expect(plain.headers.get("content-encoding")).toBeNull();
    expect(plain.headers.get("etag")).toBe('"abc"');
    expect(plain.body?.byteLength).toBe(body.byteLength);

    // A tag names one representation: the brotli tag revalidates the brotli copy only.
    expect(get("br", '"abc-br"').status).toBe(304);
    expect(get("gzip", '"abc-br"').status).toBe(200);

    // Through proxy.ts the plain body goes out whatever the client accepts: Next compresses it.
    const viaProxy = cachedResponse(
      new Request("http://localhost/about", { headers: { "accept-encoding": "br" } }),
      withEncoding,
      { seconds: 10, https: false },
    );
    expect(viaProxy.headers.get("content-encoding")).toBeNull();
    expect((await viaProxy.arrayBuffer()).byteLength).toBe(body.byteLength);
  });

  test("chooseEncoding prefers brotli, then gzip, and honours q=0", () => {
    expect(chooseEncoding("gzip, deflate, br")).toBe("br");
    expect(chooseEncoding("gzip")).toBe("gzip");
    expect(chooseEncoding("br;q=0, gzip;q=0.5")).toBe("gzip");
    expect(chooseEncoding("*")).toBe("br");
    expect(chooseEncoding("identity")).toBeNull();
    expect(chooseEncoding("gzip;q=0")).toBeNull();
    expect(chooseEncoding(null)).toBeNull();
  });

  test("etagMatches compares weakly and understands lists and *", () => {
    expect(etagMatches('"abc"', '"abc"')).toBe(true);
    expect(etagMatches('W/"abc"', '"abc"')).toBe(true);
    expect(etagMatches('"x", "abc"', '"abc"')).toBe(true);
    expect(etagMatches("*", '"abc"')).toBe(true);
    expect(etagMatches('"abd"', '"abc"')).toBe(false);
    expect(etagMatches(null, '"abc"')).toBe(false);
  });
});
