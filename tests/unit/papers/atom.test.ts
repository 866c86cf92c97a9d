import { describe, expect, it } from "vitest";
import { renderAtom, xmlText } from "@/lib/papers/atom";
import type { PaperListItem } from "@/lib/papers/types";

const paper: PaperListItem = {
  id: 7,
  arxivId: "2403.08999",
  title: 'Q&A <with> "quotes"',
  summary: "Low-bit \u0001weights & KV cache <b>",
  authors: ["Ada O'Neil"],
  repoUrl: "https://github.com/x/y?a=1&b=2",
  repoStars: 12,
  projectUrl: null,
  onHuggingFace: true,
  publishedAt: null,
  featuredOn: "2025-03-14",
  upvotes: 3,
  localVotes: 1,
  sourceRank: 0,
  score: 0.1,
  topics: [{ slug: "quantization", name: "Quantization" }],
};

describe("Atom feed", () => {
  it("escapes the five XML specials and drops characters XML forbids", () => {
    expect(xmlText(`<a href="x">&'</a>\u0000\u0008\uffff`)).toBe("&lt;a href=&quot;x&quot;&gt;&amp;&apos;&lt;/a&gt;");
  });

  it("renders absolute links, escaped text and one entry per paper", () => {
    const xml = renderAtom({
      title: "Paperboy: March 2025",
      selfUrl: "https://paperboy.example/feed.xml?period=month&topic=quantization",
      htmlUrl: "https://paperboy.example/?period=month&topic=quantization",
      appUrl: "https://paperboy.example",
      updated: "2025-03-14T00:00:00Z",
      papers: [paper],
    });
    expect(xml.startsWith('<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom">')).toBe(
      true,
    );
    expect(xml).toContain(
      '<link rel="self" type="application/atom+xml" href="https://paperboy.example/feed.xml?period=month&amp;topic=quantization"/>',
    );
    expect(xml).toContain("<id>https://paperboy.example/papers/2403.08999</id>");
    expect(xml).toContain('<link rel="related" title="arXiv" href="https://arxiv.org/abs/2403.08999"/>');
    expect(xml).toContain("https://github.com/x/y?a=1&amp;b=2");
    expect(xml).toContain('<title type="text">Q&amp;A &lt;with&gt; &quot;quotes&quot;</title>');
    expect(xml).toContain('<summary type="text">Low-bit weights &amp; KV cache &lt;b&gt;</summary>');
    expect(xml).toContain("<name>Ada O&apos;Neil</name>");
    expect(xml).toContain('<category term="quantization" label="Quantization"/>');
    expect(xml.match(/<entry>/g)).toHaveLength(1);
    expect(xml).not.toContain("\u0001");
  });
});
