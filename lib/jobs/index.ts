import { subscriptionCleanupJob } from "../subscriptions/cleanup";
import type { Job } from "./scheduler";

// The scheduled jobs `npm start` runs (digest, ingest). Each entry is added by its feature.
export const jobs: Job[] = [subscriptionCleanupJob];
