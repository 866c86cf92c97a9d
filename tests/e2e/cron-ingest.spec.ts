import { expect, test } from "@playwright/test";

// The test app runs without CRON_SECRET: the cron route must fail closed.
test("the ingest cron route refuses calls without the secret", async ({ request }) => {
  for (const method of ["get", "post"] as const) {
    const response = await request[method]("/api/cron/ingest", { headers: { Authorization: "Bearer " } });
    expect(response.status()).toBe(401);
    expect(await response.json()).toEqual({ ok: false, error: "unauthorized" });
  }
});
