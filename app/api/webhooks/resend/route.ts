import { handleResendWebhook } from "@/lib/digest/webhook";
import { noStoreJson } from "@/lib/http/json";

export const dynamic = "force-dynamic";

export async function POST(request: Request) {
  return noStoreJson(await handleResendWebhook(request));
}
