import type { Metadata } from "next";
import { shareMetadata } from "@/lib/seo/metadata";
import { unsubscribeLinkState } from "@/lib/subscriptions/data";

export async function generateMetadata(): Promise<Metadata> {
  return { ...shareMetadata({ title: "Unsubscribe" }), robots: { index: false }, referrer: "no-referrer" };
}

// GET shows a button and changes nothing (link scanners follow GETs). The button
// posts exactly what a mail provider's one-click POST sends (RFC 8058), to the
// same URL; proxy.ts routes that POST to the handler. A missing, changed or
// dead token says so here, before anyone presses a button that would fail.
export default async function UnsubscribePage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { token } = await searchParams;
  const value = typeof token === "string" ? token : "";
  const state = await unsubscribeLinkState(value);
  if (state === "invalid")
    return (
      <>
        <h1 className="text-2xl font-bold">This unsubscribe link is not valid</h1>
        <p className="mt-2">
          {value ? "It was copied incompletely or changed, or its subscription no longer exists." : "It has no token."}{" "}
          Nothing was changed. Use the unsubscribe link in your latest Paperboy email, or reply to it.
        </p>
      </>
    );
  if (state === "unsubscribed")
    return (
      <>
        <h1 className="text-2xl font-bold">You're unsubscribed</h1>
        <p className="mt-2">You get no digests from Paperboy. You can subscribe again at any time.</p>
      </>
    );
  return (
    <>
      <h1 className="text-2xl font-bold">Unsubscribe from Paperboy</h1>
      <p className="mt-2">You will get no more digests. You can subscribe again at any time.</p>
      <form method="post" action={`/unsubscribe?token=${encodeURIComponent(value)}`} className="mt-4">
        <input type="hidden" name="List-Unsubscribe" value="One-Click" />
        <button type="submit" className="rounded bg-red-700 px-4 py-2 font-semibold text-white hover:bg-red-800">
          Unsubscribe
        </button>
      </form>
    </>
  );
}
