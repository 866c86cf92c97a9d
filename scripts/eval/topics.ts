// `npm run eval:topics [-- --dev] [-- --first-reader]`: precision and recall of
// the topic classifier per topic on the labelled evaluation set
// (tests/fixtures/topic-eval), for the development and test halves, how far
// two readers agree, and the confusions of the development half. Labels are
// the majority of the readings; `--first-reader` scores against the first
// reader's labels alone, as they stood before the second reading.
// The classifier is tuned on the development half only; the test half is the
// held-out measure, so its confusions are never printed, and `--dev` leaves
// its numbers out too (for tuning sessions).
import { MODELS } from "@/lib/topics/model";
import {
  agreement,
  formatRow,
  labelledTopics,
  loadEvalSet,
  meetsTarget,
  predictAll,
  type Split,
  score,
} from "@/tests/helpers/topic-eval";

const withTest = !process.argv.includes("--dev");
const set = loadEvalSet({ firstReaderOnly: process.argv.includes("--first-reader") });
// With --dev the test half is not even classified.
const predicted = predictAll(set, withTest ? undefined : "dev");
const topics = labelledTopics(set);
const splits: Split[] = withTest ? ["dev", "test"] : ["dev"];

console.log(
  `The learned models (${Object.keys(MODELS.topics).join(", ")}) are trained on the dev half, so their dev figures ` +
    "are fitted; `npm run train:topics` prints their cross-validated dev figures.",
);
for (const split of splits) {
  console.log(`\n== ${split} half ==`);
  for (const topic of topics) console.log(formatRow(score(set, predicted, topic, split)));
}

const pct = (x: number | null) => (x === null ? "  n/a" : x.toFixed(3));
console.log("\n== two readers: the second reader's labels scored against the first's ==");
for (const split of splits) {
  for (const topic of topics) {
    const a = agreement(set, topic, split);
    if (a.pairs === 0) continue;
    console.log(
      `${topic.padEnd(20)} ${split.padEnd(4)} precision ${pct(a.precision)}  recall ${pct(a.recall)}  kappa ${pct(a.kappa)}  ` +
        `(${a.pairs} pairs both read in or out; ${a.disagreements} disagreements)`,
    );
  }
}

console.log("\n== confusions, dev half ==");
for (const topic of topics) {
  const s = score(set, predicted, topic, "dev");
  if (s.falsePositives.length + s.falseNegatives.length === 0) continue;
  console.log(`\n${topic}:`);
  for (const c of s.falsePositives) {
    console.log(`  FP ${c.arxivId} ${c.title}\n     why: ${c.evidence.join(" | ")}\n     label: ${c.reason}`);
  }
  for (const c of s.falseNegatives) console.log(`  FN ${c.arxivId} ${c.title}\n     label: ${c.reason}`);
}

if (withTest) {
  const below = topics.filter((t) => !meetsTarget(score(set, predicted, t, "test")));
  console.log(`\ntest half: ${below.length ? `below target: ${below.join(", ")}` : "every topic meets its target"}`);
} else {
  console.log("\n(test half not shown: --dev)");
}
