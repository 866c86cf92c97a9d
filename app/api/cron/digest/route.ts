import { cronAuthorized, cronQuerySchema, frequenciesFor, publicSummary } from "@/lib/digest/cron";
import { runDigest } from "@/lib/digest/run";
import { env } from "@/lib/env";
import { log } from "@/lib/log";

export const dynamic = "force-dynamic";

const json = (status: number, body: unknown) =>
  Response.json(body, { status, headers: { "Cache-Control": "no-store" } });

// POST for schedulers and operators; GET because Vercel Cron calls with GET.
// Each due frequency runs once per period whoever calls, however often.
async function handle(request: Request) {
  if (!cronAuthorized(request.headers.get("authorization"), env().CRON_SECRET)) {
    return json(401, { error: "unauthorized" });
  }
  const query = cronQuerySchema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!query.success)
    return json(400, { error: "invalid parameter", parameter: String(query.error.issues[0]?.path[0] ?? "") });
  const results = [];
  for (const frequency of frequenciesFor(query.data)) {
    try {
      results.push(publicSummary(await runDigest({ frequency })));
    } catch (error) {
      log.error("cron digest failed", { job: "digest", frequency, error });
      results.push({ frequency, status: "failed", error: "run failed; see the server log and /api/health" });
    }
  }
  const failed = results.some((r) => r.status === "failed");
  return json(failed ? 500 : 200, { results });
}

export const POST = handle;
export const GET = handle;
