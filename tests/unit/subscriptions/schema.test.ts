import { describe, expect, it } from "vitest";
import { choicesSchema, formToChoices, subscribeSchema } from "@/lib/subscriptions/schema";

describe("subscription input schemas", () => {
  it("trims and lower-cases the address and bounds it at 254 characters", () => {
    expect(subscribeSchema.parse({ email: "  Ada@Example.ORG ", allTopics: true, frequency: "daily" }).email).toBe(
      "ada@example.org",
    );
    const local = "a".repeat(64);
    const domain = `${"b".repeat(63)}.${"c".repeat(63)}.${"d".repeat(50)}.org`;
    expect(`${local}@${domain}`.length).toBeLessThanOrEqual(254);
    expect(
      subscribeSchema.safeParse({ email: `${local}@${domain}`, allTopics: true, frequency: "daily" }).success,
    ).toBe(true);
    expect(
      subscribeSchema.safeParse({ email: `${local}@x${domain}x`.padEnd(255, "x"), allTopics: true, frequency: "daily" })
        .success,
    ).toBe(false);
    for (const bad of ["", "plain", "a@", "@b.org", "a b@c.org"]) {
      expect(subscribeSchema.safeParse({ email: bad, allTopics: true, frequency: "daily" }).success).toBe(false);
    }
  });

  it("needs all topics or at least one named topic; all topics drops the list", () => {
    expect(choicesSchema.safeParse({ frequency: "daily" }).success).toBe(false);
    expect(choicesSchema.parse({ allTopics: true, topics: ["agents"], frequency: "daily" })).toMatchObject({
      allTopics: true,
      topics: [],
    });
    expect(choicesSchema.parse({ topics: ["Agents", "agents", "rl"], frequency: "weekly" }).topics).toEqual([
      "agents",
      "rl",
    ]);
    expect(choicesSchema.safeParse({ topics: ["../etc"], frequency: "weekly" }).success).toBe(false);
    expect(choicesSchema.safeParse({ allTopics: true, frequency: "monthly" }).success).toBe(false);
  });

  it("splits, normalises, dedupes and bounds keywords", () => {
    const parse = (keywords: unknown) => choicesSchema.safeParse({ allTopics: true, frequency: "daily", keywords });
    expect(parse(" Speculative   Decoding ,kv cache;\nKV Cache,, ").data?.keywords).toEqual([
      "speculative decoding",
      "kv cache",
    ]);
    expect(parse(undefined).data?.keywords).toEqual([]);
    expect(parse(["RAG", "rag"]).data?.keywords).toEqual(["rag"]);
    expect(parse("a").success).toBe(false);
    expect(parse("x".repeat(61)).success).toBe(false);
    expect(parse(Array.from({ length: 11 }, (_, i) => `k${i}`).join(",")).success).toBe(false);
    expect(parse(Array.from({ length: 10 }, (_, i) => `k${i}`).join(",")).success).toBe(true);
  });

  it("reads the form fields a browser sends", () => {
    const form = new URLSearchParams(
      "email=a%40b.org&allTopics=on&topics=agents&topics=rl&frequency=weekly&keywords=x+y",
    );
    expect(formToChoices(form)).toEqual({
      email: "a@b.org",
      allTopics: true,
      topics: ["agents", "rl"],
      frequency: "weekly",
      keywords: "x y",
    });
    expect(formToChoices(new URLSearchParams("")).allTopics).toBe(false);
  });
});
