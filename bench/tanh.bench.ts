/**
 * tanh benchmark: a loop over Math.tanh vs the JS kernel (elementwise-js.ts) vs the WebAssembly
 * SIMD kernel (elementwise-wasm.ts, copies in and out included), on N(0, 2) data.
 * Not part of the test suite. Run: npm run bench:tanh
 *
 * Each figure is the median (and best) of SAMPLES timed samples after warm-up, in ns per entry;
 * each sample batches calls so it lasts ≳ 10 ms. The small sizes show where the Wasm call and
 * copies stop paying (TANH_WASM_MIN); "tanh op" is the library's `tanh` on a matrix.
 */
import { timeMs as time } from "./timing";
import { tanhJs } from "../src/kernels/wasm/elementwise-js";
import { elementwiseWasmAvailable, tanhArray, tanhInto, TANH_WASM_MIN } from "../src/kernels/wasm/elementwise-wasm";
import { fromData, tanh } from "../src/index";
import { normalArray } from "./random";

const SAMPLES = 9;

/** [median, best] ms per call of fn. */
function timeMs(fn: () => void): [number, number] {
  const { median, best } = time(fn, SAMPLES, 10);
  return [median, best];
}

function mathTanh(x: Float64Array, out: Float64Array): void {
  for (let i = 0; i < x.length; i++) out[i] = Math.tanh(x[i]);
}

console.log(`wasm tanh: ${elementwiseWasmAvailable() ? "yes" : "no (JS kernel only)"}; tanhArray uses Wasm from ${TANH_WASM_MIN} entries`);
console.log("ns/entry, median (best):");
const sizes = [8, 16, 32, 64, 128, 256, 1024, 4096, 65536, 512 * 512];
const impls: [string, (x: Float64Array, out: Float64Array) => void][] = [
  ["Math.tanh", mathTanh],
  ["js", tanhJs],
  ["wasm", (x, out) => void tanhInto(x, out)],
  ["tanhArray", tanhArray],
];
console.log(["size".padStart(8), ...impls.map(([name]) => name.padStart(16))].join(""));
for (const n of sizes) {
  const x = normalArray(n, n, 2);
  const out = new Float64Array(n);
  const cells = impls.map(([, f]) => {
    const [med, best] = timeMs(() => f(x, out));
    return `${((med / n) * 1e6).toFixed(2)} (${((best / n) * 1e6).toFixed(2)})`.padStart(16);
  });
  console.log([String(n).padStart(8), ...cells].join(""));
}

const N = 512;
const M = fromData(N, N, normalArray(N * N, 7, 2));
const [med, best] = timeMs(() => void tanh(M));
console.log(`tanh op ${N}×${N}: ${med.toFixed(3)} ms (best ${best.toFixed(3)}), ${((med / (N * N)) * 1e6).toFixed(2)} ns/entry`);
