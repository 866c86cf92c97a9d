// `npm run db:migrate`: applies prisma/migrations to DATABASE_URL.
import { migrate } from "@/lib/db/migrate";
import { parseEnv } from "@/lib/env";

const url = parseEnv(process.env).DATABASE_URL;
if (!url) {
  console.error("DATABASE_URL is not set (the embedded database is migrated by `npm start`).");
  process.exit(1);
}
const applied = await migrate(url);
console.log(applied.length ? `applied: ${applied.join(", ")}` : "database is up to date");
