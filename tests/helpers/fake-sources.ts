// A local stand-in for the Hugging Face daily papers API and the arXiv API,
// serving recorded, real-shaped responses (tests/fixtures) so the production
// fetch code runs against HTTP without reaching the internet.
//   GET /api/daily_papers?date=YYYY-MM-DD&limit=&p=   -> the day's items, paged
//   GET /api/daily_papers?week=|month=                 -> every day whose date matches
//   GET /api/query?search_query=&start=&max_results=   -> the arXiv page whose startIndex is `start`
// Faults: `failNext(n, status)` answers the next n requests with status;
// `failAll(status)` answers every request with it (null to stop); `hang` never answers.

import { readFileSync } from "node:fs";
import { createServer, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { isoWeekKey, parseDay } from "@/lib/time";

export const FIXTURES = path.join(import.meta.dirname, "..", "fixtures");
export const fixture = (name: string) => readFileSync(path.join(FIXTURES, name), "utf8");

/** The recorded Hugging Face daily papers of 2025-03-13 and 2025-03-14, as startFakeSources' hfDays. */
export const recordedHfDays = (): Record<string, unknown[]> => ({
  "2025-03-13": JSON.parse(fixture("hf-daily-papers-2025-03-13.json")) as unknown[],
  "2025-03-14": JSON.parse(fixture("hf-daily-papers-2025-03-14.json")) as unknown[],
});

export type FakeSources = {
  url: string;
  requests: URL[];
  hfDays: Map<string, unknown[]>;
  arxivPages: Map<number, string>;
  failNext: (count: number, status: number) => void;
  failAll: (status: number | null) => void;
  hang: (on: boolean) => void;
  close: () => Promise<void>;
};

export async function startFakeSources(
  options: { hfDays?: Record<string, unknown[]>; arxivPages?: Record<number, string> } = {},
): Promise<FakeSources> {
  const hfDays = new Map(Object.entries(options.hfDays ?? {}));
  const arxivPages = new Map(Object.entries(options.arxivPages ?? {}).map(([k, v]) => [Number(k), v]));
  const requests: URL[] = [];
  let failures: { count: number; status: number } = { count: 0, status: 500 };
  let failEvery: number | null = null;
  let hanging = false;
  const open = new Set<ServerResponse>();

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://localhost");
    requests.push(url);
    if (hanging) {
      open.add(res);
      return;
    }
    const send = (status: number, body: string, type = "application/json") => {
      res.writeHead(status, { "Content-Type": type });
      res.end(body);
    };
    if (failEvery !== null) return send(failEvery, JSON.stringify({ error: "Internal Error" }));
    if (failures.count > 0) {
      failures.count--;
      return send(failures.status, JSON.stringify({ error: "Service Unavailable" }));
    }
    if (url.pathname === "/api/daily_papers") {
      const date = url.searchParams.get("date");
      const week = url.searchParams.get("week");
      const month = url.searchParams.get("month");
      let items: unknown[];
      if (date) items = hfDays.get(date) ?? [];
      else if (week) items = [...hfDays].filter(([d]) => isoWeekKey(parseDay(d)) === week).flatMap(([, v]) => v);
      else if (month) items = [...hfDays].filter(([d]) => d.startsWith(month)).flatMap(([, v]) => v);
      else return send(400, JSON.stringify({ error: "date, week or month required" }));
      const limit = Number(url.searchParams.get("limit") ?? 50);
      const page = Number(url.searchParams.get("p") ?? 0);
      return send(200, JSON.stringify(items.slice(page * limit, (page + 1) * limit)));
    }
    if (url.pathname === "/api/query") {
      const page = arxivPages.get(Number(url.searchParams.get("start") ?? 0));
      return page
        ? send(200, page, "application/atom+xml; charset=utf-8")
        : send(200, emptyFeed(), "application/atom+xml");
    }
    send(404, JSON.stringify({ error: "Not Found" }));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    hfDays,
    arxivPages,
    failNext: (count, status) => (failures = { count, status }),
    failAll: (status) => (failEvery = status),
    hang: (on) => {
      hanging = on;
      if (!on) for (const res of open) res.destroy();
    },
    close: async () => {
      for (const res of open) res.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function emptyFeed(): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title type="html">ArXiv Query</title>
  <opensearch:totalResults xmlns:opensearch="http://a9.com/-/spec/opensearch/1.1/">0</opensearch:totalResults>
  <opensearch:startIndex xmlns:opensearch="http://a9.com/-/spec/opensearch/1.1/">0</opensearch:startIndex>
</feed>
`;
}
