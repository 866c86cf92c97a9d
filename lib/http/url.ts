// Links that came from data (a paper's code repository or project page) are
// only ever emitted as http(s) URLs. Ingest already refuses other schemes;
// this guards the output too, for rows written before or around that check:
// a `javascript:` or `data:` link must never become a clickable href in a
// page, an email or a feed.
export function safeHttpUrl(value: string | null | undefined): string | null {
  if (!value) return null;
  try {
    const url = new URL(value);
    return url.protocol === "https:" || url.protocol === "http:" ? url.href : null;
  } catch {
    return null;
  }
}
