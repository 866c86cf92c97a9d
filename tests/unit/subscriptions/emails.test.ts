import { describe, expect, it } from "vitest";
import * as confirmation from "@/emails/confirmation";
import * as manage from "@/emails/manage-subscription";
import * as welcome from "@/emails/welcome";
import {
  confirmationMessage,
  listUnsubscribeHeaders,
  manageSubscriptionMessage,
  welcomeMessage,
} from "@/lib/subscriptions/emails";

const links = {
  preferencesUrl: "https://p.example/preferences?token=1.abc",
  unsubscribeUrl: "https://p.example/unsubscribe?token=1.def",
};

describe("subscription email templates", () => {
  it("each exports PreviewProps that render to HTML and plain text", async () => {
    const rendered = await Promise.all([
      confirmationMessage("a@example.com", confirmation.PreviewProps),
      welcomeMessage("a@example.com", welcome.PreviewProps),
      manageSubscriptionMessage("a@example.com", manage.PreviewProps),
    ]);
    for (const m of rendered) {
      expect(m.html).toMatch(/^<!DOCTYPE html/i);
      expect(m.text.length).toBeGreaterThan(50);
      expect(m.text).not.toMatch(/<[a-z]/i);
    }
  });

  it("puts preference and unsubscribe links in the footer and headers of every email to a confirmed subscriber", async () => {
    for (const m of [
      await welcomeMessage("a@example.com", {
        ...links,
        frequency: "daily",
        allTopics: true,
        topicNames: [],
        keywords: [],
      }),
      await manageSubscriptionMessage("a@example.com", { ...links, paused: true }),
    ]) {
      for (const body of [m.html, m.text]) {
        expect(body).toContain(links.preferencesUrl);
        expect(body).toContain(links.unsubscribeUrl);
      }
      expect(m.headers).toEqual(listUnsubscribeHeaders(links.unsubscribeUrl));
      expect(m.headers!["List-Unsubscribe"]).toBe(`<${links.unsubscribeUrl}>`);
    }
  });

  it("a confirmation request has no unsubscribe header (nothing to leave yet) and says ignoring it is enough", async () => {
    const m = await confirmationMessage("a@example.com", {
      ...confirmation.PreviewProps,
      confirmUrl: "https://p.example/confirm?token=t",
    });
    expect(m.headers).toBeUndefined();
    expect(m.text).toContain("https://p.example/confirm?token=t");
    expect(m.text).toMatch(/ignore this email/);
    expect(m.text).toMatch(/48 hours/);
  });

  it("escapes topic names and keywords", async () => {
    const m = await welcomeMessage("a@example.com", {
      ...links,
      frequency: "weekly",
      allTopics: false,
      topicNames: ["<b>RL</b>"],
      keywords: ['"><img src=x>'],
    });
    expect(m.html).not.toContain("<b>RL</b>");
    expect(m.html).not.toContain("<img src=x>");
    expect(m.html).toContain("&lt;b&gt;RL&lt;/b&gt;");
  });
});
