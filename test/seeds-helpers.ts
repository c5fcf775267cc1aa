/**
 * Shared helpers for the seeds-00k.test.ts suites (derivative examples of the lecture notes,
 * catalogued in docs/seed-examples.md): closeness checks, central finite differences that do not
 * go through the library's differentiation code, and well-conditioned random inputs.
 */
import { expect } from "vitest";
import { Matrix, Tensor, eye, randn } from "../src/index";

/** Relative tolerance for comparisons with a closed form of the notes. */
export const RTOL = 1e-9;
/** Relative tolerance for comparisons with central finite differences. */
export const FD_RTOL = 1e-6;

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyM = Matrix<any, any>;
type Values = AnyM | Tensor | Float64Array | readonly number[] | readonly (readonly number[])[] | number;

function valuesOf(v: Values): { shape: number[] | null; data: ArrayLike<number> } {
  if (typeof v === "number") return { shape: null, data: [v] };
  if (v instanceof Matrix) return { shape: [v.rows, v.cols], data: v.data };
  if (v instanceof Tensor) return { shape: v.shape as number[], data: v.data };
  if (v instanceof Float64Array) return { shape: null, data: v };
  if (v.length > 0 && Array.isArray(v[0])) {
    const rows = v as readonly (readonly number[])[];
    return { shape: [rows.length, rows[0].length], data: rows.flat() };
  }
  return { shape: null, data: v as readonly number[] };
}

/**
 * Asserts `actual` ≈ `expected` entry by entry (row-major data), |a − b| ≤ rtol · max|b| (norm-wise
 * relative; an all-zero expectation needs |a| ≤ rtol). When both sides carry a shape (Matrix,
 * Tensor, nested array) the shapes must agree too.
 */
export function expectClose(actual: Values, expected: Values, rtol = RTOL, what = "value"): void {
  const a = valuesOf(actual), b = valuesOf(expected);
  if (a.shape !== null && b.shape !== null) expect(a.shape, `${what}: shape`).toEqual(b.shape);
  expect(a.data.length, `${what}: number of entries`).toBe(b.data.length);
  let scale = 0;
  for (let i = 0; i < b.data.length; i++) scale = Math.max(scale, Math.abs(b.data[i]));
  const tol = rtol * (scale === 0 ? 1 : scale);
  let worst = 0, at = -1;
  for (let i = 0; i < b.data.length; i++) {
    const d = Math.abs(a.data[i] - b.data[i]);
    if (!(d <= worst)) {
      worst = d;
      at = i;
    }
  }
  if (!(worst <= tol)) {
    expect.fail(`${what}: entry ${at} is ${a.data[at]}, expected ${b.data[at]} (|diff| ${worst.toExponential(3)} > tol ${tol.toExponential(3)})`);
  }
}

/** A plain copy of a matrix with entry k (row-major) moved by `h`. */
function bumped(x: AnyM, k: number, h: number): AnyM {
  const d = Float64Array.from(x.data);
  d[k] += h;
  return new Matrix(x.rows, x.cols, d, null) as AnyM;
}

/**
 * The (∏out)×(∏in) Jacobian of f at x by central differences (f(x + h eₖ) − f(x − h eₖ)) / 2h,
 * row-major over both sides: the same order as `Tensor.data` / `toMatrix()` of a library Jacobian.
 * Evaluates f on plain (untraced) values only.
 */
export function fdJacobian(f: (x: AnyM) => AnyM, x: AnyM, h = 1e-6): Matrix<number, number> {
  const y0 = f(x);
  const m = y0.rows * y0.cols, n = x.rows * x.cols;
  const out = new Float64Array(m * n);
  for (let k = 0; k < n; k++) {
    const fp = f(bumped(x, k, h)).data, fm = f(bumped(x, k, -h)).data;
    for (let o = 0; o < m; o++) out[o * n + k] = (fp[o] - fm[o]) / (2 * h);
  }
  return new Matrix(m, n, out, null);
}

/** The derivative of a plain number function by central differences. */
export function fdScalar(f: (t: number) => number, t: number, h = 1e-6): number {
  return (f(t + h) - f(t - h)) / (2 * h);
}

/** Row-major data of a tensor of the given shape from a function of the full index. */
export function tensorData(shape: readonly number[], entry: (...idx: number[]) => number): Float64Array {
  const n = shape.reduce((a, b) => a * b, 1);
  const out = new Float64Array(n);
  const idx = new Array<number>(shape.length).fill(0);
  for (let k = 0; k < n; k++) {
    let r = k;
    for (let d = shape.length - 1; d >= 0; d--) {
      idx[d] = r % shape[d];
      r = Math.floor(r / shape[d]);
    }
    out[k] = entry(...idx);
  }
  return out;
}

/** A random n×n matrix plus n·I: strictly well conditioned, safe to invert. */
export function wellConditioned<N extends number>(n: N, seed: number): Matrix<N, N> {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  return randn(n as any, n as any, { seed }).add(eye(n as any).scale(n)) as unknown as Matrix<N, N>;
}

/** A random symmetric n×n matrix (B + Bᵀ)/2. */
export function symmetric<N extends number>(n: N, seed: number): Matrix<N, N> {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const b = randn(n as any, n as any, { seed }) as AnyM;
  return b.add(b.T).scale(0.5) as unknown as Matrix<N, N>;
}

/** The n×n identity as a plain number. */
export const kron = (i: number, j: number): number => (i === j ? 1 : 0);
