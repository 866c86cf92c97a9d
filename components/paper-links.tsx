import { safeHttpUrl } from "@/lib/http/url";
import type { PaperListItem } from "@/lib/papers/types";

const linkClass = "text-blue-700 underline hover:no-underline dark:text-blue-400";

export function arxivLinks(arxivId: string | null) {
  if (!arxivId) return null;
  return { abs: `https://arxiv.org/abs/${arxivId}`, pdf: `https://arxiv.org/pdf/${arxivId}` };
}

/** arXiv abstract and PDF (when the id is known), code repository, project page. */
export function PaperLinks({ paper }: { paper: Pick<PaperListItem, "arxivId" | "repoUrl" | "projectUrl"> }) {
  const arxiv = arxivLinks(paper.arxivId);
  const repoUrl = safeHttpUrl(paper.repoUrl);
  const projectUrl = safeHttpUrl(paper.projectUrl);
  return (
    <>
      {arxiv && (
        <>
          <a href={arxiv.abs} className={linkClass} rel="noopener noreferrer">
            arXiv
          </a>
          <a href={arxiv.pdf} className={linkClass} rel="noopener noreferrer">
            PDF
          </a>
        </>
      )}
      {repoUrl && (
        <a href={repoUrl} className={linkClass} rel="noopener noreferrer nofollow">
          Code
        </a>
      )}
      {projectUrl && (
        <a href={projectUrl} className={linkClass} rel="noopener noreferrer nofollow">
          Project page
        </a>
      )}
    </>
  );
}
