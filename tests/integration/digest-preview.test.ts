import { describe, expect, it } from "vitest";
import { nextDigest, previewDigest, previewView } from "@/lib/digest/preview";
import { runDigest } from "@/lib/digest/run";
import { signLink } from "@/lib/subscriptions/links";
import { ADDRESS_EMAIL_LIMIT, sendSample } from "@/lib/subscriptions/mutations";
import { testDb } from "@/tests/helpers/db";
import { addPaper, addSubscriber, addTopics } from "@/tests/helpers/digest-fixtures";
import { digestTestbed } from "@/tests/helpers/digest-testbed";

// The preview of the next digest (preferences page, welcome email, "Email me this now") is chosen by
// the planner's own code: it must equal what the run then sends, and sending it as a sample must
// leave the ledger alone.
const bed = digestTestbed();

const BEFORE_DUE = new Date("2025-03-14T07:00:00Z");
const AFTER_DUE = new Date("2025-03-14T09:00:00Z");

async function quantFixture() {
  const t = await addTopics(["quantization", "robotics"]);
  const top = await addPaper({
    title: "Better 4-bit training",
    featuredOn: "2025-03-13",
    upvotes: 50,
    topicIds: [t.get("quantization")!],
    arxivId: "2503.01234",
    authors: ["Ada Lovelace", "Alan Turing", "Grace Hopper", "Edsger Dijkstra"],
    repoUrl: "https://github.com/x/y",
    projectUrl: "https://project.example.org",
  });
  const second = await addPaper({
    title: "Low-bit quantization at scale",
    featuredOn: "2025-03-13",
    upvotes: 5,
    topicIds: [t.get("quantization")!],
  });
  const keyword = await addPaper({
    title: "A study",
    summary: "We use Mixture of EXPERTS routing.",
    featuredOn: "2025-03-14",
    upvotes: 1,
  });
  await addPaper({ title: "Robot arms", featuredOn: "2025-03-13", topicIds: [t.get("robotics")!] });
  const id = await addSubscriber({
    email: "quant@example.com",
    topicIds: [t.get("quantization")!],
    keywords: ["mixture of experts"],
  });
  return { t, id, top, second, keyword };
}

describe("digest preview", () => {
  it("previews exactly the papers the run then sends, with when it goes out", async () => {
    const { id, top, second, keyword } = await quantFixture();
    const preview = await previewDigest({ id, status: "active", frequency: "daily" }, { now: BEFORE_DUE });
    expect(preview?.kind).toBe("new");
    expect(preview?.nextAt?.toISOString()).toBe("2025-03-14T08:00:00.000Z");
    expect(preview?.recipient.paperIds).toEqual([top, second, keyword]);

    const view = previewView(preview!, "active", BEFORE_DUE);
    expect(view.next).toMatchObject({ at: "Friday, 14 March 2025 at 08:00 UTC", wait: "in about an hour" });
    const [first] = view.papers;
    expect(first).toMatchObject({
      title: "Better 4-bit training",
      authors: "Ada Lovelace, Alan Turing, Grace Hopper et al.",
      arxivUrl: "https://arxiv.org/abs/2503.01234",
      pdfUrl: "https://arxiv.org/pdf/2503.01234",
      codeUrl: "https://github.com/x/y",
      projectUrl: "https://project.example.org/",
      votes: 50,
      reasons: ["QUANTIZATION"],
    });
    expect(view.papers[2]!.reasons).toEqual(["“mixture of experts”"]);

    await runDigest(bed.options({ now: AFTER_DUE }));
    const delivery = await testDb().delivery.findFirstOrThrow({ where: { subscriberId: id } });
    expect(delivery.paperIds).toEqual(preview!.recipient.paperIds);

    // That period is done: the next one is tomorrow's, and nothing new is left for it.
    const after = await previewDigest({ id, status: "active", frequency: "daily" }, { now: AFTER_DUE });
    expect(after?.nextAt?.toISOString()).toBe("2025-03-15T08:00:00.000Z");
    expect(after?.kind).toBe("recent");
  });

  it("shows the most recent matching papers, saying so, when nothing new matches", async () => {
    const t = await addTopics(["quantization"]);
    const old = await addPaper({ title: "Old but good", featuredOn: "2024-12-02", topicIds: [t.get("quantization")!] });
    const id = await addSubscriber({
      email: "late@example.com",
      topicIds: [t.get("quantization")!],
      frequency: "weekly",
    });
    const preview = await previewDigest({ id, status: "active", frequency: "weekly" }, { now: AFTER_DUE });
    expect(preview?.kind).toBe("recent");
    expect(preview?.recipient.paperIds).toEqual([old]);
    expect(preview?.ctx.periodLabel).toBe("Most recent papers, featured 2 December 2024");
    // Weekly: this week's digest is due and not yet run (so it goes out now); it carries, and is
    // labelled by, the papers of the week before the one it is sent in.
    expect(preview?.period.key).toBe("2025-W11");
    expect(preview?.period.label).toBe("Week 10, 2025 (3–9 March)");
    expect(preview?.nextAt).toEqual(AFTER_DUE);
  });

  it("sends a marked sample under the per-address limit and leaves the ledger alone", async () => {
    const { id } = await quantFixture();
    const token = signLink("preferences", { id, linkSecret: "secret-quant@example.com" });
    const db = testDb();

    expect(await sendSample(token, BEFORE_DUE)).toEqual({ ok: true });
    const [sample] = bed.fake.delivered.filter((e) => e.to.includes("quant@example.com"));
    expect(sample!.subject).toMatch(/^\[Sample\] 3 papers in QUANTIZATION/);
    expect(sample!.text).toMatch(/^Sample, sent on request/);
    expect(sample!.text).toContain("does not count as a digest");
    expect(sample!.html).toContain('data-sample="true"');
    expect(await db.delivery.count()).toBe(0);
    expect((await db.subscriber.findUniqueOrThrow({ where: { id } })).lastDigestAt).toBeNull();

    // The real digest still carries the sampled papers.
    await runDigest(bed.options({ now: AFTER_DUE }));
    const [digest] = bed.fake.delivered.filter((e) => e.to.includes("quant@example.com") && !e.subject.startsWith("["));
    expect(digest!.subject).toMatch(/^3 new papers/);

    for (let i = 1; i < ADDRESS_EMAIL_LIMIT.limit; i++) expect((await sendSample(token, BEFORE_DUE)).ok).toBe(true);
    expect(await sendSample(token, BEFORE_DUE)).toEqual({ ok: false, reason: "rateLimited" });
    expect(await sendSample(`${token}x`, BEFORE_DUE)).toEqual({ ok: false, reason: "invalidToken" });
  });

  it("says when the next email goes out", async () => {
    expect((await nextDigest("daily", BEFORE_DUE, 8)).at.toISOString()).toBe("2025-03-14T08:00:00.000Z");
    // Due but not yet run: the scheduler takes it at once.
    expect((await nextDigest("daily", AFTER_DUE, 8)).at).toEqual(AFTER_DUE);
    // Sunday of week 10, whose digest went out on its Monday: the next one is week 11's.
    await testDb().digestRun.create({ data: { frequency: "weekly", periodKey: "2025-W10", status: "completed" } });
    const weekly = await nextDigest("weekly", new Date("2025-03-09T12:00:00Z"), 8);
    expect(weekly.at.toISOString()).toBe("2025-03-10T08:00:00.000Z");
    expect(weekly.period.label).toBe("Week 10, 2025 (3–9 March)");
  });
});
