// What a digest run is told (DigestOptions: every trigger passes these) and what
// it runs with (DigestSettings: the options with the configuration and defaults
// filled in).

import { env } from "@/lib/env";
import { log as logger } from "@/lib/log";
import { DEFAULT_RETRY, type RetryPolicy } from "./pacing";
import type { Frequency } from "./period";

/** Resend's batch endpoint takes at most 100 emails. */
export const MAX_BATCH = 100;

export type DigestOptions = {
  frequency: Frequency;
  /** The moment the run is for (the CLI's --now); defaults to the clock. */
  now?: Date;
  /** Plan and render without writing the ledger or sending. */
  dryRun?: boolean;
  /** Run even before the period's due time (explicit triggers: CLI, cron route). */
  force?: boolean;
  appUrl?: string;
  hour?: number;
  maxPapers?: number;
  /** Subscribers per planning page (one query and one insert each). */
  pageSize?: number;
  batchSize?: number;
  /** Batches in flight at once. */
  concurrency?: number;
  retry?: Partial<RetryPolicy>;
  /** A running run whose heartbeat is older than this is taken over. */
  staleMs?: number;
  heartbeatMs?: number;
  log?: (message: string) => void;
};

export type DigestSettings = {
  appUrl: string;
  /** The UTC hour a period's digest becomes due. */
  hour: number;
  maxPapers: number;
  pageSize: number;
  batchSize: number;
  concurrency: number;
  retry: RetryPolicy;
  staleMs: number;
  heartbeatMs: number;
  log: (message: string) => void;
};

export function digestSettings(options: DigestOptions): DigestSettings {
  const config = env();
  const staleMs = options.staleMs ?? 120_000;
  return {
    appUrl: options.appUrl ?? config.APP_URL,
    hour: options.hour ?? config.DIGEST_HOUR,
    maxPapers: options.maxPapers ?? config.DIGEST_MAX_PAPERS,
    pageSize: options.pageSize ?? 1_000,
    batchSize: Math.min(MAX_BATCH, options.batchSize ?? MAX_BATCH),
    concurrency: options.concurrency ?? 6,
    retry: { ...DEFAULT_RETRY, ...options.retry },
    staleMs,
    heartbeatMs: options.heartbeatMs ?? Math.max(50, Math.floor(staleMs / 4)),
    log: options.log ?? ((m: string) => logger.info(m, { job: "digest" })),
  };
}
