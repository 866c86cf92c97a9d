import { createServer, type Server } from "node:http";
import next from "next";
import { env } from "@/lib/env";
import { log } from "@/lib/log";
import { serveFromPageCache } from "@/lib/page-cache/front";

// The Next server process of `npm start` (scripts/serve.ts): Next's request
// handler behind a plain Node HTTP server, so a page the page cache holds fresh
// is answered before Next routes it (lib/page-cache/front.ts). Everything else
// is Next exactly as `next start` runs it: same build, config, compression,
// instrumentation and proxy.

export async function startNextServer(port: number): Promise<Server> {
  const config = env();
  const app = next({ dev: false, dir: process.cwd(), hostname: "localhost", port });
  const handle = app.getRequestHandler();
  await app.prepare();
  const cached = { seconds: config.PAGE_CACHE_SECONDS, https: config.APP_URL.startsWith("https://") };
  const server = createServer((req, res) => {
    if (serveFromPageCache(req, res, cached)) return;
    handle(req, res).catch((error: unknown) => {
      log.error("request failed outside Next's error handling", { path: req.url?.split("?")[0], error });
      if (!res.headersSent) res.writeHead(500, { "content-type": "text/plain" });
      res.end();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, () => resolve());
  });
  return server;
}

/** Stops accepting connections, lets in-flight requests finish, and closes idle keep-alive ones. */
export function stopNextServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeIdleConnections();
  });
}
