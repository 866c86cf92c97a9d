import { existsSync } from "node:fs";
import { readdir, stat } from "node:fs/promises";
import path from "node:path";

// Every file or folder whose change means `next build` must run again (npm start
// compares their newest mtime with .next/BUILD_ID). proxy.ts and the CSS/TS
// configs are compiled into the build too; a stale proxy would serve old
// security headers.
export const SOURCE_PATHS = [
  "app",
  "components",
  "lib",
  "emails",
  "public",
  "proxy.ts",
  "instrumentation.ts",
  "next.config.ts",
  "postcss.config.mjs",
  "tsconfig.json",
  "package-lock.json",
];

async function newestMtime(p: string): Promise<number> {
  if (!existsSync(p)) return 0;
  const s = await stat(p);
  if (!s.isDirectory()) return s.mtimeMs;
  let newest = s.mtimeMs;
  for (const entry of await readdir(p)) newest = Math.max(newest, await newestMtime(path.join(p, entry)));
  return newest;
}

/** True when there is no build or a source in SOURCE_PATHS changed after it. */
export async function buildIsStale(root = process.cwd()): Promise<boolean> {
  const buildId = path.join(root, ".next", "BUILD_ID");
  if (!existsSync(buildId)) return true;
  const built = (await stat(buildId)).mtimeMs;
  const sources = await Promise.all(SOURCE_PATHS.map((p) => newestMtime(path.join(root, p))));
  return Math.max(...sources) > built;
}
