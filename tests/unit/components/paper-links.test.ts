import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { PaperLinks } from "@/components/paper-links";

type Fields = Parameters<typeof PaperLinks>[0]["paper"];
const base: Fields = {
  arxivId: null,
  title: "A Paper",
  repoUrl: null,
  repoStars: null,
  projectUrl: null,
  onHuggingFace: false,
};
const render = (paper: Partial<Fields>) =>
  renderToStaticMarkup(createElement(PaperLinks, { paper: { ...base, ...paper } }));

describe("paper links", () => {
  it("links the arXiv abstract and PDF when the id is known, plus code and project page", () => {
    const html = render({
      arxivId: "2403.08999",
      repoUrl: "https://github.com/a/b",
      projectUrl: "https://example.org/p?x=1&y=2",
    });
    expect(html).toContain('href="https://arxiv.org/abs/2403.08999"');
    expect(html).toContain('href="https://arxiv.org/pdf/2403.08999"');
    expect(html).toContain('href="https://github.com/a/b"');
    expect(html).toContain('href="https://example.org/p?x=1&amp;y=2"');
    expect(html.match(/<a /g)).toHaveLength(4);
  });

  it("links the Hugging Face paper page for a daily paper with an id", () => {
    expect(render({ arxivId: "2403.08999", onHuggingFace: true })).toContain(
      'href="https://huggingface.co/papers/2403.08999"',
    );
    expect(render({ arxivId: "2403.08999", onHuggingFace: false })).not.toContain("huggingface.co");
  });

  it("shows GitHub stars beside the code link, compactly, with a spoken unit", () => {
    const html = render({ repoUrl: "https://github.com/a/b", repoStars: 12_345 });
    expect(html).toMatch(
      />Code<\/a><span[^>]*data-testid="repo-stars"[^>]*><span aria-hidden="true">★ <\/span>12.3K<span class="sr-only"> GitHub stars<\/span>/,
    );
    expect(render({ repoUrl: "https://github.com/a/b", repoStars: 0 })).not.toContain("stars");
  });

  it("without an arXiv id: a Find on arXiv title search, and nothing else when there is nothing to link", () => {
    const html = render({ title: "Croc: Pretraining" });
    expect(html).toContain('href="https://arxiv.org/search/?query=Croc%3A+Pretraining&amp;searchtype=title"');
    expect(html).toContain(">Find on arXiv</a>");
    expect(html.match(/<a /g)).toHaveLength(1);
  });
});
