import { describe, it, expect } from "vitest";
import { readFileSync } from "node:fs";
import { tanhJs } from "../src/kernels/wasm/elementwise-js";
import { elementwiseWasmAvailable, tanhArray, wasmInto, TANH_WASM_MIN } from "../src/kernels/wasm/elementwise-wasm";
import { dim, fromData, tanh } from "../src/index";
import { expectKernelAtLengths, firstDiff, rng, ulp } from "./core-helpers";

/** The build script (plain .mjs, no type declarations), loaded by URL. */
type BuildScript = { buildElementwiseGeneratedSource(): Promise<string>; ELEMENTWISE_GENERATED_PATH: string };
const BUILD_SCRIPT = new URL("../scripts/build-wasm.mjs", import.meta.url).href;

type Kernel = (x: Float64Array, out: Float64Array) => void;
const wasmKernel: Kernel = (x, out) => {
  if (!wasmInto("tanh", x, out)) throw new Error("wasm tanh unavailable");
};
const KERNELS: [string, Kernel][] = [
  ["wasm", wasmKernel],
  ["js", tanhJs],
];

/** Max error in ulp (of Math.tanh's value) and max relative error; throws on any special-value mismatch. */
function errors(x: Float64Array, y: Float64Array, what: string): { ulps: number; rel: number; at: number } {
  let ulps = 0, rel = 0, at = NaN;
  for (let i = 0; i < x.length; i++) {
    const ref = Math.tanh(x[i]);
    const v = y[i];
    if (Number.isNaN(ref) || ref === 0 || !Number.isFinite(x[i])) {
      // NaN → NaN, ±0 → ±0 (sign kept), ±∞ → ±1: exact
      if (!Object.is(v, ref)) throw new Error(`${what}: tanh(${x[i]}) = ${v}, expected ${ref}`);
      continue;
    }
    if (Math.sign(v) !== Math.sign(ref)) throw new Error(`${what}: tanh(${x[i]}) = ${v}, expected ${ref}`);
    const d = Math.abs(v - ref);
    const u = d / ulp(ref);
    if (u > ulps) {
      ulps = u;
      at = x[i];
    }
    rel = Math.max(rel, d / Math.abs(ref));
  }
  return { ulps, rel, at };
}

/** The test inputs: 3.6 M points over the whole range, plus edge cases. */
function inputs(): [string, Float64Array][] {
  const r = rng(20240611);
  const gen = (n: number, f: () => number) => {
    const x = new Float64Array(n);
    for (let i = 0; i < n; i++) x[i] = f();
    return x;
  };
  const sign = () => (r() < 0.5 ? -1 : 1);
  const normal = () => Math.sqrt(-2 * Math.log(1 - r())) * Math.cos(2 * Math.PI * r());
  const e = 2 ** -52;
  const edge: number[] = [
    0, -0, 5e-324, -5e-324, 1e-323, 2.2250738585072014e-308, -2.2250738585072014e-308, 2.225073858507201e-308,
    1e-300, -1e-300, 1e-200, 1e-160, 1e-154, 1.5e-8, 1e-8, 1e-5, 0.1, 0.5,
    0.625, -0.625, 0.625 * (1 - e), 0.625 * (1 + e), 0.6249999, 0.6250001,
    1, Math.LN2 / 2, Math.LN2, 2, 5, 10, 18.5, 19, 19.06, 19.1, 20,
    22, -22, 22 * (1 - e), 22 * (1 + e), 21.999999, 22.000001, 30, 44, 100, 710, 1e10, 1e300, -1e300,
    Number.MAX_VALUE, -Number.MAX_VALUE, Infinity, -Infinity, NaN, -NaN,
  ];
  for (const v of edge.slice()) if (v > 0) edge.push(-v);
  // every power of two and its neighbours from 2^-1074 to 2^1023
  for (let k = -1074; k <= 1023; k++) {
    const p = 2 ** k;
    edge.push(p, -p, p * (1 + e), -p * (1 - e / 2));
  }
  // the table-driven e^{2a}: 2a near every multiple of ln2/64 and halfway between (where the
  // reduction's m changes; every table entry j = m mod 64 and every power 2^n, n = m >> 6)
  for (let m = 0; m <= 4096; m++) {
    for (const c of [m, m + 0.5]) {
      const v = (c * Math.LN2) / 128;
      edge.push(v, v * (1 - e), v * (1 + e), -v);
    }
  }
  return [
    ["N(0, 2)", gen(1_000_000, () => 2 * normal())],
    ["U(−1, 1)", gen(500_000, () => 2 * r() - 1)],
    ["|x| ∈ [0.5, 0.75] (branch switch)", gen(500_000, () => sign() * (0.5 + 0.25 * r()))],
    ["U(−25, 25)", gen(500_000, () => 50 * r() - 25)],
    ["|x| ∈ [18, 23] (saturation)", gen(100_000, () => sign() * (18 + 5 * r()))],
    ["log-uniform |x| ∈ [1e−320, 1e300]", gen(1_000_000, () => sign() * 10 ** (-320 + 620 * r()))],
    ["edge cases", Float64Array.from(edge)],
  ];
}
const INPUTS = inputs();

describe("wasm tanh: availability and build", () => {
  it("loads on this Node (plain SIMD)", () => {
    expect(elementwiseWasmAvailable()).toBe(true);
  });

  it("the committed generated module equals a fresh build of elementwise.wat", async () => {
    const { buildElementwiseGeneratedSource, ELEMENTWISE_GENERATED_PATH } = (await import(/* @vite-ignore */ BUILD_SCRIPT)) as BuildScript;
    const fresh = await buildElementwiseGeneratedSource();
    const committed = readFileSync(ELEMENTWISE_GENERATED_PATH, "utf8");
    expect(committed === fresh, "run `node scripts/build-wasm.mjs` and commit the result").toBe(true);
  }, 60_000);
});

describe.each(KERNELS)("%s tanh: accuracy against Math.tanh", (name, kernel) => {
  it.each(INPUTS.map(([label, x]) => [label, x] as const))("%s: ≤ 4 ulp (≤ 9e-16 relative), special values exact", (label, x) => {
    const x0 = x.slice();
    const y = new Float64Array(x.length);
    kernel(x, y);
    expect(firstDiff(x, x0), "input not mutated").toBe(-1);
    const { ulps, rel, at } = errors(x, y, `${name} ${label}`);
    if (process.env.TANH_ULPS) console.log(`${name} tanh, ${label}: max ${ulps.toFixed(3)} ulp at x = ${at}`);
    expect(ulps, `max error ${ulps} ulp at x = ${at}`).toBeLessThanOrEqual(4);
    expect(rel).toBeLessThanOrEqual(9e-16);
  });

  it("special values", () => {
    const x = Float64Array.from([0, -0, Infinity, -Infinity, NaN, 5e-324, -5e-324, 1e-300, -1e-300, 1e300, -1e300]);
    const y = new Float64Array(x.length);
    kernel(x, y);
    expect(Object.is(y[0], 0)).toBe(true);
    expect(Object.is(y[1], -0)).toBe(true);
    expect([y[2], y[3]]).toEqual([1, -1]);
    expect(Number.isNaN(y[4])).toBe(true);
    expect([y[5], y[6], y[7], y[8]]).toEqual([5e-324, -5e-324, 1e-300, -1e-300]);
    expect([y[9], y[10]]).toEqual([1, -1]);
  });

  it("odd: tanh(−x) = −tanh(x) bit for bit", () => {
    const x = INPUTS[0][1];
    const y = new Float64Array(x.length);
    const z = new Float64Array(x.length);
    kernel(x, y);
    kernel(x.map((v) => -v), z);
    expect(firstDiff(y, z.map((v) => -v))).toBe(-1);
  });
});

describe("wasm and JS tanh agree", () => {
  it.each(INPUTS.map(([label, x]) => [label, x] as const))("%s: bit for bit", (_, x) => {
    const a = new Float64Array(x.length);
    const b = new Float64Array(x.length);
    wasmKernel(x, a);
    tanhJs(x, b);
    const i = firstDiff(a, b);
    expect(i, i < 0 ? "" : `x = ${x[i]}: wasm ${a[i]}, js ${b[i]}`).toBe(-1);
  });

  it("every length around the chunk size and odd tails; in place", () => {
    const r = rng(7);
    const lengths = [0, 1, 2, 3, 5, 63, 64, 65, 255, 4095, 4096, 4097, 8191, 8192, 8193, 12289];
    expectKernelAtLengths({ wasm: wasmKernel, js: tanhJs, array: tanhArray }, lengths, () => 6 * (r() - 0.5));
  });
});

describe("tanh op uses the kernel", () => {
  it.each([1, 7, TANH_WASM_MIN - 1, TANH_WASM_MIN, 300])("matrix of %i entries: equals tanhJs bit for bit, within 4 ulp of Math.tanh", (n) => {
    const r = rng(n);
    const d = new Float64Array(n);
    for (let i = 0; i < n; i++) d[i] = 8 * (r() - 0.5);
    const d0 = d.slice();
    const M = fromData(1, dim("n", n), d);
    const y = tanh(M).data;
    const ref = new Float64Array(n);
    tanhJs(d, ref);
    expect(firstDiff(y, ref)).toBe(-1);
    expect(firstDiff(d, d0)).toBe(-1);
    expect(errors(d, y, "tanh op").ulps).toBeLessThanOrEqual(4);
  });
});
