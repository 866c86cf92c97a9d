// A local stand-in for the Resend API that behaves like the real one where it
// matters to us: API key check, validation (422), the batch endpoint and its
// limit of 100, Idempotency-Key semantics (same key + same payload replays the
// first answer and sends nothing; same key + other payload is a 409), rate
// limits with retry-after and ratelimit-* headers, and injectable faults.
// `delivered` is the ledger of what it "sent".
import { createHash, randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export type DeliveredEmail = {
  id: string;
  from: string;
  to: string[];
  subject: string;
  html?: string;
  text?: string;
  headers: Record<string, string>;
  idempotencyKey?: string;
};

export type RecordedRequest = { method: string; path: string; headers: IncomingMessage["headers"]; body: unknown };

export type Faults = {
  /** Share of requests answered 429 with retry-after. */
  rate429?: number;
  /** Share of requests answered 500. */
  rate500?: number;
  /** Share of requests processed but never answered (the response is "lost"). */
  rateHang?: number;
  retryAfterSeconds?: number;
};

export type FakeResendOptions = {
  apiKey?: string;
  faults?: Faults;
  /** Requests per second before answering 429 (Resend's per-team limit); unset = unlimited. */
  rateLimitPerSecond?: number;
  /** Delay every answer by this long, after the request was processed (widens the "accepted, not yet told" window). */
  latencyMs?: number;
  /** Keep each delivered email's html/text (default true; benchmarks turn it off to keep memory flat). */
  recordBodies?: boolean;
  /** Keep every request in `requests` (default true; benchmarks turn it off). */
  recordRequests?: boolean;
  random?: () => number;
};

export type FakeResend = {
  url: string;
  apiKey: string;
  delivered: DeliveredEmail[];
  requests: RecordedRequest[];
  setFaults(faults: Faults): void;
  /** Answer the next `n` requests with this status (deterministic faults for tests). */
  failNext(n: number, status: 429 | 500): void;
  close(): Promise<void>;
};

const MAX_BATCH = 100;
const MAX_TO = 50;

type Answer = { status: number; body: unknown };

function validateEmail(e: unknown, where: string): string | null {
  if (typeof e !== "object" || e === null) return `${where} must be an object`;
  const m = e as Record<string, unknown>;
  if (typeof m.from !== "string" || !/@/.test(m.from)) return `${where}: The \`from\` field is invalid.`;
  const to = typeof m.to === "string" ? [m.to] : m.to;
  if (!Array.isArray(to) || to.length === 0 || to.length > MAX_TO) return `${where}: The \`to\` field is invalid.`;
  if (!to.every((t) => typeof t === "string" && /^[^\s@]+@[^\s@]+$/.test(t.replace(/^.*<|>$/g, "")))) {
    return `${where}: Invalid \`to\` field. The email address needs to follow the \`email@example.com\` or \`Name <email@example.com>\` format.`;
  }
  if (typeof m.subject !== "string" || m.subject.length === 0) return `${where}: The \`subject\` field is missing.`;
  if (typeof m.html !== "string" && typeof m.text !== "string") return `${where}: Missing \`html\` or \`text\` field.`;
  if (m.headers !== undefined && (typeof m.headers !== "object" || m.headers === null))
    return `${where}: Invalid headers.`;
  return null;
}

function toDelivered(e: Record<string, unknown>, idempotencyKey?: string, bodies = true): DeliveredEmail {
  return {
    id: randomUUID(),
    from: e.from as string,
    to: typeof e.to === "string" ? [e.to] : (e.to as string[]),
    subject: e.subject as string,
    html: bodies ? (e.html as string | undefined) : undefined,
    text: bodies ? (e.text as string | undefined) : undefined,
    headers: (e.headers as Record<string, string>) ?? {},
    idempotencyKey,
  };
}

export async function startFakeResend(options: FakeResendOptions = {}): Promise<FakeResend> {
  const apiKey = options.apiKey ?? `re_test_${randomUUID().replace(/-/g, "")}`;
  const random = options.random ?? Math.random;
  let faults: Faults = options.faults ?? {};
  let forced: { n: number; status: 429 | 500 } = { n: 0, status: 500 };
  const delivered: DeliveredEmail[] = [];
  const requests: RecordedRequest[] = [];
  const idempotency = new Map<string, { hash: string; answer?: Answer }>();
  const hanging = new Set<ServerResponse>();
  let windowStart = Date.now();
  let windowCount = 0;

  const rateHeaders = (remaining: number): Record<string, string> => {
    if (!options.rateLimitPerSecond) return {};
    const reset = Math.max(0, Math.ceil((windowStart + 1000 - Date.now()) / 1000));
    return {
      "ratelimit-limit": String(options.rateLimitPerSecond),
      "ratelimit-remaining": String(Math.max(0, remaining)),
      "ratelimit-reset": String(reset),
    };
  };

  function process(path: string, body: unknown, key: string | undefined): Answer {
    if (path === "/emails") {
      const problem = validateEmail(body, "email");
      if (problem) return { status: 422, body: { statusCode: 422, name: "validation_error", message: problem } };
      const email = toDelivered(body as Record<string, unknown>, key, options.recordBodies ?? true);
      delivered.push(email);
      return { status: 200, body: { id: email.id } };
    }
    if (path === "/emails/batch") {
      if (!Array.isArray(body) || body.length === 0) {
        return {
          status: 422,
          body: { statusCode: 422, name: "validation_error", message: "The batch must be a non-empty array." },
        };
      }
      if (body.length > MAX_BATCH) {
        return {
          status: 422,
          body: {
            statusCode: 422,
            name: "validation_error",
            message: `Too many emails in batch: ${body.length} > ${MAX_BATCH}.`,
          },
        };
      }
      // Strict validation (Resend's default): one invalid email fails the whole batch.
      for (const [i, e] of body.entries()) {
        const problem = validateEmail(e, `emails[${i}]`);
        if (problem) return { status: 422, body: { statusCode: 422, name: "validation_error", message: problem } };
      }
      const emails = body.map((e) => toDelivered(e as Record<string, unknown>, key, options.recordBodies ?? true));
      delivered.push(...emails);
      return { status: 200, body: { data: emails.map((e) => ({ id: e.id })) } };
    }
    return { status: 404, body: { statusCode: 404, name: "not_found", message: "Not found" } };
  }

  const server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    try {
      for await (const c of req) chunks.push(c as Buffer);
    } catch {
      // The client gave up mid-body (its timeout under load): there is no one to answer.
      return;
    }
    const bytes = Buffer.concat(chunks);
    const raw = bytes.toString("utf8");
    let body: unknown;
    try {
      body = raw ? JSON.parse(raw) : undefined;
    } catch {
      body = Symbol.for("invalid-json");
    }
    const path = (req.url ?? "/").split("?")[0]!;
    if (options.recordRequests ?? true) requests.push({ method: req.method ?? "", path, headers: req.headers, body });
    const send = (status: number, payload: unknown, headers: Record<string, string> = {}) => {
      res.writeHead(status, { "content-type": "application/json", ...headers });
      res.end(JSON.stringify(payload));
    };

    const auth = req.headers.authorization;
    if (!auth)
      return send(401, {
        statusCode: 401,
        name: "missing_api_key",
        message: "Missing API key in the authorization header.",
      });
    if (auth !== `Bearer ${apiKey}`)
      return send(403, { statusCode: 403, name: "invalid_api_key", message: "API key is invalid." });
    if (req.method !== "POST")
      return send(405, { statusCode: 405, name: "method_not_allowed", message: "Method not allowed" });
    if (body === Symbol.for("invalid-json"))
      return send(422, { statusCode: 422, name: "validation_error", message: "Invalid JSON body." });

    // Rate limit (fixed one-second window, like the headers Resend returns).
    if (options.rateLimitPerSecond) {
      if (Date.now() - windowStart >= 1000) {
        windowStart = Date.now();
        windowCount = 0;
      }
      if (windowCount >= options.rateLimitPerSecond) {
        return send(
          429,
          {
            statusCode: 429,
            name: "rate_limit_exceeded",
            message: "Too many requests. You can only make 5 requests per second.",
          },
          { "retry-after": "1", ...rateHeaders(0) },
        );
      }
      windowCount++;
    }

    if (forced.n > 0) {
      forced.n--;
      return forced.status === 429
        ? send(
            429,
            { statusCode: 429, name: "rate_limit_exceeded", message: "Too many requests." },
            { "retry-after": String(faults.retryAfterSeconds ?? 1) },
          )
        : send(500, { statusCode: 500, name: "internal_server_error", message: "Unexpected error." });
    }
    const roll = random();
    const r429 = faults.rate429 ?? 0;
    const r500 = faults.rate500 ?? 0;
    const rHang = faults.rateHang ?? 0;
    if (roll < r429) {
      return send(
        429,
        { statusCode: 429, name: "rate_limit_exceeded", message: "Too many requests." },
        { "retry-after": String(faults.retryAfterSeconds ?? 1) },
      );
    }
    if (roll < r429 + r500)
      return send(500, { statusCode: 500, name: "internal_server_error", message: "Unexpected error." });
    const hang = roll < r429 + r500 + rHang;

    const key = req.headers["idempotency-key"] as string | undefined;
    let answer: Answer;
    if (key) {
      if (key.length > 256) {
        return send(422, {
          statusCode: 422,
          name: "validation_error",
          message: "Idempotency key must be at most 256 characters.",
        });
      }
      // Hashed from the bytes (not a copy of the decoded string): cheap enough at benchmark volumes.
      const hash = createHash("sha256").update(`${path}\n`).update(bytes).digest("hex");
      const seen = idempotency.get(key);
      if (seen && seen.hash !== hash) {
        return send(409, {
          statusCode: 409,
          name: "invalid_idempotent_request",
          message: "Same idempotency key used with a different request payload.",
        });
      }
      if (seen && !seen.answer) {
        return send(409, {
          statusCode: 409,
          name: "concurrent_idempotent_requests",
          message: "Same idempotency key used while original request is still in progress.",
        });
      }
      if (seen?.answer) {
        answer = seen.answer;
      } else {
        idempotency.set(key, { hash });
        answer = process(path, body, key);
        // Like Resend, only successful answers are remembered; errors may be retried.
        if (answer.status < 400) idempotency.set(key, { hash, answer });
        else idempotency.delete(key);
      }
    } else {
      answer = process(path, body, undefined);
    }

    if (hang) {
      // Processed, but the client never hears back (a lost response).
      hanging.add(res);
      return;
    }
    if (options.latencyMs) await new Promise((resolve) => setTimeout(resolve, options.latencyMs));
    send(answer.status, answer.body, rateHeaders((options.rateLimitPerSecond ?? 0) - windowCount));
  });

  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    apiKey,
    delivered,
    requests,
    setFaults: (f) => {
      faults = f;
    },
    failNext: (n, status) => {
      forced = { n, status };
    },
    close: async () => {
      for (const res of hanging) res.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
