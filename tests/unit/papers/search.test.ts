import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { Highlight } from "@/components/highlight";
import { MARK_END, MARK_START, snippetParts } from "@/lib/papers/search";

const m = (s: string) => `${MARK_START}${s}${MARK_END}`;

describe("search highlight snippets", () => {
  it("splits ts_headline output into plain and marked parts", () => {
    expect(snippetParts(`a ${m("vision")} and ${m("language")} model`)).toEqual([
      { text: "a ", mark: false },
      { text: "vision", mark: true },
      { text: " and ", mark: false },
      { text: "language", mark: true },
      { text: " model", mark: false },
    ]);
    expect(snippetParts("no match")).toEqual([{ text: "no match", mark: false }]);
    expect(snippetParts("")).toEqual([]);
  });

  it("survives unbalanced markers", () => {
    expect(snippetParts(`x ${MARK_START}open`)).toEqual([
      { text: "x ", mark: false },
      { text: "open", mark: true },
    ]);
    expect(snippetParts(`stray${MARK_END} end`)).toEqual([{ text: "stray end", mark: false }]);
  });

  it("renders marks as elements and paper text as escaped text, never HTML", () => {
    const html = renderToStaticMarkup(
      createElement(Highlight, { parts: snippetParts(`<img src=x onerror=alert(1)> ${m("<b>bold</b>")}`) }),
    );
    expect(html).toContain("&lt;img src=x onerror=alert(1)&gt;");
    expect(html).toMatch(/<mark[^>]*>&lt;b&gt;bold&lt;\/b&gt;<\/mark>/);
    expect(html).not.toContain("<img");
  });
});
