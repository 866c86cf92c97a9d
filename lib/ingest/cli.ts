import { createHash } from "node:crypto";
import { readFile, stat } from "node:fs/promises";
import path from "node:path";
import { parseArgs } from "node:util";
import { z } from "zod";
import { daysBetween } from "@/lib/time";
import { fetchArxiv, fetchHfDailyPapers } from "./fetch-sources";
import { detectFormat, parseFileText } from "./file";
import type { IngestReport, IngestUnit } from "./run";

// `npm run ingest -- <hf|arxiv|file> ...`: argument parsing and the plan of
// units to ingest, kept out of scripts/ingest.ts so it is testable.

export const USAGE = `Usage: npm run ingest -- <source> [options]

  hf --date YYYY-MM-DD                 one Hugging Face daily papers day
  hf --from YYYY-MM-DD --to YYYY-MM-DD a range of days (resumable: a re-run continues)
  hf --week YYYY-Www | --month YYYY-MM one HF week or month
  arxiv --category cs.CL --from YYYY-MM-DD --to YYYY-MM-DD
                                       arXiv API, one request per 3 s (resumable by week)
  file <path> [--date YYYY-MM-DD]      .jsonl, .json (HF API), .xml/.atom (arXiv), .txt listing (needs --date)

  --dry-run   parse and compare with the database, write nothing
  --help      this text

Uses DATABASE_URL, else the embedded database in PGLITE_DATA_DIR (only while \`npm start\` is not running).`;

// Long enough for any backfill, short enough that a typo ("--from 2005-...") is caught.
export const MAX_RANGE_DAYS = 1_100;

const isoDate = z.iso.date();
const category = z.string().regex(/^[a-z-]+(\.[A-Za-z-]+)?$/, "must look like cs.CL");

export type IngestCommand = {
  source: "hf" | "arxiv" | "file";
  /** Identifies the job for resumption. */
  key: string;
  description: string;
  dryRun: boolean;
  units: IngestUnit[];
};

export type CliParse = { ok: true; command: IngestCommand } | { ok: false; error: string; help?: boolean };

export type SourceUrls = { hfBaseUrl: string; arxivBaseUrl: string; arxivIntervalMs?: number };

function range(values: { from?: string; to?: string }): { ok: true; days: string[] } | { ok: false; error: string } {
  if (!values.from || !values.to) return { ok: false, error: "give both --from and --to" };
  if (!isoDate.safeParse(values.from).success) return { ok: false, error: "--from must be a date YYYY-MM-DD" };
  if (!isoDate.safeParse(values.to).success) return { ok: false, error: "--to must be a date YYYY-MM-DD" };
  if (values.from > values.to) return { ok: false, error: "--from is after --to" };
  const days = daysBetween(values.from, values.to);
  if (days.length > MAX_RANGE_DAYS) return { ok: false, error: `a range may span at most ${MAX_RANGE_DAYS} days` };
  return { ok: true, days };
}

const CLI_OPTIONS = {
  date: { type: "string" },
  from: { type: "string" },
  to: { type: "string" },
  week: { type: "string" },
  month: { type: "string" },
  category: { type: "string" },
  "dry-run": { type: "boolean", default: false },
  help: { type: "boolean", default: false },
} as const;

export async function parseCli(argv: string[], urls: SourceUrls): Promise<CliParse> {
  let parsed: ReturnType<typeof parseArgs<{ args: string[]; allowPositionals: true; options: typeof CLI_OPTIONS }>>;
  try {
    parsed = parseArgs({ args: argv, allowPositionals: true, options: CLI_OPTIONS });
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error.message : String(error) };
  }
  const { values, positionals } = parsed;
  if (values.help) return { ok: false, error: USAGE, help: true };
  const [source, ...rest] = positionals;
  const dryRun = values["dry-run"] ?? false;

  if (source === "hf") {
    if (values.week || values.month) {
      const [name, value, pattern] = values.week
        ? (["week", values.week, /^\d{4}-W\d{2}$/] as const)
        : (["month", values.month!, /^\d{4}-\d{2}$/] as const);
      if (!pattern.test(value))
        return { ok: false, error: `--${name} must look like ${name === "week" ? "2025-W11" : "2025-03"}` };
      const load = () =>
        fetchHfDailyPapers(name === "week" ? { week: value } : { month: value }, { baseUrl: urls.hfBaseUrl });
      return {
        ok: true,
        command: {
          source,
          key: `hf:${name}:${value}`,
          description: `Hugging Face ${name} ${value}`,
          dryRun,
          units: [{ key: value, load }],
        },
      };
    }
    let days: string[];
    if (values.date) {
      if (!isoDate.safeParse(values.date).success) return { ok: false, error: "--date must be a date YYYY-MM-DD" };
      days = [values.date];
    } else {
      const r = range(values);
      if (!r.ok) return { ok: false, error: `hf: ${r.error} (or --date, --week, --month)` };
      days = r.days;
    }
    const units = days.map((date) => ({
      key: date,
      load: () => fetchHfDailyPapers({ date }, { baseUrl: urls.hfBaseUrl }),
    }));
    const span = days.length === 1 ? days[0]! : `${days[0]}..${days.at(-1)}`;
    return {
      ok: true,
      command: { source, key: `hf:${span}`, description: `Hugging Face ${span} (${days.length} days)`, dryRun, units },
    };
  }

  if (source === "arxiv") {
    const cat = category.safeParse(values.category ?? "");
    if (!cat.success) return { ok: false, error: "arxiv: --category must look like cs.CL" };
    const r = range(values);
    if (!r.ok) return { ok: false, error: `arxiv: ${r.error}` };
    // A week per unit: few requests each, and a long backfill resumes by week.
    const units: IngestUnit[] = [];
    for (let i = 0; i < r.days.length; i += 7) {
      const week = r.days.slice(i, i + 7);
      const query = { category: cat.data, from: week[0]!, to: week.at(-1)! };
      units.push({
        key: `${query.from}..${query.to}`,
        load: () => fetchArxiv(query, { baseUrl: urls.arxivBaseUrl, intervalMs: urls.arxivIntervalMs }),
      });
    }
    const span = `${values.from}..${values.to}`;
    return {
      ok: true,
      command: { source, key: `arxiv:${cat.data}:${span}`, description: `arXiv ${cat.data} ${span}`, dryRun, units },
    };
  }

  if (source === "file") {
    const file = rest[0];
    if (!file) return { ok: false, error: "file: give a path" };
    if (values.date && !isoDate.safeParse(values.date).success)
      return { ok: false, error: "--date must be a date YYYY-MM-DD" };
    const info = await stat(file).catch(() => null);
    if (!info?.isFile()) return { ok: false, error: `file: ${file} is not a readable file` };
    const text = await readFile(file, "utf8");
    const format = detectFormat(file, text);
    const digest = createHash("sha256").update(text).digest("hex").slice(0, 16);
    const name = path.basename(file);
    const load = async () => parseFileText(text, format, { date: values.date });
    return {
      ok: true,
      command: {
        source,
        key: `file:${name}:${digest}`,
        description: `${name} (${format})`,
        dryRun,
        units: [{ key: name, load }],
      },
    };
  }

  return { ok: false, error: source ? `unknown source "${source}"\n\n${USAGE}` : USAGE, help: !source };
}

/** The closing summary: counts, then every rejected record with its reason. */
export function formatSummary(command: IngestCommand, report: IngestReport): string {
  const lines = [
    `${command.dryRun ? "[dry run] " : ""}${command.description}: ${report.status}` +
      (report.runId !== null ? ` (run ${report.runId})` : ""),
    `  ${report.created} new, ${report.updated} updated, ${report.unchanged} unchanged, ${report.rejected.length} rejected` +
      ` (${report.parsed} parsed)`,
  ];
  if (report.resumedUnits > 0)
    lines.push(`  resumed: ${report.resumedUnits} of ${command.units.length} already done earlier`);
  if (report.error) lines.push(`  error: ${report.error}`);
  if (report.rejected.length > 0) {
    lines.push("  rejected:");
    for (const r of report.rejected) lines.push(`    ${r.location}: ${r.reason}`);
  }
  return lines.join("\n");
}
