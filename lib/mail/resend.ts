import { Resend } from "resend";
import type { MailMessage, MailTransport, SendResult } from "./types";

// Resend's SDK returns { data, error } and never throws for API errors; it
// does not retry. This maps its answers onto SendResult so callers can retry
// what is retryable.
export function classifyResendError(statusCode: number | null | undefined): boolean {
  return statusCode == null || statusCode === 429 || statusCode >= 500;
}

export function resendTransport(options: { apiKey: string; from: string; baseUrl?: string }): MailTransport {
  const client = new Resend(options.apiKey, options.baseUrl ? { baseUrl: options.baseUrl } : undefined);
  return {
    name: "resend",
    async send(message: MailMessage, sendOptions?: { idempotencyKey?: string }): Promise<SendResult> {
      try {
        const { data, error } = await client.emails.send(
          {
            from: options.from,
            to: message.to,
            subject: message.subject,
            html: message.html,
            text: message.text,
            headers: message.headers,
          },
          sendOptions?.idempotencyKey ? { idempotencyKey: sendOptions.idempotencyKey } : undefined,
        );
        if (error || !data) {
          const statusCode = (error as { statusCode?: number | null } | null)?.statusCode;
          return {
            ok: false,
            error: `${error?.name ?? "unknown_error"}: ${error?.message ?? "no data"}`,
            retryable: classifyResendError(statusCode),
          };
        }
        return { ok: true, id: data.id };
      } catch (error) {
        // Network failures surface as exceptions from fetch.
        return { ok: false, error: `network: ${(error as Error).message}`, retryable: true };
      }
    },
  };
}
