import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { parseCli } from "@/lib/ingest/cli";
import { fetchText } from "@/lib/ingest/download";
import { fetchArxiv, fetchHfDailyPapers } from "@/lib/ingest/fetch-sources";
import { openRun, runIngest } from "@/lib/ingest/run";
import { resetDb, testDb } from "@/tests/helpers/db";
import { type FakeSources, fixture, recordedHfDays, startFakeSources } from "@/tests/helpers/fake-sources";

// Fast retries so failure paths take milliseconds; the production defaults are seconds.
const quick = { retries: 2, backoffMs: 5, timeoutMs: 2_000 };

let server: FakeSources;
beforeAll(async () => {
  server = await startFakeSources({
    hfDays: recordedHfDays(),
    arxivPages: { 0: fixture("arxiv-cs.CL-page1.xml"), 3: fixture("arxiv-cs.CL-page2.xml") },
  });
});
afterAll(() => server.close());
beforeEach(() => {
  server.requests.length = 0;
  server.failAll(null);
  server.failNext(0, 500);
});

describe("HTTP with timeouts and retries", () => {
  it("retries 5xx and 429 with backoff, then succeeds", async () => {
    server.failNext(2, 503);
    const result = await fetchText(`${server.url}/api/daily_papers?date=2025-03-14`, quick);
    expect(result.ok).toBe(true);
    expect(server.requests).toHaveLength(3);
  });

  it("gives up after the retries with the last status", async () => {
    server.failAll(500);
    expect(await fetchText(`${server.url}/api/daily_papers?date=2025-03-14`, quick)).toEqual({
      ok: false,
      error: "HTTP 500",
      status: 500,
      attempts: 3,
    });
  });

  it("does not retry a client error", async () => {
    const result = await fetchText(`${server.url}/nope`, quick);
    expect(result).toMatchObject({ ok: false, status: 404, attempts: 1 });
    expect(server.requests).toHaveLength(1);
  });

  it("times out a server that never answers", async () => {
    server.hang(true);
    try {
      const result = await fetchText(`${server.url}/api/daily_papers?date=2025-03-14`, {
        retries: 1,
        backoffMs: 5,
        timeoutMs: 200,
      });
      expect(result).toEqual({ ok: false, error: "timed out after 200 ms", attempts: 2 });
    } finally {
      server.hang(false);
    }
  });

  it("reports a refused connection", async () => {
    const closed = await startFakeSources();
    await closed.close();
    const result = await fetchText(`${closed.url}/api`, { retries: 0 });
    expect(result).toMatchObject({ ok: false, error: "network error (ECONNREFUSED)" });
  });
});

describe("fetchers against the local fake APIs", () => {
  it("fetches one HF day through the production code", async () => {
    const result = await fetchHfDailyPapers({ date: "2025-03-14" }, { baseUrl: server.url, ...quick });
    expect(result.ok && result.papers.map((p) => p.featuredOn)).toEqual(Array(6).fill("2025-03-14"));
    expect(server.requests[0]!.searchParams.get("date")).toBe("2025-03-14");
  });

  it("fetches an HF week", async () => {
    const result = await fetchHfDailyPapers({ week: "2025-W11" }, { baseUrl: server.url, ...quick });
    expect(result.ok && result.papers).toHaveLength(10);
  });

  it("reports an HF failure with the period", async () => {
    server.failAll(502);
    expect(await fetchHfDailyPapers({ date: "2025-03-14" }, { baseUrl: server.url, ...quick })).toEqual({
      ok: false,
      error: "Hugging Face date=2025-03-14: HTTP 502",
    });
  });

  it("pages through arXiv results with the category and date query", async () => {
    const pages: number[] = [];
    const result = await fetchArxiv(
      { category: "cs.CL", from: "2025-03-10", to: "2025-03-16" },
      { baseUrl: server.url, pageSize: 3, intervalMs: 20, ...quick, onPage: (done) => pages.push(done) },
    );
    expect(result.ok && result.papers.map((p) => p.sourceRank)).toEqual([0, 1, 2, 3, 4]);
    expect(pages).toEqual([3, 5]);
    expect(server.requests.map((u) => u.searchParams.get("start"))).toEqual(["0", "3"]);
    expect(server.requests[0]!.searchParams.get("search_query")).toBe(
      "cat:cs.CL AND submittedDate:[202503100000 TO 202503162359]",
    );
    expect(server.requests[0]!.searchParams.get("max_results")).toBe("3");
  });
});

describe("CLI plan and resumable runs", () => {
  beforeEach(resetDb);
  const urls = () => ({ hfBaseUrl: server.url, arxivBaseUrl: server.url, arxivIntervalMs: 10 });

  it("rejects bad arguments with a message", async () => {
    expect(await parseCli(["hf", "--date", "2025-02-30"], urls())).toMatchObject({ ok: false, error: /--date/ });
    expect(await parseCli(["hf", "--from", "2025-03-05", "--to", "2025-03-01"], urls())).toMatchObject({
      ok: false,
      error: /after/,
    });
    expect(await parseCli(["arxiv", "--category", "x y"], urls())).toMatchObject({ ok: false, error: /category/ });
    expect(await parseCli(["bogus"], urls())).toMatchObject({ ok: false, error: /unknown source/ });
    expect(await parseCli(["file", "/nonexistent.jsonl"], urls())).toMatchObject({
      ok: false,
      error: /not a readable file/,
    });
  });

  it("an HF range that fails midway continues where it stopped when re-run", async () => {
    const cli = await parseCli(["hf", "--from", "2025-03-13", "--to", "2025-03-14"], urls());
    if (!cli.ok) throw new Error(cli.error);
    expect(cli.command.units.map((u) => u.key)).toEqual(["2025-03-13", "2025-03-14"]);

    // The second day's fetch fails (every retry), the first is stored.
    server.failNext(0, 500);
    const first = await openRun("hf", cli.command.key);
    const report1 = await runIngest({
      run: first,
      units: cli.command.units.map((u, i) =>
        i === 1 ? { ...u, load: async () => ({ ok: false as const, error: "HTTP 503" }) } : u,
      ),
    });
    expect(report1).toMatchObject({ status: "failed", created: 4, error: "2025-03-14: HTTP 503" });
    const failedRun = await testDb().ingestRun.findUniqueOrThrow({ where: { id: first.id } });
    expect(failedRun).toMatchObject({ status: "failed", created: 4, error: "2025-03-14: HTTP 503" });
    expect(failedRun.params).toMatchObject({ key: "hf:2025-03-13..2025-03-14", done: ["2025-03-13"] });

    const second = await openRun("hf", cli.command.key);
    expect(second.id).toBe(first.id);
    const report2 = await runIngest({ run: second, units: cli.command.units });
    expect(report2).toMatchObject({ status: "completed", resumedUnits: 1, created: 6 });
    expect(server.requests.map((u) => u.searchParams.get("date"))).toEqual(["2025-03-13", "2025-03-14"]);
    expect(await testDb().ingestRun.findUniqueOrThrow({ where: { id: first.id } })).toMatchObject({
      status: "completed",
      created: 10,
      error: null,
    });
    expect(await testDb().paper.count()).toBe(10);

    // A completed range starts a new run (upvotes may have grown since).
    expect((await openRun("hf", cli.command.key)).id).not.toBe(first.id);
  });

  it("ingests an arXiv range week by week", async () => {
    const cli = await parseCli(["arxiv", "--category", "cs.CL", "--from", "2025-03-10", "--to", "2025-03-16"], urls());
    if (!cli.ok) throw new Error(cli.error);
    const report = await runIngest({
      run: await openRun("arxiv", cli.command.key),
      units: cli.command.units,
    });
    expect(report).toMatchObject({ status: "completed", created: 5, parsed: 5 });
  });
});
