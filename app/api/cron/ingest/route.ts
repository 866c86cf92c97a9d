import { handleIngestCron } from "@/lib/ingest/cron";

export const dynamic = "force-dynamic";

// Schedulers differ in method (Vercel cron sends GET): both do the same.
async function handle(request: Request) {
  const { status, body } = await handleIngestCron(request.headers.get("authorization"));
  return Response.json(body, { status, headers: { "Cache-Control": "no-store" } });
}

export const GET = handle;
export const POST = handle;
