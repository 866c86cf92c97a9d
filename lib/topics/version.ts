import { createHash } from "node:crypto";
import { TOPICS } from "./taxonomy";

// Bump when classify.ts changes how rules are applied (not only what they say),
// so that the next start reclassifies every paper.
const CLASSIFIER_REVISION = 1;

/**
 * A short hash of the taxonomy definition and the classifier revision. Stored
 * in app_state by ensureTaxonomy(): a different value means the stored
 * paper-topic links are stale and every paper is reclassified.
 */
export const TAXONOMY_VERSION: string = createHash("sha256")
  .update(JSON.stringify({ revision: CLASSIFIER_REVISION, topics: TOPICS }))
  .digest("hex")
  .slice(0, 16);
