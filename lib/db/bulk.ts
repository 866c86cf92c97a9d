import { db, poolOf } from "./client";

// Bulk writes go to the driver, not through Prisma. Prisma's raw-query path
// serializes every parameter three times (JSON of the parameters, JSON of the
// batch holding that JSON, then parses it back) before the driver sends it:
// for ingest, whose statements carry a chunk of 500 papers as one ~700 KB JSON
// parameter, that was ~1.3 s of this process's CPU per 14,699 papers (4.3 ->
// 3.0 s). The statements run on the same pool as the client's queries.

/** One parameterised statement ($1, $2, ... in text). */
export type SqlStatement = { text: string; values: unknown[] };

/**
 * Runs the statements in order in one transaction; any failure rolls all of them back. Returns the
 * rows of the last statement. No time limit: unlike Prisma's transactions (5 s), a long statement
 * (a related-papers chunk at a million papers) is not cut off.
 */
export async function runInTransaction<Row = unknown>(statements: SqlStatement[]): Promise<Row[]> {
  if (statements.length === 0) return [];
  const client = await poolOf(db()).connect();
  let rows: Row[] = [];
  try {
    await client.query("BEGIN");
    for (const s of statements) rows = (await client.query(s.text, s.values)).rows as Row[];
    await client.query("COMMIT");
  } catch (error) {
    // A connection that cannot even roll back is in an unknown state: destroy it rather than reuse it.
    const rolledBack = await client.query("ROLLBACK").then(
      () => true,
      () => false,
    );
    client.release(!rolledBack);
    throw error;
  }
  client.release();
  return rows;
}
