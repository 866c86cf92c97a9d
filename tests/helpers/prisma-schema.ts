// Reads prisma/schema.prisma with Prisma's own schema parser (WASM, no engine
// binary) and derives what the migrated database must contain.
import { readFileSync } from "node:fs";
import path from "node:path";
import { get_dmmf } from "@prisma/prisma-schema-wasm";

type DmmfField = {
  name: string;
  dbName?: string | null;
  kind: "scalar" | "enum" | "object";
  type: string;
  isList: boolean;
  isRequired: boolean;
  hasDefaultValue: boolean;
  nativeType?: [string, string[]] | null;
  relationFromFields?: string[];
  relationOnDelete?: string;
};
type DmmfModel = { name: string; dbName: string | null; fields: DmmfField[] };
type DmmfIndex = {
  model: string;
  type: "id" | "unique" | "normal" | "fulltext";
  dbName?: string | null;
  fields: { name: string }[];
};
type Dmmf = {
  datamodel: {
    models: DmmfModel[];
    enums: { name: string; dbName: string | null; values: { name: string; dbName: string | null }[] }[];
    indexes: DmmfIndex[];
  };
};

export type ExpectedColumn = { type: string; nullable: boolean; hasDefault: boolean };
/** `where`: the predicate of a partial index as Postgres prints it (pg_get_expr), null for a full index. */
export type ExpectedIndex = {
  name: string;
  unique: boolean;
  primary: boolean;
  columns: string[];
  where: string | null;
};
export type ExpectedSchema = {
  tables: Record<string, { columns: Record<string, ExpectedColumn>; indexes: ExpectedIndex[]; foreignKeys: string[] }>;
  enums: Record<string, string[]>;
};

const SCALAR_TO_PG: Record<string, string> = {
  String: "text",
  Int: "int4",
  BigInt: "int8",
  Boolean: "bool",
  Float: "float8",
  Decimal: "numeric",
  Json: "jsonb",
  DateTime: "timestamp(3)",
  Bytes: "bytea",
};

const NATIVE_TO_PG: Record<string, string> = { Date: "date", Timestamptz: "timestamptz", Text: "text" };

/**
 * Indexes Prisma cannot declare (GIN over an Unsupported column, partial
 * indexes), created by migration SQL. Listed here by exact name, columns and
 * predicate so the drift test stays strict about them too.
 */
export const SQL_ONLY_INDEXES: Record<string, ExpectedIndex[]> = {
  papers: [
    { name: "papers_search_vector_idx", unique: false, primary: false, columns: ["search_vector"], where: null },
    {
      name: "papers_title_key_no_arxiv_key",
      unique: true,
      primary: false,
      columns: ["title_key"],
      where: "(arxiv_id IS NULL)",
    },
  ],
};

/**
 * Fields of type Unsupported("...") are left out of Prisma's DMMF, so they are
 * read from the schema text: `name Unsupported("type")? @map("column")`.
 */
export function unsupportedColumns(schemaText: string): Record<string, Record<string, ExpectedColumn>> {
  const result: Record<string, Record<string, ExpectedColumn>> = {};
  for (const block of schemaText.matchAll(/^model\s+(\w+)\s*\{([\s\S]*?)^\}/gm)) {
    const body = block[2]!;
    const table = /@@map\("([^"]+)"\)/.exec(body)?.[1] ?? block[1]!;
    for (const f of body.matchAll(/^\s*(\w+)\s+Unsupported\("([^"]+)"\)(\?)?([^\n]*)$/gm)) {
      const column = /@map\("([^"]+)"\)/.exec(f[4]!)?.[1] ?? f[1]!;
      result[table] ??= {};
      result[table][column] = { type: f[2]!, nullable: f[3] === "?", hasDefault: /@default\(/.test(f[4]!) };
    }
  }
  return result;
}

export function expectedSchema(schemaPath = path.join(process.cwd(), "prisma", "schema.prisma")): ExpectedSchema {
  const schemaText = readFileSync(schemaPath, "utf8");
  const dmmf = JSON.parse(get_dmmf(JSON.stringify({ prismaSchema: schemaText }))) as Dmmf;
  const unsupported = unsupportedColumns(schemaText);
  const { models, enums, indexes } = dmmf.datamodel;
  const enumDbName = new Map(enums.map((e) => [e.name, e.dbName ?? e.name]));
  const result: ExpectedSchema = {
    tables: {},
    enums: Object.fromEntries(enums.map((e) => [e.dbName ?? e.name, e.values.map((v) => v.dbName ?? v.name)])),
  };
  for (const model of models) {
    const table = model.dbName ?? model.name;
    const col = (fieldName: string) => {
      const f = model.fields.find((x) => x.name === fieldName)!;
      return f.dbName ?? f.name;
    };
    const columns: Record<string, ExpectedColumn> = {};
    const foreignKeys: string[] = [];
    for (const f of model.fields) {
      if (f.kind === "object") {
        if (f.relationFromFields?.length) {
          const target = models.find((m) => m.name === f.type)!;
          const cols = f.relationFromFields.map(col);
          foreignKeys.push(
            `${table}_${cols.join("_")}_fkey -> ${target.dbName ?? target.name} on delete ${(f.relationOnDelete ?? "Restrict").toLowerCase()}`,
          );
        }
        continue;
      }
      const base =
        f.kind === "enum"
          ? enumDbName.get(f.type)!
          : f.nativeType
            ? (NATIVE_TO_PG[f.nativeType[0]] ?? f.nativeType[0].toLowerCase())
            : SCALAR_TO_PG[f.type]!;
      columns[f.dbName ?? f.name] = {
        type: f.isList ? `${base}[]` : base,
        // Prisma creates scalar lists as nullable arrays.
        nullable: !f.isRequired || f.isList,
        hasDefault: f.hasDefaultValue,
      };
    }
    Object.assign(columns, unsupported[table]);
    const modelIndexes: ExpectedIndex[] = indexes
      .filter((i) => i.model === model.name && i.type !== "fulltext")
      .map((i) => {
        const cols = i.fields.map((x) => col(x.name));
        const suffix = i.type === "id" ? "pkey" : i.type === "unique" ? "key" : "idx";
        const name = i.dbName ?? (i.type === "id" ? `${table}_pkey` : `${table}_${cols.join("_")}_${suffix}`);
        return { name, unique: i.type !== "normal", primary: i.type === "id", columns: cols, where: null };
      });
    modelIndexes.push(...(SQL_ONLY_INDEXES[table] ?? []));
    result.tables[table] = { columns, indexes: modelIndexes, foreignKeys: foreignKeys.sort() };
  }
  return result;
}
