import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { PaperLinks } from "@/components/paper-links";

const render = (paper: { arxivId: string | null; repoUrl: string | null; projectUrl: string | null }) =>
  renderToStaticMarkup(createElement(PaperLinks, { paper }));

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

  it("renders no arXiv links without an id and nothing when there is nothing to link", () => {
    expect(render({ arxivId: null, repoUrl: "https://github.com/a/b", projectUrl: null })).not.toContain("arxiv.org");
    expect(render({ arxivId: null, repoUrl: null, projectUrl: null })).toBe("");
  });
});
