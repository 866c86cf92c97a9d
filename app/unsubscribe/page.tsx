import type { Metadata } from "next";

export const metadata: Metadata = { title: "Unsubscribe", robots: { index: false }, referrer: "no-referrer" };

// GET shows a button and changes nothing (link scanners follow GETs). The button
// posts exactly what a mail provider's one-click POST sends (RFC 8058), to the
// same URL; proxy.ts routes that POST to the handler.
export default async function UnsubscribePage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { token } = await searchParams;
  const value = typeof token === "string" ? token : "";
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
