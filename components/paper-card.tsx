import { AppLink } from "@/components/app-link";
import type { PaperListItem, SnippetPart } from "@/lib/papers/types";
import { Highlight } from "./highlight";
import { PaperLinks } from "./paper-links";
import { TopicChips } from "./topic-chips";
import { VoteButton } from "./vote-button";

const EXCERPT_LENGTH = 280;

export function excerpt(text: string, max = EXCERPT_LENGTH): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max);
  return `${cut.slice(0, Math.max(cut.lastIndexOf(" "), max - 40))}…`;
}

export function authorLine(authors: string[], max = 4): string {
  if (authors.length <= max) return authors.join(", ");
  return `${authors.slice(0, max).join(", ")} and ${authors.length - max} more`;
}

type Props = {
  paper: PaperListItem;
  /** Where the no-JavaScript vote form returns to. */
  returnTo: string;
  titleParts?: SnippetPart[];
  snippetParts?: SnippetPart[];
  headingLevel?: "h2" | "h3";
};

export function PaperCard({ paper, returnTo, titleParts, snippetParts, headingLevel = "h2" }: Props) {
  const Heading = headingLevel;
  return (
    <article
      id={`paper-${paper.id}`}
      className="flex gap-3 border-b border-zinc-200 py-4 dark:border-zinc-800"
      aria-labelledby={`paper-${paper.id}-title`}
    >
      <div className="shrink-0 pt-0.5">
        <VoteButton paperId={paper.id} upvotes={paper.upvotes} returnTo={returnTo} />
      </div>
      <div className="min-w-0 flex-1">
        <Heading id={`paper-${paper.id}-title`} className="text-base font-semibold leading-snug">
          <AppLink
            href={`/papers/${paper.id}`}
            className="hover:underline focus-visible:outline-2 focus-visible:outline-blue-600"
          >
            {titleParts ? <Highlight parts={titleParts} /> : paper.title}
          </AppLink>
        </Heading>
        {paper.authors.length > 0 && (
          <p className="mt-0.5 text-xs text-zinc-600 dark:text-zinc-400">{authorLine(paper.authors)}</p>
        )}
        <p className="mt-1 text-sm text-zinc-700 dark:text-zinc-300">
          {snippetParts ? <Highlight parts={snippetParts} /> : excerpt(paper.summary)}
        </p>
        <TopicChips topics={paper.topics} />
        <div className="mt-2 flex flex-wrap items-center gap-x-3 gap-y-1 text-sm">
          <PaperLinks paper={paper} />
          <span className="text-xs text-zinc-600 dark:text-zinc-400">Featured {paper.featuredOn}</span>
        </div>
      </div>
    </article>
  );
}
