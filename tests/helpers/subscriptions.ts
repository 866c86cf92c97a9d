// Helpers for the subscription tests: topic rows, form requests, links from emails.
import { testDb } from "./db";

export const TOPICS = [
  { slug: "quantization", name: "Quantization" },
  { slug: "multimodal", name: "Multimodal models" },
  { slug: "agents", name: "Agents" },
];

export async function insertTopics(): Promise<void> {
  await testDb().topic.createMany({ data: TOPICS });
}

type Fields = Record<string, string | string[]>;

/** A browser-like form POST: urlencoded by default, multipart on request, from a given client IP. */
export function formRequest(url: string, fields: Fields, options: { ip?: string; multipart?: boolean } = {}): Request {
  // A client-written entry, then the one the trusted proxy appended (TRUST_PROXY_HOPS=1 in the test config).
  const headers: Record<string, string> = { "x-forwarded-for": `10.0.0.1, ${options.ip ?? "203.0.113.7"}` };
  let body: URLSearchParams | FormData;
  if (options.multipart) {
    body = new FormData();
    for (const [k, v] of Object.entries(fields)) for (const one of [v].flat()) body.append(k, one);
  } else {
    body = new URLSearchParams();
    for (const [k, v] of Object.entries(fields)) for (const one of [v].flat()) body.append(k, one);
  }
  return new Request(`http://127.0.0.1${url}`, { method: "POST", headers, body });
}

export async function latestMailTo(to: string) {
  return testDb().outboxMessage.findFirst({ where: { to }, orderBy: { id: "desc" } });
}

export function confirmTokenFrom(text: string): string {
  const match = /\/confirm\?token=([A-Za-z0-9_-]{43})/.exec(text);
  if (!match) throw new Error("no confirmation link in the email");
  return match[1]!;
}

export function linkTokenFrom(text: string, path: "preferences" | "unsubscribe"): string {
  const match = new RegExp(`/${path}\\?token=([0-9]+\\.[A-Za-z0-9_-]{43})`).exec(text);
  if (!match) throw new Error(`no ${path} link in the email`);
  return decodeURIComponent(match[1]!);
}

/** Every table row a subscription can create, to prove a rejection wrote nothing. */
export async function subscriptionRowCounts() {
  const db = testDb();
  const [subscribers, subscriberTopics, outbox] = await Promise.all([
    db.subscriber.count(),
    db.subscriberTopic.count(),
    db.outboxMessage.count(),
  ]);
  return { subscribers, subscriberTopics, outbox };
}
