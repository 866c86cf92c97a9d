// Starts the app for a benchmark exactly as users do (`npm start`: migrate,
// seed, build if stale, `next start`) on the given database, waits until
// /api/health answers, and stops it with SIGTERM (graceful shutdown).
// With BENCH_URL set, an already running app is used instead.
import { spawn } from "node:child_process";
import path from "node:path";
import { stopChild } from "@/lib/runtime/graceful-shutdown";

/** `pid` is the supervisor's (`npm start`) process id; unset with BENCH_URL. */
export type BenchApp = { url: string; pid?: number; stop: () => Promise<void> };

export async function benchApp(options: { port: number; databaseUrl?: string }): Promise<BenchApp> {
  if (process.env.BENCH_URL) return { url: process.env.BENCH_URL.replace(/\/+$/, ""), stop: async () => {} };
  const url = `http://127.0.0.1:${options.port}`;
  const child = spawn(process.execPath, [path.join("node_modules", "tsx", "dist", "cli.mjs"), "scripts/start.ts"], {
    env: {
      ...process.env,
      PORT: String(options.port),
      APP_URL: url,
      DATABASE_URL: options.databaseUrl ?? "",
      LOG_LEVEL: "warn",
      // Load clients are distinct visitors behind one proxy, each with its own X-Forwarded-For.
      TRUST_PROXY_HOPS: "1",
    },
    stdio: ["ignore", "inherit", "inherit"],
  });
  const deadline = Date.now() + 300_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`npm start exited with ${child.exitCode}`);
    try {
      if ((await fetch(`${url}/api/health`)).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error("the app did not become healthy within 5 minutes");
    await new Promise((r) => setTimeout(r, 500));
  }
  return { url, pid: child.pid, stop: async () => void (await stopChild(child)) };
}
