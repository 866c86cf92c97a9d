// Where the browser for end-to-end tests lives. Playwright's own browser
// download is not used: Debian's Chromium (apt-get install chromium) is.
import { existsSync } from "node:fs";

const CANDIDATES = [
  process.env.CHROMIUM_PATH,
  "/usr/bin/chromium",
  "/usr/bin/chromium-browser",
  "/usr/bin/google-chrome",
];

/** @returns {string | undefined} */
export function findChromium() {
  return CANDIDATES.find((p) => p && existsSync(p));
}

export const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-quic",
  "--no-first-run",
  "--disable-sync",
];
