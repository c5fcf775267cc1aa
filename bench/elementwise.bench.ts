/**
 * Element-wise kernels benchmark: tanh, exp, sigmoid, log, softplus, log σ, sin and cos, each as a
 * loop over its Math-based scalar form vs the JS kernel (elementwise-js.ts; for sin and cos, the
 * Math loop itself, whose bits the kernel has) vs the WebAssembly SIMD kernel
 * (elementwise-wasm.ts, copies in and out included), on N(0, 2) data (log: on e^x of it).
 * Run: npm run bench:elementwise [-- --only NAME]. The test suite runs only `--smoke`: sizes 8 and
 * 64, one sample of ≳ 0.5 ms each (figures meaningless; it checks that the script runs).
 *
 * Each figure is the median (and best) of SAMPLES timed samples after warm-up, in ns per entry;
 * each sample batches calls so it lasts ≳ 10 ms. The small sizes show where the Wasm call and
 * copies stop paying (TANH_WASM_MIN, EXP_WASM_MIN, SINCOS_WASM_MIN); "op" is the library's
 * function on a matrix.
 */
import { timeMs as time } from "./timing";
import { expJs, logJs, logSigmoidJs, sigmoidJs, softplusJs, tanhJs } from "../src/kernels/wasm/elementwise-js";
import {
  EXP_WASM_MIN, LOG_WASM_MIN, SINCOS_WASM_MIN, TANH_WASM_MIN, cosArray, elementwiseWasmAvailable, expArray, logArray, logSigmoidArray,
  sigmoidArray, sinArray, softplusArray, tanhArray, wasmInto, type ElementwiseKernel,
} from "../src/kernels/wasm/elementwise-wasm";
import { cos, exp, fromData, log, logSigmoid, sigmoid, sin, softplus, tanh } from "../src/index";
import { normalArray } from "./random";

const args = process.argv.slice(2);
/** --smoke (the test suite's check that the script runs): two sizes, one short sample each. */
const smoke = args.includes("--smoke");
const SAMPLES = smoke ? 1 : 9;
const SAMPLE_MS = smoke ? 0.5 : 10;

/** [median, best] ms per call of fn. */
function timeMs(fn: () => void): [number, number] {
  const { median, best } = time(fn, SAMPLES, SAMPLE_MS);
  return [median, best];
}

type ArrayKernel = (x: Float64Array, out: Float64Array) => void;
const sigmoidMath = (v: number): number => (v >= 0 ? 1 / (1 + Math.exp(-v)) : Math.exp(v) / (1 + Math.exp(v)));
/** The Math-based softplus the kernels replaced: max(x, 0) + log1p(e^−|x|). */
const softplusMath = (v: number): number => Math.max(v, 0) + Math.log1p(Math.exp(-Math.abs(v)));
const sinMath: ArrayKernel = (x, out) => { for (let i = 0; i < x.length; i++) out[i] = Math.sin(x[i]); };
const cosMath: ArrayKernel = (x, out) => { for (let i = 0; i < x.length; i++) out[i] = Math.cos(x[i]); };
const FUNCTIONS: {
  name: ElementwiseKernel; math: ArrayKernel; js: ArrayKernel; array: ArrayKernel; min: number; op: typeof tanh; positive?: true;
}[] = [
  { name: "tanh", math: (x, out) => { for (let i = 0; i < x.length; i++) out[i] = Math.tanh(x[i]); }, js: tanhJs, array: tanhArray, min: TANH_WASM_MIN, op: tanh },
  { name: "exp", math: (x, out) => { for (let i = 0; i < x.length; i++) out[i] = Math.exp(x[i]); }, js: expJs, array: expArray, min: EXP_WASM_MIN, op: exp },
  { name: "sigmoid", math: (x, out) => { for (let i = 0; i < x.length; i++) out[i] = sigmoidMath(x[i]); }, js: sigmoidJs, array: sigmoidArray, min: EXP_WASM_MIN, op: sigmoid },
  { name: "log", math: (x, out) => { for (let i = 0; i < x.length; i++) out[i] = Math.log(x[i]); }, js: logJs, array: logArray, min: LOG_WASM_MIN, op: log, positive: true },
  { name: "softplus", math: (x, out) => { for (let i = 0; i < x.length; i++) out[i] = softplusMath(x[i]); }, js: softplusJs, array: softplusArray, min: EXP_WASM_MIN, op: softplus },
  { name: "logSigmoid", math: (x, out) => { for (let i = 0; i < x.length; i++) out[i] = -softplusMath(-x[i]); }, js: logSigmoidJs, array: logSigmoidArray, min: EXP_WASM_MIN, op: logSigmoid },
  { name: "sin", math: sinMath, js: sinMath, array: sinArray, min: SINCOS_WASM_MIN, op: sin },
  { name: "cos", math: cosMath, js: cosMath, array: cosArray, min: SINCOS_WASM_MIN, op: cos },
];
/** N(0, 2) entries, or e^x of them for a function of positive x. */
const data = (n: number, seed: number, positive: boolean | undefined): Float64Array => {
  const x = normalArray(n, seed, 2);
  return positive ? x.map(Math.exp) : x;
};

const only = args.includes("--only") ? args[args.indexOf("--only") + 1] : undefined;
const sizes = smoke ? [8, 64] : [8, 16, 32, 64, 128, 256, 1024, 4096, 65536, 512 * 512];
const N = smoke ? 8 : 512;

console.log(`wasm kernels: ${elementwiseWasmAvailable() ? "yes" : "no (JS kernels only)"}`);
for (const { name, math, js, array, min, op, positive } of FUNCTIONS) {
  if (only !== undefined && only !== name) continue;
  console.log(`\n${name} (the array entry point uses Wasm from ${min} entries), ns/entry, median (best):`);
  const impls: [string, ArrayKernel][] = [
    ["Math", math],
    ["js", js],
    ["wasm", (x, out) => void wasmInto(name, x, out)],
    ["array", array],
  ];
  console.log(["size".padStart(8), ...impls.map(([label]) => label.padStart(16))].join(""));
  for (const n of sizes) {
    const x = data(n, n, positive);
    const out = new Float64Array(n);
    const cells = impls.map(([, f]) => {
      const [med, best] = timeMs(() => f(x, out));
      return `${((med / n) * 1e6).toFixed(2)} (${((best / n) * 1e6).toFixed(2)})`.padStart(16);
    });
    console.log([String(n).padStart(8), ...cells].join(""));
  }
  const M = fromData(N, N, data(N * N, 7, positive));
  const [med, best] = timeMs(() => void op(M));
  console.log(`${name} op ${N}×${N}: ${med.toFixed(3)} ms (best ${best.toFixed(3)}), ${((med / (N * N)) * 1e6).toFixed(2)} ns/entry`);
}
