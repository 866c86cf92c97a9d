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
type DmmfIndex = { model: string; type: "id" | "unique" | "normal" | "fulltext"; dbName?: string | null; fields: { name: string }[] };
type Dmmf = {
  datamodel: {
    models: DmmfModel[];
    enums: { name: string; dbName: string | null; values: { name: string; dbName: string | null }[] }[];
    indexes: DmmfIndex[];
  };
};

export type ExpectedColumn = { type: string; nullable: boolean; hasDefault: boolean };
export type ExpectedIndex = { name: string; unique: boolean; primary: boolean; columns: string[] };
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

export function expectedSchema(schemaPath = path.join(process.cwd(), "prisma", "schema.prisma")): ExpectedSchema {
  const dmmf = JSON.parse(get_dmmf(JSON.stringify({ prismaSchema: readFileSync(schemaPath, "utf8") }))) as Dmmf;
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
            ? NATIVE_TO_PG[f.nativeType[0]] ?? f.nativeType[0].toLowerCase()
            : SCALAR_TO_PG[f.type]!;
      columns[f.dbName ?? f.name] = {
        type: f.isList ? `${base}[]` : base,
        // Prisma creates scalar lists as nullable arrays.
        nullable: !f.isRequired || f.isList,
        hasDefault: f.hasDefaultValue,
      };
    }
    const modelIndexes = indexes
      .filter((i) => i.model === model.name && i.type !== "fulltext")
      .map((i) => {
        const cols = i.fields.map((x) => col(x.name));
        const suffix = i.type === "id" ? "pkey" : i.type === "unique" ? "key" : "idx";
        const name = i.dbName ?? (i.type === "id" ? `${table}_pkey` : `${table}_${cols.join("_")}_${suffix}`);
        return { name, unique: i.type !== "normal", primary: i.type === "id", columns: cols };
      });
    result.tables[table] = { columns, indexes: modelIndexes, foreignKeys: foreignKeys.sort() };
  }
  return result;
}
