import { createHash } from "node:crypto";
import { TOPICS, type TopicDefinition } from "./taxonomy";

// Bump when classify.ts changes how rules are applied (not only what they say),
// so that the next start reclassifies every paper.
const CLASSIFIER_REVISION = 2;

/** A short hash of a taxonomy definition (every rule, weight and threshold) and the classifier revision. */
export function taxonomyVersion(topics: readonly TopicDefinition[]): string {
  return createHash("sha256")
    .update(JSON.stringify({ revision: CLASSIFIER_REVISION, topics }))
    .digest("hex")
    .slice(0, 16);
}

/**
 * The version of the current taxonomy. Stored in app_state by
 * ensureTaxonomy(): a different value means the stored paper-topic links are
 * stale and every paper is reclassified.
 */
export const TAXONOMY_VERSION: string = taxonomyVersion(TOPICS);
