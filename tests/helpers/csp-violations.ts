import type { Page } from "@playwright/test";

// What Chromium says about Content-Security-Policy while a page loads, for the
// e2e tests that check a page breaks no rule (security, page cache, hostile titles).

/** CSP violations the browser reports on the console while the page loads and hydrates. */
export function collectViolations(page: Page): string[] {
  const violations: string[] = [];
  page.on("console", (m) => {
    if (/Content Security Policy|Refused to (execute|load|apply|frame)/i.test(m.text())) violations.push(m.text());
  });
  return violations;
}

/**
 * Every securitypolicyviolation event of the pages this page opens after the call, as "directive
 * blocked-URI" (call it before page.goto).
 */
export async function policyViolationEvents(page: Page): Promise<string[]> {
  const events: string[] = [];
  await page.exposeFunction("reportViolation", (v: string) => events.push(v));
  await page.addInitScript(() =>
    document.addEventListener("securitypolicyviolation", (e) =>
      (window as unknown as { reportViolation: (v: string) => void }).reportViolation(
        `${e.violatedDirective} ${e.blockedURI}`,
      ),
    ),
  );
  return events;
}
