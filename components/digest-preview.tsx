import { paperLinks, votesLabel } from "@/emails/digest";
import type { DigestPreviewView } from "@/lib/digest/types";

// "Your next digest" on the preferences page: when it goes out, the papers it
// would carry now (or, when nothing new matches, the most recent matching
// ones, said plainly), and a plain form that emails it as a sample. No
// JavaScript needed.

const link = "text-blue-700 underline hover:no-underline dark:text-blue-400";
const muted = "text-sm text-zinc-600 dark:text-zinc-400";

function When({ view }: { view: DigestPreviewView }) {
  if (view.status === "paused") return <p data-testid="next-digest">Paused: no digest goes out until you resume.</p>;
  if (view.status !== "active")
    return <p data-testid="next-digest">No digest goes out while this subscription is not active.</p>;
  if (!view.next) return null;
  return (
    <p data-testid="next-digest">
      Your next {view.frequency} digest goes out on{" "}
      <time dateTime={view.next.iso} className="font-semibold">
        {view.next.at}
      </time>{" "}
      ({view.next.wait})
      {view.kind === "new" ? "." : ", if new papers match your choices by then: a digest is only sent when there are."}
    </p>
  );
}

export function DigestPreview({ view, token }: { view: DigestPreviewView; token: string }) {
  return (
    <section aria-labelledby="next-digest-heading" className="mt-6 max-w-3xl">
      <h2 id="next-digest-heading" className="text-lg font-semibold">
        Your next digest
      </h2>
      <When view={view} />
      <p className={`mt-1 ${muted}`} data-testid="preview-explanation">
        {view.kind === "new" &&
          `If it went out now, it would carry these ${view.papers.length} paper${view.papers.length === 1 ? "" : "s"} (${view.periodLabel}), chosen exactly as the digest chooses them.`}
        {view.kind === "recent" &&
          `Nothing new matches your choices since ${view.sinceLabel}, so here are the most recent matching papers instead (${view.periodLabel.replace(/^Most recent papers, /, "")}).`}
        {view.kind === "none" && "No paper matches your choices yet. Try more topics or other keywords below."}
      </p>
      {view.papers.length > 0 && (
        <ol className="mt-2 divide-y divide-zinc-200 border-y border-zinc-200 dark:divide-zinc-800 dark:border-zinc-800">
          {view.papers.map((p) => {
            const links = paperLinks(p);
            return (
              <li key={p.url} className="py-3" data-testid="preview-paper">
                <a href={p.url} className="font-semibold hover:underline" dir="auto">
                  {p.title}
                </a>
                {p.authors && (
                  <p className="text-xs text-zinc-600 dark:text-zinc-400" dir="auto">
                    {p.authors}
                  </p>
                )}
                <p className="mt-1 flex flex-wrap gap-x-3 text-sm">
                  <span className="text-zinc-600 dark:text-zinc-400">{votesLabel(p.votes)}</span>
                  {links.map((l) => (
                    <a key={l.label} href={l.url} className={link} rel="noopener noreferrer nofollow">
                      {l.label}
                    </a>
                  ))}
                </p>
                {p.reasons.length > 0 && (
                  <p className="text-xs text-zinc-700 dark:text-zinc-300">Why: {p.reasons.join(", ")}</p>
                )}
              </li>
            );
          })}
        </ol>
      )}
      {view.seeAll.length > 0 && (
        <ul className="mt-2 text-sm">
          {view.seeAll.map((l) => (
            <li key={l.url}>
              <a href={l.url} className={link}>
                {l.label} →
              </a>
            </li>
          ))}
        </ul>
      )}
      {view.papers.length > 0 && (view.status === "active" || view.status === "paused") && (
        <form method="post" action="/api/subscriptions/preferences" className="mt-3">
          <input type="hidden" name="token" value={token} />
          <input type="hidden" name="action" value="sample" />
          <button
            type="submit"
            className="rounded border border-zinc-300 px-4 py-2 font-semibold hover:bg-zinc-100 dark:border-zinc-700 dark:hover:bg-zinc-900"
          >
            Email me this now
          </button>
          <p className={`mt-1 ${muted}`}>
            Sends this preview as a sample, marked as such. It does not count as a digest
            {view.kind === "new" ? ": your next digest still includes these papers" : ""}. At most 3 emails a day go to
            one address.
          </p>
        </form>
      )}
    </section>
  );
}
