/**
 * The exp and sigmoid kernels (src/kernels/wasm/elementwise.wat, elementwise-js.ts): the Wasm SIMD
 * kernel and its JS twin give the same bits for every input; exp is within 1 ulp of Math.exp over
 * the whole range (subnormal results, overflow and the table's every entry included) and the
 * sigmoid within 2 ulp of 1/(1 + e^−x) on Math.exp; the ops `exp` and `sigmoid` run them.
 */
import { describe, it, expect } from "vitest";
import { expJs, sigmoidJs } from "../src/kernels/wasm/elementwise-js";
import { EXP_WASM_MIN, elementwiseWasmAvailable, expArray, sigmoidArray, wasmInto } from "../src/kernels/wasm/elementwise-wasm";
import { dim, exp, fromData, sigmoid } from "../src/index";
import { expectKernelAtLengths, firstDiff, maxUlps, rng } from "./core-helpers";

type Kernel = (x: Float64Array, out: Float64Array) => void;
const wasm = (name: "exp" | "sigmoid"): Kernel => (x, out) => {
  if (!wasmInto(name, x, out)) throw new Error(`wasm ${name} unavailable`);
};

/** The stable logistic function on Math.exp, the reference for the sigmoid kernels. */
const sigmoidRef = (x: number): number => (x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x)));

/** 2.7 M points over the whole range, plus edge cases. */
function inputs(): [string, Float64Array][] {
  const r = rng(20261207);
  const gen = (n: number, f: () => number) => Float64Array.from({ length: n }, f);
  const e = 2 ** -52;
  const edge: number[] = [
    0, -0, 5e-324, -5e-324, 1e-300, 1e-17, 1, -1, 0.5, Math.LN2, 10, -10,
    // the range's ends: overflow from 709.782712893384, subnormal results below −708.39, 0 below −745.13
    709, 709 * (1 + e), 709 * (1 - e), -708, -708 * (1 + e), -708 * (1 - e), 709.5, 709.7792, 709.78,
    709.782712893384, 709.7827128933841, 710, 710 * (1 + e), 711, 1000, -708.3964185322641, -708.4, -720, -740,
    -744.44007192138126, -745.1332191019411, -745.1332191019412, -745.5, -746, -746 * (1 + e), -750, -1000,
    1e300, -1e300, Number.MAX_VALUE, -Number.MAX_VALUE, Infinity, -Infinity, NaN,
  ];
  // every power of two and its neighbours, both signs
  for (let k = -1074; k <= 1023; k++) {
    const p = 2 ** k;
    edge.push(p, -p, p * (1 + e), -p * (1 - e / 2));
  }
  // near every multiple of ln2/64 and halfway between (where the reduction's m changes), over the range
  for (let m = -68900; m <= 65600; m += 37) {
    for (const c of [m, m + 0.5]) {
      const v = (c * Math.LN2) / 64;
      edge.push(v, v * (1 - e), v * (1 + e));
    }
  }
  for (let j = 0; j < 64; j++) edge.push(((64 * 3 + j) * Math.LN2) / 64, ((-64 * 5 + j) * Math.LN2) / 64); // every table entry
  return [
    ["U(−20, 20)", gen(1_000_000, () => 40 * r() - 20)],
    ["U(−1, 1)", gen(300_000, () => 2 * r() - 1)],
    ["U(−760, 720) (overflow and underflow)", gen(500_000, () => 1480 * r() - 760)],
    ["x ∈ [−746, −700] (subnormal results)", gen(300_000, () => -700 - 46 * r())],
    ["log-uniform |x| ∈ [1e−320, 1e300]", gen(500_000, () => (r() < 0.5 ? -1 : 1) * 10 ** (-320 + 620 * r()))],
    ["edge cases", Float64Array.from(edge)],
  ];
}
const INPUTS = inputs();

describe("wasm exp and sigmoid: availability", () => {
  it("load on this Node (plain SIMD)", () => {
    expect(elementwiseWasmAvailable()).toBe(true);
  });
});

describe.each([
  ["exp", wasm("exp"), expJs, Math.exp, 1],
  ["sigmoid", wasm("sigmoid"), sigmoidJs, sigmoidRef, 2],
] as const)("%s", (name, wasmKernel, jsKernel, ref, bound) => {
  it.each(INPUTS.map(([label, x]) => [label, x] as const))(`%s: wasm and JS agree bit for bit, within ${bound} ulp of the reference`, (label, x) => {
    const x0 = x.slice();
    const a = new Float64Array(x.length), b = new Float64Array(x.length);
    wasmKernel(x, a);
    jsKernel(x, b);
    expect(firstDiff(x, x0), "input not mutated").toBe(-1);
    const i = firstDiff(a, b);
    expect(i, i < 0 ? "" : `x = ${x[i]}: wasm ${a[i]}, js ${b[i]}`).toBe(-1);
    const { ulps, at } = maxUlps(x, a, ref, `${name} ${label}`);
    if (process.env.EXP_ULPS) console.log(`${name}, ${label}: max ${ulps.toFixed(3)} ulp at x = ${at}`);
    expect(ulps, `max error ${ulps} ulp at x = ${at}`).toBeLessThanOrEqual(bound);
  });

  it("every length around the chunk size and odd tails; in place; out longer than x", () => {
    const r = rng(11);
    const lengths = [0, 1, 2, 3, 5, EXP_WASM_MIN - 1, EXP_WASM_MIN, 63, 64, 65, 4095, 4096, 4097, 8193, 12289];
    const array = name === "exp" ? expArray : sigmoidArray;
    expectKernelAtLengths({ wasm: wasmKernel, js: jsKernel, array }, lengths, () => 30 * (r() - 0.5));
  });
});

describe("special values", () => {
  it("exp: 1 at ±0, ∞ and 0 at ±∞ and beyond the range, NaN stays NaN, the largest finite result and the smallest subnormal", () => {
    const x = Float64Array.from([0, -0, Infinity, -Infinity, NaN, 709.782712893384, 709.7827128933841, -745.1332191019411, -745.1332191019412, 1, 2]);
    for (const k of [wasm("exp"), expJs]) {
      const y = new Float64Array(x.length);
      k(x, y);
      expect(Array.from(y.subarray(0, 4))).toEqual([1, 1, Infinity, 0]);
      expect(y[4]).toBeNaN();
      expect([y[5], y[6], y[7], y[8]]).toEqual([1.7976931348622732e308, Infinity, 5e-324, 0]);
      expect([y[9], y[10]]).toEqual([Math.E, 7.38905609893065]); // correctly rounded
    }
  });

  it("sigmoid: ½ at ±0, 1 and 0 at ±∞, NaN stays NaN, no overflow at ±1000, tiny values for very negative x", () => {
    const x = Float64Array.from([0, -0, Infinity, -Infinity, NaN, 1000, -1000, -740, 40]);
    for (const k of [wasm("sigmoid"), sigmoidJs]) {
      const y = new Float64Array(x.length);
      k(x, y);
      expect(Array.from(y.subarray(0, 4))).toEqual([0.5, 0.5, 1, 0]);
      expect(y[4]).toBeNaN();
      expect([y[5], y[6]]).toEqual([1, 0]);
      expect(y[7]).toBe(Math.exp(-740)); // a subnormal, as e/(1 + e) with 1 + e = 1
      expect(y[8]).toBe(1);
    }
  });
});

describe("the exp and sigmoid ops run the kernels", () => {
  it.each([1, 7, EXP_WASM_MIN - 1, EXP_WASM_MIN, 300])("matrix of %i entries: equal to the JS kernels bit for bit, input not mutated", (n) => {
    const r = rng(n);
    const d = Float64Array.from({ length: n }, () => 40 * (r() - 0.5));
    const d0 = d.slice();
    const M = fromData(1, dim("n", n), d);
    for (const [op, js] of [[exp, expJs], [sigmoid, sigmoidJs]] as const) {
      const want = new Float64Array(n);
      js(d, want);
      expect(firstDiff(op(M).data, want)).toBe(-1);
    }
    expect(firstDiff(d, d0)).toBe(-1);
  });
});
