import { describe, expect, it } from "vitest";
import { paperLinks, votesLabel } from "@/emails/digest";
import {
  digestPaper,
  excerpt,
  formatAuthors,
  matchReasons,
  type PaperInfo,
  type RenderContext,
  reasonFor,
  renderDigest,
  seeAllLinks,
} from "@/lib/digest/render";

describe("rendering helpers", () => {
  it("cuts excerpts at a word boundary", () => {
    expect(excerpt("short  text")).toBe("short text");
    const long = excerpt("word ".repeat(100), 50);
    expect(long.length).toBeLessThanOrEqual(51);
    expect(long.endsWith("word…")).toBe(true);
  });

  it("explains why someone gets the email", () => {
    const topics = new Map([
      [1, { id: 1, slug: "a", name: "Agents" }],
      [2, { id: 2, slug: "b", name: "Biology" }],
    ]);
    expect(reasonFor({ allTopics: false, topicIds: [2, 1], keywords: ["rlhf"] }, topics)).toBe(
      'the topics Agents, Biology and the keyword "rlhf"',
    );
    expect(reasonFor({ allTopics: true, topicIds: [], keywords: [] }, topics)).toBe("all topics");
  });
});

describe("digest content", () => {
  const topics = new Map([
    [1, { id: 1, slug: "lmm", name: "Multimodal LLMs" }],
    [2, { id: 2, slug: "quantization", name: "Quantization" }],
  ]);
  const paper: PaperInfo = {
    id: 42,
    arxivId: "2608.17253",
    title: "KV cache quantization for vision-language models",
    summary: "We quantize the KV cache of multimodal models.",
    authors: ["Ada Lovelace", "Alan Turing", "Grace Hopper", "Edsger Dijkstra"],
    repoUrl: "https://github.com/a/b",
    projectUrl: "javascript:alert(1)",
    votes: 1,
    topicIds: [1, 2],
  };
  const reader = { allTopics: false, topicIds: [2], keywords: ["kv cache", "diffusion"] };
  const ctx = {
    appUrl: "https://paperboy.example",
    topics,
    feed: { period: "week" as const, date: "2026-11-23" },
  };

  it("names the first three authors, then et al.", () => {
    expect(formatAuthors(["A", "B", "C"])).toBe("A, B, C");
    expect(formatAuthors(["A", "B", "C", "D"])).toBe("A, B, C et al.");
    expect(formatAuthors([" ", "A"])).toBe("A");
    expect(formatAuthors([])).toBe("");
  });

  it("says why a paper is in this person's email: their matching topics and keywords only", () => {
    expect(matchReasons(paper, reader, topics)).toEqual(["Quantization", "“kv cache”"]);
    expect(matchReasons(paper, { allTopics: true, topicIds: [], keywords: [] }, topics)).toEqual(["all topics"]);
    // Whole words only, as the digest matches them.
    expect(matchReasons({ ...paper, topicIds: [] }, { ...reader, keywords: ["cach"] }, topics)).toEqual([]);
  });

  it("carries arXiv, PDF, code and project links (http only), votes and authors", () => {
    const item = digestPaper(ctx, reader, paper);
    expect(item).toMatchObject({
      url: "https://paperboy.example/papers/2608.17253", // the canonical paper URL (lib/papers/url.ts)
      authors: "Ada Lovelace, Alan Turing, Grace Hopper et al.",
      arxivUrl: "https://arxiv.org/abs/2608.17253",
      pdfUrl: "https://arxiv.org/pdf/2608.17253",
      codeUrl: "https://github.com/a/b",
      projectUrl: null,
      votes: 1,
    });
    expect(paperLinks(item).map((l) => l.label)).toEqual(["arXiv", "PDF", "Code"]);
    expect(votesLabel(1)).toBe("1 vote");
    const unknown = digestPaper(ctx, reader, { ...paper, arxivId: null });
    expect([unknown.arxivUrl, unknown.pdfUrl]).toEqual([null, null]);
  });

  it("links every matching paper of the period: dated topics on the feed, and a dated search per keyword", () => {
    expect(seeAllLinks(ctx, reader)).toEqual([
      {
        label: "Every paper in Quantization",
        url: "https://paperboy.example/?period=week&date=2026-11-23&topic=quantization",
      },
      {
        label: "Papers mentioning “diffusion”",
        url: "https://paperboy.example/search?q=diffusion&period=week&date=2026-11-23",
      },
      {
        label: "Papers mentioning “kv cache”",
        url: "https://paperboy.example/search?q=kv+cache&period=week&date=2026-11-23",
      },
    ]);
    // A daily digest links its day (the feed's default period is a day).
    expect(
      seeAllLinks({ ...ctx, feed: { period: "day", date: "2026-11-27" } }, { ...reader, keywords: [] })[0]!.url,
    ).toBe("https://paperboy.example/?date=2026-11-27&topic=quantization");
    expect(seeAllLinks(ctx, { allTopics: true, topicIds: [], keywords: [] })[0]!.url).toBe(
      "https://paperboy.example/?period=week&date=2026-11-23",
    );
  });

  it("renders the fields in the HTML and the text part, and marks a sample", async () => {
    process.env.APP_SECRET ??= "r".repeat(48);
    const base: RenderContext = {
      ...ctx,
      runId: 1,
      frequency: "weekly",
      periodLabel: "Week 48, 2026 (23–29 November)",
      papers: new Map([[paper.id, paper]]),
      cache: new Map(),
    };
    const recipient = {
      deliveryId: 1,
      subscriberId: 1,
      email: "reader@example.com",
      linkSecret: "s".repeat(32),
      ...reader,
      paperIds: [paper.id],
    };
    const message = await renderDigest(base, recipient);
    expect(message.subject).toBe("1 new paper in Quantization · Week 48, 2026 (23–29 November)");
    expect(message.text).toContain("Paperboy weekly digest: Week 48, 2026 (23–29 November)");
    for (const line of [
      "   Ada Lovelace, Alan Turing, Grace Hopper et al.",
      "   1 vote",
      "   arXiv: https://arxiv.org/abs/2608.17253",
      "   PDF: https://arxiv.org/pdf/2608.17253",
      "   Code: https://github.com/a/b",
      "   Why: Quantization, “kv cache”",
      "Every paper in Quantization: https://paperboy.example/?period=week&date=2026-11-23&topic=quantization",
    ])
      expect(message.text).toContain(line);
    expect(message.html).toContain('href="https://arxiv.org/pdf/2608.17253"');
    expect(message.html).toContain("Why: Quantization, “kv cache”");
    // Inline styles, table layout, no <style> block or script.
    expect(message.html).toMatch(/<table[^>]+role="presentation"/);
    expect(message.html).not.toMatch(/<(style|script)\b/);

    const sample = await renderDigest({ ...base, sample: "Sample, sent on request.", cache: new Map() }, recipient);
    expect(sample.subject).toBe("[Sample] 1 paper in Quantization · Week 48, 2026 (23–29 November)");
    expect(sample.text.startsWith("Sample, sent on request.")).toBe(true);
    expect(sample.html).toContain('data-sample="true"');
  });
});
