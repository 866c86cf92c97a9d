import { readdirSync } from "node:fs";
import { expect, test } from "vitest";
import { SOURCE_PATHS } from "@/lib/runtime/build";

// A source `next build` compiles but npm start doesn't watch would let a stale
// build (e.g. an old proxy.ts with old security headers) run after an edit.
test("npm start rebuilds when any compiled source changes, proxy.ts included", () => {
  const root = readdirSync(process.cwd());
  const compiled = root.filter(
    (f) =>
      ["app", "components", "lib", "emails", "public"].includes(f) ||
      /^(proxy|middleware|instrumentation|next\.config|postcss\.config)\.(ts|mjs|js)$/.test(f) ||
      f === "tsconfig.json",
  );
  expect(compiled).toContain("proxy.ts");
  for (const f of compiled) expect(SOURCE_PATHS, f).toContain(f);
});
