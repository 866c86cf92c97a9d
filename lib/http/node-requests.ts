import { subscribe } from "node:diagnostics_channel";
import type { IncomingMessage } from "node:http";
import type { Socket } from "node:net";
import { log } from "@/lib/log";

// Hooks on every request Node's HTTP server receives, before Next.js sees it.
// Node publishes each request on the http.server.request.start diagnostics
// channel; instrumentation.ts subscribes once per server process.
//
// 1. The TCP peer's address, for rate limits when no proxy is trusted
//    (lib/http/client.ts). Next.js keeps a client-sent X-Forwarded-For and only
//    fills it with the socket address when it is absent, so route handlers
//    can't tell the two apart. PEER_HEADER is overwritten with the socket
//    address, so a client-sent value never survives.
// 2. A client that hangs up mid-request (an aborted upload) makes the request
//    stream fail with "aborted" (ECONNRESET); where nothing handles that it
//    surfaces as an uncaught exception. It is an ordinary event: logged as a
//    warning when the body was cut short.
// 3. The server's own address for this connection (LOCAL_HEADER, overwritten
//    like PEER_HEADER): the page cache (lib/page-cache/) renders a page by
//    requesting it from this same server, whatever port or interface it
//    listens on.

export const PEER_HEADER = "x-paperboy-peer";
export const LOCAL_HEADER = "x-paperboy-local";
const ACTIVE = Symbol.for("paperboy.requestHooks");

type RequestStart = { request: IncomingMessage; socket: Socket };

/** The server's own side of a connection as host:port for a URL, or null when the socket has none. */
export function localHostPort(socket: Socket): string | null {
  const local = socket.localAddress;
  if (!local || !socket.localPort) return null;
  // An IPv4 client of a dual-stack socket shows as ::ffff:a.b.c.d; IPv6 needs brackets in a URL.
  const host = local.startsWith("::ffff:") ? local.slice(7) : local.includes(":") ? `[${local}]` : local;
  return `${host}:${socket.localPort}`;
}

export function onRequestStart({ request, socket }: RequestStart): void {
  request.headers[PEER_HEADER] = socket.remoteAddress ?? "unknown";
  const local = localHostPort(socket);
  if (local) request.headers[LOCAL_HEADER] = local;
  else delete request.headers[LOCAL_HEADER];
  request.on("error", (error: NodeJS.ErrnoException) => {
    const fields = { method: request.method, path: request.url?.split("?")[0], error: error.code ?? error.message };
    // A body cut short is worth a warning (a broken upload); a reader closing the tab mid-response is not.
    if (request.complete) log.debug("client closed the connection before the response", fields);
    else log.warn("request aborted by the client", fields);
  });
}

export function installRequestHooks(): void {
  const global = globalThis as { [ACTIVE]?: boolean };
  if (global[ACTIVE]) return;
  subscribe("http.server.request.start", (message) => onRequestStart(message as RequestStart));
  global[ACTIVE] = true;
}

/** Whether PEER_HEADER comes from the socket (true) or could come from the client (false). */
export function peerStampActive(): boolean {
  return (globalThis as { [ACTIVE]?: boolean })[ACTIVE] === true;
}
