import { afterEach, describe, expect, test } from "vitest";
import { createLogger, type LogLevel, REDACTED, redactText } from "@/lib/log";

function capture() {
  const lines: { line: string; level: LogLevel }[] = [];
  const logger = createLogger({ service: "test" }, (line, level) => lines.push({ line, level }));
  return { logger, lines, json: () => lines.map((l) => JSON.parse(l.line) as Record<string, unknown>) };
}

const saved = { ...process.env };
afterEach(() => {
  process.env = { ...saved };
});

describe("structured logger", () => {
  test("one JSON object per line with time, level, msg and fields", () => {
    const { logger, json } = capture();
    logger.info("digest sent", { sent: 3 });
    const [entry] = json();
    expect(entry).toMatchObject({ level: "info", msg: "digest sent", service: "test", sent: 3 });
    expect(new Date(entry!.time as string).toISOString()).toBe(entry!.time);
  });

  test("email addresses are masked in messages, fields, nested objects and errors", () => {
    const { logger, lines } = capture();
    logger.error("bounce from alice@example.com", {
      to: "bob.smith+x@mail.example.org",
      nested: { list: ["carol@example.net"] },
      error: new Error("rejected dave@example.com"),
    });
    const text = lines[0]!.line;
    expect(text).not.toMatch(/alice@|bob\.smith|carol@|dave@/);
    expect(text).toContain("***@example.com");
    expect(text).toContain("***@mail.example.org");
  });

  test("secret-named fields and secret env values are replaced", () => {
    process.env.APP_SECRET = "s3cr3t-value-that-is-long-enough-xxxxxx";
    process.env.RESEND_API_KEY = "re_live_abcdefghijkl";
    const { logger, lines } = capture();
    logger.warn(`auth failed with ${process.env.RESEND_API_KEY}`, {
      token: "abc",
      authorization: "Bearer x",
      apiKey: "k",
      url: `https://x/?s=${process.env.APP_SECRET}`,
    });
    const text = lines[0]!.line;
    expect(text).not.toContain("re_live_abcdefghijkl");
    expect(text).not.toContain("s3cr3t-value");
    expect(text).not.toContain("Bearer x");
    expect(JSON.parse(text)).toMatchObject({ token: REDACTED, authorization: REDACTED, apiKey: REDACTED });
  });

  test("errors keep name and message; warnings and errors go to the error stream", () => {
    const { logger, lines, json } = capture();
    logger.error("job failed", { error: new TypeError("boom") });
    logger.info("ok");
    expect(json()[0]!.error).toMatchObject({ name: "TypeError", message: "boom" });
    expect(lines.map((l) => l.level)).toEqual(["error", "info"]);
  });

  test("LOG_LEVEL filters lower levels; child loggers add fields", () => {
    process.env.LOG_LEVEL = "warn";
    const { logger, json } = capture();
    logger.info("hidden");
    logger.child({ job: "ingest" }).warn("slow");
    expect(json()).toEqual([expect.objectContaining({ msg: "slow", job: "ingest", service: "test" })]);
  });

  test("circular or BigInt fields never throw", () => {
    const { logger, json } = capture();
    const a: Record<string, unknown> = { n: 1n };
    a.self = a;
    expect(() => logger.info("odd", { a })).not.toThrow();
    expect(json()[0]!.msg).toBe("odd");
  });

  test("redactText leaves ordinary text alone", () => {
    expect(redactText("classified 134 papers at 12:00")).toBe("classified 134 papers at 12:00");
  });
});

test("LOG_LEVEL is validated with the rest of the environment", async () => {
  const { parseEnv } = await import("@/lib/env");
  expect(parseEnv({ LOG_LEVEL: "warn" }).LOG_LEVEL).toBe("warn");
  expect(() => parseEnv({ LOG_LEVEL: "loud" })).toThrow(/LOG_LEVEL/);
});
