// Benchmark of the subscribe form through a running app: latency of
// POST /api/subscriptions/subscribe by the address's state. The answer is the
// same for every state; this measures how close the timings are (the
// remaining enumeration side channel) and the cost of a sign-up.
//
//   BENCH_URL=http://127.0.0.1:3103 DATABASE_URL=postgresql://… npx tsx scripts/bench/subscribe.ts [perState=40]
//
// DATABASE_URL must be the database the app uses (states are seeded there).
// It writes subscribers under @bench.invalid and removes them afterwards.
import { randomBytes } from "node:crypto";
import { createPrisma } from "@/lib/db/client";

const base = process.env.BENCH_URL ?? "http://127.0.0.1:3000";
const url = process.env.DATABASE_URL;
if (!url) {
  console.error("DATABASE_URL is not set");
  process.exit(1);
}
const perState = Number(process.argv[2] ?? 40);
const db = createPrisma(url, 2);
const run = randomBytes(4).toString("hex");
const states = ["new", "pending", "active", "unsubscribed", "suppressed"] as const;

const addr = (state: string, i: number) => `${state}-${run}-${i}@bench.invalid`;
let ip = 0;

async function post(email: string): Promise<number> {
  ip++;
  const started = performance.now();
  const response = await fetch(`${base}/api/subscriptions/subscribe`, {
    method: "POST",
    redirect: "manual",
    // A fresh client address per request, so the per-client limit doesn't interfere.
    headers: { "x-forwarded-for": `10.${(ip >> 16) & 255}.${(ip >> 8) & 255}.${ip & 255}` },
    body: new URLSearchParams({ email, allTopics: "on", frequency: "weekly" }),
  });
  await response.arrayBuffer();
  const ms = performance.now() - started;
  if (response.status !== 303) throw new Error(`unexpected status ${response.status} for ${email}`);
  return ms;
}

const pct = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;

try {
  for (const state of states) {
    if (state === "new") continue;
    await db.subscriber.createMany({
      data: Array.from({ length: perState }, (_, i) => ({
        email: addr(state, i),
        status: state,
        linkSecret: randomBytes(32).toString("base64url"),
        allTopics: true,
      })),
    });
  }
  // Warm up the routes and the email renderer.
  for (let i = 0; i < 5; i++) await post(`warmup-${run}-${i}@bench.invalid`);

  const samples: Record<string, number[]> = Object.fromEntries(states.map((s) => [s, []]));
  // Interleave the states in a fresh random order each round, so drift and the
  // previous request's background work (the email is sent after the answer)
  // spread evenly over the states instead of always hitting the same one.
  for (let i = 0; i < perState; i++) {
    const order = [...states].sort(() => Math.random() - 0.5);
    for (const state of order) samples[state]!.push(await post(addr(state, i)));
  }

  console.log(`POST /api/subscriptions/subscribe at ${base}, ${perState} requests per state (ms)`);
  console.log("state          p50     p95     mean");
  for (const state of states) {
    const s = [...samples[state]!].sort((a, b) => a - b);
    const mean = s.reduce((a, b) => a + b, 0) / s.length;
    console.log(
      `${state.padEnd(13)} ${pct(s, 50).toFixed(1).padStart(6)}  ${pct(s, 95).toFixed(1).padStart(6)}  ${mean.toFixed(1).padStart(6)}`,
    );
  }
} finally {
  const emails = { endsWith: "@bench.invalid" };
  await db.subscriber.deleteMany({ where: { email: emails } });
  await db.outboxMessage.deleteMany({ where: { to: emails } });
  await db.$disconnect();
}
