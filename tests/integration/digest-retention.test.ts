import { describe, expect, it } from "vitest";
import {
  DELIVERY_RETENTION_DAYS,
  digestRetentionJob,
  ledgerHorizon,
  pruneDigestRecords,
  WEBHOOK_EVENT_RETENTION_DAYS,
} from "@/lib/digest/retention";
import { runDigest } from "@/lib/digest/run";
import type { DigestOptions } from "@/lib/digest/settings";
import { jobs } from "@/lib/jobs";
import { DAY_MS } from "@/lib/time";
import { testDb } from "@/tests/helpers/db";
import { addPaper, addSubscriber, addTopics } from "@/tests/helpers/digest-fixtures";
import { digestTestbed } from "@/tests/helpers/digest-testbed";

const bed = digestTestbed();
const options = (now: string, over: Partial<DigestOptions> = {}) => bed.options({ now: new Date(now), ...over });

describe("digest retention", () => {
  it("deletes the deliveries of periods past the retention, keeps the runs, recent deliveries and running runs", async () => {
    const db = testDb();
    const t = await addTopics(["vision"]);
    const subscriber = await addSubscriber({ email: "v@example.com", topicIds: [t.get("vision")!] });
    const run = (periodKey: string, status: "completed" | "failed" | "running") =>
      db.digestRun.create({
        data: {
          frequency: "daily",
          periodKey,
          status,
          deliveries: { create: { subscriberId: subscriber, status: "sent", paperIds: [1, 2] } },
        },
      });
    const now = new Date("2025-06-30T10:00:00Z");
    const old = await run("2025-03-01", "completed"); // 121 days before
    const oldFailed = await run("2025-03-02", "failed");
    const oldRunning = await run("2025-03-03", "running"); // a live run is never pruned under it
    const lastDayKept = await run("2025-04-01", "completed"); // exactly DELIVERY_RETENTION_DAYS before
    const recent = await run("2025-06-29", "completed");
    await db.webhookEvent.createMany({
      data: [
        {
          id: "msg_old",
          type: "email.delivered",
          receivedAt: new Date(now.getTime() - (WEBHOOK_EVENT_RETENTION_DAYS + 1) * DAY_MS),
        },
        { id: "msg_new", type: "email.delivered", receivedAt: new Date(now.getTime() - DAY_MS) },
      ],
    });
    expect(DELIVERY_RETENTION_DAYS).toBe(90);

    const summary = await pruneDigestRecords(now);
    expect(summary).toEqual({ deliveriesDeleted: 2, webhookEventsDeleted: 1, horizon: "2025-04-01" });
    const left = await db.delivery.findMany({ select: { runId: true }, orderBy: { runId: "asc" } });
    expect(left.map((d) => d.runId)).toEqual([oldRunning.id, lastDayKept.id, recent.id]);
    expect(await db.digestRun.count()).toBe(5); // the runs stay: a completed period is never sent again
    expect(await db.digestRun.findUnique({ where: { id: old.id } })).toMatchObject({ status: "completed" });
    expect(await db.digestRun.findUnique({ where: { id: oldFailed.id } })).toMatchObject({ status: "failed" });
    expect((await db.webhookEvent.findMany()).map((e) => e.id)).toEqual(["msg_new"]);
    expect(await ledgerHorizon()).toEqual(new Date("2025-04-01T00:00:00Z"));

    // Idempotent, and the horizon never moves back.
    expect(await pruneDigestRecords(now)).toMatchObject({ deliveriesDeleted: 0, webhookEventsDeleted: 0 });
    await pruneDigestRecords(new Date("2025-05-01T00:00:00Z"));
    expect(await ledgerHorizon()).toEqual(new Date("2025-04-01T00:00:00Z"));
  });

  it("runs from npm start's scheduler, at most hourly", async () => {
    expect(jobs).toContain(digestRetentionJob);
    const db = testDb();
    const now = new Date("2025-06-30T10:00:00Z");
    const event = (id: string) =>
      db.webhookEvent.create({ data: { id, type: "email.sent", receivedAt: new Date("2025-01-01T00:00:00Z") } });
    await event("msg_1");
    await digestRetentionJob.tick(now);
    expect(await db.webhookEvent.count()).toBe(0);
    expect(await ledgerHorizon()).toEqual(new Date("2025-04-01T00:00:00Z"));
    await event("msg_2");
    await digestRetentionJob.tick(new Date(now.getTime() + 30 * 60_000)); // within the hour: not again
    expect(await db.webhookEvent.count()).toBe(1);
    await digestRetentionJob.tick(new Date(now.getTime() + 60 * 60_000));
    expect(await db.webhookEvent.count()).toBe(0);
  });

  it("deletes in batches until every old delivery is gone", async () => {
    const db = testDb();
    const run = await db.digestRun.create({
      data: { frequency: "daily", periodKey: "2025-01-10", status: "completed" },
    });
    await db.$executeRawUnsafe(
      `INSERT INTO subscribers (email, status, frequency, link_secret, updated_at)
       SELECT 'r' || g || '@example.com', 'active', 'daily', 's' || g, now() FROM generate_series(1, 12000) g`,
    );
    await db.$executeRawUnsafe(
      `INSERT INTO deliveries (run_id, subscriber_id, status, paper_ids, updated_at) SELECT $1, id, 'sent', '{1}', now() FROM subscribers`,
      run.id,
    );
    expect(await pruneDigestRecords(new Date("2025-06-30T00:00:00Z"))).toMatchObject({ deliveriesDeleted: 12000 });
    expect(await db.delivery.count()).toBe(0);
  });

  it("refuses a period whose 'already sent' check would read pruned deliveries, and sends recent ones", async () => {
    const db = testDb();
    const t = await addTopics(["vision"]);
    await addSubscriber({ email: "v@example.com", topicIds: [t.get("vision")!] });
    await addPaper({ title: "Old paper", featuredOn: "2025-03-14", topicIds: [t.get("vision")!] });
    await addPaper({ title: "Recent paper", featuredOn: "2025-06-30", topicIds: [t.get("vision")!] });
    await pruneDigestRecords(new Date("2025-06-30T10:00:00Z")); // deliveries before 2025-04-01 may be gone

    const old = await runDigest(options("2025-03-14T09:00:00Z", { force: true }));
    expect(old).toMatchObject({
      status: "tooOld",
      sent: 0,
      error: expect.stringMatching(/too old to send.*kept 90 days/),
    });
    expect(await runDigest(options("2025-03-14T09:00:00Z", { dryRun: true }))).toMatchObject({ status: "tooOld" });
    // The oldest period still allowed is the one whose 30-day look-back starts at the horizon.
    expect(await runDigest(options("2025-04-30T09:00:00Z", { dryRun: true }))).toMatchObject({ status: "tooOld" });
    expect(await runDigest(options("2025-05-01T09:00:00Z", { dryRun: true }))).toMatchObject({ status: "dryRun" });
    expect(await db.digestRun.count()).toBe(0); // nothing was claimed for the refused periods
    expect(bed.fake.delivered).toHaveLength(0);

    expect(await runDigest(options("2025-06-30T09:00:00Z"))).toMatchObject({ status: "completed", sent: 1 });
    expect(bed.fake.delivered[0]!.html).toContain("Recent paper");
  });
});
