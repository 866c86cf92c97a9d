import { readFile } from "node:fs/promises";
import path from "node:path";
import type { Metadata } from "next";
import { AppLink } from "@/components/app-link";

// The copied Hugging Face listing the demo papers come from, in two fully
// static pages (prerendered at build, no data, no per-request work). Part 1
// doubles as the benchmark's "static page of about the feed's size"
// (scripts/bench/browse.ts).
export const dynamic = "force-static";
export const dynamicParams = false;
const PARTS = 2;

export function generateStaticParams() {
  return Array.from({ length: PARTS }, (_, i) => ({ part: String(i + 1) }));
}

export const metadata: Metadata = { title: "Demo data source" };

async function part(n: number): Promise<string> {
  const text = await readFile(path.join(process.cwd(), "prisma", "seed", "2025-03-14-listing.txt"), "utf8");
  const lines = text.split("\n");
  const size = Math.ceil(lines.length / PARTS);
  return lines.slice((n - 1) * size, n * size).join("\n");
}

export default async function ListingPage({ params }: { params: Promise<{ part: string }> }) {
  const n = Number((await params).part);
  return (
    <>
      <h1 className="text-2xl font-bold">
        Demo data source, part {n} of {PARTS}
      </h1>
      <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">
        The Hugging Face daily papers listing of 14 March 2025 that the built-in demo papers are imported from, as
        copied.
      </p>
      <nav aria-label="Parts" className="mt-2 flex gap-3 text-sm">
        {Array.from({ length: PARTS }, (_, i) => i + 1).map((part) => (
          <AppLink
            key={part}
            href={`/listing/${part}`}
            aria-current={part === n ? "page" : undefined}
            className="underline"
          >
            Part {part}
          </AppLink>
        ))}
      </nav>
      <pre className="mt-4 overflow-x-auto text-xs whitespace-pre-wrap">{await part(n)}</pre>
    </>
  );
}
