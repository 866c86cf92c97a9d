// `npm run ingest -- <hf|arxiv|file> ...` (see lib/ingest/cli.ts for the options).
// Works on DATABASE_URL, else on the embedded database in PGLITE_DATA_DIR when
// the app is not running on it (the data directory is locked while in use).
import { createPrisma } from "@/lib/db/client";
import { EmbeddedInUseError, type EmbeddedPostgres, startEmbeddedPostgres } from "@/lib/db/embedded";
import { migrate } from "@/lib/db/migrate";
import { EnvError, parseEnv } from "@/lib/env";
import { formatSummary, parseCli } from "@/lib/ingest/cli";
import { ProgressBar } from "@/lib/ingest/progress";
import { openRun, runIngest } from "@/lib/ingest/run";

async function main(): Promise<number> {
  let config;
  try {
    config = parseEnv(process.env);
  } catch (error) {
    if (error instanceof EnvError) {
      console.error(error.message);
      return 2;
    }
    throw error;
  }
  const cli = await parseCli(process.argv.slice(2), {
    hfBaseUrl: config.HF_BASE_URL,
    arxivBaseUrl: config.ARXIV_BASE_URL,
  });
  if (!cli.ok) {
    (cli.help ? console.log : console.error)(cli.error);
    return cli.help ? 0 : 2;
  }
  const { command } = cli;

  let embedded: EmbeddedPostgres | undefined;
  let url = config.DATABASE_URL;
  if (!url) {
    try {
      embedded = await startEmbeddedPostgres({ dataDir: config.PGLITE_DATA_DIR });
    } catch (error) {
      if (error instanceof EmbeddedInUseError) {
        console.error(`${error.message}.\nOr set DATABASE_URL to ingest into a Postgres server.`);
        return 1;
      }
      throw error;
    }
    url = embedded.url;
    console.error(`[ingest] embedded database in ${config.PGLITE_DATA_DIR} (set DATABASE_URL for a Postgres server)`);
  }

  const db = createPrisma(url, 2);
  try {
    await migrate(url);
    const run = command.dryRun
      ? undefined
      : await openRun(db, command.source, command.key, { description: command.description });
    const bar = new ProgressBar();
    bar.update(0, command.units.length, command.description);
    const report = await runIngest(db, {
      units: command.units,
      run,
      dryRun: command.dryRun,
      // One unit (a file, a week): papers stored so far; several (a range of days): units done.
      onProgress: ({ unit, units, key, papersDone, papersTotal }) =>
        units === 1 && papersTotal !== undefined
          ? bar.update(papersDone ?? 0, papersTotal, `${key} papers`)
          : bar.update(unit, units, key),
    });
    bar.done();
    console.log(formatSummary(command, report));
    return report.status === "completed" ? 0 : 1;
  } finally {
    await db.$disconnect();
    await embedded?.stop();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`[ingest] failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
