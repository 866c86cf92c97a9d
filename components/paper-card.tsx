import type { PaperListItem } from "@/lib/papers/data";

const EXCERPT_LENGTH = 280;

export function excerpt(text: string, max = EXCERPT_LENGTH): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max);
  return `${cut.slice(0, Math.max(cut.lastIndexOf(" "), max - 40))}…`;
}

export function PaperCard({ paper }: { paper: PaperListItem }) {
  return (
    <article className="border-b border-zinc-200 py-4 dark:border-zinc-800">
      <h2 className="text-base font-semibold leading-snug">{paper.title}</h2>
      <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">{excerpt(paper.summary)}</p>
      {paper.repoUrl && (
        <a
          href={paper.repoUrl}
          rel="noopener noreferrer nofollow"
          className="mt-2 inline-block text-sm text-blue-700 underline dark:text-blue-400"
        >
          Code
        </a>
      )}
    </article>
  );
}
