// A digest run in its own process, for the crash test (which SIGKILLs it).
// Settings come from the environment the test passes in.
import { connectDatabase, disconnectDatabase } from "@/lib/db/client";
import { sleep } from "@/lib/digest/pacing";
import { runDigest } from "@/lib/digest/run";
import { setMailer } from "@/lib/mail";
import { resendTransport } from "@/lib/mail/resend";

connectDatabase(process.env.DATABASE_URL!, { max: 4 });
setMailer(
  resendTransport({
    apiKey: process.env.FAKE_RESEND_KEY!,
    from: "Paperboy <digest@paperboy.example>",
    baseUrl: process.env.FAKE_RESEND_URL!,
  }),
);
const staleMs = Number(process.env.STALE_MS ?? 300);

for (;;) {
  const summary = await runDigest({
    frequency: "daily",
    now: new Date(process.env.DIGEST_NOW!),
    staleMs,
    heartbeatMs: 50,
    pageSize: 500,
    concurrency: 3,
    retry: { baseDelayMs: 10, maxDelayMs: 200, timeoutMs: 2_000, maxAttempts: 50 },
    log: (m) => console.log(m),
  });
  // The killed predecessor still holds a fresh heartbeat: wait until it is stale, then take over.
  if (summary.status === "busy") {
    await sleep(staleMs / 2);
    continue;
  }
  console.log(`SUMMARY ${JSON.stringify(summary)}`);
  break;
}
await disconnectDatabase();
