// Reads the actual shape of the connected database from the Postgres catalogs,
// in the same form as tests/helpers/prisma-schema.ts derives the expected one.
import pg from "pg";
import type { ExpectedSchema } from "./prisma-schema";

export async function actualSchema(connectionString: string): Promise<ExpectedSchema> {
  const client = new pg.Client({ connectionString });
  await client.connect();
  try {
    const columns = await client.query<{
      table_name: string;
      column_name: string;
      udt_name: string;
      data_type: string;
      is_nullable: string;
      column_default: string | null;
      datetime_precision: number | null;
    }>(`SELECT table_name, column_name, udt_name, data_type, is_nullable, column_default, datetime_precision
          FROM information_schema.columns
         WHERE table_schema = current_schema() AND table_name <> '_prisma_migrations'`);
    const indexes = await client.query<{
      table: string;
      name: string;
      unique: boolean;
      primary: boolean;
      columns: string[];
      where: string | null;
    }>(
      `SELECT t.relname AS table, i.relname AS name, x.indisunique AS unique, x.indisprimary AS primary,
              pg_get_expr(x.indpred, x.indrelid) AS where,
              array_agg(a.attname ORDER BY k.ord)::text[] AS columns
         FROM pg_index x
         JOIN pg_class t ON t.oid = x.indrelid
         JOIN pg_class i ON i.oid = x.indexrelid
         JOIN pg_namespace n ON n.oid = t.relnamespace AND n.nspname = current_schema()
         CROSS JOIN LATERAL unnest(x.indkey) WITH ORDINALITY AS k(attnum, ord)
         JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.attnum
        WHERE t.relname <> '_prisma_migrations'
        GROUP BY t.relname, i.relname, x.indisunique, x.indisprimary, x.indpred, x.indrelid`,
    );
    const fks = await client.query<{ table: string; name: string; target: string; on_delete: string }>(
      `SELECT c.conrelid::regclass::text AS table, c.conname AS name, c.confrelid::regclass::text AS target,
              CASE c.confdeltype WHEN 'c' THEN 'cascade' WHEN 'r' THEN 'restrict' WHEN 'n' THEN 'setnull'
                                 WHEN 'd' THEN 'setdefault' ELSE 'noaction' END AS on_delete
         FROM pg_constraint c JOIN pg_namespace n ON n.oid = c.connamespace AND n.nspname = current_schema()
        WHERE c.contype = 'f'`,
    );
    const enums = await client.query<{ name: string; values: string[] }>(
      `SELECT t.typname AS name, array_agg(e.enumlabel ORDER BY e.enumsortorder)::text[] AS values
         FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid
         JOIN pg_namespace n ON n.oid = t.typnamespace AND n.nspname = current_schema()
        GROUP BY t.typname`,
    );

    const schema: ExpectedSchema = { tables: {}, enums: Object.fromEntries(enums.rows.map((e) => [e.name, e.values])) };
    const table = (name: string) => (schema.tables[name] ??= { columns: {}, indexes: [], foreignKeys: [] });
    for (const c of columns.rows) {
      const isArray = c.data_type === "ARRAY";
      let base = isArray ? c.udt_name.slice(1) : c.udt_name;
      if (base === "timestamp") base = `timestamp(${c.datetime_precision})`;
      table(c.table_name).columns[c.column_name] = {
        type: isArray ? `${base}[]` : base,
        nullable: c.is_nullable === "YES",
        hasDefault: c.column_default !== null,
      };
    }
    for (const i of indexes.rows) {
      table(i.table).indexes.push({
        name: i.name,
        unique: i.unique,
        primary: i.primary,
        columns: i.columns,
        where: i.where,
      });
    }
    for (const f of fks.rows) {
      table(f.table.replace(/"/g, "")).foreignKeys.push(
        `${f.name} -> ${f.target.replace(/"/g, "")} on delete ${f.on_delete}`,
      );
    }
    for (const t of Object.values(schema.tables)) t.foreignKeys.sort();
    return schema;
  } finally {
    await client.end();
  }
}
