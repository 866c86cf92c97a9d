import { noStoreJson } from "@/lib/http/json";
import { handleIngestCron } from "@/lib/ingest/cron";

export const dynamic = "force-dynamic";

// Schedulers differ in method (Vercel cron sends GET): both do the same.
async function handle(request: Request) {
  return noStoreJson(await handleIngestCron(request.headers.get("authorization")));
}

export const GET = handle;
export const POST = handle;
