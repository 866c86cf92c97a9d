import { handleDigestCron } from "@/lib/digest/cron";
import { noStoreJson } from "@/lib/http/json";

export const dynamic = "force-dynamic";

// POST for schedulers and operators; GET because Vercel Cron calls with GET.
async function handle(request: Request) {
  return noStoreJson(await handleDigestCron(request.headers.get("authorization"), new URL(request.url)));
}

export const POST = handle;
export const GET = handle;
