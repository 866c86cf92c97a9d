import AxeBuilder from "@axe-core/playwright";
import { expect, type Page, test } from "@playwright/test";

// The whole subscription journey in the browser, with JavaScript off: every
// page is a plain HTML form. The one-click unsubscribe is made the way a mail
// provider makes it: a cookie-less POST of List-Unsubscribe=One-Click.
test.use({
  javaScriptEnabled: false,
  // As if behind a proxy, each run is its own client: reruns against a kept
  // E2E database never meet the per-client limit of the form (10 per 15 minutes).
  extraHTTPHeaders: {
    "x-forwarded-for": `198.18.${Math.floor(Math.random() * 256)}.${Math.floor(Math.random() * 256)}`,
  },
});

const uniqueEmail = (tag: string) => `e2e-${tag}-${Date.now()}-${Math.floor(Math.random() * 1e6)}@example.com`;

/**
 * The newest outbox message to `to`, as shown on /dev/outbox, once it has the
 * expected subject (the confirmation is sent after the form's response).
 */
async function latestMail(page: Page, to: string, subject: string) {
  const message = page.getByTestId("outbox-message").first();
  await expect
    .poll(async () => {
      await page.goto(`/dev/outbox?to=${encodeURIComponent(to)}`);
      return (await message.count()) ? await message.getByRole("heading", { level: 2 }).textContent() : null;
    })
    .toBe(subject);
  return {
    text: (await message.getByTestId("outbox-text").textContent()) ?? "",
    header: async (name: string) =>
      (await message.locator(`[data-header="${name}"]`).count())
        ? await message.locator(`[data-header="${name}"]`).textContent()
        : null,
    iframeSandbox: await message.locator("iframe").getAttribute("sandbox"),
  };
}

function link(text: string, path: string): string {
  const match = new RegExp(`https?://[^\\s]+/${path}\\?token=[^\\s\\]]+`).exec(text);
  if (!match) throw new Error(`no ${path} link in: ${text}`);
  return match[0];
}

test("subscribe, confirm from the outbox, change preferences, one-click unsubscribe", async ({ page, playwright }) => {
  const email = uniqueEmail("journey");

  await page.goto("/subscribe");
  await page.getByLabel("Email").fill(email);
  const topicBoxes = page.locator('input[name="topics"]');
  if ((await topicBoxes.count()) > 0) {
    await topicBoxes.first().check();
  } else {
    await page.getByLabel(/All topics/).check();
  }
  await page.getByLabel("Daily").check();
  await page.getByLabel(/Keywords/).fill("speculative decoding");
  await page.getByRole("button", { name: "Subscribe" }).click();
  await expect(page.getByRole("heading", { name: "Check your inbox" })).toBeVisible();

  // The confirmation email in the development outbox; its HTML is sandboxed.
  const confirmation = await latestMail(page, email, "Confirm your Paperboy subscription");
  expect(confirmation.iframeSandbox).not.toContain("allow-scripts");
  expect(confirmation.iframeSandbox).not.toContain("allow-same-origin");
  const confirmUrl = link(confirmation.text, "confirm");

  // GET shows a button and changes nothing; the POST confirms.
  await page.goto(confirmUrl);
  await expect(page.getByRole("heading", { name: "Confirm your subscription" })).toBeVisible();
  await page.goto(confirmUrl);
  await page.getByRole("button", { name: "Confirm" }).click();
  await expect(page.getByRole("heading", { name: "You're subscribed" })).toBeVisible();
  // Single use.
  await page.goto(confirmUrl);
  await expect(page.getByRole("heading", { name: "This link is not valid" })).toBeVisible();

  const welcome = await latestMail(page, email, "You're subscribed to Paperboy");
  const preferencesUrl = link(welcome.text, "preferences");
  const listUnsubscribe = await welcome.header("List-Unsubscribe");
  expect(await welcome.header("List-Unsubscribe-Post")).toBe("List-Unsubscribe=One-Click");
  const unsubscribeUrl = /^<(.+)>$/.exec(listUnsubscribe ?? "")?.[1];
  expect(unsubscribeUrl).toMatch(/\/unsubscribe\?token=/);

  // Change preferences.
  await page.goto(preferencesUrl);
  await expect(page.getByTestId("subscription-status")).toHaveText("Subscribed.");
  await expect(page.getByLabel("Daily")).toBeChecked();
  await expect(page.getByLabel(/Keywords/)).toHaveValue("speculative decoding");
  await page.getByLabel("Weekly").check();
  await page.getByLabel(/Keywords/).fill("speculative decoding, KV cache");
  await page.getByRole("button", { name: "Save preferences" }).click();
  await expect(page.getByRole("status")).toHaveText("Preferences saved.");
  await expect(page.getByLabel("Weekly")).toBeChecked();
  await expect(page.getByLabel(/Keywords/)).toHaveValue("speculative decoding, kv cache");

  // Pause and resume.
  await page.getByRole("button", { name: "Pause the digest" }).click();
  await expect(page.getByTestId("subscription-status")).toContainText("Paused");
  await page.getByRole("button", { name: "Resume the digest" }).click();
  await expect(page.getByTestId("subscription-status")).toHaveText("Subscribed.");

  // A link scanner's GET of the unsubscribe URL changes nothing.
  await page.goto(unsubscribeUrl!);
  await expect(page.getByRole("button", { name: "Unsubscribe" })).toBeVisible();
  await page.goto(preferencesUrl);
  await expect(page.getByTestId("subscription-status")).toHaveText("Subscribed.");

  // The mail provider's one-click POST: no cookies, no browser, no redirect followed.
  const provider = await playwright.request.newContext();
  const oneClick = await provider.post(unsubscribeUrl!, { form: { "List-Unsubscribe": "One-Click" }, maxRedirects: 0 });
  expect(oneClick.status()).toBe(200);
  expect(oneClick.headers().location).toBeUndefined();
  // Repeating it (here multipart, the other allowed encoding) is harmless.
  const again = await provider.post(unsubscribeUrl!, {
    multipart: { "List-Unsubscribe": "One-Click" },
    maxRedirects: 0,
  });
  expect(again.status()).toBe(200);
  await provider.dispose();

  await page.goto(preferencesUrl);
  await expect(page.getByTestId("subscription-status")).toContainText("Unsubscribed");
  // The unsubscribe page says it is done, with no button left to press.
  await page.goto(unsubscribeUrl!);
  await expect(page.getByRole("heading", { name: "You're unsubscribed" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Unsubscribe" })).toHaveCount(0);
});

test("an unsubscribe link with a missing or garbage token says so on the page", async ({ page }) => {
  for (const path of [
    "/unsubscribe",
    "/unsubscribe?token=",
    "/unsubscribe?token=garbage",
    "/unsubscribe?token=1.AAAA",
  ]) {
    await page.goto(path);
    await expect(page.getByRole("heading", { name: "This unsubscribe link is not valid" }), path).toBeVisible();
    await expect(page.getByText("You will get no more digests"), path).toHaveCount(0);
    await expect(page.getByRole("button", { name: "Unsubscribe" }), path).toHaveCount(0);
  }
});

test("the unsubscribe button posts the one-click body and shows the result", async ({ page }) => {
  const email = uniqueEmail("button");
  await page.goto("/subscribe");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel(/All topics/).check();
  await page.getByLabel("Weekly").check();
  await page.getByRole("button", { name: "Subscribe" }).click();
  await page.goto(link((await latestMail(page, email, "Confirm your Paperboy subscription")).text, "confirm"));
  await page.getByRole("button", { name: "Confirm" }).click();
  const welcome = await latestMail(page, email, "You're subscribed to Paperboy");

  await page.goto(link(welcome.text, "unsubscribe"));
  await page.getByRole("button", { name: "Unsubscribe" }).click();
  await expect(page.getByRole("heading", { name: "You're unsubscribed" })).toBeVisible();
  expect(new URL(page.url()).pathname).toBe("/unsubscribe");

  // Delete my data: the preference link dies with the data.
  const preferencesUrl = link(welcome.text, "preferences");
  await page.goto(preferencesUrl);
  await expect(page.getByTestId("subscription-status")).toContainText("Unsubscribed");
  await page.getByRole("button", { name: "Delete my data" }).click();
  // A confirming second step (a plain form: no JavaScript needed); "No" keeps everything.
  await expect(page.getByRole("heading", { name: "Delete your data?" })).toBeVisible();
  await page.getByRole("link", { name: "No, keep my data" }).click();
  await expect(page.getByTestId("subscription-status")).toContainText("Unsubscribed");
  await page.getByRole("button", { name: "Delete my data" }).click();
  await page.getByRole("button", { name: "Yes, delete my data" }).click();
  await expect(page.getByRole("heading", { name: "Your data is deleted" })).toBeVisible();
  // The unsubscribe link of deleted data says it is not valid on the page, before any button.
  await page.goto(link(welcome.text, "unsubscribe"));
  await expect(page.getByRole("heading", { name: "This unsubscribe link is not valid" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Unsubscribe" })).toHaveCount(0);
  await page.goto(preferencesUrl);
  await expect(page.getByRole("heading", { name: "This link is not valid" })).toBeVisible();
});

test.describe("accessibility", () => {
  // axe runs as a script in the page.
  test.use({ javaScriptEnabled: true });

  async function expectNoViolations(page: Page) {
    const results = await new AxeBuilder({ page }).analyze();
    expect(
      results.violations.map((v) => `${page.url()} ${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`),
    ).toEqual([]);
  }

  test("the subscription pages have no axe violations", async ({ page }) => {
    test.setTimeout(60_000);
    for (const path of [
      "/subscribe",
      "/subscribe/check-email",
      "/confirm?token=nope",
      "/unsubscribe?token=nope",
      "/preferences?token=nope",
    ]) {
      await page.goto(path);
      await expectNoViolations(page);
    }
    // A real preference page. (Not the dev outbox: axe can't run inside its script-less sandboxed iframes.)
    const email = uniqueEmail("axe");
    expect(
      (
        await page.request.post("/api/subscriptions/subscribe", {
          form: { email, allTopics: "on", frequency: "daily" },
          maxRedirects: 0,
        })
      ).status(),
    ).toBe(303);
    const token = /confirm\?token=([A-Za-z0-9_-]+)/.exec(
      (await latestMail(page, email, "Confirm your Paperboy subscription")).text,
    )![1]!;
    expect((await page.request.post("/api/subscriptions/confirm", { form: { token }, maxRedirects: 0 })).status()).toBe(
      303,
    );
    const welcome = await latestMail(page, email, "You're subscribed to Paperboy");
    await page.goto(link(welcome.text, "preferences"));
    await expect(page.getByTestId("subscription-status")).toHaveText("Subscribed.");
    await expectNoViolations(page);
  });
});
