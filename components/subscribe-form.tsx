import { MAX_EMAIL_LENGTH } from "@/lib/subscriptions/schema";
import type { TopicOption } from "@/lib/subscriptions/types";
import { SubscriptionChoices } from "./subscription-choices";

// The digest sign-up form (on /subscribe and the home page). A plain HTML form
// posting to a route handler: works without JavaScript.
export function SubscribeForm({ topics, idPrefix = "subscribe" }: { topics: TopicOption[]; idPrefix?: string }) {
  return (
    <form method="post" action="/api/subscriptions/subscribe" className="max-w-xl" aria-label="Subscribe to the digest">
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
        className="mt-1 block w-full rounded border border-zinc-300 px-2 py-1 dark:border-zinc-700 dark:bg-zinc-900"
      />
      <SubscriptionChoices
        topics={topics}
        idPrefix={idPrefix}
        defaults={{ allTopics: false, topics: [], frequency: "weekly", keywords: [] }}
      />
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
