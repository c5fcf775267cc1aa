/**
 * Kernel benchmark (not part of the test suite). Run: node bench/run.mjs bench/kernels.bench.ts
 * Prints GFLOP/s of gemm (NN, and the other transpose combos at 256) and ms of
 * det / inverse / solve. Each figure is the median of SAMPLES timed samples after warm-up.
 */
import { timeMs as time } from "./timing";
import { gemm } from "../src/kernels/gemm";
import { luFactor, luDet, luInverse, luSolve } from "../src/kernels/lu";
import { uniformArray } from "./random";

const SAMPLES = 9;

/** Median ms per call of fn, batching calls so each sample lasts ≳ 20 ms. */
function timeMs(fn: () => void): number {
  return time(fn, SAMPLES, 20).median;
}

console.log("gemm C = A·B (n×n, plain NN)");
for (const n of [4, 16, 64, 256, 512]) {
  const a = uniformArray(n * n, 1);
  const b = uniformArray(n * n, 2);
  const c = new Float64Array(n * n);
  const ms = timeMs(() => gemm(false, false, n, n, n, a, b, c));
  console.log(`  n=${String(n).padStart(3)}  ${((2 * n * n * n) / ms / 1e6).toFixed(2).padStart(6)} GFLOP/s  (${ms.toFixed(4)} ms)`);
}
{
  const n = 256;
  const a = uniformArray(n * n, 3);
  const b = uniformArray(n * n, 4);
  const c = new Float64Array(n * n);
  for (const [ta, tb] of [[true, false], [false, true], [true, true]] as const) {
    const ms = timeMs(() => gemm(ta, tb, n, n, n, a, b, c));
    console.log(`  n=256 transA=${ta} transB=${tb}  ${((2 * n * n * n) / ms / 1e6).toFixed(2)} GFLOP/s`);
  }
}

console.log("LU-based ops (random n×n)");
for (const n of [64, 256]) {
  const a = uniformArray(n * n, 5 + n);
  const b1 = uniformArray(n, 6);
  const bn = uniformArray(n * n, 7);
  const det = timeMs(() => luDet(luFactor(a, n)));
  const inv = timeMs(() => luInverse(luFactor(a, n)));
  const s1 = timeMs(() => luSolve(luFactor(a, n), b1, 1));
  const sn = timeMs(() => luSolve(luFactor(a, n), bn, n));
  console.log(
    `  n=${String(n).padStart(3)}  det ${det.toFixed(3)} ms   inverse ${inv.toFixed(3)} ms   solve(1 rhs) ${s1.toFixed(3)} ms   solve(${n} rhs) ${sn.toFixed(3)} ms`,
  );
}
