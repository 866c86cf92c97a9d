import { render } from "@react-email/render";
import { createElement, type ReactElement } from "react";
import { ConfirmationEmail, type ConfirmationEmailProps } from "@/emails/confirmation";
import { ManageSubscriptionEmail, type ManageSubscriptionEmailProps } from "@/emails/manage-subscription";
import { WelcomeEmail, type WelcomeEmailProps } from "@/emails/welcome";
import { type MailMessage, mailer, type SendResult } from "@/lib/mail";

// Renders the subscription emails (HTML and plain text from one React tree)
// and hands them to the configured transport.

async function message(
  to: string,
  subject: string,
  element: ReactElement,
  headers?: Record<string, string>,
): Promise<MailMessage> {
  const [html, text] = await Promise.all([render(element), render(element, { plainText: true })]);
  return { to, subject, html, text, headers };
}

/** RFC 8058 one-click unsubscribe headers, for every email to a confirmed subscriber. */
export function listUnsubscribeHeaders(unsubscribeUrl: string): Record<string, string> {
  return { "List-Unsubscribe": `<${unsubscribeUrl}>`, "List-Unsubscribe-Post": "List-Unsubscribe=One-Click" };
}

export async function confirmationMessage(to: string, props: ConfirmationEmailProps): Promise<MailMessage> {
  return message(to, "Confirm your Paperboy subscription", createElement(ConfirmationEmail, props));
}

export async function welcomeMessage(to: string, props: WelcomeEmailProps): Promise<MailMessage> {
  return message(
    to,
    "You're subscribed to Paperboy",
    createElement(WelcomeEmail, props),
    listUnsubscribeHeaders(props.unsubscribeUrl),
  );
}

export async function manageSubscriptionMessage(to: string, props: ManageSubscriptionEmailProps): Promise<MailMessage> {
  return message(
    to,
    "Your Paperboy subscription",
    createElement(ManageSubscriptionEmail, props),
    listUnsubscribeHeaders(props.unsubscribeUrl),
  );
}

export async function sendMail(mail: MailMessage, idempotencyKey?: string): Promise<SendResult> {
  return mailer().send(mail, idempotencyKey ? { idempotencyKey } : undefined);
}
