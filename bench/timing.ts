/**
 * Timing for the kernel micro-benchmarks (bench/*.bench.ts), and the small helpers they share.
 * `timeMs`: calls are batched so that each sample lasts at least `minSampleMs`, after a warm-up;
 * returns the median and the best ms per call.
 */
export function timeMs(fn: () => void, samples = 9, minSampleMs = 10): { median: number; best: number } {
  let reps = 1;
  for (;;) {
    const t = performance.now();
    for (let r = 0; r < reps; r++) fn();
    const dt = performance.now() - t;
    if (dt > minSampleMs || reps > 1e7) break;
    reps *= 2;
  }
  for (let r = 0; r < reps; r++) fn(); // extra warm-up
  const ts: number[] = [];
  for (let s = 0; s < samples; s++) {
    const t = performance.now();
    for (let r = 0; r < reps; r++) fn();
    ts.push((performance.now() - t) / reps);
  }
  ts.sort((a, b) => a - b);
  return { median: ts[samples >> 1], best: ts[0] };
}

/** The middle value (the upper one of the two for an even count); xs is not reordered. */
export const median = (xs: readonly number[]): number => [...xs].sort((x, y) => x - y)[xs.length >> 1];

/** The script's `--seconds S` argument, or `fallback` without one (bench:threads, bench:host). */
export function secondsArg(fallback: number): number {
  const k = process.argv.indexOf("--seconds");
  return k > 0 ? Number(process.argv[k + 1]) : fallback;
}
