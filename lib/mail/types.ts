// One interface for sending email, two transports (lib/mail/index.ts picks one).

export type MailMessage = {
  to: string;
  subject: string;
  html: string;
  text: string;
  /** Extra headers, e.g. List-Unsubscribe. */
  headers?: Record<string, string>;
};

export type SendResult =
  | { ok: true; id: string }
  /** retryable: a later attempt may succeed (429, 5xx, network); retryAfterMs when the provider said. */
  | { ok: false; error: string; retryable: boolean; retryAfterMs?: number };

/** What the provider said about its rate limit (ratelimit-* headers), when it said it. */
export type RateInfo = { limit?: number; remaining?: number; resetMs?: number; retryAfterMs?: number };

export type BatchSendOptions = {
  idempotencyKey?: string;
  /** Abort the request after this long (the SDK itself never times out). */
  timeoutMs?: number;
};

/**
 * invalid: the provider refused the payload (422), nothing was sent;
 * conflict: the idempotency key was already used with another payload (the first one was accepted);
 * retryable: 429, 5xx, network error or timeout; fatal: anything else (bad key, ...).
 */
export type BatchFailureKind = "invalid" | "conflict" | "retryable" | "fatal";

export type BatchSendResult =
  | { ok: true; ids: string[]; rate?: RateInfo }
  | { ok: false; kind: BatchFailureKind; error: string; status?: number | null; rate?: RateInfo };

export interface MailTransport {
  readonly name: "resend" | "outbox";
  send(message: MailMessage, options?: { idempotencyKey?: string }): Promise<SendResult>;
  /** Up to 100 messages in one call, all accepted or all refused. */
  sendBatch(messages: MailMessage[], options?: BatchSendOptions): Promise<BatchSendResult>;
}
