import type { NextConfig } from "next";
import { STATIC_SECURITY_HEADERS } from "./lib/security/headers";

const nextConfig: NextConfig = {
  poweredByHeader: false,
  // PGlite and pg are Node-only; keep them out of the server bundle.
  serverExternalPackages: ["@electric-sql/pglite", "@electric-sql/pglite-socket", "pg"],
  // Cached pages and data live in memory only: a restart (possibly on another
  // database, as in the e2e tests) must not serve pages rendered from old data.
  experimental: { isrFlushToDisk: false },
  // Feed, topic and paper pages change only when data does (lib/papers/cache.ts):
  // let downstream caches keep them briefly. Search and votes stay uncached.
  async headers() {
    const cached = [{ key: "Cache-Control", value: "public, max-age=0, s-maxage=60, stale-while-revalidate=300" }];
    return [
      // Headers that never vary, on every response including static assets; the
      // per-request CSP (and HSTS) come from proxy.ts.
      { source: "/:path*", headers: [...STATIC_SECURITY_HEADERS] },
      ...["/", "/topics", "/topics/:slug", "/papers/:id", "/about"].map((source) => ({ source, headers: cached })),
    ];
  },
};

export default nextConfig;
