import { z } from "zod";
import { cookieAttributes } from "@/lib/http/cookies";
import type { FieldIssue } from "./schema";

// A rejected subscribe or preferences form comes back with what was typed and
// each message beside its field. The post answers 303 to the form's page (so
// a reload never re-posts) and hands the typed values over in a short-lived
// cookie, which the page reads only when the redirect says so (`?invalid=1`).
// Plain HTML: works with and without JavaScript.

export const FORM_STATE_COOKIE = "pb_form";
/** Long enough to follow the redirect; the page reads it only with ?invalid=1, so a stale one shows nothing. */
export const FORM_STATE_MAX_AGE_SECONDS = 300;

const MAX_COOKIE_VALUE = 3_800;

export type FormState = {
  /** Which form the values belong to (a preferences page never shows a subscribe form's values). */
  form: "subscribe" | "preferences";
  email?: string;
  allTopics: boolean;
  topics: string[];
  frequency?: string;
  keywords: string;
  /** Message per field ("email", "topics", "frequency", "keywords", "form"). */
  errors: Record<string, string>;
};

const stateSchema = z.object({
  form: z.enum(["subscribe", "preferences"]),
  email: z.string().max(400).optional(),
  allTopics: z.boolean(),
  topics: z.array(z.string().max(64)).max(100),
  frequency: z.string().max(20).optional(),
  keywords: z.string().max(2000),
  errors: z.record(z.string().max(40), z.string().max(300)),
});

/** The typed values and the first message per field, from the raw form and the validation issues. */
export function formState(form: FormState["form"], raw: Record<string, unknown>, issues: FieldIssue[]): FormState {
  const text = (v: unknown, max: number) => (typeof v === "string" ? v.slice(0, max) : undefined);
  const errors: Record<string, string> = {};
  for (const i of issues) errors[i.field] ??= i.message;
  return {
    form,
    email: form === "subscribe" ? text(raw.email, 400) : undefined,
    allTopics: raw.allTopics === true,
    topics: (Array.isArray(raw.topics) ? raw.topics : [])
      .filter((t): t is string => typeof t === "string")
      .slice(0, 100)
      .map((t) => t.slice(0, 64)),
    frequency: text(raw.frequency, 20),
    keywords: text(raw.keywords, 2000) ?? "",
    errors,
  };
}

/** Set-Cookie value carrying the state (base64url JSON; never trusted beyond its schema). */
export function formStateCookie(state: FormState): string {
  const a = cookieAttributes(FORM_STATE_MAX_AGE_SECONDS);
  const encode = (s: FormState) => Buffer.from(JSON.stringify(s)).toString("base64url");
  // Browsers drop a cookie over 4 KB: oversized (hand-made) input keeps its messages, not all its values.
  let value = encode(state);
  if (value.length > MAX_COOKIE_VALUE) value = encode({ ...state, topics: state.topics.slice(0, 10), keywords: "" });
  if (value.length > MAX_COOKIE_VALUE) value = encode({ ...state, email: undefined, topics: [], keywords: "" });
  return `${FORM_STATE_COOKIE}=${value}; Path=${a.path}; Max-Age=${a.maxAge}; HttpOnly; SameSite=Lax${a.secure ? "; Secure" : ""}`;
}

/** The state a cookie value carries, or null when it is missing, malformed or for another form. */
export function readFormState(value: string | undefined, form: FormState["form"]): FormState | null {
  if (!value || value.length > 8000) return null;
  try {
    const parsed = stateSchema.safeParse(JSON.parse(Buffer.from(value, "base64url").toString("utf8")));
    return parsed.success && parsed.data.form === form ? parsed.data : null;
  } catch {
    return null;
  }
}
