// Structured logs: one JSON object per line (time, level, msg, fields), so a
// log shipper can index them. Nothing personal or secret reaches the log:
// email addresses are masked wherever they appear, fields whose names say
// "secret/token/key/password/authorization/cookie" are replaced, and the
// values of the secret environment variables are masked if they slip into a
// message. Errors are logged by name and message only (no stack to clients;
// the stack stays in the log line for operators).

import { envIfLoaded } from "@/lib/env";

export type LogLevel = "debug" | "info" | "warn" | "error";
export type LogFields = Record<string, unknown>;

const LEVELS: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };
const SECRET_FIELD = /secret|token|password|passwd|authorization|cookie|api[-_]?key|^key$/i;
const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g;
const SECRET_ENV = ["APP_SECRET", "RESEND_API_KEY", "CRON_SECRET", "RESEND_WEBHOOK_SECRET", "DATABASE_URL"] as const;
const MAX_DEPTH = 4;

export const REDACTED = "[redacted]";

function secretValues(): string[] {
  // Both sources: start-up completes some settings (the local APP_SECRET) without writing them to process.env.
  const loaded = envIfLoaded();
  return SECRET_ENV.flatMap((name) => [process.env[name], loaded?.[name]]).filter(
    (v): v is string => typeof v === "string" && v.length >= 8,
  );
}

/** Masks email addresses (keeping the domain, useful for delivery problems) and known secret values. */
export function redactText(text: string): string {
  let out = text.replace(EMAIL, (address) => `***@${address.split("@")[1]}`);
  for (const secret of secretValues()) out = out.split(secret).join(REDACTED);
  return out;
}

function redactValue(value: unknown, depth: number): unknown {
  if (typeof value === "string") return redactText(value);
  if (value instanceof Error) {
    return {
      name: value.name,
      message: redactText(value.message),
      stack: value.stack ? redactText(value.stack) : undefined,
    };
  }
  if (value === null || typeof value !== "object") return typeof value === "bigint" ? value.toString() : value;
  if (depth >= MAX_DEPTH) return "[depth]";
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map((v) => redactValue(v, depth + 1));
  return redactFields(value as LogFields, depth + 1);
}

export function redactFields(fields: LogFields, depth = 0): LogFields {
  const out: LogFields = {};
  for (const [key, value] of Object.entries(fields)) {
    out[key] = SECRET_FIELD.test(key) && value !== undefined && value !== null ? REDACTED : redactValue(value, depth);
  }
  return out;
}

export type LogSink = (line: string, level: LogLevel) => void;

const defaultSink: LogSink = (line, level) => {
  (level === "error" || level === "warn" ? process.stderr : process.stdout).write(`${line}\n`);
};

// Read straight from process.env, not env(): the logger must work (e.g. to
// report an invalid configuration) even when env() would throw. lib/env.ts
// validates LOG_LEVEL at start-up like every other variable.
function minLevel(): number {
  const configured = process.env.LOG_LEVEL as LogLevel | undefined;
  return LEVELS[configured && configured in LEVELS ? configured : "info"];
}

export type Logger = {
  debug: (msg: string, fields?: LogFields) => void;
  info: (msg: string, fields?: LogFields) => void;
  warn: (msg: string, fields?: LogFields) => void;
  error: (msg: string, fields?: LogFields) => void;
  child: (fields: LogFields) => Logger;
};

export function createLogger(base: LogFields = {}, sink: LogSink = defaultSink): Logger {
  const write = (level: LogLevel, msg: string, fields: LogFields = {}) => {
    if (LEVELS[level] < minLevel()) return;
    const entry = {
      time: new Date().toISOString(),
      level,
      msg: redactText(msg),
      ...redactFields({ ...base, ...fields }),
    };
    let line: string;
    try {
      line = JSON.stringify(entry);
    } catch {
      line = JSON.stringify({ time: entry.time, level, msg: entry.msg, note: "fields not serialisable" });
    }
    sink(line, level);
  };
  return {
    debug: (msg, fields) => write("debug", msg, fields),
    info: (msg, fields) => write("info", msg, fields),
    warn: (msg, fields) => write("warn", msg, fields),
    error: (msg, fields) => write("error", msg, fields),
    child: (fields) => createLogger({ ...base, ...fields }, sink),
  };
}

/** The app-wide logger. */
export const log = createLogger();
