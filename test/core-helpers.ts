/** Shared helpers for the core-*.test.ts suites: a seeded RNG (no Math.random) and matrix comparisons. */
import { expect } from "vitest";
import { fromData, observeKernels, type Matrix } from "../src/index";
import { uniform } from "../bench/random";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type M = Matrix<any, any>;

/** A small seeded PRNG (the benchmarks' mulberry32), uniform in [0, 1), so failures reproduce. */
export const rng: (seed: number) => () => number = uniform;

/** `fn`'s result, and the kernels it ran in order, as the kernel observer reports them (entries: rows·cols). */
export function kernelRuns<T>(fn: () => T): { result: T; runs: { name: string; entries: number }[] } {
  const runs: { name: string; entries: number }[] = [];
  const prev = observeKernels((name, rows, cols) => void runs.push({ name, entries: rows * cols }));
  try {
    return { result: fn(), runs };
  } finally {
    observeKernels(prev);
  }
}

/** An integer in [lo, hi] from `r`. */
export function randInt(r: () => number, lo: number, hi: number): number {
  return lo + Math.floor(r() * (hi - lo + 1));
}

/** len entries uniform in [−1, 1), from the seeded generator `r`. */
export function randArray(len: number, r: () => number): Float64Array {
  const x = new Float64Array(len);
  for (let i = 0; i < len; i++) x[i] = r() * 2 - 1;
  return x;
}

/** A rows×cols matrix with entries uniform in [lo, hi), from the seeded generator. */
export function randMat(rows: number, cols: number, seed: number, lo = -1, hi = 1): M {
  const r = rng(seed);
  const d = new Float64Array(rows * cols);
  for (let i = 0; i < d.length; i++) d[i] = lo + (hi - lo) * r();
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  return fromData(rows as any, cols as any, d);
}

/** A well-conditioned square matrix: random entries plus n on the diagonal (strictly diagonally dominant). */
export function wellConditioned(n: number, seed: number): M {
  const a = randMat(n, n, seed);
  const d = Float64Array.from(a.data);
  for (let i = 0; i < n; i++) d[i * n + i] += n;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  return fromData(n as any, n as any, d);
}

/** Reference product by the naive triple loop on nested arrays. */
export function naiveMatmul(a: number[][], b: number[][]): number[][] {
  const m = a.length, k = b.length, n = k === 0 ? 0 : b[0].length;
  const out: number[][] = [];
  for (let i = 0; i < m; i++) {
    const row: number[] = [];
    for (let j = 0; j < n; j++) {
      let s = 0;
      for (let p = 0; p < k; p++) s += a[i][p] * b[p][j];
      row.push(s);
    }
    out.push(row);
  }
  return out;
}

/** The n×n identity as nested arrays. */
export function identityArray(n: number): number[][] {
  return Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => (i === j ? 1 : 0)));
}

/** Asserts shape and every entry within `tol` (absolute). NaN matches NaN, ±Infinity match exactly. */
export function expectMat(m: M, expected: readonly (readonly number[])[], tol = 0): void {
  const rows = expected.length, cols = rows === 0 ? 0 : expected[0].length;
  expect(m.shape, "shape").toEqual([rows, cols]);
  expect(m.data.length, "data length").toBe(rows * cols);
  for (let i = 0; i < rows; i++)
    for (let j = 0; j < cols; j++) expectNum(m.data[i * cols + j], expected[i][j], tol, `entry (${i}, ${j})`);
}

/** Asserts a number within `tol` (absolute) of the expected value, with NaN/Infinity handled exactly. */
export function expectNum(actual: number, expected: number, tol = 0, what = "value"): void {
  if (Number.isNaN(expected)) {
    expect(actual, what).toBeNaN();
    return;
  }
  if (!Number.isFinite(expected)) {
    expect(actual, what).toBe(expected);
    return;
  }
  if (tol === 0) expect(actual, what).toBe(expected);
  else if (!(Math.abs(actual - expected) <= tol)) {
    expect.fail(`${what}: expected ${expected} ± ${tol}, got ${actual} (off by ${Math.abs(actual - expected)})`);
  }
}

/** Largest absolute entry-wise difference between two equally shaped matrices (asserts the shapes agree). */
export function maxAbsDiff(a: M, b: M): number {
  expect(a.shape).toEqual(b.shape);
  let d = 0;
  for (let i = 0; i < a.data.length; i++) d = Math.max(d, Math.abs(a.data[i] - b.data[i]));
  return d;
}

/** Asserts two matrices agree in shape and entries within `tol`. */
export function expectSame(a: M, b: M, tol = 0): void {
  expectMat(a, b.toArray(), tol);
}

const bits = new DataView(new ArrayBuffer(8));
/** The spacing of doubles at |y| (2^−1074 for subnormals and zero). */
export function ulp(y: number): number {
  bits.setFloat64(0, y);
  const e = (bits.getUint32(0) >>> 20) & 0x7ff;
  return e === 0 ? 2 ** -1074 : 2 ** (e - 1075);
}

/** Max error in ulp of the reference's value; throws where the reference is 0, ±∞ or NaN and the kernel is not exactly that. */
export function maxUlps(x: Float64Array, y: Float64Array, ref: (v: number) => number, what: string): { ulps: number; at: number } {
  let ulps = 0, at = NaN;
  for (let i = 0; i < x.length; i++) {
    const r = ref(x[i]);
    if (r === 0 || !Number.isFinite(r)) {
      if (!Object.is(y[i], r)) throw new Error(`${what}(${x[i]}) = ${y[i]}, expected ${r}`);
      continue;
    }
    const u = Math.abs(y[i] - r) / ulp(r);
    if (!(u <= ulps)) {
      ulps = u;
      at = x[i];
    }
  }
  return { ulps, at };
}

/** Index of the first entry where a and b differ bit for bit (NaN payloads aside), or −1: without vitest's slow deep diff on large arrays. */
export function firstDiff(a: Float64Array, b: Float64Array): number {
  if (a.length !== b.length) return 0;
  for (let i = 0; i < a.length; i++) if (!Object.is(a[i], b[i])) return i;
  return -1;
}

type ArrayKernel = (x: Float64Array, out: Float64Array) => void;

/**
 * An element-wise Wasm kernel against its JS twin at each of `lengths` (entries drawn by `entry`):
 * bit for bit, with `out` longer than x (entries past x untouched), the input not mutated, in place
 * on a view with an offset, and through the array entry point that picks one of the two.
 */
export function expectKernelAtLengths(
  kernels: { readonly wasm: ArrayKernel; readonly js: ArrayKernel; readonly array: ArrayKernel },
  lengths: readonly number[],
  entry: () => number,
): void {
  for (const n of lengths) {
    const x = Float64Array.from({ length: n }, entry);
    const x0 = x.slice();
    const want = new Float64Array(n);
    kernels.js(x, want);
    const out = new Float64Array(n + 3).fill(7);
    kernels.wasm(x, out);
    expect(firstDiff(out.subarray(0, n), want), `n = ${n}`).toBe(-1);
    expect(Array.from(out.subarray(n)), `n = ${n}: entries past x untouched`).toEqual([7, 7, 7]);
    expect(firstDiff(x, x0), `n = ${n}: input not mutated`).toBe(-1);
    const buf = new Float64Array(n + 5);
    buf.set(x, 5);
    const view = buf.subarray(5);
    kernels.wasm(view, view);
    expect(firstDiff(view, want), `n = ${n} in place`).toBe(-1);
    const arr = new Float64Array(n);
    kernels.array(x, arr);
    expect(firstDiff(arr, want), `n = ${n} through the array entry point`).toBe(-1);
  }
}
