// One sentence describing what a subscriber gets, used by several emails.
export type ChoiceSummary = {
  frequency: "daily" | "weekly";
  allTopics: boolean;
  topicNames: string[];
  keywords: string[];
};

export function describeChoices({ frequency, allTopics, topicNames, keywords }: ChoiceSummary): string {
  const topics = allTopics ? "all topics" : topicNames.join(", ");
  const extra = keywords.length ? `, plus papers matching ${keywords.map((k) => `"${k}"`).join(", ")}` : "";
  return `a ${frequency} email about ${topics}${extra}`;
}
