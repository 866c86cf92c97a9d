import { describe, expect, it } from "vitest";
import { arxivIdInQuery, arxivTitleSearchUrl, paperPath, paperUrl, parsePaperRef, titleSlug } from "@/lib/papers/url";

describe("canonical paper URLs", () => {
  it("are /papers/<arXiv id> when the id is known", () => {
    expect(paperPath({ id: 915, arxivId: "2503.12345", title: "X" })).toBe("/papers/2503.12345");
    expect(paperUrl("https://paperboy.example", { id: 915, arxivId: "2503.12345", title: "X" })).toBe(
      "https://paperboy.example/papers/2503.12345",
    );
  });

  it("are a stable row-id slug without one, or with an old-style id that cannot be one path segment", () => {
    expect(paperPath({ id: 7, arxivId: null, title: "DEEM: Diffusion Models Serve as the Eyes of LLMs!" })).toBe(
      "/papers/p-7-deem-diffusion-models-serve-as-the-eyes-of-llms",
    );
    expect(paperPath({ id: 8, arxivId: "hep-th/9901001", title: "Strings" })).toBe("/papers/p-8-strings");
  });

  it("slugs are ASCII, at most 60 characters cut at a word, never empty", () => {
    expect(titleSlug("Ωμέγα Café — naïve")).toBe("cafe-naive");
    expect(titleSlug("😀")).toBe("paper");
    const long = titleSlug("word ".repeat(40));
    expect(long.length).toBeLessThanOrEqual(60);
    expect(long.endsWith("-")).toBe(false);
  });
});

describe("parsePaperRef", () => {
  it.each([
    ["2503.12345", { kind: "arxiv", arxivId: "2503.12345" }],
    ["2503.12345v3", { kind: "arxiv", arxivId: "2503.12345" }],
    ["arXiv:2503.1234", { kind: "arxiv", arxivId: "2503.1234" }],
    ["915", { kind: "id", id: 915 }],
    ["p-915-some-title", { kind: "slug", id: 915, slug: "some-title" }],
    ["p-915", { kind: "slug", id: 915, slug: "" }],
  ])("%s", (segment, ref) => {
    expect(parsePaperRef(segment)).toEqual(ref);
  });

  it.each(["abc", "0", "99999999999", "p-0-x", "2503.123", "p-1-UPPER", "../etc"])("%s names no paper", (segment) => {
    expect(parsePaperRef(segment)).toBeNull();
  });
});

describe("arxivIdInQuery: what typed into search goes straight to a paper", () => {
  it.each([
    ["2608.19880", "2608.19880"],
    [" 2608.19880v2 ", "2608.19880"],
    ["arXiv:2608.19880", "2608.19880"],
    ["https://arxiv.org/abs/2608.19880", "2608.19880"],
    ["https://arxiv.org/abs/2608.19880v1", "2608.19880"],
    ["arxiv.org/pdf/2608.19880v2.pdf", "2608.19880"],
    ["http://www.arxiv.org/html/2608.19880v1/", "2608.19880"],
    ["https://huggingface.co/papers/2608.19880", "2608.19880"],
    ["huggingface.co/papers/2608.19880?x=1#y", "2608.19880"],
  ])("%s", (q, id) => {
    expect(arxivIdInQuery(q)).toBe(id);
  });

  it.each([
    "mixture of experts",
    "2608",
    "https://example.org/abs/2608.19880",
    "https://huggingface.co/models/2608.19880",
    "https://arxiv.org/list/cs.CL/2608.19880",
    "2608.19880 quantization",
  ])("%s is not an id", (q) => {
    expect(arxivIdInQuery(q)).toBeNull();
  });
});

it("papers without an id link an arXiv title search", () => {
  expect(arxivTitleSearchUrl("A & B: C")).toBe("https://arxiv.org/search/?query=A+%26+B%3A+C&searchtype=title");
});
