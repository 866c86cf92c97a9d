import { db } from "@/lib/db/client";
import { log } from "@/lib/log";

// The data version (migration 20261129020000_data_version): a counter that
// triggers move on whenever what pages show changes, other than vote counts
// (papers added, edited or deleted, topics and their links, related papers).
// Ingest and classification run in other processes (the `npm start`
// supervisor, CLIs, other instances), so nothing can tell this process's
// caches directly. Instead the data cache (cache.ts) and the page cache
// (lib/page-cache/) are keyed by the version, read at most once every
// CHECK_MS per process: a change shows within that, plus one render.

export const DATA_VERSION_CHECK_MS = 2_000;

type Known = { version: string; readAt: number };
const STATE = Symbol.for("paperboy.dataVersion");
type State = { known?: Known; reading?: Promise<string> };

function state(): State {
  const global = globalThis as { [STATE]?: State };
  global[STATE] ??= {};
  return global[STATE];
}

async function read(): Promise<string> {
  const rows = await db().$queryRawUnsafe<{ version: string }[]>(
    `SELECT version::text AS version FROM data_version WHERE id = 1`,
  );
  return rows[0]?.version ?? "0";
}

/**
 * The current data version, at most DATA_VERSION_CHECK_MS old; concurrent callers share one read.
 * When the database cannot be asked, the last known version stands (the caches then age by time).
 */
export async function dataVersion(now = Date.now()): Promise<string> {
  const s = state();
  if (s.known && now - s.known.readAt < DATA_VERSION_CHECK_MS) return s.known.version;
  s.reading ??= read()
    .then((version) => {
      s.known = { version, readAt: now };
      return version;
    })
    .catch((error) => {
      log.warn("data version: read failed; keeping the last known one", { error });
      if (s.known) s.known.readAt = now;
      return s.known?.version ?? "0";
    })
    .finally(() => {
      s.reading = undefined;
    });
  return s.reading;
}

/**
 * The version last read, without waiting: undefined until this process has read one (so this never
 * makes the first connection); when it is due, a read starts for the next caller.
 */
export function knownDataVersion(now = Date.now()): string | undefined {
  const known = state().known;
  if (known && now - known.readAt >= DATA_VERSION_CHECK_MS) void dataVersion(now);
  return known?.version;
}
