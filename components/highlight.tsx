import { plainText } from "@/lib/papers/text";
import type { SnippetPart } from "@/lib/papers/types";

/** Search highlights as React elements: text is escaped by React, never injected as HTML. */
export function Highlight({ parts }: { parts: SnippetPart[] }) {
  return (
    <>
      {parts.map((p, i) =>
        p.mark ? (
          // biome-ignore lint/suspicious/noArrayIndexKey: the parts are a fixed split of one text; their position is their identity
          <mark key={i} className="rounded-sm bg-yellow-200 px-0.5 text-inherit dark:bg-yellow-700/60">
            {plainText(p.text)}
          </mark>
        ) : (
          // biome-ignore lint/suspicious/noArrayIndexKey: the parts are a fixed split of one text; their position is their identity
          <span key={i}>{plainText(p.text)}</span>
        ),
      )}
    </>
  );
}
