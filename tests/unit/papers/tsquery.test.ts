import { describe, expect, it } from "vitest";
import { anyWordTsquery, lexemes, matchBound, parseTsquery, tsqueryText } from "@/lib/papers/tsquery";

// Texts as websearch_to_tsquery('english', …)::text prints them.
const df: Record<string, number> = { quantiz: 50, survey: 400, mixtur: 30, expert: 80, video: 300, audio: 100 };
const bound = (text: string) => matchBound(parseTsquery(text)!, (t) => df[t] ?? 0, 1000);

describe("tsquery text", () => {
  it("parses websearch output with the operators' precedence", () => {
    expect(parseTsquery("'video' | 'audio' & 'quantiz'")).toEqual({
      kind: "or",
      left: { kind: "term", lexeme: "video", suffix: "" },
      right: {
        kind: "and",
        left: { kind: "term", lexeme: "audio", suffix: "" },
        right: { kind: "term", lexeme: "quantiz", suffix: "" },
      },
    });
    expect(lexemes(parseTsquery("'quantiz' & !( 'mixtur' <-> 'expert' )")!)).toEqual(["quantiz", "mixtur", "expert"]);
    expect(parseTsquery("'it''s' & 'a\\\\b'")).toMatchObject({ left: { lexeme: "it's" }, right: { lexeme: "a\\b" } });
  });

  it("rejects what it does not know instead of guessing", () => {
    for (const text of ["", "'open", "'a' &", "( 'a'", "'a' 'b'", "'a' <x> 'b'", "a"])
      expect(parseTsquery(text)).toBeNull();
  });

  it("bounds the matches: AND and phrases by the rarest side, OR by the sum, negation by everything", () => {
    expect(bound("'quantiz' & !'survey'")).toBe(50);
    expect(bound("'mixtur' <-> 'expert'")).toBe(30);
    expect(bound("'video' | 'audio'")).toBe(400);
    expect(bound("!'survey'")).toBe(1000);
    expect(bound("'video' | 'survey' | 'audio' | 'expert' | 'survey'")).toBe(1000);
    expect(bound("'quantiz':*")).toBe(1000);
    expect(bound("'unseen' & 'video'")).toBe(0);
  });

  it("writes the any-word form, keeping exclusions, only when it differs", () => {
    expect(anyWordTsquery(parseTsquery("'quantiz' & 'mixtur' <-> 'expert' & !'survey'")!)).toBe(
      "( 'quantiz' | 'mixtur' | 'expert' ) & !( 'survey' )",
    );
    expect(anyWordTsquery(parseTsquery("'video' | 'audio'")!)).toBeNull();
    expect(anyWordTsquery(parseTsquery("'video'")!)).toBeNull();
    expect(anyWordTsquery(parseTsquery("'video' & !'audio'")!)).toBeNull();
    expect(tsqueryText(parseTsquery("'it''s' <2> 'x'")!)).toBe("( 'it''s' <2> 'x' )");
  });
});
