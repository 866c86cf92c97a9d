// What the digest integration tests share: app settings, a fake Resend API
// (its deliveries cleared with the database before each test) and the
// process-wide mailer pointed at it through the real SDK.
import { afterAll, beforeAll, beforeEach } from "vitest";
import type { DigestOptions } from "@/lib/digest/settings";
import { resetMailer, setMailer } from "@/lib/mail";
import { resendTransport } from "@/lib/mail/resend";
import { resetDb, testDb } from "./db";
import { type FakeResend, startFakeResend } from "./fake-resend";

export type DigestTestbed = {
  /** Set before the first test runs. */
  fake: FakeResend;
  /** Daily digest at 2025-03-14 09:00 UTC, unless overridden; db() is the test database and mailer() sends to the fake. */
  options: (over?: Partial<DigestOptions>) => DigestOptions;
};

/** The real Resend SDK, pointed at the fake. */
export function fakeTransport(fake: FakeResend) {
  return resendTransport({ apiKey: fake.apiKey, from: "Paperboy <digest@paperboy.example>", baseUrl: fake.url });
}

export function digestTestbed(): DigestTestbed {
  const bed = {
    options: (over: Partial<DigestOptions> = {}): DigestOptions => ({
      frequency: "daily",
      now: new Date("2025-03-14T09:00:00Z"),
      log: () => {},
      ...over,
    }),
  } as DigestTestbed;
  beforeAll(async () => {
    process.env.APP_SECRET = "digest-test-secret-".padEnd(40, "x");
    process.env.APP_URL = "https://paperboy.example";
    bed.fake = await startFakeResend();
    testDb();
    setMailer(fakeTransport(bed.fake));
  });
  afterAll(async () => {
    resetMailer();
    await bed.fake.close();
  });
  beforeEach(async () => {
    await resetDb();
    bed.fake.delivered.length = 0;
  });
  return bed;
}
