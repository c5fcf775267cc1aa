/**
 * Training progress: on a terminal, one line rewritten in place with `\r` (at most ~20 times a
 * second); otherwise (a pipe, a CI log) a plain line every fifth of the run.
 */
export interface Sink {
  write(s: string): unknown;
  isTTY?: boolean;
  columns?: number;
}

export class Progress {
  private lastDraw = -Infinity;
  private readonly start = performance.now();
  private lastLine = 0;

  constructor(
    private readonly label: string,
    private readonly total: number,
    private readonly sink: Sink | null,
  ) {}

  /** Reports the loss after `step` of `total` steps. */
  update(step: number, loss: number): void {
    if (this.sink === null) return;
    const final = step >= this.total;
    if (this.sink.isTTY) {
      const now = performance.now();
      if (!final && now - this.lastDraw < 50) return;
      this.lastDraw = now;
      let line = this.line(step, loss, true);
      // a line longer than the terminal would wrap, and \r would then only rewrite its tail
      const cols = this.sink.columns ?? 0;
      if (cols > 20 && line.length >= cols) line = line.slice(0, cols - 1);
      const pad = Math.max(0, this.lastLine - line.length);
      this.lastLine = line.length;
      this.sink.write(`\r${line}${" ".repeat(pad)}${final ? "\n" : ""}`);
    } else {
      const every = Math.max(1, Math.round(this.total / 5));
      if (step % every === 0 || final) this.sink.write(this.line(step, loss, false) + "\n");
    }
  }

  private line(step: number, loss: number, bar: boolean): string {
    const frac = this.total === 0 ? 1 : step / this.total;
    const width = 20, filled = Math.round(frac * width);
    const b = bar ? `[${"█".repeat(filled)}${"░".repeat(width - filled)}] ${String(Math.round(frac * 100)).padStart(3)}%  ` : "";
    const w = String(this.total).length;
    const secs = ((performance.now() - this.start) / 1000).toFixed(1);
    return `  ${this.label.padEnd(16)} ${b}step ${String(step).padStart(w)}/${this.total}  MSE ${loss.toExponential(3)}  ${secs} s`;
  }
}
