import { execFile } from "node:child_process";
import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { checkHealth } from "@/lib/health";
import { handleIngestCron } from "@/lib/ingest/cron";
import { RETRY_FAILED_AFTER_MS, runScheduledIngest } from "@/lib/ingest/scheduled";
import { databaseUrl, resetDb, testDb } from "@/tests/helpers/db";
import { type FakeSources, FIXTURES, recordedHfDays, startFakeSources } from "@/tests/helpers/fake-sources";

const quick = { retries: 1, backoffMs: 5, timeoutMs: 2_000 };
const SECRET = "cron-secret-for-tests-0123456789";
// 07:00 UTC on 2025-03-14: after the default ingest hour (6), so the run fetches 03-13 and 03-14.
const NOW = new Date("2025-03-14T07:00:00Z");

let server: FakeSources;
beforeAll(async () => {
  server = await startFakeSources({
    hfDays: recordedHfDays(),
  });
  // Read by env() on first use in this file's module context (the cron route's configuration).
  process.env.CRON_SECRET = SECRET;
  process.env.HF_BASE_URL = server.url;
});
afterAll(() => server.close());
beforeEach(async () => {
  await resetDb();
  server.failAll(null);
  server.requests.length = 0;
});

describe("scheduled daily Hugging Face ingest", () => {
  const run = (now: Date) => runScheduledIngest(now, { baseUrl: server.url, hour: 6, fetch: quick });

  it("waits for the ingest hour", async () => {
    expect(await run(new Date("2025-03-14T05:59:00Z"))).toEqual({ status: "skipped", reason: "beforeHour" });
    expect(server.requests).toHaveLength(0);
  });

  it("ingests yesterday and today once a day, recorded in an IngestRun", async () => {
    const result = await run(NOW);
    expect(result).toMatchObject({ status: "completed", dates: ["2025-03-13", "2025-03-14"], created: 10, updated: 0 });
    expect(await testDb().paper.count()).toBe(10);
    const [recorded] = await testDb().ingestRun.findMany();
    expect(recorded).toMatchObject({ source: "hf", runKey: "hf-daily:2025-03-14", status: "completed", created: 10 });
    expect(recorded!.finishedAt).not.toBeNull();

    // Every later tick that day (and concurrent ones) finds the run claimed.
    const later = await Promise.all([run(new Date("2025-03-14T07:01:00Z")), run(new Date("2025-03-14T23:00:00Z"))]);
    expect(later).toEqual([
      { status: "skipped", reason: "alreadyClaimed" },
      { status: "skipped", reason: "alreadyClaimed" },
    ]);
    expect(server.requests).toHaveLength(2);

    // The next day re-reads the 14th (grown upvotes merge in) and reads the 15th.
    const next = await run(new Date("2025-03-15T06:00:00Z"));
    expect(next).toMatchObject({ status: "completed", dates: ["2025-03-14", "2025-03-15"], created: 0, unchanged: 6 });
  });

  it("records a failing server as a failed run, shows it in health, and retries later", async () => {
    server.failAll(500);
    const failed = await run(NOW);
    expect(failed).toMatchObject({ status: "failed", created: 0 });
    const recorded = await testDb().ingestRun.findFirstOrThrow();
    expect(recorded).toMatchObject({ status: "failed", error: "2025-03-13: Hugging Face date=2025-03-13: HTTP 500" });

    const health = await checkHealth(NOW);
    // The site stays up (the database answers); the failed scheduled ingest makes it degraded, with the reason.
    expect(health).toMatchObject({
      status: "degraded",
      reasons: ["scheduledIngestFailed"],
      database: { status: "ok", papers: 0 },
      ingest: { lastRun: { source: "hf", status: "failed" } },
      data: { newestDay: null, lastSuccessAt: null, scheduledFailedAt: expect.any(String) },
    });
    expect(JSON.stringify(health)).not.toContain("HTTP 500");

    // Too soon: no retry. After the retry delay, with the server back, the same run completes.
    expect(await run(new Date(NOW.getTime() + 60_000))).toEqual({ status: "skipped", reason: "alreadyClaimed" });
    server.failAll(null);
    const retried = await run(new Date(NOW.getTime() + RETRY_FAILED_AFTER_MS + 60_000));
    expect(retried).toMatchObject({ status: "completed", runId: recorded.id, created: 10 });
    const healthy = await checkHealth(new Date(NOW.getTime() + RETRY_FAILED_AFTER_MS + 60_000));
    expect(healthy.ingest?.lastRun).toMatchObject({ status: "completed", created: 10 });
    // Current papers and a successful scheduled ingest: ok again.
    expect(healthy).toMatchObject({ status: "ok", data: { newestDay: "2025-03-14", scheduledFailedAt: null } });
    expect(healthy.reasons).toBeUndefined();
    // Two days on without an update, the papers count as out of date.
    expect(await checkHealth(new Date("2025-03-17T12:00:00Z"))).toMatchObject({
      status: "degraded",
      reasons: ["oldPapers"],
    });
  });
});

describe("cron route /api/cron/ingest", () => {
  it("refuses a wrong secret and runs today's ingest with the right one", async () => {
    expect(await handleIngestCron("Bearer wrong", NOW)).toEqual({
      status: 401,
      body: { ok: false, error: "unauthorized" },
    });
    expect(server.requests).toHaveLength(0);
    // At 03:00, before the ingest hour: the caller's schedule decides, so it runs.
    const early = new Date("2025-03-14T03:00:00Z");
    const ok = await handleIngestCron(`Bearer ${SECRET}`, early);
    expect(ok).toMatchObject({ status: 200, body: { ok: true, status: "completed", created: 10 } });
    const again = await handleIngestCron(`Bearer ${SECRET}`, early);
    expect(again).toMatchObject({ status: 200, body: { ok: true, status: "skipped", reason: "alreadyClaimed" } });
  });

  it("answers 502 when the ingest fails", async () => {
    server.failAll(503);
    const result = await handleIngestCron(`Bearer ${SECRET}`, NOW);
    expect(result).toMatchObject({ status: 502, body: { ok: false, status: "failed" } });
  });
});

// Each case spawns the CLI (tsx compiles it on start), which is slow on a busy machine.
describe("CLI", { timeout: 120_000 }, () => {
  const exec = promisify(execFile);
  const tsx = path.join(process.cwd(), "node_modules", ".bin", "tsx");
  const cli = (...args: string[]) =>
    exec(tsx, ["scripts/ingest.ts", ...args], {
      env: { ...process.env, DATABASE_URL: databaseUrl() },
      timeout: 60_000,
    });

  it("--dry-run parses and reports but writes nothing; a real run then stores", async () => {
    const file = path.join(FIXTURES, "hf-daily-papers.jsonl");
    const dry = await cli("file", file, "--dry-run");
    expect(dry.stdout).toContain("[dry run] hf-daily-papers.jsonl (jsonl): completed");
    expect(dry.stdout).toContain("6 new, 0 updated, 0 unchanged, 0 rejected (6 parsed)");
    expect(await testDb().paper.count()).toBe(0);
    expect(await testDb().ingestRun.count()).toBe(0);

    const real = await cli("file", file);
    expect(real.stdout).toMatch(/hf-daily-papers\.jsonl \(jsonl\): completed \(run \d+\)/);
    expect(await testDb().paper.count()).toBe(6);
    expect(await testDb().ingestRun.findFirstOrThrow()).toMatchObject({
      source: "file",
      status: "completed",
      created: 6,
    });
  });

  it("without DATABASE_URL, refuses an embedded database the app is running on", async () => {
    const dataDir = path.join(await mkdtemp(path.join(tmpdir(), "paperboy-cli-")), "pglite");
    await writeFile(`${dataDir}.lock`, String(process.pid)); // a live process that is not the CLI
    const error = await exec(tsx, ["scripts/ingest.ts", "file", path.join(FIXTURES, "hf-daily-papers.jsonl")], {
      env: { ...process.env, DATABASE_URL: "", PGLITE_DATA_DIR: dataDir },
    }).catch((e: { code: number; stderr: string }) => e);
    expect(error).toMatchObject({
      code: 1,
      stderr: expect.stringMatching(/in use by process \d+[\s\S]*set DATABASE_URL/),
    });
  });

  it("explains bad arguments with exit code 2", async () => {
    const error = await cli("hf", "--date", "yesterday").catch((e: { code: number; stderr: string }) => e);
    expect(error).toMatchObject({ code: 2, stderr: expect.stringContaining("--date must be a date") });
  });
});
