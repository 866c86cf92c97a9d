import { prisma } from "./db/client";

export type Health = { status: "ok" | "degraded"; app: "ok"; database: { status: "ok" | "down"; papers?: number } };

export async function checkHealth(): Promise<Health> {
  try {
    const papers = await prisma().paper.count();
    return { status: "ok", app: "ok", database: { status: "ok", papers } };
  } catch {
    // The cause goes to the server log, never to the client.
    console.error("[health] database check failed");
    return { status: "degraded", app: "ok", database: { status: "down" } };
  }
}
