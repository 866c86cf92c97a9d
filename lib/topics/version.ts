import { createHash } from "node:crypto";
import { MODELS, type ModelFile } from "./model";
import { TOPICS, type TopicDefinition } from "./taxonomy";

// Bump when classify.ts changes how rules or models are applied (not only what they say),
// so that the next start reclassifies every paper.
const CLASSIFIER_REVISION = 9;

/**
 * A short hash of a taxonomy definition (every rule, weight and threshold), the
 * learned models' weights and thresholds, and the classifier revision.
 */
export function taxonomyVersion(topics: readonly TopicDefinition[], models: ModelFile = MODELS): string {
  return createHash("sha256")
    .update(JSON.stringify({ revision: CLASSIFIER_REVISION, topics, models }))
    .digest("hex")
    .slice(0, 16);
}

/**
 * The version of the current taxonomy. Stored in app_state by
 * ensureTaxonomy(): a different value means the stored paper-topic links are
 * stale and every paper is reclassified.
 */
export const TAXONOMY_VERSION: string = taxonomyVersion(TOPICS);
