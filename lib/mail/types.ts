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

export interface MailTransport {
  readonly name: "resend" | "outbox";
  send(message: MailMessage, options?: { idempotencyKey?: string }): Promise<SendResult>;
}
