import { env } from "@/lib/env";
import { outboxTransport } from "./outbox";
import { resendTransport } from "./resend";
import type { MailTransport } from "./types";

export type { MailMessage, MailTransport, SendResult } from "./types";

// One process-wide transport, like db(): every sender (digest, subscription
// emails) gets it by calling mailer().
let transport: MailTransport | undefined;

/** Resend when RESEND_API_KEY is set, otherwise the local outbox: a missing key is never a crash. */
export function mailer(): MailTransport {
  if (!transport) {
    const config = env();
    transport = config.RESEND_API_KEY
      ? resendTransport({ apiKey: config.RESEND_API_KEY, from: config.EMAIL_FROM, baseUrl: config.RESEND_BASE_URL })
      : outboxTransport(config.EMAIL_FROM);
  }
  return transport;
}

/** Makes `next` the transport mailer() returns (tests and benchmarks point it at a fake provider). */
export function setMailer(next: MailTransport): void {
  transport = next;
}

/** Forget the chosen transport: the next mailer() chooses again from the environment. */
export function resetMailer(): void {
  transport = undefined;
}
