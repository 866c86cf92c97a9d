import { MAX_KEYWORD_LENGTH, MAX_KEYWORDS } from "@/lib/subscriptions/schema";
import type { TopicOption } from "@/lib/subscriptions/types";

// The choice fields shared by the subscribe form and the preference page:
// topics (several, or all), frequency and optional keywords. Plain inputs, so
// they work without JavaScript.

export type ChoiceDefaults = {
  allTopics: boolean;
  topics: string[];
  frequency: "daily" | "weekly";
  keywords: string[];
};

const legend = "text-sm font-semibold";
const hint = "text-sm text-zinc-600 dark:text-zinc-400";

export function SubscriptionChoices({
  topics,
  defaults,
  idPrefix,
}: {
  topics: TopicOption[];
  defaults: ChoiceDefaults;
  idPrefix: string;
}) {
  const chosen = new Set(defaults.topics);
  return (
    <>
      <fieldset className="mt-4">
        <legend className={legend}>Topics</legend>
        <label className="mt-2 flex items-center gap-2">
          <input type="checkbox" name="allTopics" defaultChecked={defaults.allTopics || topics.length === 0} />
          <span>All topics, including ones added later</span>
        </label>
        {topics.length > 0 && (
          <>
            <p className={hint}>Or pick one or more (ignored when “All topics” is ticked):</p>
            <ul className="mt-1 grid gap-1 sm:grid-cols-2">
              {topics.map((t) => (
                <li key={t.slug}>
                  <label className="flex items-center gap-2" title={t.description || undefined}>
                    <input type="checkbox" name="topics" value={t.slug} defaultChecked={chosen.has(t.slug)} />
                    <span>{t.name}</span>
                  </label>
                </li>
              ))}
            </ul>
          </>
        )}
      </fieldset>
      <fieldset className="mt-4">
        <legend className={legend}>How often</legend>
        <div className="mt-2 flex gap-4">
          {(["daily", "weekly"] as const).map((f) => (
            <label key={f} className="flex items-center gap-2">
              <input type="radio" name="frequency" value={f} defaultChecked={defaults.frequency === f} required />
              <span>{f === "daily" ? "Daily" : "Weekly"}</span>
            </label>
          ))}
        </div>
      </fieldset>
      <div className="mt-4">
        <label htmlFor={`${idPrefix}-keywords`} className={legend}>
          Keywords <span className="font-normal">(optional)</span>
        </label>
        <p id={`${idPrefix}-keywords-hint`} className={hint}>
          Papers mentioning these also match, e.g. “speculative decoding”. Separate with commas; up to {MAX_KEYWORDS},
          each at most {MAX_KEYWORD_LENGTH} characters.
        </p>
        <input
          id={`${idPrefix}-keywords`}
          name="keywords"
          type="text"
          defaultValue={defaults.keywords.join(", ")}
          maxLength={MAX_KEYWORDS * (MAX_KEYWORD_LENGTH + 2)}
          aria-describedby={`${idPrefix}-keywords-hint`}
          className="mt-1 w-full rounded border border-zinc-300 px-2 py-1 dark:border-zinc-700 dark:bg-zinc-900"
        />
      </div>
    </>
  );
}
