import { z } from "zod";

// Input rules for subscriptions, shared by the route handlers and lib callers.

/** RFC 5321 limits a deliverable address to 254 characters. */
export const MAX_EMAIL_LENGTH = 254;
/** Keywords are matched against every paper of every digest run, so both count and length are bounded. */
export const MAX_KEYWORDS = 10;
export const MIN_KEYWORD_LENGTH = 2;
export const MAX_KEYWORD_LENGTH = 60;
/** More topic slugs than the taxonomy could ever hold is a malformed request. */
export const MAX_TOPICS = 100;

export const emailSchema = z
  .string({ error: "Enter your email address." })
  .trim()
  .toLowerCase()
  .min(1, "Enter your email address.")
  .max(MAX_EMAIL_LENGTH, `An email address has at most ${MAX_EMAIL_LENGTH} characters.`)
  .pipe(z.email("Enter a valid email address."));

export const frequencySchema = z.enum(["daily", "weekly"], { error: "Choose daily or weekly." });

const topicSlugSchema = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9][a-z0-9-]{0,63}$/, "Unknown topic.");

/**
 * Keywords arrive as one text field ("speculative decoding, kv cache") or a list.
 * Each is trimmed, whitespace-collapsed and lower-cased; duplicates are dropped.
 */
export const keywordsSchema = z
  .union([z.string().max(2000, "Too many keywords."), z.array(z.string().max(200)).max(MAX_KEYWORDS * 2)])
  .optional()
  .transform((value) => {
    const parts = value === undefined ? [] : typeof value === "string" ? value.split(/[,\n;]/) : value;
    const cleaned = parts.map((k) => k.trim().replace(/\s+/g, " ").toLowerCase()).filter((k) => k.length > 0);
    return [...new Set(cleaned)];
  })
  .pipe(
    z
      .array(
        z
          .string()
          .min(MIN_KEYWORD_LENGTH, `Each keyword needs at least ${MIN_KEYWORD_LENGTH} characters.`)
          .max(MAX_KEYWORD_LENGTH, `Each keyword has at most ${MAX_KEYWORD_LENGTH} characters.`),
      )
      .max(MAX_KEYWORDS, `At most ${MAX_KEYWORDS} keywords.`),
  );

const choicesObject = z.object({
  allTopics: z.boolean().default(false),
  topics: z.array(topicSlugSchema).max(MAX_TOPICS, "Too many topics.").default([]),
  frequency: frequencySchema,
  keywords: keywordsSchema,
});

/** "All topics" ignores the named ones; otherwise at least one is needed. */
function oneOrAllTopics<T extends { allTopics: boolean; topics: string[] }>(v: T): T {
  return { ...v, topics: v.allTopics ? [] : [...new Set(v.topics)] };
}
const topicsChosen = {
  check: (v: { allTopics: boolean; topics: string[] }) => v.allTopics || v.topics.length > 0,
  message: "Choose at least one topic, or all topics.",
};

/** What a subscriber chooses. Topic existence is checked against the database by the mutations. */
export const choicesSchema = choicesObject
  .transform(oneOrAllTopics)
  .refine(topicsChosen.check, { message: topicsChosen.message, path: ["topics"] });

export const subscribeSchema = choicesObject
  .extend({ email: emailSchema })
  .transform(oneOrAllTopics)
  .refine(topicsChosen.check, { message: topicsChosen.message, path: ["topics"] });

export type Choices = z.output<typeof choicesSchema>;
export type SubscribeInput = z.output<typeof subscribeSchema>;

/** A field-level problem shown next to the form. */
export type FieldIssue = { field: string; message: string };

export function fieldIssues(error: z.ZodError): FieldIssue[] {
  return error.issues.map((i) => ({ field: String(i.path[0] ?? "form"), message: i.message }));
}

/**
 * Turns submitted form fields into the shape the schemas expect: repeated
 * `topics` values, the "all topics" checkbox ("on"), one keywords text field.
 */
export function formToChoices(form: FormData | URLSearchParams): Record<string, unknown> {
  const text = (name: string) => {
    const v = form.get(name);
    return typeof v === "string" ? v : undefined;
  };
  const all = text("allTopics");
  return {
    email: text("email"),
    allTopics: all === "on" || all === "true" || all === "1",
    topics: form.getAll("topics").filter((v): v is string => typeof v === "string"),
    frequency: text("frequency"),
    keywords: text("keywords"),
  };
}
