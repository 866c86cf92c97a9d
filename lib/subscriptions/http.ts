import "server-only";
import { afterResponse } from "@/lib/http/after";
import { clientKey } from "@/lib/http/client";
import { type FormFields, readForm, textField } from "@/lib/http/form";
import { htmlResponse, seeOther } from "@/lib/http/html";
import { consumeRateLimit } from "@/lib/security/rate-limit";
import { preferencesView } from "./data";
import { type FormState, formState, formStateCookie } from "./form-state";
import {
  confirm,
  deleteData,
  pause,
  resume,
  sendSample,
  startSubscription,
  unsubscribe,
  updatePreferences,
  validateSubscription,
} from "./mutations";
import { type FieldIssue, formToChoices } from "./schema";

// The HTTP side of subscriptions: plain HTML form posts (no JavaScript needed)
// mapped onto lib mutations. Success answers 303 to a page; a form with invalid
// values answers 303 back to the form, which shows them with the messages;
// other rejections answer a 4xx page that says what to fix. Nothing here echoes internal errors.

/**
 * 10 form posts per client address per 15 minutes: a person retrying typos
 * never meets it, a shared office or campus NAT has headroom, a script cycling
 * through victims' addresses is slowed to 40 an hour per IP (and each address
 * is separately capped at 3 emails a day).
 */
export const CLIENT_SUBSCRIBE_LIMIT = { limit: 10, windowMs: 15 * 60 * 1000 };

/**
 * A rejected form goes back to its page with what was typed and each message beside its field
 * (form-state.ts); nothing was saved.
 */
function invalidInput(
  form: FormState["form"],
  raw: Record<string, unknown>,
  issues: FieldIssue[],
  back: string,
): Response {
  const separator = back.includes("?") ? "&" : "?";
  const response = seeOther(`${back}${separator}invalid=1#${form}-form`);
  response.headers.append("set-cookie", formStateCookie(formState(form, raw, issues)));
  return response;
}

const badLink = () =>
  htmlResponse(400, {
    title: "This link is not valid",
    paragraphs: ["The link is incomplete, was changed, or its subscription no longer exists. Nothing was changed."],
    link: { href: "/subscribe", label: "Subscribe" },
  });

const expiredLink = () =>
  htmlResponse(410, {
    title: "This link has expired",
    paragraphs: ["Confirmation links work for 48 hours. Nothing was changed; subscribe again to get a new link."],
    link: { href: "/subscribe", label: "Subscribe again" },
  });

async function formOrError(request: Request): Promise<{ form: FormFields } | { error: Response }> {
  const read = await readForm(request);
  if (!read.ok)
    return {
      error: htmlResponse(read.status, {
        title: "The form could not be read",
        paragraphs: [read.message, "Nothing was saved."],
      }),
    };
  return { form: read.form };
}

export async function handleSubscribe(request: Request): Promise<Response> {
  const limit = await consumeRateLimit(
    clientKey("subscribe", request.headers),
    CLIENT_SUBSCRIBE_LIMIT.limit,
    CLIENT_SUBSCRIBE_LIMIT.windowMs,
  );
  if (!limit.ok) {
    return htmlResponse(
      429,
      { title: "Too many attempts", paragraphs: ["Please wait a few minutes and try again."] },
      { "retry-after": String(Math.ceil(limit.retryAfterMs / 1000)) },
    );
  }
  const read = await formOrError(request);
  if ("error" in read) return read.error;
  const raw = formToChoices(read.form);
  const valid = await validateSubscription(raw);
  if (!valid.ok) return invalidInput("subscribe", raw, valid.issues, "/subscribe");
  // The same answer for every outcome, sent before the state-dependent work
  // (lookup, write, render, send) so neither content nor timing tells who is subscribed.
  await afterResponse(() => startSubscription(valid.value));
  return seeOther("/subscribe/check-email");
}

export async function handleConfirm(request: Request): Promise<Response> {
  const read = await formOrError(request);
  if ("error" in read) return read.error;
  const result = await confirm(textField(read.form, "token") ?? "");
  if (!result.ok) return result.reason === "expired" ? expiredLink() : badLink();
  return seeOther("/confirm/done");
}

const PREFERENCE_ACTIONS = ["update", "pause", "resume", "unsubscribe", "delete", "sample"] as const;
type PreferenceAction = (typeof PREFERENCE_ACTIONS)[number];

export async function handlePreferences(request: Request): Promise<Response> {
  const read = await formOrError(request);
  if ("error" in read) return read.error;
  const token = textField(read.form, "token") ?? "";
  const action = textField(read.form, "action") as PreferenceAction | undefined;
  if (!action || !PREFERENCE_ACTIONS.includes(action)) {
    return htmlResponse(400, { title: "Unknown action", paragraphs: ["Nothing was changed."] });
  }
  const back = `/preferences?token=${encodeURIComponent(token)}`;
  switch (action) {
    case "update": {
      const raw = formToChoices(read.form);
      const result = await updatePreferences(token, raw);
      if (!result.ok)
        return result.reason === "invalid" ? invalidInput("preferences", raw, result.issues, back) : badLink();
      return seeOther(`${back}&saved=preferences`);
    }
    case "pause":
    case "resume": {
      const result = await (action === "pause" ? pause(token) : resume(token));
      if (!result.ok) {
        if (result.reason === "invalidToken") return badLink();
        return htmlResponse(409, {
          title:
            action === "pause"
              ? "Only an active subscription can be paused"
              : "Only a paused subscription can be resumed",
          paragraphs: ["Nothing was changed."],
          link: { href: back, label: "Back to your preferences" },
        });
      }
      return seeOther(`${back}&saved=${action === "pause" ? "paused" : "resumed"}`);
    }
    case "unsubscribe": {
      const result = await unsubscribe(token, "preferences");
      if (!result.ok) return badLink();
      return seeOther(`${back}&saved=unsubscribed`);
    }
    case "sample": {
      const result = await sendSample(token);
      if (!result.ok && result.reason === "invalidToken") return badLink();
      return seeOther(`${back}&${result.ok ? "saved=sample" : `problem=${result.reason}`}#next-digest-heading`);
    }
    case "delete": {
      // One click is never enough to delete: the first post asks, the second (confirm=yes) deletes.
      if (textField(read.form, "confirm") !== "yes") {
        if (!(await preferencesView(token))) return badLink();
        return htmlResponse(200, {
          title: "Delete your data?",
          paragraphs: [
            "This removes your address, your preferences and the record of papers sent to you. It cannot be undone; you would have to subscribe again to get digests.",
          ],
          form: {
            action: "/api/subscriptions/preferences",
            fields: { token, action: "delete", confirm: "yes" },
            button: "Yes, delete my data",
          },
          link: { href: back, label: "No, keep my data" },
        });
      }
      const result = await deleteData(token);
      if (!result.ok) return badLink();
      return seeOther("/preferences/deleted");
    }
  }
}

/**
 * RFC 8058 one-click unsubscribe: the mail provider POSTs
 * `List-Unsubscribe=One-Click` to the List-Unsubscribe URL, without cookies.
 * Answer 200 at once, never a redirect; repeating is harmless. The button on
 * the GET page posts the same body.
 */
export async function handleOneClickUnsubscribe(request: Request): Promise<Response> {
  const read = await formOrError(request);
  if ("error" in read) return read.error;
  if (textField(read.form, "List-Unsubscribe") !== "One-Click") {
    return htmlResponse(400, { title: "Missing List-Unsubscribe=One-Click", paragraphs: ["Nothing was changed."] });
  }
  const token = new URL(request.url).searchParams.get("token") ?? textField(read.form, "token") ?? "";
  const result = await unsubscribe(token, "unsubscribe");
  if (!result.ok) return badLink();
  return htmlResponse(200, {
    title: "You're unsubscribed",
    paragraphs: ["You will get no more Paperboy emails. If you change your mind, subscribe again and confirm."],
    link: { href: "/", label: "Back to Paperboy" },
  });
}
