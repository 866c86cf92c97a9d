// `npm run email:preview`: renders every subscription email with its
// PreviewProps to .data/email-preview/<name>.html and .txt, to open in a browser.
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import * as confirmation from "@/emails/confirmation";
import * as manage from "@/emails/manage-subscription";
import * as welcome from "@/emails/welcome";
import { confirmationMessage, manageSubscriptionMessage, welcomeMessage } from "@/lib/subscriptions/emails";

const out = path.join(process.cwd(), ".data", "email-preview");
await mkdir(out, { recursive: true });
const messages = {
  confirmation: await confirmationMessage("reader@example.com", confirmation.PreviewProps),
  welcome: await welcomeMessage("reader@example.com", welcome.PreviewProps),
  "manage-subscription": await manageSubscriptionMessage("reader@example.com", manage.PreviewProps),
};
for (const [name, m] of Object.entries(messages)) {
  await writeFile(path.join(out, `${name}.html`), m.html);
  await writeFile(
    path.join(out, `${name}.txt`),
    `Subject: ${m.subject}\n${Object.entries(m.headers ?? {})
      .map(([k, v]) => `${k}: ${v}\n`)
      .join("")}\n${m.text}\n`,
  );
  console.log(`${path.relative(process.cwd(), path.join(out, name))}.{html,txt}  ${m.subject}`);
}
