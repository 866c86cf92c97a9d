import { describe, expect, it } from "vitest";
import { databaseUrl } from "@/tests/helpers/db";
import { actualSchema } from "@/tests/helpers/db-schema";
import { expectedSchema } from "@/tests/helpers/prisma-schema";

// The migrations are hand-written SQL (Prisma's CLI cannot migrate here), so
// this test is what keeps them and schema.prisma in step: a field added to the
// schema without a migration, or a migration the schema does not describe, fails.
describe("migrated database matches prisma/schema.prisma", () => {
  it("has exactly the tables, columns, types, nullability, defaults, indexes, foreign keys and enums", async () => {
    const expected = expectedSchema();
    const actual = await actualSchema(databaseUrl());

    expect(Object.keys(actual.tables).sort()).toEqual(Object.keys(expected.tables).sort());
    expect(actual.enums).toEqual(expected.enums);
    for (const [name, table] of Object.entries(expected.tables)) {
      const got = actual.tables[name]!;
      // Messages name the table so a failure says where the drift is.
      expect(got.columns, `columns of ${name}`).toEqual(table.columns);
      const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name);
      expect([...got.indexes].sort(byName), `indexes of ${name}`).toEqual([...table.indexes].sort(byName));
      expect(got.foreignKeys, `foreign keys of ${name}`).toEqual(table.foreignKeys);
    }
  });

  it("derives a non-trivial expectation (the comparison is not vacuous)", () => {
    const expected = expectedSchema();
    expect(Object.keys(expected.tables).length).toBeGreaterThanOrEqual(10);
    expect(expected.tables.papers!.columns.featured_on).toEqual({ type: "date", nullable: false, hasDefault: false });
    expect(expected.tables.papers!.indexes.map((i) => i.name)).toContain("papers_featured_on_source_rank_id_idx");
    // Unsupported("tsvector") fields are missing from Prisma's DMMF; the helper reads them from the schema text.
    expect(expected.tables.papers!.columns.search_vector).toEqual({
      type: "tsvector",
      nullable: true,
      hasDefault: false,
    });
    expect(expected.tables.papers!.indexes.map((i) => i.name)).toContain("papers_search_vector_idx");
  });
});
