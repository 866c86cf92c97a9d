// Network calls of the ingest: a timeout per attempt, and retries with
// exponential backoff for what is worth retrying (network errors, timeouts,
// 429 and 5xx). Expected failures come back as { ok: false }, never thrown.

export type FetchOptions = {
  timeoutMs?: number;
  retries?: number;
  /** First backoff; doubles per attempt. Retry-After (seconds) wins when larger, up to maxBackoffMs. */
  backoffMs?: number;
  maxBackoffMs?: number;
};

export type FetchTextResult =
  | { ok: true; text: string; status: number }
  | { ok: false; error: string; status?: number; attempts: number };

// A daily papers or arXiv page is well under this; more means something is wrong.
export const MAX_RESPONSE_BYTES = 50 * 1024 * 1024;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function fetchText(url: string, options: FetchOptions = {}): Promise<FetchTextResult> {
  const { timeoutMs = 20_000, retries = 3, backoffMs = 1_000, maxBackoffMs = 60_000 } = options;
  let last: { error: string; status?: number } = { error: "not attempted" };
  for (let attempt = 0; attempt <= retries; attempt++) {
    let retryAfterMs = 0;
    try {
      const response = await fetch(url, {
        signal: AbortSignal.timeout(timeoutMs),
        headers: { "User-Agent": "Paperboy/0.1 (paper ingest)", Accept: "*/*" },
      });
      const body = await response.text();
      if (body.length > MAX_RESPONSE_BYTES) {
        return { ok: false, error: `response larger than ${MAX_RESPONSE_BYTES} bytes`, attempts: attempt + 1 };
      }
      if (response.ok) return { ok: true, text: body, status: response.status };
      last = { error: `HTTP ${response.status}`, status: response.status };
      if (response.status !== 429 && response.status < 500) return { ...last, ok: false, attempts: attempt + 1 };
      const retryAfter = Number(response.headers.get("retry-after"));
      if (Number.isFinite(retryAfter) && retryAfter > 0) retryAfterMs = retryAfter * 1_000;
    } catch (error) {
      const name = error instanceof Error ? error.name : "";
      last = {
        error: name === "TimeoutError" ? `timed out after ${timeoutMs} ms` : `network error (${describeError(error)})`,
      };
    }
    if (attempt < retries) await sleep(Math.min(maxBackoffMs, Math.max(retryAfterMs, backoffMs * 2 ** attempt)));
  }
  return { ...last, ok: false, attempts: retries + 1 };
}

/** The system error code (ECONNREFUSED, ENOTFOUND, ...) that fetch wraps as its cause. */
function describeError(error: unknown): string {
  type Cause = { code?: string; errors?: { code?: string }[]; message?: string };
  const cause = (error as { cause?: Cause })?.cause;
  return (
    cause?.code ??
    cause?.errors?.[0]?.code ??
    cause?.message ??
    (error instanceof Error ? error.message : String(error))
  );
}

/** Spaces requests to one host: at most one per intervalMs (arXiv asks for 3 s). */
export class Throttle {
  private next = 0;
  constructor(private readonly intervalMs: number) {}
  async wait(): Promise<void> {
    const now = Date.now();
    const at = Math.max(now, this.next);
    this.next = at + this.intervalMs;
    if (at > now) await sleep(at - now);
  }
}
