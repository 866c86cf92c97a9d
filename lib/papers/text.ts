// Text from outside sources (titles, authors, abstracts) made safe to show.
//
// Bidirectional formatting characters change how the text around them is
// ordered: an override (U+202E) shows "gnp.exe" as "exe.png", and one left
// unterminated reverses the rest of the paragraph. Embeddings and overrides
// (U+202A-U+202E) and isolates (U+2066-U+2069) are dropped, as are control
// characters (C0 but tab/newline/CR, DEL, C1): they carry no meaning in a
// paper's text, Postgres refuses NUL and XML 1.0 most of C0. The marks
// U+200E/U+200F stay: they set no direction beyond one character.
// Ingest applies this at the boundary (lib/ingest/paper.ts); pages, emails,
// the API and the Atom feed apply it again on output, which neutralises rows
// stored before (no re-normalisation of the table needed), and render the
// text isolated (<bdi>, dir="auto") so a right-to-left title can't reorder
// what surrounds it.

// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is this pattern's job
const UNSAFE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/g;

export function plainText(value: string): string {
  return value.replace(UNSAFE, "");
}
