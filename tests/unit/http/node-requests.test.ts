import { once } from "node:events";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { connect } from "node:net";
import { Readable } from "node:stream";
import { afterEach, expect, test, vi } from "vitest";
import { readBoundedBytes } from "@/lib/http/body";
import { installRequestHooks, LOCAL_HEADER, PEER_HEADER } from "@/lib/http/node-requests";

// lib/http/node-requests.ts on a real Node HTTP server: the peer stamp can't be
// forged, and a client hanging up mid-upload is a warning, not an uncaught exception.

afterEach(() => vi.restoreAllMocks());

test("the peer header is the socket address, whatever the client sent", async () => {
  installRequestHooks();
  const server = createServer((req, res) => res.end(String(req.headers[PEER_HEADER]))).listen(0, "127.0.0.1");
  await once(server, "listening");
  const { port } = server.address() as AddressInfo;
  const res = await fetch(`http://127.0.0.1:${port}/`, { headers: { [PEER_HEADER]: "6.6.6.6" } });
  expect(await res.text()).toMatch(/127\.0\.0\.1$/);
  server.close();
});

test("the local header is the server's own address for the connection, whatever the client sent", async () => {
  installRequestHooks();
  const server = createServer((req, res) => res.end(String(req.headers[LOCAL_HEADER]))).listen(0, "127.0.0.1");
  await once(server, "listening");
  const { port } = server.address() as AddressInfo;
  // The page cache fetches pages from this address: a client must not be able to point it elsewhere.
  const res = await fetch(`http://127.0.0.1:${port}/`, { headers: { [LOCAL_HEADER]: "evil.example:80" } });
  expect(await res.text()).toBe(`127.0.0.1:${port}`);
  server.close();
});

test("an upload aborted mid-body: readBoundedBytes says aborted, the log says warn, nothing is uncaught", async () => {
  installRequestHooks();
  const uncaught: unknown[] = [];
  const onUncaught = (e: unknown) => uncaught.push(e);
  process.on("uncaughtException", onUncaught);
  const stderr = vi.spyOn(process.stderr, "write").mockImplementation(() => true);
  let result: unknown;
  const handled = new Promise<void>((resolve) => {
    const server = createServer(async (req, res) => {
      const request = new Request("http://x/", {
        method: "POST",
        headers: { "content-length": req.headers["content-length"]! },
        body: Readable.toWeb(req) as ReadableStream,
        duplex: "half",
      } as RequestInit);
      result = await readBoundedBytes(request, 1_000_000);
      res.destroy();
      server.close();
      resolve();
    }).listen(0, "127.0.0.1", () => {
      const socket = connect((server.address() as AddressInfo).port, "127.0.0.1", () => {
        socket.write("POST /api/subscriptions/subscribe HTTP/1.1\r\nHost: x\r\nContent-Length: 500000\r\n\r\n");
        socket.write("a".repeat(1000), () => setTimeout(() => socket.destroy(), 50));
      });
    });
  });
  await handled;
  await new Promise((r) => setTimeout(r, 50));
  process.off("uncaughtException", onUncaught);
  expect(result).toEqual({ ok: false, reason: "aborted" });
  expect(uncaught).toEqual([]);
  const lines = stderr.mock.calls.map(([line]) => String(line));
  expect(lines.some((l) => l.includes('"level":"warn"') && l.includes("request aborted by the client"))).toBe(true);
});
