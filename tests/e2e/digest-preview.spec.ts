import { expect, type Page, test } from "@playwright/test";

// A newcomer on the embedded default (the demo papers end on 2026-08-21, long
// before "now"): subscribe to two topics, confirm from the outbox, and see on
// the preferences page what the next digest would carry and when it goes out;
// then email it as a sample and read it in the outbox. JavaScript off: every
// step is a plain HTML form. The sample is screenshotted at 600 px and 375 px.
test.use({
  javaScriptEnabled: false,
  extraHTTPHeaders: {
    "x-forwarded-for": `198.19.${Math.floor(Math.random() * 256)}.${Math.floor(Math.random() * 256)}`,
  },
});

const uniqueEmail = () => `e2e-preview-${Date.now()}-${Math.floor(Math.random() * 1e6)}@example.com`;

type Mail = { subject: string; text: string; html: string };

/** The newest outbox message to `to` whose subject matches, as /dev/outbox shows it. */
async function mailTo(page: Page, to: string, subject: RegExp): Promise<Mail> {
  const message = page.getByTestId("outbox-message").first();
  await expect
    .poll(async () => {
      await page.goto(`/dev/outbox?to=${encodeURIComponent(to)}`);
      return (await message.count()) ? await message.getByRole("heading", { level: 2 }).textContent() : "";
    })
    .toMatch(subject);
  return {
    subject: (await message.getByRole("heading", { level: 2 }).textContent()) ?? "",
    text: (await message.getByTestId("outbox-text").textContent()) ?? "",
    html: (await message.locator("iframe").getAttribute("srcdoc")) ?? "",
  };
}

function link(text: string, path: string): string {
  const match = new RegExp(`https?://[^\\s]+/${path}\\?token=[^\\s\\]]+`).exec(text);
  if (!match) throw new Error(`no ${path} link in: ${text}`);
  return match[0];
}

test("a newcomer previews the next digest and emails it to themselves as a sample", async ({ page }, testInfo) => {
  const email = uniqueEmail();
  await page.goto("/subscribe");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Multimodal LLMs").check();
  await page.getByLabel("Quantization").check();
  await page.getByRole("button", { name: "Subscribe" }).click();
  await expect(page.getByRole("heading", { name: "Check your inbox" })).toBeVisible();

  const confirmation = await mailTo(page, email, /^Confirm your Paperboy subscription$/);
  await page.goto(link(confirmation.text, "confirm"));
  await page.getByRole("button", { name: "Confirm" }).click();
  await expect(page.getByRole("heading", { name: "You're subscribed" })).toBeVisible();

  // The welcome email says when the first digest comes and shows up to five current papers.
  const welcome = await mailTo(page, email, /^You're subscribed to Paperboy$/);
  expect(welcome.text).toMatch(/Your first digest goes out on Monday, \d+ \w+ \d{4} at 08:00 UTC \(in \d+ hours\)/);
  expect(welcome.text).toMatch(/most recent matching papers/);
  expect(welcome.text.match(/^\d\. /gm)).toHaveLength(5);

  // The preferences page: when, what, and why.
  await page.goto(link(welcome.text, "preferences"));
  const section = page.getByRole("region", { name: "Your next digest" });
  await expect(section.getByTestId("next-digest")).toContainText(
    /Your next weekly digest goes out on Monday, \d+ \w+ \d{4} at 08:00 UTC \(in \d+ hours\)/,
  );
  // Nothing is new on the demo data: said plainly, with the most recent matching papers instead.
  await expect(section.getByTestId("preview-explanation")).toContainText(
    "so here are the most recent matching papers instead (featured",
  );
  const papers = section.getByTestId("preview-paper");
  expect(await papers.count()).toBeGreaterThan(0);
  await expect(papers.first()).toContainText(/Why: (Multimodal LLMs|Quantization)/);
  await expect(papers.first()).toContainText(/\d+ votes?/);
  expect(
    await section.getByRole("link", { name: /^Every paper in Multimodal LLMs, Quantization/ }).getAttribute("href"),
  ).toMatch(/\/\?period=month&date=2026-08-21&topic=[a-z-]+&topic=[a-z-]+$/);

  await section.getByRole("button", { name: "Email me this now" }).click();
  await expect(page.getByRole("status")).toContainText("Sample sent");

  // The sample in the outbox: marked, and with every field a digest carries.
  const sample = await mailTo(page, email, /^\[Sample\] \d+ papers? in /);
  expect(sample.subject).toMatch(/Most recent papers, featured .* 2026$/);
  expect(sample.text).toMatch(/^Sample, sent on request on .* UTC; it does not count as a digest\./);
  expect(sample.text).toMatch(/^ {3}.+, .+, .+ et al\.$/m); // authors: the first three, then et al.
  expect(sample.text).toMatch(/^ {3}arXiv: https:\/\/arxiv\.org\/abs\/\d{4}\.\d{4,5}$/m);
  expect(sample.text).toMatch(/^ {3}PDF: https:\/\/arxiv\.org\/pdf\/\d{4}\.\d{4,5}$/m);
  expect(sample.text).toMatch(/^ {3}Code: https?:\/\/\S+$/m);
  expect(sample.text).toMatch(/^ {3}Project page: https?:\/\/\S+$/m);
  expect(sample.text).toMatch(/^ {3}\d+ votes?$/m);
  expect(sample.text).toMatch(/^ {3}Why: (Multimodal LLMs|Quantization)/m);
  expect(sample.text).toMatch(
    /^Every paper in Multimodal LLMs, Quantization: http:\/\/127\.0\.0\.1:\d+\/\?period=month&date=2026-08-21&topic=/m,
  );
  expect(sample.html).toContain('data-sample="true"');
  expect(sample.html).not.toMatch(/<(script|style)\b/i);
  expect(sample.html).toMatch(/<table/);

  // The digest as a reader sees it, at a desktop mail pane's width and a phone's.
  for (const width of [600, 375]) {
    await page.setViewportSize({ width, height: 800 });
    await page.setContent(sample.html);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow, `no horizontal scrolling at ${width} px`).toBeLessThanOrEqual(0);
    const file = testInfo.outputPath(`digest-sample-${width}px.png`);
    await page.screenshot({ path: file, fullPage: true });
    await testInfo.attach(`digest sample at ${width} px`, { path: file, contentType: "image/png" });
  }
});

test("a rejected subscription comes back with what was typed and the message beside the field", async ({ page }) => {
  const email = uniqueEmail();
  await page.goto("/subscribe");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Daily").check();
  await page.getByLabel(/Keywords/).fill("speculative decoding");
  await page.getByRole("button", { name: "Subscribe" }).click();
  await expect(page).toHaveURL(/\/subscribe\?invalid=1/);
  await expect(page.getByLabel("Email")).toHaveValue(email);
  await expect(page.getByLabel(/Keywords/)).toHaveValue("speculative decoding");
  await expect(page.getByLabel("Daily")).toBeChecked();
  await expect(page.locator("#subscribe-topics-error")).toHaveText("Choose at least one topic, or all topics.");
  // Fixing it goes through.
  await page.getByLabel("Quantization").check();
  await page.getByRole("button", { name: "Subscribe" }).click();
  await expect(page.getByRole("heading", { name: "Check your inbox" })).toBeVisible();
});
