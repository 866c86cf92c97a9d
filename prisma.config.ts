import { defineConfig } from "prisma/config";

// The CLI is only used for `prisma generate` (offline, see DEVELOPERS.md);
// migrations are applied by scripts/migrate.ts.
export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  datasource: { url: process.env.DATABASE_URL ?? "postgresql://localhost:5432/paperboy" },
});
