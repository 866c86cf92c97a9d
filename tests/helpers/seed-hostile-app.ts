// `tsx tests/helpers/seed-hostile-app.ts '<papers json>'`: prepares a database for a second test app
// (tests/e2e/page-cache-hostile.spec.ts) holding the given papers and nothing else, so `npm start`
// imports no demo papers into it. Uses DATABASE_URL or PGLITE_DATA_DIR like `npm start`.
import { boot } from "@/lib/runtime/boot";
import { insertPapers, type PaperFixture } from "./papers";

const papers = JSON.parse(process.argv[2] ?? "[]") as PaperFixture[];
const runtime = await boot({ secret: "create", migrateServer: true });
try {
  const ids = await insertPapers(papers);
  process.stdout.write(JSON.stringify(ids));
} finally {
  await runtime.stop();
}
