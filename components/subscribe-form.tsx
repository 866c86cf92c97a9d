import { MAX_EMAIL_LENGTH } from "@/lib/subscriptions/schema";
import type { TopicOption } from "@/lib/subscriptions/types";
import { type ChoiceDefaults, FieldError, SubscriptionChoices } from "./subscription-choices";

// The digest sign-up form (on /subscribe). A plain HTML form posting to a route
// handler: works without JavaScript. After a rejected submission the page
// passes back what was typed and the messages, shown beside their fields.

export type SubscribeFormValues = ChoiceDefaults & { email: string };

const EMPTY: SubscribeFormValues = { email: "", allTopics: false, topics: [], frequency: "weekly", keywords: [] };

export function SubscribeForm({
  topics,
  idPrefix = "subscribe",
  values = EMPTY,
  errors = {},
}: {
  topics: TopicOption[];
  idPrefix?: string;
  values?: SubscribeFormValues;
  errors?: Record<string, string>;
}) {
  const problems = Object.keys(errors).length;
  return (
    <form
      id={`${idPrefix}-form`}
      method="post"
      action="/api/subscriptions/subscribe"
      className="max-w-xl"
      aria-label="Subscribe to the digest"
    >
      {problems > 0 && (
        <p
          role="alert"
          className="mb-3 rounded border border-red-300 bg-red-50 px-3 py-2 text-red-900 dark:border-red-800 dark:bg-red-950 dark:text-red-100"
        >
          Nothing was sent yet: please fix {problems === 1 ? "the field marked below" : "the fields marked below"}.
        </p>
      )}
      <label htmlFor={`${idPrefix}-email`} className="text-sm font-semibold">
        Email
      </label>
      <input
        id={`${idPrefix}-email`}
        name="email"
        type="email"
        autoComplete="email"
        required
        maxLength={MAX_EMAIL_LENGTH}
        defaultValue={values.email}
        aria-invalid={errors.email ? true : undefined}
        aria-describedby={errors.email ? `${idPrefix}-email-error` : undefined}
        className="mt-1 block w-full rounded border border-zinc-300 px-2 py-1 dark:border-zinc-700 dark:bg-zinc-900"
      />
      <FieldError id={`${idPrefix}-email-error`} message={errors.email} />
      <SubscriptionChoices topics={topics} idPrefix={idPrefix} defaults={values} errors={errors} />
      <FieldError id={`${idPrefix}-form-error`} message={errors.form} />
      <button type="submit" className="mt-4 rounded bg-blue-700 px-4 py-2 font-semibold text-white hover:bg-blue-800">
        Subscribe
      </button>
      <p className="mt-2 text-sm text-zinc-600 dark:text-zinc-400">
        We send a confirmation link first; nothing else arrives until you confirm. Every email has a one-click
        unsubscribe.
      </p>
    </form>
  );
}
