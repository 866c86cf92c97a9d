import type { NextConfig } from "next";
import { STATIC_SECURITY_HEADERS } from "./lib/security/headers";

const nextConfig: NextConfig = {
  poweredByHeader: false,
  // PGlite and pg are Node-only; keep them out of the server bundle.
  serverExternalPackages: ["@electric-sql/pglite", "@electric-sql/pglite-socket", "pg"],
  // Cached pages and data live in memory only: a restart (possibly on another
  // database, as in the e2e tests) must not serve pages rendered from old data.
  experimental: { isrFlushToDisk: false },
  // Headers that never vary, on every response including static assets; the
  // per-request CSP (and HSTS) come from proxy.ts. HTML pages are rendered per
  // request for their CSP nonce (app/layout.tsx); the feed, topic, paper and
  // about pages are then shared from the page cache (lib/page-cache/, public
  // Cache-Control, a hash-based CSP). Their data is cached below them
  // (lib/papers/cache.ts); the JSON API and Atom feed set their own Cache-Control.
  async headers() {
    return [{ source: "/:path*", headers: [...STATIC_SECURITY_HEADERS] }];
  },
};

export default nextConfig;
