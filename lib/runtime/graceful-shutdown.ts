import type { ChildProcess } from "node:child_process";

// How `npm start` stops (Ctrl-C, or SIGTERM from a container runtime):
// the scheduler starts no new job round and the round in flight (a digest or
// ingest batch) finishes; at the same time the Next server (scripts/serve.ts) gets SIGTERM, stops
// accepting connections and finishes the requests in flight. Only when both
// are done does the database go away. Each wait is bounded so a hung request
// or job can't keep the process alive forever.

/** Container runtimes usually allow 30 s between SIGTERM and SIGKILL; stay under it. */
export const SHUTDOWN_TIMEOUT_MS = 25_000;

export function exited(child: ChildProcess): Promise<number> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) return resolve(child.exitCode);
    if (child.signalCode !== null) return resolve(0);
    child.once("exit", (code, signal) => resolve(code ?? (signal ? 0 : 1)));
  });
}

/** Resolves with the promise's value, or "timeout" after ms. */
export async function within<T>(promise: Promise<T>, ms: number): Promise<T | "timeout"> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<"timeout">((resolve) => {
    timer = setTimeout(() => resolve("timeout"), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** SIGTERM, wait for the child to finish its in-flight work, SIGKILL if it overruns. */
export async function stopChild(child: ChildProcess, timeoutMs = SHUTDOWN_TIMEOUT_MS): Promise<"exited" | "killed"> {
  if (child.exitCode !== null || child.signalCode !== null) return "exited";
  const done = exited(child);
  child.kill("SIGTERM");
  if ((await within(done, timeoutMs)) !== "timeout") return "exited";
  child.kill("SIGKILL");
  await done;
  return "killed";
}

export type ShutdownParts = {
  scheduler?: { stop: () => Promise<void> };
  child?: ChildProcess;
  /** Runs last, after the app and the jobs are done (database disconnect, embedded Postgres stop). */
  close: () => Promise<void>;
  timeoutMs?: number;
};

export type ShutdownReport = { jobs: "finished" | "timeout" | "none"; app: "exited" | "killed" | "none" };

export async function gracefulShutdown({
  scheduler,
  child,
  close,
  timeoutMs = SHUTDOWN_TIMEOUT_MS,
}: ShutdownParts): Promise<ShutdownReport> {
  // scheduler.stop() is called first: it stops the timer synchronously before the child is signalled.
  const jobsDone = scheduler
    ? within(scheduler.stop(), timeoutMs).then((r) => (r === "timeout" ? "timeout" : "finished"))
    : Promise.resolve("none" as const);
  const appDone = child ? stopChild(child, timeoutMs) : Promise.resolve("none" as const);
  const [jobs, app] = await Promise.all([jobsDone, appDone]);
  await close();
  return { jobs, app };
}
