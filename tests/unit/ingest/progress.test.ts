import { describe, expect, it } from "vitest";
import { ProgressBar } from "@/lib/ingest/progress";

function stream(isTTY: boolean) {
  const chunks: string[] = [];
  const s = { isTTY, columns: 80, write: (c: string) => chunks.push(c) > 0 } as unknown as NodeJS.WriteStream;
  return { s, chunks };
}

describe("ProgressBar", () => {
  it("redraws one line in place on a terminal", () => {
    const { s, chunks } = stream(true);
    const bar = new ProgressBar(s, 10);
    bar.update(0, 4, "2025-03-01");
    bar.update(2, 4, "2025-03-02");
    bar.done();
    expect(chunks).toEqual([
      "\r\x1b[2K[----------]   0% 0/4 2025-03-01",
      "\r\x1b[2K[#####-----]  50% 2/4 2025-03-02",
      "\n",
    ]);
  });

  it("prints a bounded number of lines elsewhere (CI, pipes)", () => {
    const { s, chunks } = stream(false);
    const bar = new ProgressBar(s, 10, 4);
    for (let i = 0; i <= 100; i++) bar.update(i, 100);
    expect(chunks.length).toBe(5);
    expect(chunks.at(-1)).toBe("[##########] 100% 100/100 \n");
  });
});
