// The shapes the subscriptions domain hands to pages and components. Types only,
// so presentational code can import them without pulling in the data modules.

/** A topic a subscriber can choose. */
export type TopicOption = { slug: string; name: string; description: string };
