import { after } from "next/server";

/**
 * Runs work after the response has been sent (Next's `after`). Outside a Next
 * request (integration tests calling handlers, scripts) there is no response to
 * wait for, so the work runs before returning.
 */
export async function afterResponse(task: () => Promise<unknown>): Promise<void> {
  const logged = () =>
    task().catch((error: unknown) => {
      console.error(`[after-response] task failed: ${error instanceof Error ? error.message : String(error)}`);
    });
  try {
    after(logged);
  } catch {
    await logged();
  }
}
