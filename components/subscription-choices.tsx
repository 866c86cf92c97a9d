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

/** A validation message beside its field (role=alert: read out when the form comes back). */
export function FieldError({ id, message }: { id: string; message?: string }) {
  if (!message) return null;
  return (
    <p id={id} role="alert" className="mt-1 text-sm font-semibold text-red-700 dark:text-red-400">
      {message}
    </p>
  );
}

export function SubscriptionChoices({
  topics,
  defaults,
  idPrefix,
  errors = {},
}: {
  topics: TopicOption[];
  defaults: ChoiceDefaults;
  idPrefix: string;
  /** Messages per field from a rejected submission. */
  errors?: Record<string, string>;
}) {
  const chosen = new Set(defaults.topics);
  return (
    <>
      <fieldset
        className="mt-4"
        aria-invalid={errors.topics ? true : undefined}
        aria-describedby={errors.topics ? `${idPrefix}-topics-error` : undefined}
      >
        <legend className={legend}>Topics</legend>
        <FieldError id={`${idPrefix}-topics-error`} message={errors.topics} />
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
      <fieldset
        className="mt-4"
        aria-invalid={errors.frequency ? true : undefined}
        aria-describedby={errors.frequency ? `${idPrefix}-frequency-error` : undefined}
      >
        <legend className={legend}>How often</legend>
        <FieldError id={`${idPrefix}-frequency-error`} message={errors.frequency} />
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
          aria-invalid={errors.keywords ? true : undefined}
          aria-describedby={`${idPrefix}-keywords-hint${errors.keywords ? ` ${idPrefix}-keywords-error` : ""}`}
          className="mt-1 w-full rounded border border-zinc-300 px-2 py-1 dark:border-zinc-700 dark:bg-zinc-900"
        />
        <FieldError id={`${idPrefix}-keywords-error`} message={errors.keywords} />
      </div>
    </>
  );
}
