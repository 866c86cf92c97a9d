import { describe, expect, it } from "vitest";
import { classify, MAX_EVIDENCE, ruleResults, ruleSource } from "@/lib/topics/classify";
import { MODELS } from "@/lib/topics/model";
import { TOPICS } from "@/lib/topics/taxonomy";
import { TAXONOMY_VERSION, taxonomyVersion } from "@/lib/topics/version";

const slugs = (title: string, summary = "") => classify(title, summary).map((m) => m.slug);
const evidenceFor = (slug: string, title: string, summary = "") =>
  classify(title, summary).find((m) => m.slug === slug)?.evidence;

describe("taxonomy", () => {
  it("has at least 15 topics with stable kebab-case slugs, names and one-line descriptions", () => {
    expect(TOPICS.length).toBeGreaterThanOrEqual(15);
    const seen = new Set<string>();
    for (const t of TOPICS) {
      expect(t.slug).toMatch(/^[a-z0-9]+(?:-[a-z0-9]+)*$/);
      expect(seen.has(t.slug)).toBe(false);
      seen.add(t.slug);
      expect(t.name.length).toBeGreaterThan(2);
      expect(t.description).not.toMatch(/\n/);
      expect(t.include.length).toBeGreaterThan(0);
    }
    for (const required of [
      "lmm",
      "quantization",
      "pruning-sparsity",
      "distillation",
      "mixture-of-experts",
      "long-context",
      "efficient-inference",
      "rag",
      "agents",
      "reasoning",
      "evaluation",
      "surveys",
      "code-generation",
      "recommendation",
      "multilingual",
      "alignment",
    ]) {
      expect(seen.has(required)).toBe(true);
    }
  });

  it("has a version that is a hash of the rules", () => {
    expect(TAXONOMY_VERSION).toMatch(/^[0-9a-f]{16}$/);
    expect(taxonomyVersion(TOPICS)).toBe(TAXONOMY_VERSION);
    const edited = TOPICS.map((t) => (t.slug === "rag" ? { ...t, include: [...t.include, { p: "retrieval" }] } : t));
    expect(taxonomyVersion(edited)).not.toBe(TAXONOMY_VERSION);
    const renamed = TOPICS.map((t) => (t.slug === "rag" ? { ...t, minScore: 3 } : t));
    expect(taxonomyVersion(renamed)).not.toBe(TAXONOMY_VERSION);
    // New model weights reclassify stored papers too.
    const lmm = MODELS.topics.lmm!;
    const retrained = {
      ...MODELS,
      topics: {
        ...MODELS.topics,
        lmm: { ...lmm, threshold: lmm.threshold + 0.1 },
      },
    };
    expect(taxonomyVersion(TOPICS, retrained)).not.toBe(TAXONOMY_VERSION);
  });

  it("turns phrases into patterns with flexible separators, plurals and wildcards", () => {
    expect(ruleSource({ p: "mixture of experts" })).toBe("mixture[\\s-]+of[\\s-]+experts(?:e?s)?");
    expect(ruleSource({ p: "quantiz*" })).toBe("quantiz[A-Za-z]*");
    expect(ruleSource({ p: "1.58-bit" })).toBe("1\\.58[\\s-]+bit(?:e?s)?");
    expect(ruleSource({ p: "\\d+ languages", re: true })).toBe("\\d+ languages");
  });
});

describe("classify", () => {
  it("matches on word boundaries only", () => {
    expect(slugs("Grounding LMMs for segmentation")).toContain("lmm");
    expect(slugs("The groundingLMM toolkit")).not.toContain("lmm");
    expect(slugs("Routing study", "We build MoEBench and MoEFusion.")).not.toContain("mixture-of-experts");
    expect(evidenceFor("lmm", "LLaVA-1.5 and GPT-4V(ision) compared", "A study of LLaVA-1.5 and LMMs.")).toEqual([
      "LLaVA",
      "GPT-4V",
      "LMMs",
    ]);
  });

  it("treats spaces and hyphens alike and accepts plurals", () => {
    expect(slugs("A mixture-of-experts language model")).toContain("mixture-of-experts");
    expect(slugs("A mixture of experts language model")).toContain("mixture-of-experts");
    expect(slugs("Retrieval augmented generation for QA")).toContain("rag");
    expect(slugs("Long context modelling")).toContain("long-context");
  });

  it("matches acronyms case-sensitively", () => {
    expect(slugs("Sparse MoE layers")).toContain("mixture-of-experts");
    expect(slugs("moe: a tool", "Nothing else.")).not.toContain("mixture-of-experts");
    expect(slugs("RAG for enterprise search")).toContain("rag");
    expect(slugs("The rag and the bone", "A story.")).not.toContain("rag");
    expect(slugs("Binarized LMM", "")).toContain("lmm");
    expect(slugs("Lmm", "lmm lmm lmm")).not.toContain("lmm");
  });

  it('does not read "LLM" as "LMM"', () => {
    expect(
      slugs("LLMs as judges", "We evaluate large language models (LLMs) as judges. LLM judges are biased."),
    ).not.toContain("lmm");
  });

  it("needs more than one passing mention for multimodal models", () => {
    // A paper that merely compares against LMMs once is not an LMM paper.
    expect(slugs("Document extraction as tool use", "Our LLM pipeline beats LMMs on invoices.")).not.toContain("lmm");
    expect(slugs("Document extraction", "Large multimodal models (LMMs) read images. We improve LMMs.")).toContain(
      "lmm",
    );
  });

  it("does not count quantum physics or quantitative studies as quantization", () => {
    expect(slugs("A quantitative study of quantum error rates")).not.toContain("quantization");
    expect(slugs("Quantized energy levels", "We study quantized energy in quantum mechanics.")).not.toContain(
      "quantization",
    );
    expect(slugs("Post-training quantization of LLMs")).toContain("quantization");
    expect(slugs("FP8 training", "We train with FP8 and 4-bit weights.")).toContain("quantization");
  });

  it("does not count a biochemical ternary complex as a ternary network", () => {
    expect(
      slugs(
        "TriGlue: Generating Molecular Glue-Induced Ternary Complexes",
        "Molecular glues induce ternary complex formation between an E3 ligase and a target protein.",
      ),
    ).not.toContain("quantization");
    expect(slugs("Ternary weights for LLMs", "We train ternary networks.")).toContain("quantization");
  });

  it("lets exclusions veto the individual matches they cover", () => {
    expect(slugs("VQ tokenizers", "An image tokenizer with vector quantization and a VQ-VAE.")).not.toContain(
      "quantization",
    );
    expect(
      evidenceFor(
        "quantization",
        "VQ image codes with 4-bit weights",
        "Vector quantization of patches; we also use 4-bit weights.",
      ),
    ).toEqual(["4-bit"]);
    expect(
      slugs("Scaling image tokenizers with grouped spherical quantization", "A codebook tokenizer."),
    ).not.toContain("quantization");
    expect(
      slugs("Behavior cloning with action quantization", "Quantized actions and their quantization error."),
    ).not.toContain("quantization");
    expect(slugs("Data pruning for pretraining", "We remove data; data pruning helps.")).not.toContain(
      "pruning-sparsity",
    );
    expect(slugs("Cross-modal alignment", "Better cross-modal alignment of images and text.")).not.toContain(
      "alignment",
    );
    expect(slugs("Contextual code switching", "Code-switching in translation.")).not.toContain("code-generation");
    expect(slugs("Contextual code switching", "Code-switching in translation.")).toContain("multilingual");
  });

  it("lets a veto drop a topic unless a decisive rule matched", () => {
    // "tokenizer" vetoes quantization: image tokenizers quantize latents, not models.
    expect(slugs("An image tokenizer", "We quantize patches into 4-bit codes.")).not.toContain("quantization");
    expect(slugs("A quantum view of quantization", "")).not.toContain("quantization");
    // ...but post-training quantization of a model is decisive, tokenizer or not: the rules propose the topic,
    // and the learned model (which weighs how much of the paper is about it) decides.
    const rules = ruleResults("An image tokenizer", "We apply post-training quantization to the tokenizer.");
    expect(rules.find((r) => r.slug === "quantization")).toMatchObject({
      tagged: true,
      blocked: false,
      evidence: ["post-training quantization"],
    });
    expect(
      evidenceFor(
        "quantization",
        "Post-training quantization of an image tokenizer",
        "We apply post-training quantization to the tokenizer.",
      ),
    ).toEqual(["Post-training quantization"]);
  });

  it("ignores sentences about future work", () => {
    const summary = "We train a small model on CPUs. Ongoing efforts aim to speed it up with quantization techniques.";
    expect(slugs("A lightweight LLM", summary)).not.toContain("quantization");
    expect(slugs("A lightweight LLM", "We apply 4-bit quantization. In future work we study pruning.")).toEqual(
      expect.arrayContaining(["quantization"]),
    );
    expect(slugs("A lightweight LLM", "We apply 4-bit quantization. In future work we study pruning.")).not.toContain(
      "pruning-sparsity",
    );
  });

  it("does not count negated mentions or tools that only judge the outputs", () => {
    expect(
      slugs("Autoregressive mesh generation", "We generate meshes without vertex quantization, at full precision."),
    ).not.toContain("quantization");
    expect(
      slugs(
        "A benchmark for video generation",
        "We score generated videos with a VLM as a judge and GPT-4o as the judge; MLLM-based evaluation agrees with humans.",
      ),
    ).not.toContain("lmm");
    // A model inside the evaluation protocol (a demo paper's case, issue 18).
    const protocol = slugs(
      "SemComp-Bench: Benchmarking Semantic Task Completion in Video Generation",
      "We introduce SemComp-Bench, an evaluation protocol that uses a vision-language model (VLM) to answer structured binary questions about generated videos.",
    );
    expect(protocol).not.toContain("lmm");
    expect(protocol).toContain("evaluation");
  });

  it("does not count a format the system merely supports", () => {
    const kernel = (summary: string) =>
      evidenceFor("quantization", "A block-sparse attention kernel for serving", summary);
    expect(kernel("We redesign the operator, supporting FP8 inference, and add paged KV cache.")).toBeUndefined();
    expect(kernel("The kernel has native INT8 support and continuous batching.")).toBeUndefined();
    expect(kernel("We quantize the attention operator to FP8 and INT8 with per-block scales.")).toEqual(
      expect.arrayContaining(["FP8"]),
    );
  });

  it("needs a title mention, a decisive phrase or a second mention: one passing mention is not the subject", () => {
    expect(slugs("Forecasting weather", "Our model is small. We also support FP8 at inference.")).not.toContain(
      "quantization",
    );
    expect(slugs("Forecasting weather", "A small model. We train it in FP8.")).not.toContain("pruning-sparsity");
    expect(slugs("A router for experts", "We compare with one MoE baseline.")).not.toContain("mixture-of-experts");
    expect(slugs("A router for experts", "A sparse MoE. Our MoE routes tokens.")).toContain("mixture-of-experts");
    expect(slugs("Sparse MoE layers", "")).toContain("mixture-of-experts");
  });

  it("needs a second mention or a title mention for weak rules", () => {
    expect(slugs("Planning with language models", "We test one agent.")).not.toContain("agents");
    expect(slugs("Planning with language models", "We test one agent. The agent plans.")).toContain("agents");
    expect(slugs("An agent that plans", "We test it.")).toContain("agents");
  });

  it("returns distinct evidence as written, title first, capped", () => {
    const title = "LMM survey";
    const summary =
      "Large Multimodal Models (LMMs) and LMMs again, multimodal LLMs, vision-language models, MLLMs, VLMs and GPT-4V.";
    const evidence = evidenceFor("lmm", title, summary)!;
    expect(evidence[0]).toBe("LMM");
    expect(evidence).toHaveLength(MAX_EVIDENCE);
    expect(evidence).toEqual(["LMM", "Large Multimodal Models", "LMMs", "multimodal LLMs", "vision-language models"]);
    expect(new Set(evidence.map((e) => e.toLowerCase())).size).toBe(evidence.length);
  });

  it("counts a phrase inside a longer phrase of the same topic once", () => {
    expect(evidenceFor("rag", "Retrieval-augmented generation", "")).toEqual(["Retrieval-augmented generation"]);
  });

  it("lets topics share text (overlapping rules of different topics)", () => {
    const result = slugs("Efficient on-device inference", "Running LLMs on-device.");
    expect(result).toEqual(expect.arrayContaining(["efficient-inference", "small-models"]));
  });

  it("is deterministic and returns topics in taxonomy order", () => {
    const title = "EdgeMoE: Fast On-Device Inference of MoE-based Large Language Models";
    const summary = "Mixture-of-expert LLMs on edge devices with expert-wise bitwidth adaptation and 4-bit experts.";
    const first = classify(title, summary);
    expect(classify(title, summary)).toEqual(first);
    const order = TOPICS.map((t) => t.slug);
    const positions = first.map((m) => order.indexOf(m.slug));
    expect(positions).toEqual([...positions].sort((a, b) => a - b));
    expect(first.map((m) => m.slug)).toEqual(
      expect.arrayContaining(["quantization", "mixture-of-experts", "efficient-inference", "small-models"]),
    );
  });

  it("strict topics: weak words alone do not make a paper about the topic", () => {
    // "Alignment" of instructions and road "safety" are not AI alignment; preference optimization is.
    expect(
      slugs("Instruction alignment for assembly", "We study alignment of diagrams. Alignment helps."),
    ).not.toContain("alignment");
    expect(slugs("Transportation safety data", "Safety analysts query road safety records.")).not.toContain(
      "alignment",
    );
    expect(slugs("Direct preference optimization revisited", "We align LLMs with human preferences.")).toContain(
      "alignment",
    );
    // One language, or languages mentioned in passing, is not a multilingual paper.
    expect(slugs("A French speech dataset", "French recordings in French homes.")).not.toContain("multilingual");
    expect(slugs("Scaling multilingual encoders", "Encoders for 15 languages.")).toContain("multilingual");
    expect(slugs("Modality preference in MLLMs", "We also test machine translation once.")).not.toContain(
      "multilingual",
    );
  });

  it("title-only words name the subject in a title and are weak in an abstract", () => {
    expect(slugs("A web agent", "We fine-tune the agent with SFT, then fine-tuning with RL.")).not.toContain(
      "fine-tuning",
    );
    expect(slugs("Supervised fine-tuning versus RL", "A study of post-training.")).toContain("fine-tuning");
    expect(slugs("A survey of agent memory", "")).toContain("surveys");
    expect(
      slugs("Deep research agents", "Agents write a survey. The survey is graded by a survey rubric."),
    ).not.toContain("surveys");
    expect(slugs("Kazakh ASR from songs", "")).toContain("speech-audio");
  });

  it("does not read acronyms of other fields or generation driven by audio as speech", () => {
    expect(
      slugs("Jailbreaking diffusion LLMs", "The attack success rate (ASR) rises; ASR reaches 90% and ASR stays high."),
    ).not.toContain("speech-audio");
    expect(slugs("Audio-driven portrait animation", "Audio-driven talking heads from a portrait.")).not.toContain(
      "speech-audio",
    );
    expect(slugs("Text-to-audio generation in one step", "")).toContain("speech-audio");
    // Score distillation samples 3D scenes; no student learns from a teacher.
    expect(slugs("Text to 3D", "Score distillation sampling with a better score distillation loss.")).not.toContain(
      "distillation",
    );
  });

  it("does not count a phrase the paper only uses as a tool, a baseline, background or an aside", () => {
    const found = (slug: string, title: string, summary: string) =>
      ruleResults(title, summary).find((r) => r.slug === slug)?.evidence ?? [];
    // A tool that makes or checks the data.
    expect(
      found(
        "lmm",
        "Person retrieval with CLIP",
        "We leverage the in-context learning capabilities of MLLMs to automatically filter and caption web images.",
      ),
    ).toEqual([]);
    expect(
      found("lmm", "Ultra-high-resolution images", "We add multimodal large language model-based assessments."),
    ).toEqual([]);
    expect(
      found(
        "lmm",
        "Mask-guided image generation",
        "A single vision-language model serves as the generative reward model.",
      ),
    ).toEqual([]);
    // A baseline.
    expect(found("lmm", "Document extraction", "Our LLM pipeline beats LMMs on invoices.")).toEqual([]);
    // Background and asides.
    expect(
      ruleResults(
        "Arabic OCR benchmark",
        "With the growing adoption of Retrieval-Augmented Generation (RAG) in document processing, OCR matters.",
      ).find((r) => r.slug === "rag")?.tagged ?? false,
    ).toBe(false);
    expect(
      slugs("Long-context citation", "A benchmark of long-context models. We also evaluate the RAG approach."),
    ).not.toContain("rag");
    expect(
      found(
        "alignment",
        "Motivation in LLMs",
        "As large language models become increasingly aligned with human preferences, we ask whether they are motivated.",
      ),
    ).toEqual(["human preferences"]);
  });

  it("does not read back-translation, texture hallucination, audio-conditioned video or post-deployment learning as their topics", () => {
    expect(slugs("Full-stack agents via repository back-translation", "")).not.toContain("multilingual");
    expect(slugs("Better alignment with instruction back-and-forth translation", "")).not.toContain("multilingual");
    expect(
      slugs("Novel views from one image", "We mitigate texture hallucination with a texture bridge."),
    ).not.toContain("hallucination");
    expect(slugs("Audio-conditioned talking portraits", "")).not.toContain("speech-audio");
    expect(
      slugs("Agent memory", "Memory is built from post-deployment interactions; post-deployment learning is slow."),
    ).not.toContain("efficient-inference");
    expect(slugs("Streaming video-to-video translation with feature banks", "")).not.toContain("multilingual");
    expect(
      slugs("A multilingual benchmark for explainable hate speech detection", "Hate speech in Hindi and Telugu posts."),
    ).not.toContain("speech-audio");
    // The same words in their own sense still count.
    expect(slugs("Low-resource machine translation", "")).toContain("multilingual");
    expect(slugs("Speech recognition for code-switched speech", "")).toContain("speech-audio");
    expect(slugs("Hallucination in LVLMs", "")).toContain("hallucination");
  });

  it("reads hyphenated low precision as numeric precision, and not the metric", () => {
    expect(
      slugs(
        "Why low-precision transformer training fails",
        "Training with flash attention in low-precision settings leads to loss explosions.",
      ),
    ).toContain("quantization");
    expect(
      slugs(
        "Hallucination detection for RAG",
        "Large models show high recall but low precision on hallucinated spans.",
      ),
    ).not.toContain("quantization");
  });

  it("lets a cue make a paper a candidate for the learned model without tagging it", () => {
    const lmm = ruleResults("A multimodal dataset", "A multimodal dataset of images and captions.").find(
      (r) => r.slug === "lmm",
    );
    expect(lmm).toMatchObject({
      score: 0,
      tagged: false,
      evidence: ["multimodal"],
    });
  });

  it("handles empty and unusual input", () => {
    expect(classify("", "")).toEqual([]);
    expect(classify("Just a title about nothing", "")).toEqual([]);
    expect(classify("ünïcödé — İstanbul LMMs", "LMMs İİİ and large multimodal models")).toEqual([
      { slug: "lmm", evidence: ["LMMs", "large multimodal models"] },
    ]);
  });
});
