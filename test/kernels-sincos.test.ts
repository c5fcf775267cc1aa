/**
 * The sin and cos kernels (src/kernels/wasm/elementwise.wat, $sincosv): V8's own algorithm (fdlibm's
 * medium-range reduction and kernels) two entries at a time, so their results are Math.sin's and
 * Math.cos's bit for bit. Checked on the inputs where each branch of that algorithm decides: near
 * multiples of π/2 (the second and third reduction steps, fdlibm's quick check on n < 32), around
 * π/4 and 3π/4 and at π/2's own high word (the special cases of the reduction), below 2^−27 and
 * around 0.3 and 0.78125 (the kernels' branches), at and above 2^20·π/2 and non-finite values
 * (left to Math.sin and Math.cos), each lane of a pair alone with an ordinary one; and through the
 * array entry points and the ops.
 */
import { describe, it, expect } from "vitest";
import { SINCOS_WASM_BOUND, SINCOS_WASM_MIN, cosArray, sinArray, wasmInto } from "../src/kernels/wasm/elementwise-wasm";
import { cos, dim, fromData, sin } from "../src/index";
import { expectKernelAtLengths, firstDiff, rng } from "./core-helpers";

type Kernel = (x: Float64Array, out: Float64Array) => void;
const wasm = (name: "sin" | "cos"): Kernel => (x, out) => {
  if (!wasmInto(name, x, out)) throw new Error(`wasm ${name} unavailable`);
};
const mathSin: Kernel = (x, out) => x.forEach((v, i) => (out[i] = Math.sin(v)));
const mathCos: Kernel = (x, out) => x.forEach((v, i) => (out[i] = Math.cos(v)));

const f64 = new Float64Array(1), bits = new BigInt64Array(f64.buffer);
/** The double `steps` representable numbers away from x (toward +∞ for positive x and steps). */
function nudge(x: number, steps: number): number {
  f64[0] = x;
  bits[0] += BigInt(steps);
  return f64[0];
}
/** The double with these high and low words. */
function fromWords(high: number, low: number): number {
  bits[0] = (BigInt(high) << 32n) | BigInt(low >>> 0);
  return f64[0];
}

/** Inputs that reach every branch, both signs. */
function hardInputs(): number[] {
  const xs: number[] = [];
  const r = rng(5);
  for (const scale of [1e-12, 1e-8, 0.3, 0.8, 1, 2.4, 4, 40, 100, 1e4, 1e6, 1.6e6, 1e7, 1e300]) {
    for (let i = 0; i < 4000; i++) xs.push((2 * r() - 1) * scale);
  }
  // near k·π/2: within 40 doubles (the reduction loses the most bits there; k < 32 takes fdlibm's table)
  for (let k = 1; k < 400; k++) for (let d = -40; d <= 40; d += 3) xs.push(nudge((k * Math.PI) / 2, d));
  // within 2^−16 to 2^−36 relative of k·π/2: the second step without the third, for the table's k and beyond
  for (let k = 1; k < 80; k++) for (let e = 16; e <= 36; e += 4) for (const s of [-1, 1]) xs.push(((k * Math.PI) / 2) * (1 + s * 2 ** -e));
  // the exact multiples and their neighbours: the third step
  for (let k = 1; k < 2000; k++) for (let d = -2; d <= 2; d++) xs.push(nudge((k * Math.PI) / 2, d));
  // y0 losing 16 to 22 bits: where the second step begins
  for (let k = 1; k < 40; k++) for (let e = 15; e <= 22; e++) for (let q = 0; q < 6; q++) xs.push(((k * Math.PI) / 2) * (1 + (r() < 0.5 ? -1 : 1) * 2 ** -e * (1 + r())));
  // the high words where a branch changes, with several low words
  const highs = [0x3e3fffff, 0x3e400000, 0x3fd33332, 0x3fd33333, 0x3fe90000, 0x3fe90001, 0x3fe921fb, 0x3fe921fc, 0x3ff921fa, 0x3ff921fb, 0x3ff921fc, 0x4002d97b, 0x4002d97c, 0x413921fb, 0x413921fc];
  for (const h of highs) for (const l of [0, 1, 0x54442d18, 0x7fffffff, 0xffffffff]) xs.push(fromWords(h, l));
  for (const h of highs) for (let q = 0; q < 200; q++) xs.push(fromWords(h, Math.floor(r() * 2 ** 32)));
  // reduced arguments at __kernel_cos's branches (0.3 and 0.78125) and at 2^−27, in each quadrant
  for (let k = 0; k < 40; k++) for (const y of [0.3, 0.78125, 2 ** -27]) for (let q = 0; q < 40; q++) xs.push((k * Math.PI) / 2 + y * (1 + (r() - 0.5) * 2 ** -20));
  // inputs whose result changes when one branch of the algorithm is left out (found by searching a
  // JS transcription of it, each branch changed in turn): the third step, the second step taken
  // from 17 bits lost (not only from 21), the special case at π/2's high word (against the
  // reduction without it), fdlibm's quick check on n < 32
  xs.push(65359.26436160885, 91553.86390724055, 93595.89913207392, 130718.5287232177);
  xs.push(95537.01956957819, 375577.04879583785, 449179.016159001, 460764.325250548);
  xs.push(1.5707963372513436, 1.570796158713543, 1.5707963269513348, 1.5707963269862837);
  xs.push(36.128234005423394);
  xs.push(0, 5e-324, 1e-310, 2 ** -1022, Math.PI / 4, (3 * Math.PI) / 4, Math.PI / 2, Math.PI, SINCOS_WASM_BOUND, nudge(SINCOS_WASM_BOUND, -1), Number.MAX_VALUE, Infinity, NaN);
  return xs.flatMap((x) => [x, -x]);
}

describe("sin and cos kernels", () => {
  const xs = hardInputs();

  it.each([["sin", mathSin], ["cos", mathCos]] as const)("%s: Math's bits on every branch", (name, math) => {
    const x = Float64Array.from(xs), got = new Float64Array(x.length), want = new Float64Array(x.length);
    wasm(name)(x, got);
    math(x, want);
    const i = firstDiff(got, want);
    expect(i, i < 0 ? "" : `${name}(${x[i]}) = ${got[i]}, Math: ${want[i]}`).toBe(-1);
  });

  it.each([["sin", mathSin], ["cos", mathCos]] as const)("%s: each input alone and beside an ordinary one, in either lane", (name, math) => {
    // a pair goes the short way only when both lanes may: each hard input with 1.0 on either side
    const x = new Float64Array(3 * xs.length);
    xs.forEach((v, i) => x.set([v, 1, v], 3 * i));
    const got = new Float64Array(x.length), want = new Float64Array(x.length);
    wasm(name)(x, got);
    math(x, want);
    const i = firstDiff(got, want);
    expect(i, i < 0 ? "" : `${name}(${x[i]}) = ${got[i]}, Math: ${want[i]}`).toBe(-1);
  });

  it("values Math.sin and Math.cos recompute (|x| ≥ 2^20·π/2, ±∞, NaN) in any chunk, in place, at odd lengths", () => {
    const r = rng(9);
    for (const n of [1, 2, 3, 4095, 4097, 9001]) {
      const x = Float64Array.from({ length: n }, () => 8 * r() - 4);
      for (const at of [0, n - 1, Math.floor(n / 2), Math.min(n - 1, 4100)]) x[at] = [1e9, -Infinity, NaN, SINCOS_WASM_BOUND][at % 4];
      for (const [name, math] of [["sin", mathSin], ["cos", mathCos]] as const) {
        const want = new Float64Array(n);
        math(x, want);
        const out = new Float64Array(n);
        wasm(name)(x, out);
        expect(firstDiff(out, want), `${name}, n = ${n}`).toBe(-1);
        const inPlace = x.slice();
        wasm(name)(inPlace, inPlace);
        expect(firstDiff(inPlace, want), `${name} in place, n = ${n}`).toBe(-1);
      }
    }
  });

  it("every length around the thresholds and the chunk size; in place; out longer than x", () => {
    const r = rng(13);
    const lengths = [0, 1, 2, 3, 5, SINCOS_WASM_MIN - 1, SINCOS_WASM_MIN, 63, 64, 65, 4095, 4096, 4097, 8193];
    expectKernelAtLengths({ wasm: wasm("sin"), js: mathSin, array: sinArray }, lengths, () => 20 * r() - 10);
    expectKernelAtLengths({ wasm: wasm("cos"), js: mathCos, array: cosArray }, lengths, () => 20 * r() - 10);
  });
});

describe("the sin and cos ops run the kernels", () => {
  it.each([1, 7, SINCOS_WASM_MIN - 1, SINCOS_WASM_MIN, 300])("matrix of %i entries: Math's bits, input not mutated", (n) => {
    const r = rng(n + 200);
    const d = Float64Array.from({ length: n }, () => 1e3 * (r() - 0.5));
    const d0 = d.slice();
    const M = fromData(1, dim("n", n), d);
    for (const [name, op, math] of [["sin", sin, mathSin], ["cos", cos, mathCos]] as const) {
      const want = new Float64Array(n);
      math(d, want);
      expect(firstDiff(op(M).data, want), name).toBe(-1);
    }
    expect(firstDiff(d, d0)).toBe(-1);
  });
});
