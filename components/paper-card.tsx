import { plainText } from "@/lib/papers/text";
import type { PaperListItem, SnippetPart } from "@/lib/papers/types";
import { paperPath } from "@/lib/papers/url";
import { Highlight } from "./highlight";
import { PaperLinks } from "./paper-links";
import { TopicChips } from "./topic-chips";
import { VoteForm } from "./vote-form";

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

/** Authors, each isolated (<bdi>) so a right-to-left name can't reorder the commas around it. */
export function AuthorList({ authors, max }: { authors: string[]; max?: number }) {
  const shown = max === undefined ? authors : authors.slice(0, max);
  const more = authors.length - shown.length;
  return (
    <>
      {shown.map((a, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: two authors may share a name; the position is the identity
        <span key={i}>
          {i > 0 && ", "}
          <bdi>{plainText(a)}</bdi>
        </span>
      ))}
      {more > 0 && ` and ${more} more`}
    </>
  );
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
    <article id={`paper-${paper.id}`} className="card" aria-labelledby={`paper-${paper.id}-title`}>
      <div className="shrink-0 pt-0.5">
        <VoteForm paperId={paper.id} upvotes={paper.upvotes} returnTo={returnTo} />
      </div>
      <div className="min-w-0 flex-1">
        <Heading id={`paper-${paper.id}-title`} className="text-base font-semibold leading-snug">
          {/* A plain link, like the topic chips: a list has up to 50 of them, and a client Link
              each puts a component reference per card into the RSC payload. The paper page it
              opens comes from the page cache, so a full load is cheap. */}
          <a href={paperPath(paper)} className="card-title">
            <bdi>{titleParts ? <Highlight parts={titleParts} /> : plainText(paper.title)}</bdi>
          </a>
        </Heading>
        {paper.authors.length > 0 && (
          <p className="card-authors">
            <AuthorList authors={paper.authors} max={4} />
          </p>
        )}
        <p dir="auto" className="card-abstract">
          {snippetParts ? <Highlight parts={snippetParts} /> : excerpt(plainText(paper.summary))}
        </p>
        <TopicChips topics={paper.topics} />
        <div className="card-links">
          <PaperLinks paper={paper} />
          <span className="card-date">Featured {paper.featuredOn}</span>
        </div>
      </div>
    </article>
  );
}
