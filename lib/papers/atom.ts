import { safeHttpUrl } from "@/lib/http/url";
import { plainText } from "./text";
import type { PaperListItem } from "./types";
import { paperUrl } from "./url";

// Atom 1.0 (RFC 4287) for any feed view. Every text goes through xmlText, so
// titles and abstracts with <, & or control characters still give valid XML.

export function xmlText(value: string): string {
  return (
    value
      // Characters XML 1.0 forbids outright (C0 controls except tab, newline, carriage return; lone surrogates; U+FFFE/U+FFFF).
      .replace(
        // biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is this pattern's job
        /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g,
        "",
      )
      .replace(/&/g, "&amp;")
      .replace(/</g, "&lt;")
      .replace(/>/g, "&gt;")
      .replace(/"/g, "&quot;")
      .replace(/'/g, "&apos;")
  );
}

export type AtomFeed = {
  title: string;
  /** Absolute URL of this feed (rel=self). */
  selfUrl: string;
  /** Absolute URL of the HTML view (rel=alternate). */
  htmlUrl: string;
  appUrl: string;
  updated: string;
  papers: PaperListItem[];
};

export function renderAtom(feed: AtomFeed): string {
  const entries = feed.papers.map((p) => {
    const url = paperUrl(feed.appUrl, p);
    const repoUrl = safeHttpUrl(p.repoUrl);
    // Atom text constructs can't isolate direction (no markup): the overrides are dropped (lib/papers/text.ts).
    const authors = p.authors.map((a) => `    <author><name>${xmlText(plainText(a))}</name></author>`).join("\n");
    const links = [
      `    <link rel="alternate" type="text/html" href="${xmlText(url)}"/>`,
      p.arxivId
        ? `    <link rel="related" title="arXiv" href="${xmlText(`https://arxiv.org/abs/${p.arxivId}`)}"/>`
        : "",
      repoUrl ? `    <link rel="related" title="Code" href="${xmlText(repoUrl)}"/>` : "",
    ].filter(Boolean);
    const categories = p.topics.map((t) => `    <category term="${xmlText(t.slug)}" label="${xmlText(t.name)}"/>`);
    return [
      "  <entry>",
      `    <id>${xmlText(url)}</id>`,
      `    <title type="text">${xmlText(plainText(p.title))}</title>`,
      ...links,
      `    <updated>${p.featuredOn}T00:00:00Z</updated>`,
      p.publishedAt ? `    <published>${xmlText(p.publishedAt)}</published>` : "",
      authors || `    <author><name>Unknown</name></author>`,
      ...categories,
      `    <summary type="text">${xmlText(plainText(p.summary))}</summary>`,
      "  </entry>",
    ]
      .filter(Boolean)
      .join("\n");
  });
  return [
    `<?xml version="1.0" encoding="utf-8"?>`,
    `<feed xmlns="http://www.w3.org/2005/Atom">`,
    `  <id>${xmlText(feed.selfUrl)}</id>`,
    `  <title type="text">${xmlText(feed.title)}</title>`,
    `  <link rel="self" type="application/atom+xml" href="${xmlText(feed.selfUrl)}"/>`,
    `  <link rel="alternate" type="text/html" href="${xmlText(feed.htmlUrl)}"/>`,
    `  <updated>${feed.updated}</updated>`,
    `  <generator>Paperboy</generator>`,
    ...entries,
    `</feed>`,
    "",
  ].join("\n");
}
