import { prisma } from "./db/client";
import { log } from "./log";

export type Health = { status: "ok" | "degraded"; app: "ok"; database: { status: "ok" | "down"; papers?: number } };

export async function checkHealth(): Promise<Health> {
  try {
    const papers = await prisma().paper.count();
    return { status: "ok", app: "ok", database: { status: "ok", papers } };
  } catch (error) {
    // The cause goes to the server log, never to the client.
    log.error("health: database check failed", { error });
    return { status: "degraded", app: "ok", database: { status: "down" } };
  }
}
