// Runs `prisma generate` offline. Prisma's CLI insists on locating its native
// schema engine before any command, and downloads it when missing; generate
// never uses it, so pointing PRISMA_SCHEMA_ENGINE_BINARY at any existing file
// (here, the Node binary) lets it run without network access.
import { spawnSync } from "node:child_process";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const cli = require.resolve("prisma/build/index.js");
const result = spawnSync(process.execPath, [cli, "generate"], {
  stdio: "inherit",
  env: {
    ...process.env,
    PRISMA_SCHEMA_ENGINE_BINARY: process.env.PRISMA_SCHEMA_ENGINE_BINARY ?? process.execPath,
    PRISMA_HIDE_UPDATE_MESSAGE: "1",
    CHECKPOINT_DISABLE: "1",
  },
});
process.exit(result.status ?? 1);
