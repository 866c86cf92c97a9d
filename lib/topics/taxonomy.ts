/**
 * The curated topic taxonomy. Pure data: no I/O, safe to import anywhere
 * (server components, client components, scripts).
 *
 * How a topic is matched (see classify.ts):
 * - `include` rules are phrases matched on word boundaries in the title and the
 *   abstract. In a phrase, a space or hyphen matches any run of spaces and
 *   hyphens ("mixture of experts" also matches "mixture-of-experts"), a final
 *   letter may take a plural "s"/"es", and a trailing `*` matches any word
 *   ending ("quantiz*" matches "quantized", "quantization"). Phrases are
 *   case-insensitive unless `cs` is set: acronyms such as "MoE", "RAG" or "LMM"
 *   are case-sensitive so that "moe" or "rag" in running text do not count.
 * - Each match scores its rule's weight `w` (default 2), doubled in the title;
 *   a rule counts at most 3 times. A paper gets the topic when the score
 *   reaches `minScore` (default 2): one default rule anywhere is enough, a weak
 *   rule (w: 1) needs a second mention or a title mention.
 * - `exclude` phrases veto the include matches they overlap ("vector
 *   quantization" is a tokenizer technique, not model compression). `veto`
 *   phrases, when found anywhere, veto the whole topic, unless a decisive rule
 *   (w >= DECISIVE_WEIGHT) matched: "tokenizer" vetoes "quantization" in an
 *   image-tokenizer paper, but not in one about "post-training quantization".
 * - Sentences about future work ("we plan to…", "future work") are ignored by
 *   every topic: they say what the paper does not do.
 * - A `method` rule names a technique, not a goal: in the abstract it tags the
 *   topic only together with a rule that is not a method ("DPO" in a paper on
 *   video reasoning is a training stage; beside "human preferences" it is alignment).
 * - A `titleOnly` rule has its weight in the title and is weak in the abstract
 *   ("fine-tuning" in a title is the subject, in an abstract usually a step).
 *   In a `strict` topic weak matches only add to the score: the title mention
 *   or the repeated mentions that make the paper about the topic must come from
 *   non-weak rules ("alignment", "audio" or "French" alone are not enough).
 *
 * Slugs are stable identifiers (URLs, subscriptions, feeds): never rename one.
 * Any change here changes TAXONOMY_VERSION, and the next start reclassifies
 * every paper.
 */

/** Rules of at least this weight are decisive: they override the topic's vetoes. */
export const DECISIVE_WEIGHT = 3;

export type Rule = {
  /** Phrase (see above), or a regular expression source when `re` is set. */
  p: string;
  /** Case-sensitive (acronyms). */
  cs?: boolean;
  /** Raw regular expression source (no capturing groups) instead of a phrase. */
  re?: boolean;
  /**
   * Score per match (default 2); 1 marks a weak signal that needs support; 0
   * a cue that never tags by itself but lets the topic's learned model judge
   * the paper (and is shown as its evidence when the model keeps the topic).
   */
  w?: number;
  /** Its weight counts in the title only; in the abstract it is weak (w 1). */
  titleOnly?: boolean;
  /**
   * Names a training method that serves many goals (DPO also tunes reasoners and
   * editors): outside the title it tags the topic only beside a phrase that names
   * the goal.
   */
  method?: boolean;
};

export type TopicDefinition = {
  slug: string;
  name: string;
  description: string;
  include: Rule[];
  exclude?: Rule[];
  veto?: Rule[];
  minScore?: number;
  /** Mentions needed when the title does not name the topic (default 2). */
  aboutMentions?: number;
  /**
   * Weak matches only add to the score: the title mention or the mentions
   * that make the paper about the topic must come from non-weak rules.
   */
  strict?: boolean;
};

// Shorthands keep the table below readable.
const r = (...phrases: string[]): Rule[] => phrases.map((p) => ({ p }));
const weak = (...phrases: string[]): Rule[] => phrases.map((p) => ({ p, w: 1 }));
const acr = (...phrases: string[]): Rule[] => phrases.map((p) => ({ p, cs: true }));
const weakAcr = (...phrases: string[]): Rule[] => phrases.map((p) => ({ p, cs: true, w: 1 }));
const cue = (...phrases: string[]): Rule[] => phrases.map((p) => ({ p, w: 0 }));
const titled = (...phrases: string[]): Rule[] => phrases.map((p) => ({ p, titleOnly: true }));
const titledAcr = (...phrases: string[]): Rule[] => phrases.map((p) => ({ p, cs: true, titleOnly: true }));
const decisive = (...phrases: string[]): Rule[] => phrases.map((p) => ({ p, w: DECISIVE_WEIGHT }));
const decisiveAcr = (...phrases: string[]): Rule[] => phrases.map((p) => ({ p, cs: true, w: DECISIVE_WEIGHT }));

export const TOPICS: readonly TopicDefinition[] = [
  {
    slug: "lmm",
    name: "Multimodal LLMs",
    description:
      "Large multimodal models: LLMs that see or hear (vision-language, video, 3D, audio-visual and omni-modal LLMs, MLLM-based GUI and robot agents), their benchmarks and training. Not image generators, CLIP-style encoders or robot policies without an LLM, nor papers that only use a VLM as a judge or tool.",
    include: [
      ...r(
        "large multimodal model",
        "large multi-modal model",
        "multimodal large language model",
        "multi-modal large language model",
        "multimodal LLM",
        "multi-modal LLM",
        "large vision-language model",
        "large visual-language model",
        "large vision language model",
        "vision-language model",
        "visual-language model",
        "vision language model",
        "video LLM",
        "video large language model",
        "audio-visual LLM",
        "audio-visual large language model",
        "visual instruction tuning",
        "visual instruction",
        "multimodal reasoning",
        "multimodal understanding",
        "multimodal comprehension",
        "multimodal foundation model",
        "multimodal model",
        "multi-modal model",
        "multimodal language model",
        "multimodal generalist",
        "unified multimodal model",
        "multimodal agent",
        "multimodal reward model",
        "omni-modal",
        "omnimodal",
        "omni-modal LLM",
        "omni model",
        "audio-language model",
        "large audio language model",
        "audio LLM",
        "speech LLM",
        "speech language model",
        "speech-aware language model",
        "speech-text language model",
        "spoken language model",
        "speech large language model",
        "visual language model",
        "vision and language model",
        "GUI agent",
        "GUI grounding",
        "computer-use agent",
        "computer-using agent",
        "vision-language-action model",
        "audiovisual LLM",
        "audio-visual language model",
        "audiovisual language model",
        "omni LLM",
        "omni-LLM",
        "multimodal judge",
        "multimodal large reasoning model",
        "speech LM",
        "audio chat model",
        "audio-text LLM",
        "audio-text large language model",
        "audio large language model",
        "speech-text model",
      ),
      // "multimodal game agents", "multimodal web agent": an agent that sees.
      { p: "multi-?modal[\\s-]+[A-Za-z]+[\\s-]+agents?", re: true },
      ...acr(
        "LMM",
        "MLLM",
        "mLLM",
        "MM-LLM",
        "LVLM",
        "VLM",
        "Video-LLM",
        "GPT-4V",
        "LLaVA",
        "InternVL",
        "LALM",
        "MLRM",
        "VLA",
        "SpeechLLM",
        "SLLM",
        "OmniLLM",
      ),
      { p: "Qwen[0-9.]*-(?:VL|Omni|Audio)", re: true },
      ...weak(
        "visual tokens",
        "visual question answering",
        "image captioning",
        "video understanding",
        "video-language",
        "vision-language",
        "visual-language",
        "image-text",
        "text-image",
        "vision-language-action",
        "video reasoning",
        "video question answering",
        "video QA",
        "video LLMs",
        "VideoLLM",
        "speech modality",
        "speech instruction",
        "LLM-based ASR",
        "audio-visual speech recognition",
        "multimodal browsing",
        "visual agent",
        "vision-language reasoning",
        "large vision and language model",
        "GUI",
        "visual reasoning",
        "vision encoder",
        "image encoder",
        "visual encoder",
        "multimodal pretraining",
        "multimodal pre-training",
      ),
      ...weakAcr("VQA", "GPT-4o"),
      // Cues for the learned model only: a multimodal or omni model paper may name no phrase above.
      ...cue("multimodal", "multi-modal", "omni"),
    ],
    // A lone mention (a baseline, a data generator, a typo for "LLM") is not a
    // multimodal paper: it takes a second mention or a title mention. This
    // favours precision: papers that name "MLLM" once are mostly image or video
    // generators using one as a tool (measured on the shared HF papers).
    minScore: 3,
  },
  {
    slug: "quantization",
    name: "Quantization",
    description:
      'Lower-precision weights, activations, KV cache or training (PTQ, QAT, INT4/FP8, binary and ternary networks). Not vector-quantized tokenizers or codecs, not quantizing other things, and not a passing mention such as "supports FP8".',
    include: [
      ...r(
        "quantiz*",
        "dequantiz*",
        "binariz*",
        "binarised",
        "mixed-precision",
        "ternary",
        "1-bit",
        "1.58-bit",
        "2-bit",
        "3-bit",
        "4-bit",
        "8-bit",
      ),
      // Decisive: only model compression talks like this, so these beat the vetoes below.
      ...decisive(
        "low-bit",
        "bitwidth",
        "bit-width",
        "post-training quantization",
        "quantization-aware",
        "weight quantization",
        "weight-only quantization",
        "activation quantization",
        "KV cache quantization",
        "quantized LLM",
        "quantized model",
        "quantized weights",
        "quantized large language model",
        "binarized LLM",
        "LLM quantization",
        "model quantization",
        "extreme quantization",
        "ternary LLM",
        "ternary weights",
        "low-precision training",
      ),
      // "low-precision formats", "reduced-precision arithmetic": hyphenated only, since "low
      // precision" in running text is usually the metric. Weak: a title mention or a second one.
      {
        p: "(?<![A-Za-z])(?:low|lower|reduced)-precision(?![A-Za-z])",
        re: true,
        w: 1,
      },
      ...decisiveAcr(
        "INT4",
        "INT8",
        "FP8",
        "FP4",
        "NVFP4",
        "MXFP4",
        "NF4",
        "GPTQ",
        "AWQ",
        "PTQ",
        "QAT",
        "W4A16",
        "W8A8",
        "W4A4",
        "BitNet",
      ),
    ],
    exclude: [
      // Tokenizers and codecs quantize latents, they do not compress models.
      ...r(
        "vector quantiz*",
        "residual quantiz*",
        "scalar quantiz*",
        "spherical quantiz*",
        "lookup-free quantiz*",
        "look-up free quantiz*",
        "latent quantiz*",
        "discrete quantiz*",
        "quantized latent",
        "quantized token",
        "quantized representation",
      ),
      // Discretizing actions or values and its error are not model compression either.
      ...r(
        "action quantiz*",
        "quantized action",
        "quantization error",
        "quantization threshold",
        "quantization failure",
      ),
      ...acr("VQ-VAE", "VQGAN", "RVQ"),
      // Biochemistry's three-molecule complexes ("molecular glue-induced ternary complex").
      ...r("ternary complex*"),
      // Audio codecs talk about bitrates, not bit-widths.
      ...r("low bit rate", "low bitrate", "low-bitrate"),
    ],
    // Physics quantizes energy levels; tokenizers quantize images, audio and
    // motion into codes. Neither is model compression (unless a decisive rule
    // says the paper compresses a model too).
    veto: r(
      "quantum",
      "quantized energy",
      "tokenizer",
      "tokenization",
      "codebook",
      "discrete tokens",
      "continuous tokens",
    ),
  },
  {
    slug: "pruning-sparsity",
    name: "Pruning and sparsity",
    description:
      "Making models sparser: removing weights, heads, layers or tokens, sparse attention and activation sparsity. Not pruning training data or search spaces.",
    include: [
      ...r(
        "pruning",
        "pruned",
        "prunes",
        "prune",
        "pruner",
        "sparsity",
        "sparsification",
        "sparse attention",
        "token merging",
        "token reduction",
        "activation sparsity",
        "structured sparsity",
        "semi-structured sparsity",
        "layer dropping",
      ),
      ...acr("SparseGPT", "Wanda"),
    ],
    // Data pruning selects training examples; it does not make models smaller.
    exclude: r("data pruning", "dataset pruning"),
  },
  {
    slug: "distillation",
    name: "Knowledge distillation",
    description:
      "Papers about training students from teachers: knowledge distillation, distilling reasoning or data into smaller models. Not papers that only use someone else's distilled model, nor score distillation for 3D generation.",
    include: [
      ...r("knowledge distillation", "distillation", "teacher model", "student model"),
      // "Distill" is also an everyday verb ("distill insights from logs").
      ...weak("teacher-student", "teacher and student", "distilling", "distilled", "distill", "distills"),
    ],
    strict: true,
    // Reasoning models distilled by others ("DeepSeek-R1-Distill-Qwen") are used, not made.
    exclude: r(
      "R1-distill*",
      "distilled models",
      "distilled variants",
      // Score distillation samples 3D scenes from an image model; no student learns from a teacher.
      "score distillation",
      "variational score distillation",
    ),
  },
  {
    slug: "mixture-of-experts",
    name: "Mixture of experts",
    description:
      "Sparse mixture-of-experts models, expert routing and MoE systems. Not papers that only name an MoE model they use.",
    include: [
      ...r(
        "mixture of experts",
        "mixture of expert",
        "mixture-of-experts",
        "sparse experts",
        "expert routing",
        "expert parallelism",
      ),
      ...acr("MoE", "MoEs", "SMoE"),
    ],
  },
  {
    slug: "long-context",
    name: "Long context",
    description:
      "Long inputs and memory: context extension, long documents and long videos. Not papers where a long input is one detail.",
    include: [
      ...r(
        "long context",
        "long-context",
        "longer context",
        "long sequences",
        "long sequence",
        "long-sequence",
        "longer-sequence",
        "extremely long",
        "infinite-length",
        "infinite length",
        "context window",
        "context length",
        "length extrapolation",
        "long documents",
        "long video",
        "long-range dependencies",
        "context extension",
        "long inputs",
      ),
      { p: "\\d+(?:K|M) (?:tokens|context)", re: true, cs: true },
    ],
  },
  {
    slug: "efficient-inference",
    name: "Efficient inference and serving",
    description:
      "Faster, cheaper inference: decoding, KV cache, serving systems and on-device deployment. Not spending more compute at test time to get better answers.",
    include: [
      ...r(
        "efficient inference",
        "inference efficiency",
        "inference speed",
        "inference latency",
        "inference cost",
        "inference engine",
        "inference acceleration",
        "accelerating inference",
        "accelerate inference",
        "LLM serving",
        "model serving",
        "serving system",
        "speculative decoding",
        "speculative sampling",
        "draft model",
        "draft tokens",
        "parallel decoding",
        "lossless decoding",
        "decoding speed",
        "KV cache",
        "key cache",
        "key-value cache",
        "on-device inference",
        "edge devices",
        "limited memory",
        "memory footprint",
        "throughput",
        "prefilling",
        "pre-filling",
        "FlashAttention",
        "adaptive inference",
        "runtime performance",
      ),
      ...acr("vLLM", "TTFT"),
      ...weak("latency", "speedup", "speedups", "deployment", "on-device"),
    ],
    // Spending more compute at inference time to get better answers is the opposite of efficiency.
    exclude: r(
      "inference-time scal*",
      "inference time scal*",
      "inference-time compute",
      "inference-time search",
      "inference-time reasoning",
      "inference-time alignment",
      "inference-time intervention",
      // Learning after deployment is not inference efficiency.
      "post-deployment",
      "deployment-time",
    ),
  },
  {
    slug: "rag",
    name: "Retrieval-augmented generation",
    description:
      "Grounding generation in retrieved documents, tools or memories (retrieval-augmented generation). Not retrieval models on their own, which are under embeddings.",
    include: [
      ...r(
        "retrieval-augmented",
        "retrieval augmented",
        "retrieval-augmented generation",
        "retrieval-based generation",
        "retrieval-based",
        "retrieval-enhanced",
        "retrieve relevant",
        "retrieved documents",
        "retrieved passages",
      ),
      ...acr("RAG", "RAU", "GraphRAG"),
    ],
    // One mention of retrieval-augmented generation is a strong signal on its own.
    aboutMentions: 1,
  },
  {
    slug: "agents",
    name: "Agents and tool use",
    description:
      "LLM agents that plan and act: tool use, function calling, web and GUI agents, multi-agent systems. Not reinforcement-learning agents without a language model.",
    include: [
      ...r(
        "tool use",
        "tool-use",
        "tool learning",
        "tool creation",
        "toolset",
        "tool calling",
        "function calling",
        "agentic",
        "LLM agent",
        "LLM-based agent",
        "language agent",
        "autonomous agent",
        "web agent",
        "GUI agent",
        "multi-agent",
        "foundation agent",
        "embodied agent",
        "augmented with tools",
        "external tools",
      ),
      ...weak("agent", "agents", "tools", "API calls"),
    ],
  },
  {
    slug: "reasoning",
    name: "Reasoning",
    description:
      "Mathematical, logical and multi-step reasoning; chain of thought and test-time scaling. Not papers that only say their model reasons, nor sampling tricks for image generators.",
    include: [
      ...r(
        "chain-of-thought",
        "chain of thought",
        "mathematical reasoning",
        "math reasoning",
        "logical reasoning",
        "multi-step reasoning",
        "step-by-step reasoning",
        "step-by-step",
        "reasoning capabilities",
        "reasoning abilities",
        "reasoning ability",
        "reasoning skills",
        "reasoning performance",
        "cognitive reasoning",
        "visual reasoning",
        "multimodal reasoning",
        "inference-time scaling",
        "test-time scaling",
        "test-time compute",
        "reasoning models",
        "reasoner",
      ),
      ...acr("CoT"),
      ...weak("reasoning", "math problems"),
    ],
    // Most papers "reason" somewhere: the word alone, even three times, is not the subject.
    minScore: 4,
    // Test-time compute for diffusion image generators is sampling, not reasoning.
    veto: r("diffusion model", "image generation", "video generation", "image editing"),
  },
  {
    slug: "evaluation",
    name: "Evaluation and benchmarks",
    description:
      "New benchmarks, evaluation datasets, metrics and evaluation methodology. Not the usual evaluation section of a method paper.",
    include: [
      ...r(
        "new benchmark",
        "novel benchmark",
        "a benchmark",
        "benchmark designed",
        "benchmark dataset",
        "evaluation suite",
        "evaluation framework",
        "evaluation protocol",
        "evaluation benchmark",
        "holistic evaluation",
        "comprehensive evaluation",
        "systematic assessment",
        "leaderboard",
        "evaluators",
        "we evaluate",
        "we benchmark",
      ),
      ...weak("benchmark", "benchmarking", "evaluation", "evaluating", "metric", "metrics"),
    ],
    minScore: 4,
  },
  {
    slug: "surveys",
    name: "Surveys and reviews",
    description:
      "Surveys, reviews, overviews and guides of a research area: the paper is the survey. Not user surveys or code reviews.",
    include: [
      ...decisive(
        "this survey",
        "our survey",
        "we survey",
        "this paper surveys",
        "comprehensive survey",
        "systematic survey",
        "this review",
        "comprehensive review",
        "systematic review",
        "literature review",
        "extensive review",
        "exhaustive review",
        "comprehensive overview",
        "systematic literature review",
        "this paper reviews",
        "we review",
      ),
      // A survey says so in its title or as "this survey"; a lone "survey" in
      // an abstract is usually related work or a survey of users.
      ...titled("survey", "review").map((rule) => ({ ...rule, w: 3 })),
      // Common words in other papers too ("a taxonomy of errors"): it takes three.
      ...weak("overview", "taxonomy"),
    ],
    // A "survey" of users or a "review" of code is a method, not the paper's genre;
    // writing surveys is a task for agents, not a survey.
    exclude: r(
      "user survey",
      "online survey",
      "code review",
      "peer review",
      "survey respondents",
      "survey data",
      "survey generation",
      "survey writing",
      "survey tasks",
      "survey section",
      "AI reviewers",
    ),
    minScore: 3,
    strict: true,
  },
  {
    slug: "code-generation",
    name: "Code generation",
    description:
      "LLMs that write, complete, repair or reason about code, and software engineering tasks. Not papers that only release their code.",
    include: [
      ...r(
        "code generation",
        "code completion",
        "code LLM",
        "code language model",
        "code model",
        "program synthesis",
        "software engineering",
        "code repair",
        "coding tasks",
        "code-related tasks",
        "coding agent",
      ),
      ...acr("HumanEval", "SWE-bench", "CodeGen", "StarCoder", "LiveCodeBench"),
      ...weak("programming", "programming languages", "code snippets", "generating code", "source code", "coding"),
      ...weakAcr("MBPP", "Codex"),
    ],
    // Most abstracts say where their code is; that and APIs are not about generating code.
    exclude: [
      ...r(
        "code-switching",
        "code switching",
        "programming interface",
        "source code is available",
        "source code at",
        "source code will be",
        "release our source code",
        "release the source code",
      ),
    ],
    // Passing mentions ("abilities such as code generation", "coding scores on MBPP")
    // are common: it takes two strong mentions, or one with support.
    minScore: 4,
  },
  {
    slug: "recommendation",
    name: "Recommendation",
    description:
      "Recommender systems and LLMs for recommendation: ranking items for users. Not ranking documents for search.",
    include: [
      ...r(
        "recommendation",
        "recommendations",
        "recommender",
        "recommender system",
        "collaborative filtering",
        "click-through",
        "user modeling",
        "item-to-item",
      ),
    ],
  },
  {
    slug: "multilingual",
    name: "Multilingual and translation",
    description:
      "Papers about many human languages: multilingual models and data, low-resource languages, cross-lingual transfer and translation. Not programming languages, not a model that merely supports several languages, nor work on one language alone.",
    include: [
      ...r(
        "multilingual",
        "multilingualism",
        "cross-lingual",
        "crosslingual",
        "cross-linguistic",
        "low-resource language",
        "non-English",
        "code-switching",
        "code switching",
        "linguistically diverse",
      ),
      // Strong but not decisive: one mention ("also improves machine translation") is not the subject.
      ...r("machine translation", "low-resource languages", "cross-lingual transfer"),
      // Translation of code, images or instructions is common too: the title must name it.
      ...titled("translate", "translation"),
      { p: "\\d+ languages", re: true },
      ...weak("languages", "Chinese", "Japanese", "German", "Italian", "Arabic", "Korean", "French", "Spanish"),
    ],
    strict: true,
    // "Programming languages" are not human languages.
    exclude: r(
      "programming languages",
      "programming language",
      "natural and programming languages",
      "natural languages",
      "multilingual code",
      "multi-lingual code",
      "code translation",
      "image-to-image translation",
      "image translation",
      // Generators translate between visual domains, not between languages.
      "video-to-video translation",
      "image-to-video translation",
      "domain translation",
      // Back-translation of instructions or repositories makes training data; it is not about languages.
      "back-translation",
      "backtranslation",
      "back-and-forth translation",
      "instruction backtranslation",
      "cultural translation",
      "modality translation",
      "cross-modal translation",
    ),
    // "Multilingual" code benchmarks span programming languages, not human ones.
    veto: r("programming languages", "programming language"),
  },
  {
    slug: "alignment",
    name: "Alignment and safety",
    description:
      'Papers about aligning models with human preferences and values: RLHF, preference optimization, reward models, safety and jailbreaks. Not "alignment" of modalities, features or instructions, not reinforcement learning for reasoning or agents, nor judges agreeing with humans.',
    include: [
      ...r(
        "human preferences",
        "human preference",
        "human values",
        "human feedback",
        "preference learning",
        "reward model",
        "aligned with human",
        "align with human",
        "alignment goals",
        "aligning large language models",
        "align LLMs",
        "LLM alignment",
        "harmlessness",
        "harmless",
        "AI safety",
        "LLM safety",
        "agent safety",
        "safety evaluation",
        "safety benchmark",
        "safety risks",
      ),
      ...acr("RLHF", "RLAIF"),
      ...decisive("safety alignment", "jailbreak", "red teaming", "aligning LLMs"),
      // Preference optimization (DPO) and PPO also train reasoners, editors and
      // rerankers: outside the title they need a phrase naming the goal.
      { p: "DPO", cs: true, method: true },
      { p: "preference optimization", w: DECISIVE_WEIGHT, method: true },
      // "Alignment" and "safety" name many other things (modalities, road safety).
      ...weak("alignment", "safety", "trustworthiness"),
      { p: "PPO", cs: true, w: 1, method: true },
    ],
    minScore: 3,
    strict: true,
    // Studies of LLM judges measure their "alignment" (agreement) with human raters.
    veto: r("LLM-as-a-judge", "LLMs-as-judges", "LLM-as-judge", "LLMs as judges"),
    // "Alignment" of modalities, features or representations is a different thing.
    exclude: r(
      "cross-modal alignment",
      "modality alignment",
      "multimodal alignment",
      "vision-language alignment",
      "feature alignment",
      "knowledge alignment",
      "boundary alignment",
      "semantic alignment",
      "token alignment",
      "representation alignment",
      "temporal alignment",
      "spatial alignment",
      "text-image alignment",
      "image-text alignment",
      "audio-visual alignment",
      "distribution alignment",
      // Process and outcome reward models score reasoning steps and answers, not preferences.
      "process reward model",
      "process reward models",
      "process-supervised reward model",
      "outcome reward model",
      "outcome reward models",
    ),
  },
  {
    slug: "image-generation",
    name: "Image and video generation",
    description:
      "Generators of images, video and 3D: diffusion models, text-to-image and text-to-video, editing. Not diffusion over molecules or graphs.",
    include: [
      ...decisive(
        "text-to-image",
        "text-to-video",
        "image generation",
        "video generation",
        "image synthesis",
        "video synthesis",
        "image editing",
        "3D generation",
      ),
      ...r(
        "diffusion model",
        "diffusion transformer",
        "latent diffusion",
        "stable diffusion",
        "generative adversarial network",
      ),
      ...acr("GAN", "DiT", "SDXL"),
    ],
    exclude: r("text-to-video retrieval", "text-to-image retrieval"),
    // Diffusion over molecules, proteins or graphs generates no pictures.
    veto: r("molecular", "molecule", "protein", "graph generation"),
  },
  {
    slug: "speech-audio",
    name: "Speech and audio",
    description:
      "Papers about speech and audio: recognition and synthesis of speech, audio understanding and generation, spoken dialogue and music. Not papers where audio is one input among many, such as omni-modal models and benchmarks.",
    include: [
      ...r(
        "speech recognition",
        "speech synthesis",
        "text-to-speech",
        "speech generation",
        "speech-to-speech",
        "speech translation",
        "speech-to-text",
        "speech enhancement",
        "speech tokenizer",
        "speech LLM",
        "speech language model",
        "spoken language",
        "spoken dialogue",
        "audio language model",
        "audio-language model",
        "audio understanding",
        "audio generation",
        "text-to-audio",
        "audio codec",
        "music generation",
        "music understanding",
        "text-to-music",
        "voice conversion",
        "singing voice",
      ),
      // "ASR" is also an attack success rate, "TTS" test-time scaling: in an abstract they need support.
      ...titledAcr("ASR", "TTS"),
      // Audio and speech name the subject in a title; in an abstract they are
      // often one modality among many.
      ...titled("audio", "speech", "music"),
      ...weak("voice", "audio-visual"),
    ],
    strict: true,
    // Talking heads and gestures driven by speech generate video, not audio.
    exclude: r(
      "audio-driven",
      "speech-driven",
      "audio-conditioned",
      "speech-conditioned",
      "audio-guided",
      // Text phenomena named after speech: hate speech detection is about text classification.
      "hate speech",
      "hateful speech",
      "free speech",
      "speech act",
      "part-of-speech",
      "parts of speech",
      "figure of speech",
      "figures of speech",
    ),
    veto: r("attack success rate", "test-time scaling", "test-time compute"),
  },
  {
    slug: "embeddings",
    name: "Embeddings and retrieval",
    description:
      "Text and multimodal embedding models, dense retrieval and representation learning. Not papers that only use embeddings.",
    include: [
      ...r(
        "embedding model",
        "embedding models",
        "text embedding",
        "text embeddings",
        "sentence embedding",
        "sentence embeddings",
        "dense retrieval",
        "image retrieval",
        "representation model",
        "representation learning",
        "multimodal representation",
        "embedding tasks",
        "retrieval tasks",
        "retriever",
      ),
      ...acr("MTEB", "BEIR"),
    ],
  },
  {
    slug: "fine-tuning",
    name: "Fine-tuning and instruction tuning",
    description:
      "Papers about adapting pretrained models: instruction tuning, parameter-efficient fine-tuning (LoRA), continual learning and studies of fine-tuning itself. Not papers that fine-tune (or SFT) a model as one step of another method.",
    include: [
      ...r(
        "instruction tuning",
        "instruction-tuning",
        "parameter-efficient",
        "parameter efficient",
        "low-rank adaptation",
        "catastrophic forgetting",
        "continual learning",
        "continual pre-training",
        "continued pre-training",
      ),
      ...acr("PEFT"),
      // Nearly every method paper fine-tunes something: these words name the
      // subject in a title, and are a weak hint in an abstract.
      ...titled(
        "fine-tuning",
        "finetuning",
        "fine-tuned",
        "finetuned",
        "fine-tune",
        "finetune",
        "fine tuning",
        "instruction tuned",
        "instruction-tuned",
      ),
      // LoRA is also how image generators load styles and concepts.
      ...titledAcr("SFT", "LoRA", "QLoRA"),
    ],
    minScore: 4,
    strict: true,
  },
  {
    slug: "pretraining-data",
    name: "Pretraining, data and scaling",
    description:
      "Training foundation models from scratch: data curation, synthetic data, scaling laws and training systems. Not papers that only mention their training data or corpus.",
    include: [
      ...r(
        "scaling law",
        "scaling laws",
        "pre-training data",
        "pretraining data",
        "data processing",
        "data curation",
        "data augmentation",
        "synthetic data",
        "data quality",
        "training tokens",
        "trained from scratch",
        "from scratch",
        "distributed training",
        "training efficiency",
        "datasets for",
      ),
      // Most papers pretrain something or use a corpus: these need support.
      ...weak("pre-training", "pretraining", "corpus", "corpora", "training data"),
      { p: "\\d+(?:\\.\\d+)?\\s?(?:B|T|billion|trillion) tokens", re: true },
    ],
    minScore: 4,
  },
  {
    slug: "small-models",
    name: "Small and on-device models",
    description:
      "Small language models, lightweight models and models for phones and edge devices. Not papers that only try a small variant.",
    include: [
      ...r(
        "small language model",
        "small language models",
        "lightweight language model",
        "lightweight large language model",
        "lightweight model",
        "lightweight LLM",
        "on-device",
        "edge devices",
        "edge language model",
        "mobile devices",
        "resource-constrained devices",
        "compact language model",
        "compact model",
      ),
      ...acr("SLM", "SLMs"),
    ],
  },
  {
    slug: "hallucination",
    name: "Hallucination and factuality",
    description:
      "Hallucinations, factual errors, faithfulness and knowledge editing. Not papers that name hallucination only as a motivation.",
    include: [
      ...r(
        "hallucination",
        "hallucinations",
        "hallucinate",
        "factuality",
        "factual errors",
        "faithfulness",
        "knowledge editing",
        "model editing",
      ),
    ],
    // Image restoration and view synthesis "hallucinate" plausible details: that is generation, not factuality.
    exclude: r(
      "texture hallucination",
      "hallucinated details",
      "hallucinated textures",
      "hallucinate details",
      "hallucinate plausible",
      "hallucinate realistic",
    ),
  },
  {
    slug: "domain-specific",
    name: "Domain-specific models",
    description:
      'LLMs for medicine, law, finance, science, chemistry, telecommunications and other specialised domains. Not general methods tested on several "domains".',
    include: [
      ...r(
        "domain-specific LLM",
        "domain-specific language model",
        "domain-specific model",
        "domain specialization",
        "specialized domains",
        "medical",
        "clinical",
        "healthcare",
        "health-related",
        "biomedical",
        "legal",
        "finance",
        "financial",
        "telecommunications",
        "molecule",
        "molecular",
        "chemistry",
        "scientific discovery",
        "social science",
      ),
      // "Domain" alone is any task distribution ("out-of-domain", "across domains").
      ...weak("science", "scientific"),
    ],
    minScore: 3,
  },
];

export type TopicSlug = (typeof TOPICS)[number]["slug"];

const BY_SLUG = new Map(TOPICS.map((t) => [t.slug, t]));

export function topicDefinition(slug: string): TopicDefinition | undefined {
  return BY_SLUG.get(slug);
}

export const TOPIC_SLUGS: readonly string[] = TOPICS.map((t) => t.slug);
