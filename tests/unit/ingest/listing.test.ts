import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { extractLinks, type ListingPaper, ListingParseError, parseListing } from "@/lib/ingest/listing";

const SEED_PATH = fileURLToPath(new URL("../../../prisma/seed/2025-03-14-listing.txt", import.meta.url));
const seedText = readFileSync(SEED_PATH, "utf8");
const OPTIONS = { featuredOn: "2025-03-14" };

/** Run fn and return the ListingParseError it throws (fails the test otherwise). */
function parseError(fn: () => unknown): ListingParseError {
  try {
    fn();
  } catch (error) {
    if (error instanceof ListingParseError) return error;
    throw error;
  }
  throw new Error("expected a ListingParseError, nothing was thrown");
}

/** Expected titles, read from the file the simplest way: non-empty lines after "Mar 14", even positions. */
function expectedTitles(text: string): string[] {
  const lines = text.split("\n");
  const content = lines.slice(lines.indexOf("Mar 14") + 1).filter((l) => l.trim() !== "");
  return content.filter((_, i) => i % 2 === 0);
}

describe("parseListing on the shipped 2025-03-14 listing", () => {
  const papers = parseListing(seedText, OPTIONS);
  const byTitle = (title: string): ListingPaper => {
    const paper = papers.find((p) => p.title === title);
    if (!paper) throw new Error(`no paper titled ${title}`);
    return paper;
  };

  it("finds exactly 134 papers", () => {
    expect(papers).toHaveLength(134);
  });

  it("reads every title in file order", () => {
    const titles = expectedTitles(seedText);
    expect(titles).toHaveLength(134);
    expect(papers.map((p) => p.title)).toEqual(titles);
  });

  it("gets the first and last titles exactly", () => {
    expect(papers[0]?.title).toBe(
      "DEEM: Diffusion Models Serve as the Eyes of Large Language Models for Image Perception",
    );
    expect(papers[1]?.title).toBe("Croc: Pretraining Large Multimodal Models with Cross-Modal Comprehension");
    expect(papers[2]?.title).toBe(
      "Beyond Task Performance: Evaluating and Reducing the Flaws of Large Multimodal Models with In-Context Learning",
    );
    expect(papers[132]?.title).toBe("EdgeMoE: Fast On-Device Inference of MoE-based Large Language Models");
    expect(papers[133]?.title).toBe("LServe: Efficient Long-sequence LLM Serving with Unified Sparse Attention");
  });

  it("pairs each title with its abstract", () => {
    expect(papers[0]?.summary).toMatch(/^The development of large language models \(LLMs\) has significantly advanced/);
    expect(papers[0]?.summary).toMatch(/and a smaller base model size\.$/);
    expect(papers[133]?.summary).toMatch(/https:\/\/github\.com\/mit-han-lab\/omniserve\.$/);
    for (const p of papers) {
      expect(p.summary.length).toBeGreaterThan(p.title.length);
      expect(p.summary).not.toMatch(/\s{2}|^\s|\s$/);
    }
  });

  it("numbers sourceRank 0..133 in order and sets featuredOn", () => {
    expect(papers.map((p) => p.sourceRank)).toEqual(Array.from({ length: 134 }, (_, i) => i));
    expect(new Set(papers.map((p) => p.featuredOn))).toEqual(new Set(["2025-03-14"]));
  });

  it("extracts repository URLs with trailing punctuation stripped", () => {
    // "...weights at https://github.com/deepglint/Croc."
    expect(byTitle("Croc: Pretraining Large Multimodal Models with Cross-Modal Comprehension").repoUrl).toBe(
      "https://github.com/deepglint/Croc",
    );
    // Trailing comma.
    expect(
      byTitle("Injecting Domain-Specific Knowledge into Large Language Models: A Comprehensive Survey").repoUrl,
    ).toBe("https://github.com/abilliyb/Knowledge_Injection_Survey_Papers");
    // "(https://github.com/linkedin/ControlLLM)"
    expect(byTitle("Control LLM: Controlled Evolution for Intelligence Retention in LLM").repoUrl).toBe(
      "https://github.com/linkedin/ControlLLM",
    );
    // Deep link into the repo ".../agentscope/tree/main/examples/..." reduces to the repository.
    expect(byTitle("On the Design and Analysis of LLM-Based Algorithms").repoUrl).toBe(
      "https://github.com/modelscope/agentscope",
    );
    // LaTeX leftover "\url{https://github.com/wbbeyourself/SCM4LLMs}".
    expect(
      byTitle(
        "Unleashing Infinite-Length Input Capacity for Large-scale Language Models with Self-Controlled Memory System",
      ).repoUrl,
    ).toBe("https://github.com/wbbeyourself/SCM4LLMs");
    // No trailing punctuation at all.
    expect(papers[8]?.repoUrl).toBe("https://github.com/Beckschen/LLaVolta");
    expect(papers[133]?.repoUrl).toBe("https://github.com/mit-han-lab/omniserve");
  });

  it("extracts project URLs, including github.io pages, and skips repositories", () => {
    const mmeCot = byTitle(
      "MME-CoT: Benchmarking Chain-of-Thought in Large Multimodal Models for Reasoning Quality, Robustness, and Efficiency",
    );
    expect(mmeCot).toMatchObject({ projectUrl: "https://mmecot.github.io/", repoUrl: null });
    // "https://mathvista.github.io/." keeps the slash, loses the period.
    expect(
      byTitle("MathVista: Evaluating Mathematical Reasoning of Foundation Models in Visual Contexts").projectUrl,
    ).toBe("https://mathvista.github.io/");
    // "(https://codellm.github.io)"
    expect(byTitle("A Survey on Large Language Models for Code Generation")).toMatchObject({
      projectUrl: "https://codellm.github.io",
      repoUrl: null,
    });
    expect(byTitle("FLM-101B: An Open LLM and How to Train It with $100K Budget").projectUrl).toBe(
      "https://huggingface.co/CofeAI/FLM-101B",
    );
    // Both kinds in one abstract.
    expect(
      byTitle("ULLME: A Unified Framework for Large Language Model Embeddings with Generation-Augmented Learning"),
    ).toMatchObject({ repoUrl: "https://github.com/nlp-uoregon/ullme", projectUrl: "https://rb.gy/ws1ile" });
    expect(byTitle("On-Device Language Models: A Comprehensive Review")).toMatchObject({
      repoUrl: "https://github.com/NexaAI/Awesome-LLMs-on-device",
      projectUrl: "https://www.nexaai.com/models",
    });
    expect(byTitle("Control LLM: Controlled Evolution for Intelligence Retention in LLM").projectUrl).toBe(
      "https://huggingface.co/ControlLLM",
    );
  });

  it("leaves both links null when the abstract has no URL", () => {
    expect(papers[0]).toMatchObject({ repoUrl: null, projectUrl: null });
    // Mentions "available on GitHub." without a URL.
    const compact = byTitle("Compact Language Models via Pruning and Knowledge Distillation");
    expect(compact.summary).toContain("GitHub");
    expect(compact).toMatchObject({ repoUrl: null, projectUrl: null });
    for (const p of papers.filter((p) => !/https?:\/\/|github\.com|gitlab\.com/i.test(p.summary))) {
      expect(p).toMatchObject({ repoUrl: null, projectUrl: null });
    }
  });

  it("finds links in the expected number of papers", () => {
    expect(papers.filter((p) => p.repoUrl !== null)).toHaveLength(45);
    expect(papers.filter((p) => p.projectUrl !== null)).toHaveLength(13);
  });

  it("parses CRLF input the same", () => {
    const crlf = seedText.replace(/\n/g, "\r\n");
    expect(crlf).toContain("\r\n");
    expect(parseListing(crlf, OPTIONS)).toEqual(papers);
  });
});

describe("parseListing on malformed input", () => {
  const small = (...body: string[]) => ["New", "Subscribe", "Mar 14", "", ...body].join("\n");

  it("accepts a minimal listing and collapses whitespace", () => {
    const papers = parseListing(small("  A \t title  ", "", "An   abstract\tsee github.com/o/r."), OPTIONS);
    expect(papers).toEqual([
      {
        title: "A title",
        summary: "An abstract see github.com/o/r.",
        repoUrl: "https://github.com/o/r",
        projectUrl: null,
        featuredOn: "2025-03-14",
        sourceRank: 0,
      },
    ]);
  });

  it("rejects a listing without a header date", () => {
    const error = parseError(() => parseListing("New\nSubscribe\n\nTitle\n\nAbstract\n", OPTIONS));
    expect(error.line).toBe(1);
    expect(error.message).toMatch(/header date/);
    expect(error.message).toContain("line 1");
  });

  it("names the line of a title without an abstract", () => {
    // Lines: 1 New, 2 Subscribe, 3 Mar 14, 4 "", 5 T1, 6 "", 7 A1, 8 "", 9 T2
    const error = parseError(() => parseListing(small("T1", "", "A1", "", "T2"), OPTIONS));
    expect(error.line).toBe(9);
    expect(error.message).toContain("line 9");
    expect(error.message).toContain("T2");
  });

  it("names the last title's line when the shipped listing loses its last abstract", () => {
    const lines = seedText.split("\n");
    const lastTitleLine =
      lines.indexOf("LServe: Efficient Long-sequence LLM Serving with Unified Sparse Attention") + 1;
    const truncated = lines.slice(0, lastTitleLine).join("\n");
    const error = parseError(() => parseListing(truncated, OPTIONS));
    expect(error.line).toBe(543);
    expect(error.line).toBe(lastTitleLine);
  });

  it("catches an abstract missing mid-listing through the title length limit", () => {
    const lines = seedText.split("\n");
    lines[16] = ""; // drop Croc's abstract (line 17); the next abstract (line 21) is then read as a title
    const error = parseError(() => parseListing(lines.join("\n"), OPTIONS));
    expect(error.line).toBe(21);
    expect(error.message).toMatch(/title longer than 1000/);
  });

  it("rejects a listing with no papers", () => {
    const error = parseError(() => parseListing(small("", "  ", ""), OPTIONS));
    expect(error.line).toBe(3);
    expect(error.message).toMatch(/no papers/);
  });

  it.each(["2025-02-30", "2025-13-01", "14/03/2025", "2025-3-14", ""])(
    "rejects the featuredOn option %j",
    (featuredOn) => {
      const error = parseError(() => parseListing(seedText, { featuredOn }));
      expect(error.message).toMatch(/featuredOn/);
      expect(error.line).toBe(0);
    },
  );

  it.each(["2025-03-15", "2025-04-14", "2025-12-03"])("rejects a header date that disagrees with %s", (featuredOn) => {
    const error = parseError(() => parseListing(seedText, { featuredOn }));
    expect(error.line).toBe(9); // "Mar 14" is line 9 of the seed file
    expect(error.message).toContain("Mar 14");
  });

  it("takes the year from the option", () => {
    expect(parseListing(seedText, { featuredOn: "2024-03-14" })[0]?.featuredOn).toBe("2024-03-14");
  });

  it("rejects an oversized title or abstract", () => {
    const titleError = parseError(() => parseListing(small("T1", "", "A1", "", "x".repeat(1001), "", "A2"), OPTIONS));
    expect(titleError.line).toBe(9);
    expect(titleError.message).toMatch(/title longer than 1000/);
    expect(parseListing(small("x".repeat(1000), "", "A"), OPTIONS)).toHaveLength(1);

    const summaryError = parseError(() => parseListing(small("T1", "", "y".repeat(20001)), OPTIONS));
    expect(summaryError.line).toBe(7);
    expect(summaryError.message).toMatch(/abstract longer than 20000/);
  });
});

describe("extractLinks", () => {
  it("normalises bare, www and .git repository URLs", () => {
    expect(extractLinks("code: github.com/Owner/Repo.git.")).toEqual({
      repoUrl: "https://github.com/Owner/Repo",
      projectUrl: null,
    });
    expect(extractLinks("see http://www.github.com/a/b;").repoUrl).toBe("https://github.com/a/b");
  });

  it("keeps nested GitLab groups up to the /-/ separator", () => {
    expect(extractLinks("(https://gitlab.com/group/sub/repo/-/tree/main)").repoUrl).toBe(
      "https://gitlab.com/group/sub/repo",
    );
  });

  it("ignores arXiv, user pages and look-alike hosts; keeps balanced brackets", () => {
    expect(extractLinks("https://arxiv.org/abs/2401.00001 https://github.com/someone foo.github.com/x/y")).toEqual({
      repoUrl: null,
      projectUrl: null,
    });
    expect(extractLinks("[https://en.wikipedia.org/wiki/A_(b)]").projectUrl).toBe(
      "https://en.wikipedia.org/wiki/A_(b)",
    );
  });

  it("returns the first of each kind", () => {
    expect(
      extractLinks('"https://a.example/x", https://github.com/o/one, https://b.example/y https://github.com/o/two'),
    ).toEqual({ repoUrl: "https://github.com/o/one", projectUrl: "https://a.example/x" });
  });
});
