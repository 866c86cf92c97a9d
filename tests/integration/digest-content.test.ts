import { describe, expect, it } from "vitest";
import { runDigest } from "@/lib/digest/run";
import { testDb } from "@/tests/helpers/db";
import { addPaper, addSubscriber, addTopics } from "@/tests/helpers/digest-fixtures";
import { digestTestbed } from "@/tests/helpers/digest-testbed";

const bed = digestTestbed();
const options = bed.options;

const to = (address: string) => bed.fake.delivered.filter((e) => e.to.includes(address));

describe("digest content", () => {
  it("matches topics and keywords, ranks by trending score, and skips people with nothing new", async () => {
    const db = testDb();
    const t = await addTopics(["quantization", "robotics", "vision"]);
    const quant = await addPaper({
      title: "Low-bit quantization at scale",
      featuredOn: "2025-03-13",
      upvotes: 5,
      topicIds: [t.get("quantization")!],
    });
    const quantTop = await addPaper({
      title: "Better 4-bit training",
      featuredOn: "2025-03-13",
      upvotes: 50,
      topicIds: [t.get("quantization")!],
      repoUrl: "https://github.com/x/y",
    });
    await addPaper({ title: "Robot arms", featuredOn: "2025-03-13", topicIds: [t.get("robotics")!] });
    const kw = await addPaper({
      title: "A study",
      summary: "We use Mixture   of EXPERTS routing.",
      featuredOn: "2025-03-14",
    });
    await addPaper({
      title: "Old quantization paper",
      featuredOn: "2025-03-01",
      topicIds: [t.get("quantization")!],
    });

    await addSubscriber({ email: "quant@example.com", topicIds: [t.get("quantization")!] });
    await addSubscriber({ email: "kw@example.com", keywords: ["mixture of experts"] });
    await addSubscriber({ email: "vision@example.com", topicIds: [t.get("vision")!] });
    await addSubscriber({ email: "all@example.com", allTopics: true });

    const summary = await runDigest(options());
    expect(summary).toMatchObject({ status: "completed", sent: 3, skipped: 1, failed: 0, periodKey: "2025-03-14" });

    const [q] = to("quant@example.com");
    expect(q!.subject).toBe("2 new papers in QUANTIZATION · Friday, 14 March 2025");
    expect(q!.html!.indexOf("Better 4-bit training")).toBeLessThan(q!.html!.indexOf("Low-bit quantization at scale"));
    expect(q!.html).not.toContain("Robot arms");
    expect(q!.html).not.toContain("Old quantization paper");
    expect(q!.html).toContain('href="https://github.com/x/y"');
    expect(q!.text).toContain("1. Better 4-bit training");
    expect(to("kw@example.com")[0]!.text).toContain("A study");
    expect(to("all@example.com")[0]!.subject).toMatch(/^4 new papers/);
    expect(to("vision@example.com")).toHaveLength(0);

    const deliveries = await db.delivery.findMany({ include: { subscriber: true } });
    const quantDelivery = deliveries.find((d) => d.subscriber.email === "quant@example.com")!;
    expect(quantDelivery).toMatchObject({ status: "sent", paperIds: [quantTop, quant] });
    expect(quantDelivery.providerMessageId).toBeTruthy();
    expect(deliveries.find((d) => d.subscriber.email === "vision@example.com")).toMatchObject({
      status: "skipped",
      error: "nothing new",
    });
    // The ledger records what each person was sent (later digests exclude those papers).
    expect(await db.delivery.count({ where: { status: "sent", paperIds: { has: kw } } })).toBe(2);
    const run = await db.digestRun.findFirstOrThrow();
    expect(run).toMatchObject({ status: "completed", sent: 3, skipped: 1, failed: 0 });
    expect(run.finishedAt).not.toBeNull();
  });

  it("has one-click unsubscribe headers, footer links and a per-email reference", async () => {
    const t = await addTopics(["vision"]);
    await addPaper({ title: "Seeing things", featuredOn: "2025-03-14", topicIds: [t.get("vision")!] });
    const id = await addSubscriber({ email: "v@example.com", topicIds: [t.get("vision")!] });
    await runDigest(options());
    const [email] = to("v@example.com");
    expect(email!.headers["List-Unsubscribe"]).toMatch(
      new RegExp(`^<https://paperboy\\.example/unsubscribe\\?token=${id}\\.[A-Za-z0-9_-]{43}>$`),
    );
    expect(email!.headers["List-Unsubscribe-Post"]).toBe("List-Unsubscribe=One-Click");
    expect(email!.headers["X-Entity-Ref-ID"]).toMatch(new RegExp(`^digest-\\d+-${id}$`));
    const unsub = email!.headers["List-Unsubscribe"]!.slice(1, -1);
    expect(email!.html).toContain(`href="${unsub}"`);
    expect(email!.text).toContain(`Unsubscribe: ${unsub}`);
    expect(email!.html).toContain("https://paperboy.example/preferences?token=");
    expect(email!.html).toContain("because you subscribed to Paperboy digests for the topic VISION");
    expect(email!.html).not.toMatch(/<script/i);
    expect(email!.html).toMatch(/<table/);
  });

  it("never repeats a paper across digests and sends only papers featured since the last one", async () => {
    const db = testDb();
    const t = await addTopics(["vision"]);
    const first = await addPaper({
      title: "Day one paper",
      featuredOn: "2025-03-14",
      upvotes: 10,
      topicIds: [t.get("vision")!],
    });
    await addSubscriber({ email: "v@example.com", topicIds: [t.get("vision")!] });
    await runDigest(options());
    const second = await addPaper({
      title: "Day two paper",
      featuredOn: "2025-03-15",
      topicIds: [t.get("vision")!],
    });
    const day2 = await runDigest(options({ now: new Date("2025-03-15T09:00:00Z") }));
    expect(day2).toMatchObject({ status: "completed", sent: 1 });
    const day3 = await runDigest(options({ now: new Date("2025-03-16T09:00:00Z") }));
    expect(day3).toMatchObject({ status: "completed", sent: 0, skipped: 1 });
    const mails = to("v@example.com");
    expect(mails).toHaveLength(2);
    expect(mails[1]!.html).toContain("Day two paper");
    expect(mails[1]!.html).not.toContain("Day one paper");
    const sent = await db.delivery.findMany({ where: { status: "sent" }, orderBy: { id: "asc" } });
    expect(sent.flatMap((d) => d.paperIds)).toEqual([first, second]);
  });

  it("never includes pending, paused, unsubscribed or suppressed people, nor the other frequency", async () => {
    const db = testDb();
    await addPaper({ title: "For everyone", featuredOn: "2025-03-14" });
    for (const status of ["pending", "paused", "unsubscribed", "suppressed"] as const) {
      await addSubscriber({ email: `${status}@example.com`, status, allTopics: true });
    }
    await addSubscriber({ email: "weekly@example.com", frequency: "weekly", allTopics: true });
    await addSubscriber({ email: "active@example.com", allTopics: true });
    const summary = await runDigest(options());
    expect(summary).toMatchObject({ sent: 1, skipped: 0 });
    expect(bed.fake.delivered.map((e) => e.to[0])).toEqual(["active@example.com"]);
    expect(await db.delivery.count()).toBe(1);
  });

  it("delivers a <script> in a paper title as inert text in HTML and plain text", async () => {
    const title = `<script>alert("x")</script> & <img src=x onerror=alert(1)>`;
    await addPaper({ title, summary: "<b>bold</b> claims", featuredOn: "2025-03-14" });
    await addSubscriber({ email: "a@example.com", allTopics: true, keywords: ['"><script>'] });
    await runDigest(options());
    const [email] = to("a@example.com");
    expect(email!.html).not.toMatch(/<script/i);
    expect(email!.html).not.toMatch(/<img/i);
    expect(email!.html).not.toContain("<b>bold");
    expect(email!.html).toContain("&lt;script&gt;");
    expect(email!.text).toContain(title);
  });

  it("records one delivery as failed when the provider refuses its address, and sends the others", async () => {
    const db = testDb();
    await addPaper({ title: "Anything", featuredOn: "2025-03-14" });
    await addSubscriber({ email: "good1@example.com", allTopics: true });
    await addSubscriber({ email: "bad address@example.com", allTopics: true });
    await addSubscriber({ email: "good2@example.com", allTopics: true });
    const summary = await runDigest(options());
    expect(summary).toMatchObject({ status: "completed", sent: 2, failed: 1 });
    expect(bed.fake.delivered.map((e) => e.to[0]).sort()).toEqual(["good1@example.com", "good2@example.com"]);
    const failed = await db.delivery.findFirstOrThrow({ where: { status: "failed" }, include: { subscriber: true } });
    expect(failed.subscriber.email).toBe("bad address@example.com");
    expect(failed.error).toMatch(/validation_error/);
  });

  it("is idempotent per period, waits for the due hour, and a dry run sends and records nothing", async () => {
    const db = testDb();
    await addPaper({ title: "Anything", featuredOn: "2025-03-14" });
    await addSubscriber({ email: "a@example.com", allTopics: true });
    expect(await runDigest(options({ now: new Date("2025-03-14T07:59:00Z") }))).toMatchObject({ status: "notDue" });
    expect(await runDigest(options({ dryRun: true }))).toMatchObject({ status: "dryRun", sent: 1 });
    expect(await db.digestRun.count()).toBe(0);
    expect(bed.fake.delivered).toHaveLength(0);
    expect(await runDigest(options())).toMatchObject({ status: "completed", sent: 1 });
    expect(await runDigest(options({ now: new Date("2025-03-14T20:00:00Z") }))).toMatchObject({
      status: "alreadyCompleted",
      sent: 1,
    });
    expect(bed.fake.delivered).toHaveLength(1);
  });

  it("records a failed run with its error and resumes it on the next trigger", async () => {
    const db = testDb();
    await addPaper({ title: "Anything", featuredOn: "2025-03-14" });
    await addSubscriber({ email: "a@example.com", allTopics: true });
    bed.fake.failNext(3, 500);
    const failed = await runDigest(options({ retry: { maxAttempts: 2, baseDelayMs: 1 }, staleMs: 1 }));
    expect(failed).toMatchObject({ status: "failed", sent: 0 });
    expect(await db.digestRun.findFirstOrThrow()).toMatchObject({
      status: "failed",
      retried: 1,
      error: expect.stringMatching(/after 2 attempts/),
    });
    bed.fake.failNext(0, 500);
    const resumed = await runDigest(options({ staleMs: 1 }));
    expect(resumed).toMatchObject({ status: "completed", resumed: true, sent: 1 });
    expect(bed.fake.delivered).toHaveLength(1);
  });
});
