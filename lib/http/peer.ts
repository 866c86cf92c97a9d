import { subscribe } from "node:diagnostics_channel";
import type { IncomingMessage } from "node:http";
import type { Socket } from "node:net";

// The TCP peer's address, for rate limits when no proxy is trusted. Next.js
// keeps a client-sent X-Forwarded-For and only fills it with the socket
// address when it is absent, so route handlers can't tell the two apart.
// Node's HTTP server publishes every request on a diagnostics channel before
// Next sees it; the subscriber overwrites PEER_HEADER with the socket address,
// so a client-sent value never survives. instrumentation.ts installs it once
// per server process.

export const PEER_HEADER = "x-paperboy-peer";
const ACTIVE = Symbol.for("paperboy.peerStamp");

type RequestStart = { request: IncomingMessage; socket: Socket };

export function installPeerStamp(): void {
  const global = globalThis as { [ACTIVE]?: boolean };
  if (global[ACTIVE]) return;
  subscribe("http.server.request.start", (message) => {
    const { request, socket } = message as RequestStart;
    request.headers[PEER_HEADER] = socket.remoteAddress ?? "unknown";
  });
  global[ACTIVE] = true;
}

/** Whether PEER_HEADER comes from the socket (true) or could come from the client (false). */
export function peerStampActive(): boolean {
  return (globalThis as { [ACTIVE]?: boolean })[ACTIVE] === true;
}
