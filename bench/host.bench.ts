/**
 * How steady is this machine's speed, and what does it slow? For S seconds it alternates, on one
 * thread, four timings in windows of about 0.3 s:
 *   ceiling         the register-only multiply–add loop (bench/wasm-peak.ts): no loads at all;
 *   padded ceiling  the same loop with 12 independent integer additions a round: the same
 *                   multiply–adds in about as many instructions as the GEMM kernel spends on them
 *                   (its loads, pointer steps and loop), still without a load;
 *   256³            the one-thread kernel call on a 256×256 product (copies in and out included): its
 *                   packed operands stream through L2 and L1;
 *   24³             the same call on a 24×24 product, 50 times: every operand stays in L1.
 * It prints each one's percentiles over the windows, the share of windows in which the 256³
 * product reaches 80% of the ceiling, and how the timings move together. On this shared VM the
 * slow spells cut the number of instructions a core runs per cycle (another hardware thread on
 * the same core, presumably): then the products and the padded ceiling fall together while the
 * bare ceiling, which needs fewer instructions per multiply–add, does not, and no blocking of the
 * kernel can help. Not part of the test suite.
 * Run: npm run bench:host [-- --seconds S] (default 60). Fused multiply–add is on, as in `npm run bench`.
 */
import { configure } from "../src/index";
import { getWasmGemm } from "../src/kernels/wasm/gemm-wasm";
import { uniformArray } from "./random";
import { median, secondsArg } from "./timing";
import { PADDED_INTEGER_ADDS, wasmPeakSampler } from "./wasm-peak";

const seconds = secondsArg(60);
configure({ relaxedSimd: "flag" });
const wasm = getWasmGemm();
const ceiling = wasm === null ? null : await wasmPeakSampler(wasm.variant);
const padded = wasm === null ? null : await wasmPeakSampler(wasm.variant, PADDED_INTEGER_ADDS);
if (wasm === null || ceiling === null || padded === null) {
  console.log("no Wasm SIMD kernel here");
  process.exit(0);
}

/** GFLOP/s of `reps` one-thread n×n products on the kernel, copies included. */
function productTimer(n: number, reps: number): () => number {
  const a = uniformArray(n * n, 1), b = uniformArray(n * n, 2), c = new Float64Array(n * n);
  const run = () => wasm!.gemm(false, false, n, n, n, 1, a, 0, n, b, 0, n, c, 0, n, false);
  for (let i = 0; i < 20; i++) run(); // tier up
  return () => {
    const t0 = performance.now();
    for (let r = 0; r < reps; r++) run();
    return (2 * n ** 3 * reps) / (performance.now() - t0) / 1e6;
  };
}

const [CEILING, PADDED, P256, P24] = [0, 1, 2, 3]; // the timers, in this order
const timers: [string, () => number][] = [
  ["ceiling", () => ceiling(200_000)],
  ["padded ceiling", () => padded(100_000)],
  ["256³", productTimer(256, 1)],
  ["24³", productTimer(24, 50)],
];
const quantile = (xs: number[], q: number) => [...xs].sort((x, y) => x - y)[Math.min(xs.length - 1, Math.floor(q * xs.length))];

/** Each window: the median of each timer over rounds of all four, until the window is 0.3 s long. */
const windows: number[][] = [];
const start = performance.now();
while (performance.now() - start < seconds * 1000) {
  const rates: number[][] = timers.map(() => []);
  const w0 = performance.now();
  while (performance.now() - w0 < 300) timers.forEach(([, t], i) => rates[i].push(t()));
  windows.push(rates.map(median));
}

const column = (i: number) => windows.map((w) => w[i]);
const share = windows.map((w) => w[P256] / w[CEILING]);
console.log(`kernel variant ${wasm.variant}; ${windows.length} windows of ~0.3 s; GFLOP/s per window (median of its rounds)`);
for (const [name, xs] of [...timers.map(([nm], i) => [nm, column(i)] as const), ["256³ / ceiling", share] as const]) {
  console.log(`  ${name.padEnd(15)} p10 ${quantile(xs, 0.1).toFixed(2).padStart(6)}   median ${quantile(xs, 0.5).toFixed(2).padStart(6)}   p90 ${quantile(xs, 0.9).toFixed(2).padStart(6)}`);
}
console.log(`  windows in which 256³ reaches 80% of the ceiling: ${((100 * share.filter((x) => x >= 0.8).length) / share.length).toFixed(0)}%`);

function correlation(x: number[], y: number[]): number {
  const mean = (v: number[]) => v.reduce((s, z) => s + z, 0) / v.length;
  const mx = mean(x), my = mean(y);
  let sxy = 0, sxx = 0, syy = 0;
  for (let i = 0; i < x.length; i++) {
    sxy += (x[i] - mx) * (y[i] - my);
    sxx += (x[i] - mx) ** 2;
    syy += (y[i] - my) ** 2;
  }
  return sxy / Math.sqrt(sxx * syy);
}
/** Pearson's r, or "n/a" when there are too few windows (or no spread) for one. */
const r = (x: number[], y: number[]) => {
  const v = x.length < 3 ? NaN : correlation(x, y);
  return Number.isFinite(v) ? v.toFixed(2) : "n/a";
};
console.log(
  `  correlation over the windows: 256³ with 24³ ${r(column(P256), column(P24))}, 256³ with the padded ceiling ${r(column(P256), column(PADDED))}, 256³ with the ceiling ${r(column(P256), column(CEILING))}`,
);
