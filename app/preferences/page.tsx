import type { Metadata } from "next";
import { cookies } from "next/headers";
import { DigestPreview } from "@/components/digest-preview";
import { SubscriptionChoices } from "@/components/subscription-choices";
import { shareMetadata } from "@/lib/seo/metadata";
import { listTopicOptions, nextDigestView, preferencesView } from "@/lib/subscriptions/data";
import { FORM_STATE_COOKIE, readFormState } from "@/lib/subscriptions/form-state";

export const dynamic = "force-dynamic";
export async function generateMetadata(): Promise<Metadata> {
  return { ...shareMetadata({ title: "Your preferences" }), robots: { index: false }, referrer: "no-referrer" };
}

const SAVED: Record<string, string> = {
  preferences: "Preferences saved.",
  paused: "Digest paused. Resume whenever you like.",
  resumed: "Digest resumed.",
  unsubscribed: "You're unsubscribed. No more emails will be sent.",
  sample: "Sample sent: look for “[Sample]” in your inbox. It does not count as a digest.",
};

const PROBLEM: Record<string, string> = {
  rateLimited: "Sample not sent: at most 3 emails a day go to one address. Try again tomorrow.",
  nothingToSend: "Sample not sent: no paper matches your choices yet.",
  notSubscribed: "Samples are for active or paused subscriptions.",
  sendFailed: "Sample not sent: the mail service refused it. Try again later.",
};

const STATUS: Record<string, string> = {
  pending: "Waiting for confirmation: open the link in the confirmation email.",
  active: "Subscribed.",
  paused: "Paused: no digests until you resume.",
  unsubscribed: "Unsubscribed: no emails are sent. Subscribe again from the subscribe page.",
  suppressed: "Stopped: emails to this address bounced or were reported as spam, so none are sent.",
};

const button = "rounded px-4 py-2 font-semibold";
const secondary = `${button} border border-zinc-300 hover:bg-zinc-100 dark:border-zinc-700 dark:hover:bg-zinc-900`;

function ActionForm({
  token,
  action,
  label,
  className,
}: {
  token: string;
  action: string;
  label: string;
  className: string;
}) {
  return (
    <form method="post" action="/api/subscriptions/preferences">
      <input type="hidden" name="token" value={token} />
      <input type="hidden" name="action" value={action} />
      <button type="submit" className={className}>
        {label}
      </button>
    </form>
  );
}

function InvalidLink() {
  return (
    <>
      <h1 className="text-2xl font-bold">This link is not valid</h1>
      <p className="mt-2">
        It was copied incompletely, changed, or its subscription no longer exists. Use the link in your latest Paperboy
        email, or{" "}
        <a href="/subscribe" className="text-blue-700 underline dark:text-blue-400">
          subscribe
        </a>
        .
      </p>
    </>
  );
}

export default async function PreferencesPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { token, saved, problem, invalid } = await searchParams;
  const value = typeof token === "string" ? token : "";
  const view = await preferencesView(value);
  // An inline message rather than notFound(): Next's 404 shell for a dynamic
  // page needs JavaScript to show its content, and these pages must work without it.
  if (!view) return <InvalidLink />;
  const [topics, preview] = await Promise.all([listTopicOptions(), nextDigestView(view)]);
  const notice = typeof saved === "string" ? SAVED[saved] : undefined;
  const trouble = typeof problem === "string" ? PROBLEM[problem] : undefined;
  // After a rejected save: what was typed, and the messages (lib/subscriptions/form-state.ts).
  const state = invalid === "1" ? readFormState((await cookies()).get(FORM_STATE_COOKIE)?.value, "preferences") : null;
  const defaults = state
    ? {
        allTopics: state.allTopics,
        topics: state.topics,
        frequency: state.frequency === "daily" ? ("daily" as const) : ("weekly" as const),
        keywords: state.keywords ? [state.keywords] : [],
      }
    : view;

  return (
    <>
      <h1 className="text-2xl font-bold">Your preferences</h1>
      <p className="mt-1 text-zinc-600 dark:text-zinc-400">
        For <strong>{view.email}</strong>. <span data-testid="subscription-status">{STATUS[view.status]}</span>
      </p>
      {notice && (
        <p
          role="status"
          className="mt-3 rounded border border-green-300 bg-green-50 px-3 py-2 text-green-900 dark:border-green-800 dark:bg-green-950 dark:text-green-100"
        >
          {notice}
        </p>
      )}
      {trouble && (
        <p
          role="alert"
          className="mt-3 rounded border border-amber-300 bg-amber-50 px-3 py-2 text-amber-900 dark:border-amber-800 dark:bg-amber-950 dark:text-amber-100"
        >
          {trouble}
        </p>
      )}

      {preview && <DigestPreview view={preview} token={value} />}

      <h2 className="mt-8 text-lg font-semibold">Your choices</h2>

      <form
        id="preferences-form"
        method="post"
        action="/api/subscriptions/preferences"
        className="mt-2 max-w-xl"
        aria-label="Digest preferences"
      >
        {state && (
          <p
            role="alert"
            className="mb-3 rounded border border-red-300 bg-red-50 px-3 py-2 text-red-900 dark:border-red-800 dark:bg-red-950 dark:text-red-100"
          >
            Nothing was saved: please fix the fields marked below.
          </p>
        )}
        <input type="hidden" name="token" value={value} />
        <input type="hidden" name="action" value="update" />
        <SubscriptionChoices topics={topics} idPrefix="preferences" defaults={defaults} errors={state?.errors} />
        <button type="submit" className={`${button} mt-4 bg-blue-700 text-white hover:bg-blue-800`}>
          Save preferences
        </button>
      </form>

      <h2 className="mt-8 text-lg font-semibold">Pause or leave</h2>
      <div className="mt-2 flex flex-wrap gap-3">
        {view.status === "active" && (
          <ActionForm token={value} action="pause" label="Pause the digest" className={secondary} />
        )}
        {view.status === "paused" && (
          <ActionForm token={value} action="resume" label="Resume the digest" className={secondary} />
        )}
        {view.status !== "unsubscribed" && view.status !== "suppressed" && (
          <ActionForm token={value} action="unsubscribe" label="Unsubscribe" className={secondary} />
        )}
      </div>

      <h2 className="mt-8 text-lg font-semibold">Delete my data</h2>
      <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">
        Removes your address, preferences and the record of papers sent to you. This cannot be undone; the next step
        asks you to confirm.
      </p>
      <div className="mt-2">
        <ActionForm
          token={value}
          action="delete"
          label="Delete my data"
          className={`${button} bg-red-700 text-white hover:bg-red-800`}
        />
      </div>
    </>
  );
}
