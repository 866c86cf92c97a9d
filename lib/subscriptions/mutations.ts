import { DAY_MS } from "@/lib/time";
import "server-only";
import type { WelcomeEmailProps } from "@/emails/welcome";
import { db } from "@/lib/db/client";
import { Prisma } from "@/lib/db/generated/client";
import { describeMoment, describeWait, previewDigest, sampleMessage } from "@/lib/digest/preview";
import { env } from "@/lib/env";
import { log } from "@/lib/log";
import { hmac, randomToken, sha256 } from "@/lib/security/crypto";
import { consumeRateLimit } from "@/lib/security/rate-limit";
import { CONFIRM_TOKEN_PATTERN, subscriberFromLink } from "./data";
import { confirmationMessage, manageSubscriptionMessage, sendMail, welcomeMessage } from "./emails";
import { preferencesUrl, unsubscribeUrl } from "./links";
import {
  type Choices,
  choicesSchema,
  type FieldIssue,
  fieldIssues,
  type SubscribeInput,
  subscribeSchema,
} from "./schema";

// Every write to a subscription. Expected failures are typed results, never
// exceptions; callers (route handlers, tests) map them to answers.

/** Confirmation links are single-use and die after 48 hours (issue 3). */
export const CONFIRM_TOKEN_TTL_MS = 48 * 60 * 60 * 1000;
/**
 * At most 3 emails (confirmation or "manage") per address per 24 hours: enough
 * for a typo'd first attempt and a lost message, too few to flood an inbox
 * through the form. Counted per address, whoever submits it.
 */
export const ADDRESS_EMAIL_LIMIT = { limit: 3, windowMs: DAY_MS };
/** Papers the welcome email shows. */
export const WELCOME_PAPERS = 5;

export type Invalid = { ok: false; reason: "invalid"; issues: FieldIssue[] };

/**
 * What happened, for logs and tests only: the HTTP answer is the same for every
 * outcome so the form can't tell who is subscribed.
 */
export type SubscribeOutcome =
  | "confirmationSent" // new, pending or unsubscribed address
  | "manageSent" // already active or paused: a "manage your subscription" email instead
  | "suppressed" // bounced or complained earlier: never emailed
  | "addressRateLimited" // too many emails to this address today: nothing written or sent
  | "sendFailed"; // the mail provider refused; logged

export type SubscribeResult = { ok: true; outcome: SubscribeOutcome } | Invalid;

type TopicRow = { id: number; slug: string; name: string };

async function resolveTopics(slugs: string[]): Promise<{ ok: true; topics: TopicRow[] } | Invalid> {
  if (slugs.length === 0) return { ok: true, topics: [] };
  const topics = await db().topic.findMany({
    where: { slug: { in: slugs } },
    select: { id: true, slug: true, name: true },
  });
  const known = new Set(topics.map((t) => t.slug));
  const unknown = slugs.filter((s) => !known.has(s));
  if (unknown.length) {
    return {
      ok: false,
      reason: "invalid",
      issues: [{ field: "topics", message: `Unknown topic: ${unknown.slice(0, 3).join(", ")}` }],
    };
  }
  return { ok: true, topics };
}

/** Rate-limit key for an address: an HMAC, so the table holds no readable addresses. */
export function addressKey(email: string): string {
  return `subscribe:address:${hmac(`address:${email}`)}`;
}

function choiceFields(choices: Choices) {
  return { frequency: choices.frequency, allTopics: choices.allTopics, keywords: choices.keywords };
}

function logSendFailure(kind: string, error: string) {
  // The provider's message stays in the server log; clients never see it.
  log.error("subscription email not sent", { kind, error });
}

/** A validated sign-up whose topics all exist; nothing has been written yet. */
export type ValidSubscription = { input: SubscribeInput; topics: TopicRow[] };

/** Checks a sign-up (fields, topic existence) without writing or sending anything. */
export async function validateSubscription(raw: unknown): Promise<{ ok: true; value: ValidSubscription } | Invalid> {
  const parsed = subscribeSchema.safeParse(raw);
  if (!parsed.success) return { ok: false, reason: "invalid", issues: fieldIssues(parsed.error) };
  const resolved = await resolveTopics(parsed.data.topics);
  if (!resolved.ok) return resolved;
  return { ok: true, value: { input: parsed.data, topics: resolved.topics } };
}

export async function subscribe(raw: unknown, now = new Date()): Promise<SubscribeResult> {
  const valid = await validateSubscription(raw);
  if (!valid.ok) return valid;
  return startSubscription(valid.value, now);
}

/**
 * Acts on a validated sign-up according to the address's state (see
 * SubscribeOutcome). The form handler runs this after the response is sent,
 * so the answer's timing doesn't reveal the state either.
 */
export async function startSubscription(
  { input, topics }: ValidSubscription,
  now = new Date(),
): Promise<{ ok: true; outcome: SubscribeOutcome }> {
  // Checked before any write: a limited request changes nothing (a new token
  // would silently kill the link in the last email).
  const budget = await consumeRateLimit(
    addressKey(input.email),
    ADDRESS_EMAIL_LIMIT.limit,
    ADDRESS_EMAIL_LIMIT.windowMs,
  );
  if (!budget.ok) return { ok: true, outcome: "addressRateLimited" };

  const existing = await db().subscriber.findUnique({ where: { email: input.email } });

  if (existing?.status === "suppressed") return { ok: true, outcome: "suppressed" };

  if (existing && (existing.status === "active" || existing.status === "paused")) {
    const mail = await manageSubscriptionMessage(existing.email, {
      preferencesUrl: preferencesUrl(existing),
      unsubscribeUrl: unsubscribeUrl(existing),
      paused: existing.status === "paused",
    });
    const sent = await sendMail(mail);
    if (!sent.ok) logSendFailure("manage", sent.error);
    return { ok: true, outcome: sent.ok ? "manageSent" : "sendFailed" };
  }

  // New, pending or unsubscribed: (re)start double opt-in with a fresh token.
  // The status stays as it is until the link is confirmed, so an unsubscribed
  // address gets nothing but this confirmation.
  const token = randomToken(32);
  const pending = {
    ...choiceFields(input),
    confirmTokenHash: sha256(token),
    confirmTokenExpires: new Date(now.getTime() + CONFIRM_TOKEN_TTL_MS),
  };
  const topicLinks = topics.map((t) => ({ topicId: t.id }));
  try {
    await db().$transaction(async (tx) => {
      if (existing) {
        await tx.subscriber.update({ where: { id: existing.id }, data: pending });
        await tx.subscriberTopic.deleteMany({ where: { subscriberId: existing.id } });
        if (topicLinks.length)
          await tx.subscriberTopic.createMany({ data: topicLinks.map((l) => ({ ...l, subscriberId: existing.id })) });
      } else {
        await tx.subscriber.create({
          data: {
            email: input.email,
            status: "pending",
            linkSecret: randomToken(32),
            ...pending,
            topics: { create: topicLinks },
          },
        });
      }
    });
  } catch (error) {
    // Two submissions of a new address at once: the other one won and sent its email.
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002")
      return { ok: true, outcome: "confirmationSent" };
    throw error;
  }

  const mail = await confirmationMessage(input.email, {
    confirmUrl: `${env().APP_URL}/confirm?token=${token}`,
    expiresInHours: CONFIRM_TOKEN_TTL_MS / 3_600_000,
    frequency: input.frequency,
    allTopics: input.allTopics,
    topicNames: topics.map((t) => t.name),
    keywords: input.keywords,
  });
  const sent = await sendMail(mail, `confirm-${pending.confirmTokenHash.slice(0, 32)}`);
  if (!sent.ok) logSendFailure("confirmation", sent.error);
  return { ok: true, outcome: sent.ok ? "confirmationSent" : "sendFailed" };
}

export type TokenFailure = { ok: false; reason: "invalidToken" | "expired" };

export async function confirm(
  token: string,
  now = new Date(),
): Promise<{ ok: true; subscriberId: number } | TokenFailure> {
  if (!CONFIRM_TOKEN_PATTERN.test(token)) return { ok: false, reason: "invalidToken" };
  const hash = sha256(token);
  const row = await db().subscriber.findUnique({
    where: { confirmTokenHash: hash },
    select: { id: true, confirmTokenExpires: true },
  });
  if (!row) return { ok: false, reason: "invalidToken" };
  if (!row.confirmTokenExpires || row.confirmTokenExpires <= now) return { ok: false, reason: "expired" };

  // One conditional update makes the token single-use even under concurrent POSTs.
  const updated = await db().subscriber.updateMany({
    where: {
      id: row.id,
      confirmTokenHash: hash,
      status: { in: ["pending", "unsubscribed"] },
      confirmTokenExpires: { gt: now },
    },
    data: {
      status: "active",
      confirmedAt: now,
      unsubscribedAt: null,
      confirmTokenHash: null,
      confirmTokenExpires: null,
    },
  });
  if (updated.count === 0) return { ok: false, reason: "invalidToken" };

  const subscriber = await db().subscriber.findUniqueOrThrow({
    where: { id: row.id },
    include: { topics: { select: { topic: { select: { name: true } } }, orderBy: { topic: { name: "asc" } } } },
  });
  const mail = await welcomeMessage(subscriber.email, {
    preferencesUrl: preferencesUrl(subscriber),
    unsubscribeUrl: unsubscribeUrl(subscriber),
    frequency: subscriber.frequency,
    allTopics: subscriber.allTopics,
    topicNames: subscriber.topics.map((t) => t.topic.name),
    keywords: subscriber.keywords,
    ...(await welcomePreview(subscriber, now)),
  });
  const sent = await sendMail(mail, `welcome-${subscriber.id}-${now.getTime()}`);
  if (!sent.ok) logSendFailure("welcome", sent.error);
  return { ok: true, subscriberId: subscriber.id };
}

type LinkFailure = { ok: false; reason: "invalidToken" };

/** When the first digest goes out and the top five papers it would carry now (the preview's own choice). */
async function welcomePreview(
  subscriber: { id: number; status: string; frequency: "daily" | "weekly" },
  now: Date,
): Promise<Pick<WelcomeEmailProps, "firstDigest" | "topPapers">> {
  try {
    const preview = await previewDigest(subscriber, { now, maxPapers: WELCOME_PAPERS });
    if (!preview) return {};
    return {
      firstDigest: preview.nextAt
        ? `${describeMoment(preview.nextAt)} (${describeWait(preview.nextAt.getTime() - now.getTime())})`
        : undefined,
      topPapers: {
        recent: preview.kind !== "new",
        papers: preview.email.papers.map((p) => ({
          title: p.title,
          url: p.url,
          authors: p.authors,
          reasons: p.reasons,
        })),
      },
    };
  } catch (error) {
    // The welcome email goes out without the preview rather than not at all.
    log.error("welcome preview failed", { error });
    return {};
  }
}

export type SampleResult =
  | { ok: true }
  | LinkFailure
  | { ok: false; reason: "notSubscribed" | "nothingToSend" | "rateLimited" | "sendFailed" };

/**
 * "Email me this now": the preview of the next digest, sent as a marked sample through the mailer,
 * under the per-address email limit. Outside any digest run: the ledger is not written, so the real
 * digest still carries these papers.
 */
export async function sendSample(token: string, now = new Date()): Promise<SampleResult> {
  const subscriber = await subscriberFromLink("preferences", token);
  if (!subscriber) return { ok: false, reason: "invalidToken" };
  if (subscriber.status !== "active" && subscriber.status !== "paused") return { ok: false, reason: "notSubscribed" };
  const preview = await previewDigest(subscriber, { now });
  const message = preview ? await sampleMessage(preview, now) : null;
  if (!message) return { ok: false, reason: "nothingToSend" };
  const budget = await consumeRateLimit(
    addressKey(subscriber.email),
    ADDRESS_EMAIL_LIMIT.limit,
    ADDRESS_EMAIL_LIMIT.windowMs,
  );
  if (!budget.ok) return { ok: false, reason: "rateLimited" };
  const sent = await sendMail(message);
  if (!sent.ok) {
    logSendFailure("sample", sent.error);
    return { ok: false, reason: "sendFailed" };
  }
  return { ok: true };
}
type StateFailure = { ok: false; reason: "invalidState"; status: string };

export async function updatePreferences(token: string, raw: unknown): Promise<{ ok: true } | LinkFailure | Invalid> {
  const subscriber = await subscriberFromLink("preferences", token);
  if (!subscriber) return { ok: false, reason: "invalidToken" };
  const parsed = choicesSchema.safeParse(raw);
  if (!parsed.success) return { ok: false, reason: "invalid", issues: fieldIssues(parsed.error) };
  const resolved = await resolveTopics(parsed.data.topics);
  if (!resolved.ok) return resolved;
  await db().$transaction([
    db().subscriber.update({ where: { id: subscriber.id }, data: choiceFields(parsed.data) }),
    db().subscriberTopic.deleteMany({ where: { subscriberId: subscriber.id } }),
    db().subscriberTopic.createMany({
      data: resolved.topics.map((t) => ({ subscriberId: subscriber.id, topicId: t.id })),
    }),
  ]);
  return { ok: true };
}

/** active -> paused; pausing a paused subscription is a no-op. */
export async function pause(token: string): Promise<{ ok: true } | LinkFailure | StateFailure> {
  return transition(token, "paused", ["active"]);
}

/** paused -> active; resuming an active subscription is a no-op. */
export async function resume(token: string): Promise<{ ok: true } | LinkFailure | StateFailure> {
  return transition(token, "active", ["paused"]);
}

async function transition(token: string, to: "active" | "paused", from: ("active" | "paused")[]) {
  const subscriber = await subscriberFromLink("preferences", token);
  if (!subscriber) return { ok: false, reason: "invalidToken" } as const;
  if (subscriber.status === to) return { ok: true } as const;
  const updated = await db().subscriber.updateMany({
    where: { id: subscriber.id, status: { in: from } },
    data: { status: to },
  });
  if (updated.count === 0) return { ok: false, reason: "invalidState", status: subscriber.status } as const;
  return { ok: true } as const;
}

/**
 * Unsubscribes at once. Works from the unsubscribe link (one-click) and the
 * preference page. Repeating it changes nothing; a suppressed address stays
 * suppressed. A pending confirmation link dies with it.
 */
export async function unsubscribe(
  token: string,
  purpose: "unsubscribe" | "preferences" = "unsubscribe",
  now = new Date(),
): Promise<{ ok: true } | LinkFailure> {
  const subscriber = await subscriberFromLink(purpose, token);
  if (!subscriber) return { ok: false, reason: "invalidToken" };
  await db().subscriber.updateMany({
    where: { id: subscriber.id, status: { in: ["pending", "active", "paused"] } },
    data: { status: "unsubscribed", unsubscribedAt: now, confirmTokenHash: null, confirmTokenExpires: null },
  });
  return { ok: true };
}

/** Removes the subscriber and everything about them: topics and deliveries (cascade), outbox copies, rate-limit counter. */
export async function deleteData(token: string): Promise<{ ok: true } | LinkFailure> {
  const subscriber = await subscriberFromLink("preferences", token);
  if (!subscriber) return { ok: false, reason: "invalidToken" };
  await db().$transaction([
    db().subscriber.deleteMany({ where: { id: subscriber.id } }),
    db().outboxMessage.deleteMany({ where: { to: subscriber.email } }),
    db().rateLimit.deleteMany({ where: { key: addressKey(subscriber.email) } }),
  ]);
  return { ok: true };
}
