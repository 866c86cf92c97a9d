import { beforeEach, describe, expect, it } from "vitest";
import { resetDb, testDb } from "@/tests/helpers/db";

// The recipient filter of /dev/outbox comes from the query string: anything
// that is not an email address is ignored, never sent to the database (a NUL
// byte there made Postgres reject the query: a 500 the e2e fuzzing found).
describe("/dev/outbox recipient filter", () => {
  beforeEach(async () => {
    delete process.env.RESEND_API_KEY;
    await resetDb();
    await testDb().outboxMessage.create({
      data: { to: "a@example.com", from: "p@example.com", subject: "Hi", html: "<p>x</p>", text: "x" },
    });
  });

  it.each(["\u0000", "a@example.com\u0000", "x".repeat(300), "<script>@x"])(
    "ignores a hostile filter %#",
    async (to) => {
      const { default: OutboxPage } = await import("@/app/dev/outbox/page");
      await expect(OutboxPage({ searchParams: Promise.resolve({ to }) })).resolves.toBeTruthy();
    },
  );

  it("filters by a valid address, trimmed and lower-cased", async () => {
    const { default: OutboxPage } = await import("@/app/dev/outbox/page");
    const page = JSON.stringify(await OutboxPage({ searchParams: Promise.resolve({ to: "  A@Example.com " }) }));
    expect(page).toContain("a@example.com");
  });
});
