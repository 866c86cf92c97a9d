import type { Metadata } from "next";
import { shareMetadata } from "@/lib/seo/metadata";

export async function generateMetadata(): Promise<Metadata> {
  return { ...shareMetadata({ title: "Check your inbox" }), robots: { index: false } };
}

// The one answer the form gives, whatever the address's state (no enumeration).
export default function CheckEmailPage() {
  return (
    <>
      <h1 className="text-2xl font-bold">Check your inbox</h1>
      <p className="mt-2">
        If the address can receive our mail, a message is on its way. To start a new subscription, open the confirmation
        link in it within 48 hours; if you are already subscribed, it holds a link to your preferences.
      </p>
      <p className="mt-2 text-sm text-zinc-600 dark:text-zinc-400">
        Nothing arrived? Check the spam folder, or try again in a few minutes.
      </p>
    </>
  );
}
