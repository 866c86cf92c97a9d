import type { z } from "zod";
import { type NormalizedPaper, normalizedPaperSchema } from "./paper";

// What every parser returns: the papers it could read, and each record it
// skipped with where it was and why. A document that cannot be read at all
// (broken JSON or XML, no listing header) is { ok: false } with its location.

export type Rejection = {
  /** e.g. "line 12", "record 3 (2503.01234)", "entry 7". */
  location: string;
  reason: string;
};

export type ParseResult = { ok: true; papers: NormalizedPaper[]; rejected: Rejection[] } | { ok: false; error: string };

/** Collapses runs of whitespace (arXiv wraps titles and abstracts) and trims. */
export function collapse(text: string | null | undefined): string {
  const value = text ?? "";
  // Most text is already collapsed: testing is cheap, rebuilding every string was a third of parsing.
  return NEEDS_COLLAPSE.test(value) ? value.replace(/\s+/g, " ").trim() : value;
}
const NEEDS_COLLAPSE = /[^\S ]| {2}|^ | $/;

/** An http(s) URL, or null: a malformed link is dropped rather than costing the whole paper. */
export function httpUrl(value: string | null | undefined): string | null {
  const v = collapse(value);
  if (!/^https?:\/\/[^\s<>"]+$/i.test(v) || v.length > 2_000) return null;
  return v;
}

/** Validates a candidate against the shared schema; the reason names the field and the limit. */
export function validatePaper(
  candidate: unknown,
  location: string,
): { ok: true; paper: NormalizedPaper } | { ok: false; rejection: Rejection } {
  const result = normalizedPaperSchema.safeParse(candidate);
  if (result.success) return { ok: true, paper: result.data };
  return { ok: false, rejection: { location, reason: describeIssues(result.error.issues) } };
}

export function describeIssues(issues: z.core.$ZodIssue[]): string {
  return issues
    .slice(0, 3)
    .map((issue) => {
      const field = issue.path.join(".") || "record";
      if (issue.code === "too_big") {
        return `${field} too large (at most ${issue.maximum.toLocaleString("en")}${issue.origin === "string" ? " characters" : " items"})`;
      }
      return `${field}: ${issue.message}`;
    })
    .join("; ");
}

/** "line 3, column 7" for a character offset in text. */
export function lineAndColumn(text: string, offset: number): string {
  const before = text.slice(0, offset);
  const line = before.split("\n").length;
  const column = offset - before.lastIndexOf("\n");
  return `line ${line}, column ${column}`;
}

/**
 * JSON.parse with the error's location. V8's messages only sometimes carry
 * a position, so on failure a small scanner finds the first offending offset.
 */
export function parseJson(text: string): { ok: true; value: unknown } | { ok: false; error: string } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    const offset = firstJsonError(text);
    return { ok: false, error: `invalid JSON at ${lineAndColumn(text, offset)}` };
  }
}

/** Offset of the first syntax error in text (text.length when it ends too early). */
export function firstJsonError(text: string): number {
  let i = 0;
  const ws = () => {
    while (i < text.length && " \t\n\r".includes(text[i]!)) i++;
  };
  const fail = (): never => {
    throw i;
  };
  const literal = (word: string) => {
    if (text.startsWith(word, i)) i += word.length;
    else fail();
  };
  const string = () => {
    i++; // opening quote
    while (i < text.length) {
      const c = text[i]!;
      if (c === '"') return void i++;
      if (c === "\\") {
        const e = text[i + 1];
        if (e === "u") {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) {
            i++;
            fail();
          }
          i += 6;
        } else if (e !== undefined && '"\\/bfnrt'.includes(e)) i += 2;
        else {
          i++;
          fail();
        }
      } else if (c < " ") fail();
      else i++;
    }
    fail();
  };
  const number = () => {
    const m = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(i, i + 400));
    if (!m) fail();
    i += m![0].length;
  };
  const value = (): void => {
    ws();
    const c = text[i];
    if (c === "{") {
      i++;
      ws();
      if (text[i] === "}") return void i++;
      for (;;) {
        ws();
        if (text[i] !== '"') fail();
        string();
        ws();
        if (text[i] !== ":") fail();
        i++;
        value();
        ws();
        if (text[i] === ",") i++;
        else if (text[i] === "}") return void i++;
        else fail();
      }
    } else if (c === "[") {
      i++;
      ws();
      if (text[i] === "]") return void i++;
      for (;;) {
        value();
        ws();
        if (text[i] === ",") i++;
        else if (text[i] === "]") return void i++;
        else fail();
      }
    } else if (c === '"') string();
    else if (c === "t") literal("true");
    else if (c === "f") literal("false");
    else if (c === "n") literal("null");
    else number();
  };
  try {
    value();
    ws();
    if (i < text.length) fail();
    return text.length;
  } catch (offset) {
    return Math.min(offset as number, text.length);
  }
}
