import { safeHttpUrl } from "@/lib/http/url";
import type { PaperListItem } from "@/lib/papers/types";
import { arxivTitleSearchUrl, huggingFacePaperUrl } from "@/lib/papers/url";

// .link in app/globals.css: every card carries up to five of these.
const linkClass = "link";

export function arxivLinks(arxivId: string | null) {
  if (!arxivId) return null;
  return { abs: `https://arxiv.org/abs/${arxivId}`, pdf: `https://arxiv.org/pdf/${arxivId}` };
}

const starFormat = new Intl.NumberFormat("en", { notation: "compact", maximumFractionDigits: 1 });

type LinkFields = Pick<PaperListItem, "arxivId" | "title" | "repoUrl" | "repoStars" | "projectUrl" | "onHuggingFace">;

/**
 * arXiv abstract and PDF (when the id is known, else an arXiv title search),
 * the Hugging Face paper page (for daily papers), the code repository with its
 * GitHub stars, the project page.
 */
export function PaperLinks({ paper }: { paper: LinkFields }) {
  const arxiv = arxivLinks(paper.arxivId);
  const repoUrl = safeHttpUrl(paper.repoUrl);
  const projectUrl = safeHttpUrl(paper.projectUrl);
  return (
    <>
      {arxiv ? (
        <>
          <a href={arxiv.abs} className={linkClass} rel="noopener noreferrer">
            arXiv
          </a>
          <a href={arxiv.pdf} className={linkClass} rel="noopener noreferrer">
            PDF
          </a>
          {paper.onHuggingFace && paper.arxivId && (
            <a href={huggingFacePaperUrl(paper.arxivId)} className={linkClass} rel="noopener noreferrer">
              Hugging Face
            </a>
          )}
        </>
      ) : (
        <a href={arxivTitleSearchUrl(paper.title)} className={linkClass} rel="noopener noreferrer nofollow">
          Find on arXiv
        </a>
      )}
      {repoUrl && (
        <span className="inline-flex items-baseline gap-1">
          <a href={repoUrl} className={linkClass} rel="noopener noreferrer nofollow">
            Code
          </a>
          {paper.repoStars !== null && paper.repoStars > 0 && (
            <span className="text-xs text-zinc-600 dark:text-zinc-400" data-testid="repo-stars">
              <span aria-hidden="true">★ </span>
              {starFormat.format(paper.repoStars)}
              <span className="sr-only"> GitHub stars</span>
            </span>
          )}
        </span>
      )}
      {projectUrl && (
        <a href={projectUrl} className={linkClass} rel="noopener noreferrer nofollow">
          Project page
        </a>
      )}
    </>
  );
}
