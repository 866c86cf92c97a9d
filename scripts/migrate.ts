// `npm run db:migrate`: applies prisma/migrations to DATABASE_URL.
import { boot, runCli } from "@/lib/runtime/boot";

runCli("migrate", async () => {
  const runtime = await boot({
    poolSize: 1,
    secret: "optional",
    migrateServer: true,
    requireDatabaseUrl: "DATABASE_URL is not set (the embedded database is migrated by `npm start`).",
  });
  await runtime.stop();
  console.log(runtime.migrations.length ? `applied: ${runtime.migrations.join(", ")}` : "database is up to date");
  return 0;
});
