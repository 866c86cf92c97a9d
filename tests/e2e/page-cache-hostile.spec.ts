import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { policyViolationEvents } from "@/tests/helpers/csp-violations";

// A paper whose title holds markup and scripts, served from the page cache
// (lib/page-cache/): it must show as text and nothing from it may run. The
// shared test app holds only the demo papers, so this file starts a second app
// (`npm start`, the same build) on its own fresh embedded database that holds
// the hostile paper.

const PORT = Number(process.env.E2E_PORT ?? 3100) + 50;
const BASE = `http://127.0.0.1:${PORT}`;
const TITLE = `<script>window.__pwned = "script"</script><img src=x onerror="window.__pwned='img'"> Evil paper`;
const SUMMARY = `An abstract with <script>window.__pwned = "abstract"</script> inside.`;

let app: ChildProcess | undefined;
let paperId = 0;

test.describe.configure({ mode: "serial", timeout: 180_000 });

test.beforeAll(async () => {
  test.setTimeout(240_000);
  const env = {
    ...process.env,
    PORT: String(PORT),
    APP_URL: BASE,
    DATABASE_URL: "",
    PGLITE_DATA_DIR: path.join(mkdtempSync(path.join(tmpdir(), "paperboy-e2e-hostile-")), "pglite"),
    HF_BASE_URL: "http://127.0.0.1:4",
  };
  const today = new Date().toISOString().slice(0, 10);
  const seeded = execFileSync(
    process.execPath,
    [
      path.join("node_modules", "tsx", "dist", "cli.mjs"),
      "tests/helpers/seed-hostile-app.ts",
      JSON.stringify([{ title: TITLE, summary: SUMMARY, featuredOn: today, upvotes: 5 }]),
    ],
    { env, encoding: "utf8" },
  );
  paperId = (JSON.parse(seeded) as number[])[0]!;
  app = spawn("npm", ["start"], { env, stdio: "ignore", detached: true });
  for (let i = 0; i < 240; i++) {
    const up = await fetch(`${BASE}/api/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (up) return;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error("the second test app did not start");
});

test.afterAll(async () => {
  // npm start shuts Next down on SIGTERM; the group takes npm itself along.
  if (app?.pid) process.kill(-app.pid, "SIGTERM");
});

for (const where of ["paper page", "feed"] as const) {
  test(`a title holding a script is shown inert on the cached ${where}`, async ({ page }) => {
    const url = where === "paper page" ? `${BASE}/papers/${paperId}` : `${BASE}/?period=week`;
    // Twice, so the second answer is the cached copy.
    await fetch(url);
    const messages: string[] = [];
    page.on("console", (m) => messages.push(m.text()));
    page.on("dialog", (d) => {
      messages.push(`dialog: ${d.message()}`);
      void d.dismiss();
    });
    const violations = await policyViolationEvents(page);
    const response = await page.goto(url);
    expect(response!.headers()["x-paperboy-cache"]).toMatch(/^(hit|stale|miss)$/);
    const html = await response!.text();
    // React escaped it: the markup is text, and no element came from it.
    expect(html).toContain("&lt;script&gt;window.__pwned");
    expect(html).not.toContain('<script>window.__pwned = "script"</script>');
    await expect(page.getByRole("heading", { name: /Evil paper/ }).first()).toContainText(
      '<script>window.__pwned = "script"</script>',
    );
    await page.waitForLoadState("networkidle");
    expect(await page.evaluate(() => (window as { __pwned?: string }).__pwned)).toBeUndefined();
    expect(await page.locator("img[src=x]").count()).toBe(0);
    // The page's own scripts ran (it hydrated) and the policy blocked nothing it needs.
    // A 50-card feed takes a while to hydrate on a busy machine; networkidle can come first.
    await expect
      .poll(() => page.evaluate(() => Object.keys(document.body).some((k) => k.startsWith("__react"))), {
        timeout: 20_000,
      })
      .toBe(true);
    expect(violations).toEqual([]);
    expect(messages.filter((m) => /pwned|Content Security Policy/.test(m))).toEqual([]);
  });
}
