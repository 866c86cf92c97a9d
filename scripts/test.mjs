// `npm test`: the whole suite. Vitest (unit + integration) then Playwright
// (end-to-end in Chromium). Prints one closing line "N passed, N failed".
// Without Chromium the browser tests are reported as not run; under CI=true
// a missing browser is a failure.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { findChromium } from "../tests/helpers/chromium.mjs";

const outDir = path.join(process.cwd(), ".data", "test-results");
mkdirSync(outDir, { recursive: true });
const bin = (name) => path.join(process.cwd(), "node_modules", ".bin", name);
const totals = { passed: 0, failed: 0, skipped: 0 };
let failedSteps = 0;

function run(cmd, args, env = {}) {
  const result = spawnSync(cmd, args, { stdio: "inherit", env: { ...process.env, ...env } });
  if (result.status !== 0) failedSteps++;
}

const vitestJson = path.join(outDir, "vitest.json");
run(bin("vitest"), ["run", "--reporter=default", "--reporter=json", `--outputFile.json=${vitestJson}`]);
if (existsSync(vitestJson)) {
  const r = JSON.parse(readFileSync(vitestJson, "utf8"));
  totals.passed += r.numPassedTests;
  totals.failed += r.numFailedTests;
  totals.skipped += r.numPendingTests + r.numTodoTests;
}

const chromium = findChromium();
if (!chromium) {
  const msg =
    "Chromium not found (looked for CHROMIUM_PATH, /usr/bin/chromium): browser tests NOT run. Install it with: apt-get install -y chromium";
  if (process.env.CI === "true") {
    console.error(`\nERROR: ${msg}`);
    failedSteps++;
    totals.failed++;
  } else {
    console.warn(`\nWARNING: ${msg}`);
  }
} else {
  const pwJson = path.join(outDir, "playwright.json");
  run(bin("playwright"), ["test", "--reporter=list,json"], { PLAYWRIGHT_JSON_OUTPUT_NAME: pwJson });
  if (existsSync(pwJson)) {
    const s = JSON.parse(readFileSync(pwJson, "utf8")).stats;
    totals.passed += s.expected + s.flaky;
    totals.failed += s.unexpected;
    totals.skipped += s.skipped;
  }
}

if (failedSteps > 0 && totals.failed === 0) totals.failed = failedSteps;
console.log(`\n${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
process.exit(failedSteps > 0 ? 1 : 0);
