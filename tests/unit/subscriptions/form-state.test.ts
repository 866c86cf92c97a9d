import { describe, expect, it } from "vitest";
import { FORM_STATE_COOKIE, formState, formStateCookie, readFormState } from "@/lib/subscriptions/form-state";

describe("a rejected form's values", () => {
  const raw = {
    email: "ada@example.com",
    allTopics: false,
    topics: ["quantization"],
    frequency: "daily",
    keywords: "kv cache, <b>",
  };
  const issues = [
    { field: "keywords", message: "Each keyword has at most 60 characters." },
    { field: "keywords", message: "a second message for the same field" },
  ];

  it("round-trips through the cookie, first message per field", () => {
    const cookie = formStateCookie(formState("subscribe", raw, issues));
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    expect(cookie).toMatch(/Max-Age=300/);
    const value = new RegExp(`${FORM_STATE_COOKIE}=([^;]+)`).exec(cookie)![1];
    expect(readFormState(value, "subscribe")).toEqual({
      form: "subscribe",
      email: "ada@example.com",
      allTopics: false,
      topics: ["quantization"],
      frequency: "daily",
      keywords: "kv cache, <b>",
      errors: { keywords: "Each keyword has at most 60 characters." },
    });
  });

  it("is only read by its own form, and never trusted beyond its shape", () => {
    const value = /=([^;]+)/.exec(formStateCookie(formState("subscribe", raw, issues)))![1];
    expect(readFormState(value, "preferences")).toBeNull();
    expect(formState("preferences", raw, []).email).toBeUndefined();
    expect(readFormState("not base64 json", "subscribe")).toBeNull();
    expect(readFormState(Buffer.from('{"form":"subscribe"}').toString("base64url"), "subscribe")).toBeNull();
    expect(readFormState(undefined, "subscribe")).toBeNull();
  });

  it("stays under the browsers' 4 KB cookie limit for oversized input, keeping the messages", () => {
    const huge = {
      ...raw,
      topics: Array.from({ length: 100 }, (_, i) => `topic-${i}-${"x".repeat(50)}`),
      keywords: "k".repeat(2000),
    };
    const cookie = formStateCookie(formState("subscribe", huge, issues));
    expect(cookie.length).toBeLessThan(4096);
    const value = new RegExp(`${FORM_STATE_COOKIE}=([^;]+)`).exec(cookie)![1];
    expect(readFormState(value, "subscribe")?.errors).toEqual({ keywords: "Each keyword has at most 60 characters." });
  });
});
