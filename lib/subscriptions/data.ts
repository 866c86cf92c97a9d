import "server-only";
import { db } from "@/lib/db/client";
import { previewDigest, previewView } from "@/lib/digest/preview";
import type { DigestPreviewView } from "@/lib/digest/types";
import { sha256 } from "@/lib/security/crypto";
import { listTopics } from "@/lib/topics/data";
import { type LinkPurpose, tokenSubscriberId, verifyLink } from "./links";
import type { TopicOption } from "./types";

// Reads for the subscription pages. Nothing here writes: a GET must never
// change a subscription (mail scanners follow links).

/** The topics a subscriber can choose, in taxonomy order. */
export async function listTopicOptions(): Promise<TopicOption[]> {
  return (await listTopics()).map(({ slug, name, description }) => ({ slug, name, description }));
}

/** A confirmation token is 32 random bytes in base64url. */
export const CONFIRM_TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

export type ConfirmTokenState = "valid" | "invalid" | "expired";

export async function confirmTokenState(token: string, now = new Date()): Promise<ConfirmTokenState> {
  if (!CONFIRM_TOKEN_PATTERN.test(token)) return "invalid";
  const row = await db().subscriber.findUnique({
    where: { confirmTokenHash: sha256(token) },
    select: { confirmTokenExpires: true, status: true },
  });
  if (!row || (row.status !== "pending" && row.status !== "unsubscribed")) return "invalid";
  return row.confirmTokenExpires && row.confirmTokenExpires > now ? "valid" : "expired";
}

/** The subscriber a signed link belongs to, or null when the link is malformed, tampered or the subscriber is gone. */
export async function subscriberFromLink(purpose: LinkPurpose, token: string) {
  const id = tokenSubscriberId(token);
  if (id === null) return null;
  const subscriber = await db().subscriber.findUnique({
    where: { id },
    include: { topics: { select: { topic: { select: { slug: true, name: true } } } } },
  });
  if (!subscriber || !verifyLink(purpose, token, subscriber)) return null;
  return subscriber;
}

/** What an unsubscribe link's page should say: it works, it already did its job, or it is no link of ours. */
export async function unsubscribeLinkState(token: string): Promise<"valid" | "unsubscribed" | "invalid"> {
  if (!token) return "invalid";
  const subscriber = await subscriberFromLink("unsubscribe", token);
  if (!subscriber) return "invalid";
  return subscriber.status === "unsubscribed" || subscriber.status === "suppressed" ? "unsubscribed" : "valid";
}

export type PreferencesView = {
  id: number;
  email: string;
  status: "pending" | "active" | "paused" | "unsubscribed" | "suppressed";
  frequency: "daily" | "weekly";
  allTopics: boolean;
  topics: string[];
  keywords: string[];
};

/** "Your next digest" for the preferences page: the preview the digest's own planner makes. */
export async function nextDigestView(view: PreferencesView, now = new Date()): Promise<DigestPreviewView | null> {
  const preview = await previewDigest(view, { now });
  return preview ? previewView(preview, view.status, now) : null;
}

export async function preferencesView(token: string): Promise<PreferencesView | null> {
  const s = await subscriberFromLink("preferences", token);
  if (!s) return null;
  return {
    id: s.id,
    email: s.email,
    status: s.status,
    frequency: s.frequency,
    allTopics: s.allTopics,
    topics: s.topics.map((t) => t.topic.slug),
    keywords: s.keywords,
  };
}
