// Crash, fault and concurrency tests: whatever happens, every subscriber gets
// exactly one digest for the period (the fake Resend ledger is the witness).
import { spawn } from "node:child_process";
import path from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { sleep } from "@/lib/digest/pacing";
import { runDigest } from "@/lib/digest/run";
import { type MailTransport, resetMailer, setMailer } from "@/lib/mail";
import { databaseUrl, resetDb, testDb } from "@/tests/helpers/db";
import { addManyPapers, addManySubscribers, addTopics } from "@/tests/helpers/digest-fixtures";
import { fakeTransport } from "@/tests/helpers/digest-testbed";
import { type FakeResend, startFakeResend } from "@/tests/helpers/fake-resend";

const NOW = "2025-03-14T09:00:00Z";
let fake: FakeResend;

beforeAll(async () => {
  process.env.APP_SECRET = "digest-test-secret-".padEnd(40, "x");
  process.env.APP_URL = "https://paperboy.example";
});
afterAll(async () => {
  resetMailer();
  await fake?.close();
});
beforeEach(async () => {
  await fake?.close();
  await resetDb();
});

async function seed(subscribers: number) {
  const topics = await addTopics(["llm", "vision", "robotics", "audio", "quantization", "agents"]);
  await addManyPapers(60, [...topics.values()], ["2025-03-13", "2025-03-14"]);
  await addManySubscribers(subscribers, [...topics.values()]);
}

/** Every address exactly once: returns duplicates and missing against the expected list. */
function tally(expected: string[]) {
  const seen = new Map<string, number>();
  for (const e of fake.delivered) for (const to of e.to) seen.set(to, (seen.get(to) ?? 0) + 1);
  const duplicates = [...seen.values()].filter((n) => n > 1).length;
  const missing = expected.filter((a) => !seen.has(a)).length;
  return { duplicates, missing, delivered: fake.delivered.length };
}

async function expectedAddresses(): Promise<string[]> {
  const rows = await testDb().subscriber.findMany({ select: { email: true } });
  return rows.map((r) => r.email);
}

const transport = (): MailTransport => fakeTransport(fake);

describe("digest resilience", () => {
  it("survives 10 SIGKILLs at random moments: every subscriber exactly once", { timeout: 300_000 }, async () => {
    // Throttled so a run lasts long enough to be killed in planning and in sending; the latency
    // leaves each batch "accepted but not yet answered" for a while, the window that matters most.
    fake = await startFakeResend({ rateLimitPerSecond: 6, latencyMs: 120 });
    await seed(5_000);
    const child = path.resolve("tests/helpers/digest-child.ts");
    const env = {
      ...process.env,
      DATABASE_URL: databaseUrl(),
      FAKE_RESEND_URL: fake.url,
      FAKE_RESEND_KEY: fake.apiKey,
      DIGEST_NOW: NOW,
      STALE_MS: "300",
    };

    const start = (kill: boolean) =>
      new Promise<{ killed: boolean; output: string }>((resolve) => {
        // node --import tsx (not the tsx binary): the signal must hit the process doing the work, not a wrapper.
        const proc = spawn(process.execPath, ["--import", "tsx", child], { env, stdio: ["ignore", "pipe", "pipe"] });
        let output = "";
        let timer: NodeJS.Timeout | undefined;
        proc.stdout.on("data", (chunk: Buffer) => {
          output += chunk.toString();
          // Kill at a random moment after the run has really started.
          if (kill && !timer && /(starting|resuming) run/.test(output)) {
            timer = setTimeout(() => proc.kill("SIGKILL"), 50 + Math.floor(Math.random() * 1200));
          }
        });
        proc.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
        proc.on("exit", (_code, signal) => {
          clearTimeout(timer);
          resolve({ killed: signal === "SIGKILL", output });
        });
      });

    let kills = 0;
    for (let i = 0; i < 10; i++) {
      const result = await start(true);
      if (result.killed) kills++;
      else {
        console.log(`[crash test] run ${i} ended before its kill:\n${result.output.slice(-1500)}`);
        expect(result.output).toContain("SUMMARY");
      }
    }
    const final = await start(false);
    expect(final.output).toMatch(/SUMMARY .*"status":"(completed|alreadyCompleted)"/);

    const result = tally(await expectedAddresses());
    const keys = fake.requests.map((r) => r.headers["idempotency-key"]).filter(Boolean);
    const resent = keys.length - new Set(keys).size;
    console.log(
      `[crash test] ${kills} kills; ${keys.length} batch requests, ${resent} re-sent with an earlier key; ${result.delivered} delivered; ${result.duplicates} duplicates; ${result.missing} missing`,
    );
    expect(kills).toBe(10);
    expect(result).toEqual({ duplicates: 0, missing: 0, delivered: 5_000 });
    const run = await testDb().digestRun.findFirstOrThrow();
    expect(run).toMatchObject({ status: "completed", sent: 5_000, failed: 0 });
    expect(await testDb().delivery.count({ where: { status: "sent" } })).toBe(5_000);
  });

  it("re-sends a batch that died between the provider's acceptance and the ledger write with the same key: replayed, not re-mailed", async () => {
    fake = await startFakeResend();
    await seed(250);
    const real = transport();
    let calls = 0;
    // The process "dies" right after the provider accepted the first batch, before the ledger knows.
    const crashing = {
      ...real,
      sendBatch: async (...args: Parameters<typeof real.sendBatch>) => {
        const result = await real.sendBatch(...args);
        return ++calls === 1 ? { ok: false as const, kind: "fatal" as const, error: "simulated crash" } : result;
      },
    };
    const options = {
      frequency: "daily" as const,
      now: new Date(NOW),
      staleMs: 1,
      concurrency: 1,
      log: () => {},
    };
    setMailer(crashing);
    expect(await runDigest(options)).toMatchObject({ status: "failed" });
    expect(await testDb().delivery.count({ where: { status: "sending" } })).toBe(250);
    setMailer(real);
    const resumed = await runDigest(options);
    expect(resumed).toMatchObject({ status: "completed", resumed: true, sent: 250 });
    const firstKey = fake.requests[0]!.headers["idempotency-key"];
    expect(fake.requests.filter((r) => r.headers["idempotency-key"] === firstKey)).toHaveLength(2);
    expect(tally(await expectedAddresses())).toEqual({ duplicates: 0, missing: 0, delivered: 250 });
  });

  it("delivers everything once through 20% 429, 10% 500 and 5% lost responses", { timeout: 120_000 }, async () => {
    fake = await startFakeResend({ faults: { rate429: 0.2, rate500: 0.1, rateHang: 0.05 } });
    await seed(2_000);
    setMailer(transport());
    const summary = await runDigest({
      frequency: "daily",
      now: new Date(NOW),
      // A 2 s request timeout: on the embedded database the queries run in this process and hold
      // its event loop, so under a busy CI machine the fake provider's answers took over 500 ms
      // and every attempt of a batch timed out. Lost responses still cost one timeout each.
      retry: { baseDelayMs: 10, maxDelayMs: 200, timeoutMs: 2_000, maxAttempts: 40 },
      log: () => {},
    });
    const result = tally(await expectedAddresses());
    console.log(
      `[fault test] ${fake.requests.length} requests, ${summary.retried} retried; ${result.delivered} delivered; ${result.duplicates} duplicates; ${result.missing} missing`,
    );
    expect(summary).toMatchObject({ status: "completed", sent: 2_000, failed: 0 });
    expect(summary.retried).toBeGreaterThan(0);
    expect(result).toEqual({ duplicates: 0, missing: 0, delivered: 2_000 });
  });

  it("sends once when two instances start the same period at the same moment", { timeout: 60_000 }, async () => {
    fake = await startFakeResend();
    await seed(300);
    setMailer(transport());
    // Two runs in flight at once, each claiming the period on its own pooled connection: the
    // database claim, not the process, decides which one sends.
    const run = () => runDigest({ frequency: "daily", now: new Date(NOW), log: () => {} });
    const results = await Promise.all([run(), run()]);
    const statuses = results.map((r) => r.status).sort();
    expect(statuses[0]).toBe("busy");
    expect(["completed"]).toContain(statuses[1]);
    expect(tally(await expectedAddresses())).toEqual({ duplicates: 0, missing: 0, delivered: 300 });
    // A later trigger for the same period finds it done.
    expect(await run()).toMatchObject({ status: "alreadyCompleted" });
    await sleep(10);
    expect(fake.delivered).toHaveLength(300);
  });
});
