import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { defineConfig } from "@playwright/test";
import { CHROMIUM_ARGS, findChromium } from "./tests/helpers/chromium.mjs";

const port = Number(process.env.E2E_PORT ?? 3100);

// The app under test is started exactly as a user starts it (`npm start`):
// on E2E_DATABASE_URL when given, else on a fresh embedded database.
export default defineConfig({
  testDir: "tests/e2e",
  // Two workers and the app share the machine; axe on a long page takes 10-20 s alone, and past
  // 30 s on a busy CI machine. Slow is not failed here: performance lives in the benchmarks.
  timeout: 60_000,
  workers: 2,
  retries: 0,
  reporter: process.env.CI ? [["list"]] : [["list"]],
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    launchOptions: { executablePath: findChromium(), args: CHROMIUM_ARGS },
  },
  webServer: {
    command: "npm start",
    url: `http://127.0.0.1:${port}/api/health`,
    timeout: 300_000,
    reuseExistingServer: false,
    stdout: "pipe",
    env: {
      PORT: String(port),
      APP_URL: `http://127.0.0.1:${port}`,
      DATABASE_URL: process.env.E2E_DATABASE_URL ?? "",
      PGLITE_DATA_DIR: path.join(mkdtempSync(path.join(tmpdir(), "paperboy-e2e-")), "pglite"),
      // The scheduled ingest must never reach the internet in tests: a closed local port.
      HF_BASE_URL: "http://127.0.0.1:4",
      // The request tests stand in for many clients behind one proxy, each with its own X-Forwarded-For;
      // browser pages send none, so they count as the TCP peer (127.0.0.1).
      TRUST_PROXY_HOPS: "1",
      // Every browser context that votes is a new voter from 127.0.0.1.
      VOTER_IDS_PER_HOUR: "100",
    },
  },
});
