import type { Metadata } from "next";
import { cookies } from "next/headers";
import { SubscribeForm } from "@/components/subscribe-form";
import { shareMetadata } from "@/lib/seo/metadata";
import { listTopicOptions } from "@/lib/subscriptions/data";
import { FORM_STATE_COOKIE, readFormState } from "@/lib/subscriptions/form-state";

export const dynamic = "force-dynamic";
export async function generateMetadata(): Promise<Metadata> {
  return shareMetadata({
    title: "Subscribe to the digest",
    description: "A daily or weekly email of the new papers in the topics you choose; one click to leave.",
    path: "/subscribe",
  });
}

export default async function SubscribePage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { invalid } = await searchParams;
  const topics = await listTopicOptions();
  // After a rejected submission: what was typed, and the messages (lib/subscriptions/form-state.ts).
  const state = invalid === "1" ? readFormState((await cookies()).get(FORM_STATE_COOKIE)?.value, "subscribe") : null;
  return (
    <>
      <h1 className="text-2xl font-bold">Get the digest</h1>
      <p className="mt-1 mb-4 text-zinc-600 dark:text-zinc-400">
        The trending papers of the topics you choose, daily or weekly. Each paper reaches you at most once.
      </p>
      <SubscribeForm
        topics={topics}
        values={
          state
            ? {
                email: state.email ?? "",
                allTopics: state.allTopics,
                topics: state.topics,
                frequency: state.frequency === "daily" ? "daily" : "weekly",
                keywords: state.keywords ? [state.keywords] : [],
              }
            : undefined
        }
        errors={state?.errors}
      />
    </>
  );
}
