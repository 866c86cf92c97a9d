// `npm run ingest -- <hf|arxiv|file> ...` (see lib/ingest/cli.ts for the options).
// Works on DATABASE_URL, else on the embedded database in PGLITE_DATA_DIR when
// the app is not running on it (the data directory is locked while in use).
import { formatSummary, parseCli } from "@/lib/ingest/cli";
import { ProgressBar } from "@/lib/ingest/progress";
import { openRun, runIngest } from "@/lib/ingest/run";
import { boot, EXIT_CONFIG, loadEnv, runCli } from "@/lib/runtime/boot";

runCli("ingest", async () => {
  // Arguments before the database: --help and typos need none.
  const config = loadEnv();
  const cli = await parseCli(process.argv.slice(2), {
    hfBaseUrl: config.HF_BASE_URL,
    arxivBaseUrl: config.ARXIV_BASE_URL,
  });
  if (!cli.ok) {
    (cli.help ? console.log : console.error)(cli.error);
    return cli.help ? 0 : EXIT_CONFIG;
  }
  const { command } = cli;

  const runtime = await boot({
    poolSize: 2,
    secret: "optional",
    // The same APP_URL as the app (and `npm run digest`), for anything the ingest links to.
    appUrl: "recorded",
    migrateServer: true,
    note: (_message, { dataDir }) =>
      console.error(`[ingest] embedded database in ${dataDir} (set DATABASE_URL for a Postgres server)`),
  });
  try {
    const run = command.dryRun
      ? undefined
      : await openRun(command.source, command.key, { description: command.description });
    const bar = new ProgressBar();
    bar.update(0, command.units.length, command.description);
    const report = await runIngest({
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
    await runtime.stop();
  }
});
