import type { Metadata } from "next";
import { SubscribeForm } from "@/components/subscribe-form";
import { shareMetadata } from "@/lib/seo/metadata";
import { listTopicOptions } from "@/lib/subscriptions/data";

export const dynamic = "force-dynamic";
export async function generateMetadata(): Promise<Metadata> {
  return shareMetadata({
    title: "Subscribe to the digest",
    description: "A daily or weekly email of the new papers in the topics you choose; one click to leave.",
    path: "/subscribe",
  });
}

export default async function SubscribePage() {
  const topics = await listTopicOptions();
  return (
    <>
      <h1 className="text-2xl font-bold">Get the digest</h1>
      <p className="mt-1 mb-4 text-zinc-600 dark:text-zinc-400">
        The trending papers of the topics you choose, daily or weekly. Each paper reaches you at most once.
      </p>
      <SubscribeForm topics={topics} />
    </>
  );
}
