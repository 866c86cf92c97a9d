import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { FILL_NONCE_HEADER, FILL_TOKEN_HEADER, fillNonce, fillPage, votedPapers } from "@/lib/page-cache/fill";
import { scriptHash } from "@/lib/page-cache/scripts";

// fillPage against a real HTTP server standing in for the app: it answers with
// the nonce the request carried, as Next does when proxy.ts forwards it.
let server: Server;
let origin: string;
const seen: IncomingHttpHeaders[] = [];

beforeAll(async () => {
  server = createServer((request, response) => {
    seen.push(request.headers);
    const nonce = String(request.headers[FILL_NONCE_HEADER]);
    if (request.url === "/temporary") return void response.writeHead(307, { location: "/elsewhere" }).end();
    if (request.url === "/moved")
      return void response
        .writeHead(308, { location: "/papers/p-1-x", "content-type": "text/html" })
        .end("/papers/p-1-x");
    if (request.url === "/cookie")
      return void response.writeHead(200, { "content-type": "text/html", "set-cookie": "a=b" }).end("<p>x</p>");
    if (request.url === "/json") return void response.writeHead(200, { "content-type": "application/json" }).end("{}");
    response.writeHead(request.url === "/missing" ? 404 : 200, { "content-type": "text/html; charset=utf-8" });
    response.end(`<html><body><script nonce="${nonce}">boot()</script><script>evil()</script></body></html>`);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const headersOf = (raw: IncomingHttpHeaders) => new Headers(raw as Record<string, string>);

describe("filling the page cache", () => {
  test("a 200 page comes back with its nonce scripts hashed, the nonce gone, and an ETag of the body", async () => {
    const page = await fillPage({ origin, path: "/about", https: false });
    const html = new TextDecoder().decode(page!.body);
    expect(html).toBe("<html><body><script>boot()</script><script>evil()</script></body></html>");
    const scriptSrc = /script-src ([^;]*)/.exec(page!.csp)![1];
    expect(scriptSrc).toBe(`'self' ${scriptHash("boot()")}`);
    expect(page!.csp).not.toContain("nonce");
    expect(page!.etag).toMatch(/^"[\w-]{27}"$/);
    const again = await fillPage({ origin, path: "/about", https: false });
    expect(again!.etag).toBe(page!.etag);
  });

  test("the render request is recognised by its token; a wrong or missing token is an ordinary request", async () => {
    await fillPage({ origin, path: "/about", https: false });
    const headers = headersOf(seen.at(-1)!);
    const nonce = headers.get(FILL_NONCE_HEADER)!;
    expect(fillNonce(headers)).toBe(nonce);
    const forged = new Headers(headers);
    forged.set(FILL_TOKEN_HEADER, "A".repeat(43));
    expect(fillNonce(forged)).toBeNull();
    const noToken = new Headers(headers);
    noToken.delete(FILL_TOKEN_HEADER);
    expect(fillNonce(noToken)).toBeNull();
    // The token alone does not let a caller pick an arbitrary CSP source.
    const badNonce = new Headers(headers);
    badNonce.set(FILL_NONCE_HEADER, "x' 'unsafe-inline");
    expect(fillNonce(badNonce)).toBeNull();
  });

  test("a permanent redirect (a paper's old URL) is cached with its location", async () => {
    const page = await fillPage({ origin, path: "/moved", https: false });
    expect(page).toMatchObject({ status: 308, location: "/papers/p-1-x" });
  });

  test("temporary redirects, errors, non-HTML and anything setting a cookie are not cached", async () => {
    for (const path of ["/temporary", "/missing", "/json", "/cookie"])
      expect(await fillPage({ origin, path, https: false }), path).toBeNull();
  });
});

test("a page's papers are the ones it carries vote forms for, once each, ascending", () => {
  const html = `<form method="post" action="/papers/12/vote"></form><a href="/papers/3">x</a>
    <form action="/papers/5/vote"></form><form action="/papers/12/vote"></form><p>/papers/7/vote</p>`;
  expect(votedPapers(html)).toEqual([5, 12]);
  expect(votedPapers("<p>no forms</p>")).toEqual([]);
});
