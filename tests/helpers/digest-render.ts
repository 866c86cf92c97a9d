import { type PaperInfo, type Recipient, type RenderContext, renderDigest } from "@/lib/digest/render";

/**
 * The digest email of one paper for one all-topics reader: the render tests
 * vary the paper and at most a field or two of the context or recipient.
 */
export function renderDigestOf(
  paper: PaperInfo,
  options: { context?: Partial<RenderContext>; recipient?: Partial<Recipient> } = {},
) {
  return renderDigest(
    {
      runId: 1,
      appUrl: "https://paperboy.example",
      frequency: "daily",
      periodLabel: "March 14, 2025",
      feed: { period: "day", date: "2025-03-13" },
      topics: new Map(),
      papers: new Map([[paper.id, paper]]),
      cache: new Map(),
      ...options.context,
    },
    {
      deliveryId: 1,
      subscriberId: 1,
      email: "reader@example.com",
      linkSecret: "s".repeat(32),
      allTopics: true,
      keywords: [],
      topicIds: [],
      paperIds: [paper.id],
      ...options.recipient,
    },
  );
}
