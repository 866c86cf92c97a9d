import { createServer, type Server } from "node:http";
import next from "next";
import { env } from "@/lib/env";
import { log } from "@/lib/log";
import { serveFromPageCache } from "@/lib/page-cache/front";

// The Next server process of `npm start` (scripts/serve.ts): Next's request
// handler behind a plain Node HTTP server, so cacheable pages are answered from
// the page cache before Next routes them (lib/page-cache/front.ts). Everything
// else is Next exactly as `next start` runs it: same build, config,
// compression, instrumentation and proxy.

export async function startNextServer(port: number): Promise<Server> {
  const config = env();
  const app = next({ dev: false, dir: process.cwd(), hostname: "localhost", port });
  const handle = app.getRequestHandler();
  await app.prepare();
  const cache = {
    seconds: config.PAGE_CACHE_SECONDS,
    megabytes: config.PAGE_CACHE_MB,
    https: config.APP_URL.startsWith("https://"),
  };
  const server = createServer(async (req, res) => {
    try {
      // The cache is an optimisation: if it fails, Next renders the page.
      const answered = await serveFromPageCache(req, res, cache).catch((error: unknown) => {
        log.warn("page cache: front failed; Next answers", { path: req.url?.split("?")[0], error });
        return res.headersSent;
      });
      if (answered) return;
      await handle(req, res);
    } catch (error) {
      log.error("request failed outside Next's error handling", { path: req.url?.split("?")[0], error });
      if (!res.headersSent) res.writeHead(500, { "content-type": "text/plain" });
      res.end();
    }
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
