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
  "next.config.ts",
  "postcss.config.mjs",
  "tsconfig.json",
  "package-lock.json",
];
