import type { Metadata } from "next";
import { shareMetadata } from "@/lib/seo/metadata";

export async function generateMetadata(): Promise<Metadata> {
  return { ...shareMetadata({ title: "Subscribed" }), robots: { index: false } };
}

export default function ConfirmedPage() {
  return (
    <>
      <h1 className="text-2xl font-bold">You&apos;re subscribed</h1>
      <p className="mt-2">
        Welcome! We have emailed you a link to your preferences: keep it to change topics, frequency or keywords, pause,
        unsubscribe or delete your data.
      </p>
    </>
  );
}
