import { ingestJob } from "../ingest/scheduled";
import { digestJob } from "../digest/job";
import { digestRetentionJob } from "../digest/retention";
import { subscriptionCleanupJob } from "../subscriptions/cleanup";
import type { Job } from "./scheduler";

// The scheduled jobs `npm start` runs (housekeeping, ingest, digest). Each entry is added by its feature.
export const jobs: Job[] = [subscriptionCleanupJob, ingestJob, digestJob, digestRetentionJob];
