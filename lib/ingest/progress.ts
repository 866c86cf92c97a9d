// A one-line progress bar for the CLI, on stderr so stdout stays the summary.
// On a terminal it redraws in place; otherwise (CI, pipes) it prints a line
// per step, at most `maxLines` times.

export class ProgressBar {
  private lastLine = -1;
  constructor(
    private readonly stream: NodeJS.WriteStream = process.stderr,
    private readonly width = 30,
    private readonly maxLines = 20,
  ) {}

  update(done: number, total: number, label = "") {
    const ratio = total > 0 ? Math.min(1, done / total) : 1;
    const filled = Math.round(ratio * this.width);
    const bar = `[${"#".repeat(filled)}${"-".repeat(this.width - filled)}] ${String(Math.round(ratio * 100)).padStart(3)}% ${done}/${total} ${label}`;
    if (this.stream.isTTY) {
      this.stream.write(`\r\x1b[2K${bar.slice(0, (this.stream.columns ?? 100) - 1)}`);
      return;
    }
    const step = Math.floor(ratio * this.maxLines);
    if (step !== this.lastLine) {
      this.lastLine = step;
      this.stream.write(`${bar}\n`);
    }
  }

  done() {
    if (this.stream.isTTY) this.stream.write("\n");
  }
}
