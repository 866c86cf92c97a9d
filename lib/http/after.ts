import { after } from "next/server";
import { log } from "@/lib/log";

/**
 * Runs work after the response has been sent (Next's `after`). Outside a Next
 * request (integration tests calling handlers, scripts) there is no response to
 * wait for, so the work runs before returning.
 */
export async function afterResponse(task: () => Promise<unknown>): Promise<void> {
  const logged = () =>
    task().catch((error: unknown) => {
      log.error("after-response task failed", { error });
    });
  try {
    after(logged);
  } catch {
    await logged();
  }
}
