import type { Metadata } from "next";
import { shareMetadata } from "@/lib/seo/metadata";
import { confirmTokenState } from "@/lib/subscriptions/data";

export const dynamic = "force-dynamic";
export async function generateMetadata(): Promise<Metadata> {
  return {
    ...shareMetadata({ title: "Confirm your subscription" }),
    robots: { index: false },
    referrer: "no-referrer",
  };
}

// GET only shows the button: mail scanners follow links, so confirming happens on POST.
export default async function ConfirmPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { token } = await searchParams;
  const value = typeof token === "string" ? token : "";
  const state = await confirmTokenState(value);
  if (state !== "valid") {
    return (
      <>
        <h1 className="text-2xl font-bold">
          {state === "expired" ? "This link has expired" : "This link is not valid"}
        </h1>
        <p className="mt-2">
          {state === "expired"
            ? "Confirmation links work for 48 hours."
            : "It may have been used already, or it was copied incompletely."}{" "}
          <a href="/subscribe" className="text-blue-700 underline dark:text-blue-400">
            Subscribe again
          </a>{" "}
          to get a new one.
        </p>
      </>
    );
  }
  return (
    <>
      <h1 className="text-2xl font-bold">Confirm your subscription</h1>
      <p className="mt-2">One click and the digest starts. We will email you a link to your preferences.</p>
      <form method="post" action="/api/subscriptions/confirm" className="mt-4">
        <input type="hidden" name="token" value={value} />
        <button type="submit" className="rounded bg-blue-700 px-4 py-2 font-semibold text-white hover:bg-blue-800">
          Confirm
        </button>
      </form>
    </>
  );
}
