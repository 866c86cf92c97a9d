import { digestJob } from "@/lib/digest/job";
import { digestRetentionJob } from "@/lib/digest/retention";
import { ingestJob } from "@/lib/ingest/scheduled";
import { subscriptionCleanupJob } from "@/lib/subscriptions/cleanup";
import type { Job } from "./scheduler";

// The scheduled jobs `npm start` runs (housekeeping, ingest, digest). Each entry is added by its feature.
export const jobs: Job[] = [subscriptionCleanupJob, ingestJob, digestJob, digestRetentionJob];
