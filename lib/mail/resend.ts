import { Agent as HttpAgent, request as httpRequest, type IncomingHttpHeaders } from "node:http";
import { Agent as HttpsAgent, request as httpsRequest } from "node:https";
import { Resend } from "resend";
import { z } from "zod";
import type { BatchSendOptions, BatchSendResult, MailMessage, MailTransport, RateInfo, SendResult } from "./types";

// Resend's SDK returns { data, error } and never throws for API errors; it
// does not retry and has no timeout. This maps its answers onto SendResult /
// BatchSendResult so callers can retry what is retryable.
export function classifyResendError(statusCode: number | null | undefined): boolean {
  return statusCode == null || statusCode === 429 || statusCode >= 500;
}

const DEFAULT_TIMEOUT_MS = 30_000;

const batchAnswer = z.object({ data: z.array(z.object({ id: z.string() })) });
const errorAnswer = z.object({ name: z.string().optional(), message: z.string().optional() });

function parseJson(raw: string): unknown {
  try {
    return JSON.parse(raw);
  } catch {
    return undefined;
  }
}

/**
 * The batch request body: byte for byte JSON.stringify of what the SDK posts for these messages (its
 * fields, in its order), but with each message's pre-serialized html and text spliced in when it has them.
 */
export function batchBody(from: string, messages: MailMessage[]): Uint8Array<ArrayBuffer> {
  const chunks: Uint8Array[] = [];
  const put = (value: string) => chunks.push(Buffer.from(value, "utf8"));
  const fromJson = JSON.stringify(from);
  messages.forEach((m, i) => {
    put(`${i === 0 ? "[" : ","}{"from":${fromJson},${m.headers === undefined ? "" : `"headers":${JSON.stringify(m.headers)},`}"html":`);
    if (m.json) chunks.push(...m.json.html);
    else put(JSON.stringify(m.html));
    put(`,"subject":${JSON.stringify(m.subject)},"text":`);
    if (m.json) chunks.push(...m.json.text);
    else put(JSON.stringify(m.text));
    put(`,"to":${JSON.stringify(m.to)}}`);
  });
  put(messages.length === 0 ? "[]" : "]");
  const bytes = Buffer.concat(chunks);
  return new Uint8Array(bytes.buffer as ArrayBuffer, bytes.byteOffset, bytes.byteLength);
}

type RawAnswer = { status: number; statusText: string; headers: Record<string, string>; body: string };

function flatHeaders(headers: IncomingHttpHeaders): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(headers)) if (v !== undefined) out[k] = Array.isArray(v) ? v.join(", ") : v;
  return out;
}

/**
 * One POST with node:http(s): fetch would copy the 1.6 MB body into a web stream once more per batch.
 * Keep-alive agents reuse connections like fetch does.
 */
function post(url: URL, headers: Record<string, string>, body: Uint8Array, signal: AbortSignal, agents: { http: HttpAgent; https: HttpsAgent }): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const https = url.protocol === "https:";
    const req = (https ? httpsRequest : httpRequest)(
      url,
      { method: "POST", headers: { ...headers, "Content-Length": String(body.byteLength) }, agent: https ? agents.https : agents.http, signal },
      (res) => {
        const parts: Buffer[] = [];
        res.on("data", (c: Buffer) => parts.push(c));
        res.on("error", reject);
        res.on("end", () =>
          resolve({ status: res.statusCode ?? 0, statusText: res.statusMessage ?? "", headers: flatHeaders(res.headers), body: Buffer.concat(parts).toString("utf8") }),
        );
      },
    );
    req.on("error", reject);
    req.end(body);
  });
}

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
  const agents = { http: new HttpAgent({ keepAlive: true }), https: new HttpsAgent({ keepAlive: true }) };
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

    // The batch endpoint is posted directly rather than through client.batch.send: the SDK re-serializes
    // the whole batch (100 full HTML bodies, about 1.6 MB) with JSON.stringify and then makes fetch convert,
    // encode and copy that string again, which was most of a digest's CPU time. The request is the same one the
    // SDK sends (its URL, key, user agent and headers; batchBody gives the same bytes as its JSON), and the
    // answer is read the way the SDK reads it.
    async sendBatch(messages: MailMessage[], batchOptions: BatchSendOptions = {}): Promise<BatchSendResult> {
      const signal = AbortSignal.timeout(batchOptions.timeoutMs ?? DEFAULT_TIMEOUT_MS);
      try {
        const response = await post(
          new URL(`${client.baseUrl}/emails/batch`),
          {
            Authorization: `Bearer ${options.apiKey}`,
            "User-Agent": client.userAgent,
            "Content-Type": "application/json",
            "x-batch-validation": "strict",
            ...(batchOptions.idempotencyKey ? { "Idempotency-Key": batchOptions.idempotencyKey } : {}),
          },
          batchBody(options.from, messages),
          signal,
          agents,
        );
        const rate = rateInfo(response.headers);
        const raw = response.body;
        if (response.status >= 200 && response.status < 300) {
          const parsed = batchAnswer.safeParse(parseJson(raw));
          if (!parsed.success) return { ok: false, kind: "retryable", error: "application_error: unreadable answer", status: response.status, rate };
          return { ok: true, ids: parsed.data.data.map((d) => d.id), rate };
        }
        const problem = errorAnswer.safeParse(parseJson(raw));
        const name = (problem.success && problem.data.name) || "application_error";
        const message = `${name}: ${(problem.success && problem.data.message) || response.statusText || "no data"}`;
        const status = response.status;
        if (status === 422 || name === "validation_error") return { ok: false, kind: "invalid", error: message, status, rate };
        if (status === 409 && name === "invalid_idempotent_request") return { ok: false, kind: "conflict", error: message, status, rate };
        // A concurrent request with the same key is still in flight: ask again later.
        if (status === 409) return { ok: false, kind: "retryable", error: message, status, rate };
        return { ok: false, kind: classifyResendError(status) ? "retryable" : "fatal", error: message, status, rate };
      } catch (error) {
        // Network errors and timeouts (the abort) reject the request or the reading of its answer.
        const timedOut = signal.aborted ? " (timeout)" : "";
        return { ok: false, kind: "retryable", error: `network: ${(error as Error).message}${timedOut}`, status: null };
      }
    },
  };
}
