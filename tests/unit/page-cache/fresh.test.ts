import { describe, expect, test } from "vitest";
import { FRESH_COOKIE_SECONDS, freshCookieValue, readFreshVotes, renderedAfter } from "@/lib/page-cache/fresh";

const MINUTE = FRESH_COOKIE_SECONDS * 1000;

describe("a browser's recent votes (pb_fresh)", () => {
  test("a vote is kept with its time, newest first, and read back", () => {
    const one = freshCookieValue(undefined, 12, 1_000_000);
    const two = freshCookieValue(one, 40, 1_000_500);
    expect(two).toBe(`40.${(1_000_500).toString(36)}-12.${(1_000_000).toString(36)}`);
    expect(readFreshVotes(two, 1_001_000)).toEqual(
      new Map([
        [40, 1_000_500],
        [12, 1_000_000],
      ]),
    );
  });

  test("voting again on a paper moves it to the front with the new time", () => {
    const value = freshCookieValue(freshCookieValue(freshCookieValue(undefined, 1, 10), 2, 20), 1, 30);
    expect([...readFreshVotes(value, 40)]).toEqual([
      [1, 30],
      [2, 20],
    ]);
  });

  test("votes older than a minute are dropped, and at most eight are kept", () => {
    let value: string | undefined;
    for (let id = 1; id <= 10; id++) value = freshCookieValue(value, id, id * 1000);
    expect([...readFreshVotes(value, 10_000).keys()]).toEqual([10, 9, 8, 7, 6, 5, 4, 3]);
    expect([...readFreshVotes(value, 3_000 + MINUTE).keys()]).toEqual([10, 9, 8, 7, 6, 5, 4]);
  });

  test("junk is ignored and a time from the future counts as now", () => {
    expect(readFreshVotes("1", 5)).toEqual(new Map());
    expect(readFreshVotes("abc.12-x-.-12.-7.zz", 10_000)).toEqual(new Map([[7, (35 * 36 + 35) as number]]));
    expect(readFreshVotes(`3.${(9e12).toString(36)}`, 5_000)).toEqual(new Map([[3, 5_000]]));
    expect(readFreshVotes("1234567890.1", 5)).toEqual(new Map());
  });

  test("a page must be rendered after the latest vote on a paper it shows, else any render will do", () => {
    const votes = new Map([
      [3, 100],
      [9, 300],
    ]);
    expect(renderedAfter(votes, [1, 3, 9])).toBe(300);
    expect(renderedAfter(votes, [3, 4])).toBe(100);
    expect(renderedAfter(votes, [4, 5])).toBe(0);
    expect(renderedAfter(new Map(), [3])).toBe(0);
  });
});
