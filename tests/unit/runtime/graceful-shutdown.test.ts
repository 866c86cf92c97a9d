import { spawn } from "node:child_process";
import { once } from "node:events";
import { expect, test } from "vitest";
import { startScheduler } from "@/lib/jobs/scheduler";
import { createLogger } from "@/lib/log";
import { gracefulShutdown, stopChild } from "@/lib/runtime/graceful-shutdown";

// A real child process standing in for `next start`: on SIGTERM it finishes
// its "in-flight request" (a short wait) and only then exits.
const GRACEFUL_CHILD = `
process.on("SIGTERM", () => setTimeout(() => { process.stdout.write("finished\\n"); process.exit(0); }, 200));
process.stdout.write("ready\\n");
setInterval(() => {}, 1000);`;

function startChild(source: string) {
  const child = spawn(process.execPath, ["-e", source], { stdio: ["ignore", "pipe", "inherit"] });
  let out = "";
  child.stdout!.on("data", (d) => (out += d));
  return { child, output: () => out, ready: once(child.stdout!, "data") };
}

test("shutdown waits for the job round in flight and the app's in-flight work, then closes the database", async () => {
  const events: string[] = [];
  let releaseBatch!: () => void;
  const batch = new Promise<void>((resolve) => (releaseBatch = resolve));
  let ticks = 0;
  const scheduler = startScheduler(
    [
      {
        name: "digest",
        tick: async () => {
          ticks++;
          events.push("batch started");
          await batch;
          events.push("batch finished");
        },
      },
    ],
    10,
    createLogger({}, () => {}),
  );
  const { child, output, ready } = startChild(GRACEFUL_CHILD);
  await ready;

  const shutdown = gracefulShutdown({
    scheduler,
    child,
    close: async () => void events.push("database closed"),
    timeoutMs: 5000,
  });
  setTimeout(() => releaseBatch(), 100);
  const report = await shutdown;

  expect(report).toEqual({ jobs: "finished", app: "exited" });
  expect(events).toEqual(["batch started", "batch finished", "database closed"]);
  expect(output()).toContain("finished");
  expect(ticks).toBe(1); // no new round started after stop
});

test("a child that ignores SIGTERM is killed after the timeout", async () => {
  const { child, ready } = startChild(
    `process.on("SIGTERM", () => {}); process.stdout.write("ready\\n"); setInterval(() => {}, 1000);`,
  );
  await ready;
  expect(await stopChild(child, 300)).toBe("killed");
  expect(child.signalCode).toBe("SIGKILL");
});

test("a hung job round doesn't block shutdown forever", async () => {
  const scheduler = startScheduler(
    [{ name: "stuck", tick: () => new Promise<void>(() => {}) }],
    10,
    createLogger({}, () => {}),
  );
  let closed = false;
  const report = await gracefulShutdown({
    scheduler,
    close: async () => {
      closed = true;
    },
    timeoutMs: 200,
  });
  expect(report).toEqual({ jobs: "timeout", app: "none" });
  expect(closed).toBe(true);
});
