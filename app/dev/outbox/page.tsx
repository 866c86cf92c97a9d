import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { env } from "@/lib/env";
import { listOutbox, OUTBOX_PAGE_SIZE } from "@/lib/mail/data";
import { shareMetadata } from "@/lib/seo/metadata";
import { emailSchema } from "@/lib/subscriptions/schema";

export const dynamic = "force-dynamic";
export async function generateMetadata(): Promise<Metadata> {
  return { ...shareMetadata({ title: "Outbox (development)" }), robots: { index: false } };
}

// Exists only while the outbox transport is active (no RESEND_API_KEY): with a
// real provider configured this page is a 404.
export default async function OutboxPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  if (env().RESEND_API_KEY) notFound();
  const { to } = await searchParams;
  // Only a valid address filters; anything else (e.g. a NUL byte Postgres refuses) shows everything.
  const parsed = emailSchema.safeParse(to);
  const recipient = parsed.success ? parsed.data : undefined;
  const messages = await listOutbox(recipient);

  return (
    <>
      <h1 className="text-2xl font-bold">Outbox</h1>
      <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">
        Email the app “sent” while no RESEND_API_KEY is set{recipient ? ` to ${recipient}` : ""}: newest first, at most{" "}
        {OUTBOX_PAGE_SIZE}.
      </p>
      <form method="get" className="mt-3 flex gap-2">
        <label htmlFor="outbox-to" className="sr-only">
          Recipient
        </label>
        <input
          id="outbox-to"
          name="to"
          type="email"
          defaultValue={recipient}
          placeholder="Filter by recipient"
          className="rounded border border-zinc-300 px-2 py-1 dark:border-zinc-700 dark:bg-zinc-900"
        />
        <button type="submit" className="rounded border border-zinc-300 px-3 py-1 dark:border-zinc-700">
          Filter
        </button>
      </form>
      {messages.length === 0 && <p className="mt-6">No messages.</p>}
      {messages.map((m) => {
        const headers = Object.entries((m.headers ?? {}) as Record<string, unknown>);
        return (
          <article
            key={m.id}
            className="mt-6 border-t border-zinc-200 pt-4 dark:border-zinc-800"
            data-testid="outbox-message"
          >
            <h2 className="font-semibold">{m.subject}</h2>
            <dl className="mt-1 grid grid-cols-[auto_1fr] gap-x-3 text-sm">
              <dt className="text-zinc-500">To</dt>
              <dd data-testid="outbox-to">{m.to}</dd>
              <dt className="text-zinc-500">From</dt>
              <dd>{m.from}</dd>
              <dt className="text-zinc-500">Date</dt>
              <dd>{m.createdAt.toISOString()}</dd>
              {headers.map(([name, value]) => (
                <div key={name} className="contents">
                  <dt className="text-zinc-500">{name}</dt>
                  <dd className="break-all" data-header={name}>
                    {String(value)}
                  </dd>
                </div>
              ))}
            </dl>
            <details className="mt-2" open>
              <summary className="cursor-pointer text-sm">HTML</summary>
              {/* No scripts, no same-origin access: the email's HTML can't touch the app. */}
              <iframe
                title={`HTML of “${m.subject}”`}
                sandbox="allow-popups allow-popups-to-escape-sandbox"
                srcDoc={m.html}
                className="mt-1 h-96 w-full rounded border border-zinc-200 bg-white dark:border-zinc-800"
              />
            </details>
            <details className="mt-2">
              <summary className="cursor-pointer text-sm">Text</summary>
              <pre className="mt-1 overflow-x-auto whitespace-pre-wrap text-sm" data-testid="outbox-text">
                {m.text}
              </pre>
            </details>
          </article>
        );
      })}
    </>
  );
}
