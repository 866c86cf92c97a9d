import { Resend } from "resend";
import type { BatchSendOptions, BatchSendResult, MailMessage, MailTransport, RateInfo, SendResult } from "./types";

// Resend's SDK returns { data, error } and never throws for API errors; it
// does not retry and has no timeout. This maps its answers onto SendResult /
// BatchSendResult so callers can retry what is retryable.
export function classifyResendError(statusCode: number | null | undefined): boolean {
  return statusCode == null || statusCode === 429 || statusCode >= 500;
}

const DEFAULT_TIMEOUT_MS = 30_000;

function num(value: string | undefined): number | undefined {
  if (value === undefined || value.trim() === "") return undefined;
  const n = Number(value);
  return Number.isFinite(n) && n >= 0 ? n : undefined;
}

/** retry-after (seconds or HTTP date) and ratelimit-* headers, as milliseconds. */
export function rateInfo(headers: Record<string, string> | null | undefined, now = Date.now()): RateInfo | undefined {
  if (!headers) return undefined;
  const info: RateInfo = {};
  const retryAfter = headers["retry-after"];
  if (retryAfter !== undefined) {
    const seconds = num(retryAfter);
    if (seconds !== undefined) info.retryAfterMs = seconds * 1000;
    else if (!Number.isNaN(Date.parse(retryAfter))) info.retryAfterMs = Math.max(0, Date.parse(retryAfter) - now);
  }
  info.limit = num(headers["ratelimit-limit"]);
  info.remaining = num(headers["ratelimit-remaining"]);
  const reset = num(headers["ratelimit-reset"]);
  if (reset !== undefined) info.resetMs = reset * 1000;
  return Object.values(info).some((v) => v !== undefined) ? info : undefined;
}

export function resendTransport(options: { apiKey: string; from: string; baseUrl?: string }): MailTransport {
  const client = new Resend(options.apiKey, options.baseUrl ? { baseUrl: options.baseUrl } : undefined);
  const payload = (message: MailMessage) => ({
    from: options.from,
    to: message.to,
    subject: message.subject,
    html: message.html,
    text: message.text,
    headers: message.headers,
  });
  return {
    name: "resend",
    async send(message: MailMessage, sendOptions?: { idempotencyKey?: string }): Promise<SendResult> {
      try {
        const { data, error } = await client.emails.send(
          payload(message),
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

    async sendBatch(messages: MailMessage[], batchOptions: BatchSendOptions = {}): Promise<BatchSendResult> {
      const signal = AbortSignal.timeout(batchOptions.timeoutMs ?? DEFAULT_TIMEOUT_MS);
      try {
        const { data, error, headers } = await client.batch.send(messages.map(payload), {
          ...(batchOptions.idempotencyKey ? { idempotencyKey: batchOptions.idempotencyKey } : {}),
          signal,
        });
        const rate = rateInfo(headers);
        if (error || !data) {
          const status = (error as { statusCode?: number | null } | null)?.statusCode ?? null;
          const name = error?.name ?? "unknown_error";
          const message = `${name}: ${error?.message ?? "no data"}`;
          if (status === 422 || name === "validation_error")
            return { ok: false, kind: "invalid", error: message, status, rate };
          if (status === 409 && name === "invalid_idempotent_request")
            return { ok: false, kind: "conflict", error: message, status, rate };
          // A concurrent request with the same key is still in flight: ask again later.
          if (status === 409) return { ok: false, kind: "retryable", error: message, status, rate };
          // The SDK reports timeouts and network errors with statusCode null.
          const timedOut = signal.aborted ? " (timeout)" : "";
          return {
            ok: false,
            kind: classifyResendError(status) ? "retryable" : "fatal",
            error: message + timedOut,
            status,
            rate,
          };
        }
        return { ok: true, ids: data.data.map((d) => d.id), rate };
      } catch (error) {
        return { ok: false, kind: "retryable", error: `network: ${(error as Error).message}`, status: null };
      }
    },
  };
}
