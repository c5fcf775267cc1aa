/**
 * GEMM benchmark: JS kernel vs WebAssembly SIMD kernel (plain f64x2 mul+add and relaxed madd).
 * Not part of the test suite. Run: npm run bench:gemm [-- --relaxed] [--sweep]
 *
 * Each figure is the median (and best) of SAMPLES timed samples after warm-up; each sample
 * batches calls so it lasts ≳ 10 ms. Wasm figures include copying A and B in and C out, as
 * `gemm` does. "auto" is what `gemm` picks. --sweep also prints the small-size crossover used to
 * choose the dispatch threshold. "2thr-…" is the two-thread path forced at every size (gemm uses
 * it only from 256³ multiply–adds on). On Node 20 the relaxed variant needs a V8 flag: --relaxed sets it (as
 * configure({ relaxedSimd: "flag" }) does, and as bench/index.ts runs), so that "auto" and "2thr"
 * use relaxed madd too; without it they use plain SIMD. The first line is the machine's ceiling at
 * that moment (bench/wasm-peak.ts): multiply–adds on registers, no loads, on one thread and on
 * two at once.
 */
import { timeMs as time } from "./timing";
import { gemm, gemmJs, setGemmBackend } from "../src/kernels/gemm";
import { createWasmGemm, getWasmGemm, setWasmRelaxedMode, type WasmGemm } from "../src/kernels/wasm/gemm-wasm";
import { threadedGemm, threadedGemmReady } from "../src/kernels/wasm/gemm-threads";
import { uniformArray } from "./random";
import { wasmPeakGflops, wasmPeakGflopsTwoThreads } from "./wasm-peak";

const SAMPLES = 9;

/** [median, best] ms per call of fn. */
function timeMs(fn: () => void): [number, number] {
  const { median, best } = time(fn, SAMPLES, 10);
  return [median, best];
}

if (process.argv.includes("--relaxed")) setWasmRelaxedMode("flag");
const simd = createWasmGemm("simd");
const relaxed = createWasmGemm("relaxed");
console.log(`wasm variants: simd=${simd ? "yes" : "no"} relaxed=${relaxed ? "yes" : "no"}; gemm uses ${getWasmGemm()?.variant ?? "JS only"}`);

type Impl = [string, (n: number, a: Float64Array, b: Float64Array, c: Float64Array) => void];
const wasmImpl = (w: WasmGemm): Impl[1] => (n, a, b, c) => w.gemm(false, false, n, n, n, 1, a, 0, n, b, 0, n, c, 0, n, false);
const impls: Impl[] = [["js", (n, a, b, c) => gemmJs(false, false, n, n, n, a, b, c)]];
if (simd) impls.push(["wasm-simd", wasmImpl(simd)]);
if (relaxed) impls.push(["wasm-relaxed", wasmImpl(relaxed)]);
const shared = getWasmGemm();
if (shared && threadedGemmReady(shared.variant)) {
  impls.push([`2thr-${shared.variant}`, (n, a, b, c) => void threadedGemm(shared.variant, false, false, n, n, n, a, b, c, false)]);
}
impls.push(["auto", (n, a, b, c) => gemm(false, false, n, n, n, a, b, c)]);

const peaks: string[] = [];
for (const v of ["simd", "relaxed"] as const) {
  const one = await wasmPeakGflops(v), two = await wasmPeakGflopsTwoThreads(v);
  if (one !== null) peaks.push(`${v} ${one.toFixed(1)} (two threads at once: ${two === null ? "–" : two.toFixed(1)})`);
}
console.log(`ceiling (bench/wasm-peak.ts: multiply–adds on registers only), GFLOP/s: ${peaks.join(", ")}`);

const gf = (n: number, ms: number) => ((2 * n * n * n) / ms / 1e6).toFixed(2);
console.log("\nGFLOP/s, C = A·B (n×n), median (best) of " + SAMPLES);
console.log("     n  " + impls.map(([name]) => name.padStart(16)).join(""));
for (const n of [4, 16, 64, 128, 256, 384, 512, 768]) {
  const a = uniformArray(n * n, 1);
  const b = uniformArray(n * n, 2);
  const c = new Float64Array(n * n);
  const cells = impls.map(([, f]) => {
    const [med, best] = timeMs(() => f(n, a, b, c));
    return `${gf(n, med)} (${gf(n, best)})`.padStart(16);
  });
  console.log(String(n).padStart(6) + "  " + cells.join(""));
}

{
  const n = 256;
  const a = uniformArray(n * n, 3);
  const b = uniformArray(n * n, 4);
  const c = new Float64Array(n * n);
  console.log("\nauto, n=256, other transposes: GFLOP/s median (best)");
  for (const [ta, tb] of [[true, false], [false, true], [true, true]] as const) {
    const [med, best] = timeMs(() => gemm(ta, tb, n, n, n, a, b, c));
    console.log(`  transA=${ta} transB=${tb}  ${gf(n, med)} (${gf(n, best)})`);
  }
}

{
  console.log("\nper-call time at tiny sizes (µs, median): gemmJs direct vs gemm (auto dispatch)");
  for (const n of [4, 16]) {
    const a = uniformArray(n * n, 5);
    const b = uniformArray(n * n, 6);
    const c = new Float64Array(n * n);
    const [js] = timeMs(() => gemmJs(false, false, n, n, n, a, b, c));
    const [auto] = timeMs(() => gemm(false, false, n, n, n, a, b, c));
    console.log(`  n=${n}: gemmJs ${(js * 1000).toFixed(3)} µs   gemm ${(auto * 1000).toFixed(3)} µs`);
  }
}

if (process.argv.includes("--sweep")) {
  console.log("\ncrossover sweep (µs per call, median): js vs wasm (forced) for n×n×n and n×n×4n");
  for (const n of [8, 12, 16, 20, 24, 28, 32, 40, 48]) {
    for (const kf of [1, 4]) {
      const k = n * kf;
      const a = uniformArray(n * k, 7);
      const b = uniformArray(k * n, 8);
      const c = new Float64Array(n * n);
      setGemmBackend("js");
      const [js] = timeMs(() => gemm(false, false, n, n, k, a, b, c));
      setGemmBackend("wasm");
      const [wa] = timeMs(() => gemm(false, false, n, n, k, a, b, c));
      setGemmBackend("auto");
      console.log(`  ${n}×${n}×${k} (work ${n * n * k}): js ${(js * 1000).toFixed(2)}  wasm ${(wa * 1000).toFixed(2)}`);
    }
  }
}
