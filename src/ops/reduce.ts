/**
 * Reductions and their adjoints, the broadcasts.
 *
 * Axis convention (numpy's): `axis = 0` reduces down the rows and leaves a 1×C row,
 * `axis = 1` reduces along each row and leaves an R×1 column. No axis reduces everything to 1×1.
 * Broadcasting is never implicit: `repeatRows`/`repeatCols` (b·1ᵀ) say it in the types.
 */
import { alloc, allocOutput, scalarData } from "../core/alloc";
import type { CheckDimEq, CheckSame, Fmt } from "../../types/shape";
import type { CheckDim, Known } from "../../types/dim";
import { ShapeError, ValueError, checkDim, fmtShape, fmtValue } from "../errors";
import { Matrix, type Row, type Scalar, type Vector } from "../matrix";
import { bind, primitive, type AnyMatrix, type Primitive } from "../core/primitive";
import { member, stacked } from "../core/batching";
import { abs, exp, fill, mul, pow, scale, sqrt, sub } from "./elementwise";
import { expArray } from "../kernels/wasm/elementwise-wasm";
import { copyRows } from "../kernels/copy";

/**
 * An axis to reduce over: `0` down the rows (leaves a 1×C row), `1` along each row (leaves an R×1 column).
 * @example
 * ```ts
 * const A = mat([[1, 2, 3], [4, 5, 6]]);
 * const down = sum(A, 0);                   // Row<3>: [[5, 7, 9]]
 * const along = sum(A, 1);                  // Vector<2>: [6, 15]
 * ```
 */
export type Axis = 0 | 1;

/** Shape of a reduction: 1×1, 1×C (axis 0) or R×1 (axis 1). */
type Reduced<R extends number, C extends number, A extends Axis | undefined> = A extends 0
  ? Row<C>
  : A extends 1
    ? Vector<R>
    : Scalar;

function reducedShape(a: AnyMatrix, axis: Axis | undefined, op = "sum"): readonly [number, number] {
  checkAxis(op, axis);
  return axis === undefined ? [1, 1] : axis === 0 ? [1, a.cols] : [a.rows, 1];
}

function checkAxis(op: string, axis: unknown): void {
  if (axis !== undefined && axis !== 0 && axis !== 1) throw new ShapeError(op, `axis must be 0 (down the rows), 1 (along each row) or omitted, got ${fmtValue(axis)}`);
}

/** Spreads a reduced value back over an r×c matrix (the adjoint of a sum). */
function spread(g: AnyMatrix, axis: Axis | undefined, rows: number, cols: number): AnyMatrix {
  return axis === undefined ? fill(g, rows, cols) : bind(repeatP, [g], axis === 0 ? { axis, n: rows } : { axis, n: cols });
}

/**
 * The summation order that the kernels and jit's fused loops share, so that both give the same
 * bits: entry k of a range (k counted from the range's start) goes to accumulator k mod 4, each
 * accumulator adds its entries in order, and the result is (a₀ + a₁) + (a₂ + a₃). One accumulator
 * would be one chain of dependent adds, about 4 cycles per entry; four run side by side.
 */
function sumRange(x: Float64Array, from: number, to: number): number {
  let a0 = 0, a1 = 0, a2 = 0, a3 = 0, i = from;
  for (const to4 = to - ((to - from) % 4); i < to4; i += 4) {
    a0 += x[i];
    a1 += x[i + 1];
    a2 += x[i + 2];
    a3 += x[i + 3];
  }
  if (i < to) a0 += x[i];
  if (i + 1 < to) a1 += x[i + 1];
  if (i + 2 < to) a2 += x[i + 2];
  return a0 + a1 + (a2 + a3);
}

/**
 * out[j] += Σ_i x[i·n + j]: the rows added onto `out` one after another, in order. Four rows per
 * pass over `out` ((((out + x₀) + x₁) + x₂) + x₃, the same additions in the same order as row by
 * row), so that `out` is read and written once per four rows instead of once per row; the last
 * rows one by one, four entries per step.
 */
function columnSums(x: Float64Array, m: number, n: number, out: Float64Array): void {
  let i = 0;
  for (; i + 4 <= m; i += 4) {
    const o0 = i * n, o1 = o0 + n, o2 = o1 + n, o3 = o2 + n;
    for (let j = 0; j < n; j++) out[j] = out[j] + x[o0 + j] + x[o1 + j] + x[o2 + j] + x[o3 + j];
  }
  const n4 = n - (n % 4);
  for (; i < m; i++) {
    const o = i * n;
    let j = 0;
    for (; j < n4; j += 4) {
      out[j] += x[o + j];
      out[j + 1] += x[o + j + 1];
      out[j + 2] += x[o + j + 2];
      out[j + 3] += x[o + j + 3];
    }
    for (; j < n; j++) out[j] += x[o + j];
  }
}

const sumP: Primitive<Axis | undefined> = primitive<Axis | undefined>({
  name: "sum",
  writesOut: true,
  reduction: (x, axis) => ({ term: x, axis }),
  shape: ([a], axis) => reducedShape(a, axis),
  impl([a], axis, r, c, dest) {
    const x = a.data, m = a.rows, n = a.cols, out = dest?.fill(0) ?? alloc(r * c);
    if (axis === undefined) out[0] = sumRange(x, 0, x.length);
    else if (axis === 0) columnSums(x, m, n, out);
    else {
      for (let i = 0; i < m; i++) out[i] = sumRange(x, i * n, i * n + n);
    }
    return out;
  },
  // Read as K×(r·c), the stacked rows are the members (whole sums); read as (K·r)×c, the members'
  // rows (row sums). Column sums: each member's own.
  batch([a], axis, size) {
    const m = a.rows, n = a.cols;
    if (axis === undefined) return sumP.impl([new Matrix(size, m * n, a.data, null)], 1, size, 1);
    if (axis === 1) return sumP.impl([new Matrix(size * m, n, a.data, null)], 1, size * m, 1);
    const out = alloc(size * n);
    for (let k = 0; k < size; k++) out.set(sumP.impl([new Matrix(m, n, member(a.data, m * n, k), null)], 0, 1, n), k * n);
    return out;
  },
  jvp: (_, [t], _o, axis) => (t === null ? null : sum(t, axis)),
  vjp: ([a], _o, g, axis) => [spread(g, axis, a.rows, a.cols)],
});

/**
 * The sum of all entries (1×1), or along an axis: `sum(A, 0)` is the 1×C row 1ᵀA, `sum(A, 1)` the R×1 column A·1.
 * A sum of all entries or along a row runs four partial sums (entry k to partial sum k mod 4, then
 * (s₀ + s₁) + (s₂ + s₃)), under `jit` too: the last bits can differ from a left-to-right loop's.
 * @example
 * ```ts
 * const A = mat([[1, 2, 3], [4, 5, 6]]);
 * const total = sum(A);                     // Scalar: 21
 * const colSums = sum(A, 0);                // Row<3>
 * const rowSums = sum(A, 1);                // Vector<2>
 * ```
 */
export function sum<R extends number, C extends number>(a: Matrix<R, C>): Scalar;
export function sum<R extends number, C extends number>(a: Matrix<R, C>, axis: 1): Vector<R>;
export function sum<R extends number, C extends number>(a: Matrix<R, C>, axis: 0): Row<C>;
// The literal axes above are overloads rather than cases of `Reduced` only because a conditional
// type costs the checker more on every call; an axis known only as `Axis` lands here.
export function sum<R extends number, C extends number, A extends Axis | undefined = undefined>(a: Matrix<R, C>, axis?: A): Reduced<R, C, A>;
export function sum(a: AnyMatrix, axis?: Axis): AnyMatrix {
  return bind(sumP, [a], axis);
}

const repeatP: Primitive<{ axis: Axis; n: number }> = primitive<{ axis: Axis; n: number }>({
  name: "repeat",
  writesOut: true,
  pointwise: ([x]) => x, // x: the row (axis 0) or the column (axis 1), read as a broadcast
  shape([v], { axis, n }) {
    if (axis === 0 && v.rows !== 1) throw new ShapeError("repeatRows", `expected a row (1×N), got ${fmtShape(v.rows, v.cols)}`);
    if (axis === 1 && v.cols !== 1) throw new ShapeError("repeatCols", `expected a column (N×1), got ${fmtShape(v.rows, v.cols)}`);
    checkDim(axis === 0 ? "repeatRows" : "repeatCols", "a count", n);
    return axis === 0 ? [n, v.cols] : [v.rows, n];
  },
  impl([v], { axis }, r, c, dest) {
    const x = v.data, out = dest ?? allocOutput(r * c);
    // Rows of at least 12 (16) entries by a call of set (fill) each, shorter ones by a loop: on
    // Node 20 a call costs about as much as writing 12 (16) entries by a loop, and from 32 entries
    // on the call is 1.8–2.3× faster than the loop (2026-12-07)
    if (axis === 0 && c >= 12) for (let i = 0; i < r; i++) out.set(x, i * c);
    else if (axis === 0) for (let i = 0, o = 0; i < r; i++) for (let j = 0; j < c; j++, o++) out[o] = x[j];
    else if (c >= 16) for (let i = 0; i < r; i++) out.fill(x[i], i * c, i * c + c);
    else for (let i = 0, o = 0; i < r; i++) for (let j = 0, xi = x[i]; j < c; j++, o++) out[o] = xi;
    return out;
  },
  // stacked columns are one (K·r)×1 column; a stacked row is repeated member by member
  batch([v], p, size, r, c) {
    if (p.axis === 1) return repeatP.impl([new Matrix(size * r, 1, v.data, null)], p, size * r, c);
    const out = alloc(size * r * c), x = v.data;
    for (let k = 0; k < size; k++) copyRows(x, k * c, 0, out, k * r * c, c, r, c);
    return out;
  },
  jvp: (_, [t], _o, p) => (t === null ? null : bind(repeatP, [t], p)),
  vjp: (_p, _o, g, { axis }) => [sum(g, axis)],
});

/**
 * `1·b`: the row `b` repeated as the n rows of an n×C matrix.
 * @example
 * ```ts
 * const B = repeatRows(row([1, 2]), 3);     // Matrix<3, 2>
 * ```
 */
export function repeatRows<C extends number, N extends number>(b: Row<C>, n: N & CheckDim<N>): Matrix<N, C> {
  return bind(repeatP, [b], { axis: 0, n }) as Matrix<N, C>;
}

/**
 * `b·1ᵀ`: the column `b` repeated as the n columns of an R×n matrix.
 * @example
 * ```ts
 * const B = repeatCols(vec([1, 2]), 4);     // Matrix<2, 4>
 * ```
 */
export function repeatCols<R extends number, N extends number>(b: Vector<R>, n: N & CheckDim<N>): Matrix<R, N> {
  return bind(repeatP, [b], { axis: 1, n }) as Matrix<R, N>;
}

/** A + b broadcast along `axis` (0: b is a row added to every row; 1: b is a column added to every column), in one pass. */
const addBroadcastP: Primitive<Axis> = primitive<Axis>({
  name: "addBroadcast",
  writesOut: true,
  pointwise: ([x, b]) => `${x} + ${b}`, // b: a row (axis 0) or a column (axis 1) broadcast
  shape([a, b], axis) {
    const ok = axis === 0 ? b.rows === 1 && b.cols === a.cols : b.cols === 1 && b.rows === a.rows;
    if (!ok) throw new ShapeError(axis === 0 ? "addToRows" : "addToCols", `cannot broadcast ${fmtShape(b.rows, b.cols)} over ${fmtShape(a.rows, a.cols)}`);
    return [a.rows, a.cols];
  },
  impl([a, b], axis, r, c, dest) {
    const x = a.data, v = b.data, out = dest ?? allocOutput(r * c);
    if (axis === 0) {
      // a bias per column (samples as rows): four rows per pass, each v[j] read once for the four
      // (1.7–2.9× faster than a row per pass at 16×16 to 4096×32; unrolling along the row was not)
      let i = 0;
      for (; i + 4 <= r; i += 4) {
        const o0 = i * c, o1 = o0 + c, o2 = o1 + c, o3 = o2 + c;
        for (let j = 0; j < c; j++) {
          const vj = v[j];
          out[o0 + j] = x[o0 + j] + vj;
          out[o1 + j] = x[o1 + j] + vj;
          out[o2 + j] = x[o2 + j] + vj;
          out[o3 + j] = x[o3 + j] + vj;
        }
      }
      for (; i < r; i++) for (let j = 0, o = i * c; j < c; j++, o++) out[o] = x[o] + v[j];
      return out;
    }
    // a bias per row (samples as columns): 4 entries per pass, as V8 does not unroll (about 2× faster)
    const c4 = c - (c % 4);
    for (let i = 0; i < r; i++) {
      const bi = v[i], o = i * c, e4 = o + c4, e = o + c;
      let k = o;
      for (; k < e4; k += 4) {
        out[k] = x[k] + bi;
        out[k + 1] = x[k + 1] + bi;
        out[k + 2] = x[k + 2] + bi;
        out[k + 3] = x[k + 3] + bi;
      }
      for (; k < e; k++) out[k] = x[k] + bi;
    }
    return out;
  },
  // Read as (K·r)×c, the stacked matrix holds the members' rows: a bias column, stacked (or tiled
  // when single), is then a (K·r)×1 column, and a single bias row fits every row. Stacked bias
  // rows: member by member.
  batch([a, b], axis, size, r, c) {
    if (axis === 0 && b.batched) return null;
    const bias = axis === 1 ? new Matrix(size * r, 1, stacked(b, size), null) : new Matrix(1, c, b.data, null);
    return addBroadcastP.impl([new Matrix(size * r, c, stacked(a, size), null), bias], axis, size * r, c);
  },
  jvp([a], [ta, tb], _o, axis) {
    if (tb === null) return ta;
    return bind(addBroadcastP, [ta ?? new Matrix(a.rows, a.cols, alloc(a.rows * a.cols), null), tb], axis);
  },
  // the bias collects the cotangent summed over the broadcast axis
  vjp: (_p, _o, g, axis, [na, nb]) => [na ? g : null, nb ? sum(g, axis) : null],
});

/**
 * `A + b·1ᵀ`: adds the column `b` (R×1) to every column of A (a bias per output, samples as columns).
 * @example
 * ```ts
 * const Z = addToCols(zeros(2, 5), vec([1, -1]));   // Matrix<2, 5>: one bias per row, 5 samples as columns
 * ```
 */
export function addToCols<R extends number, C extends number>(a: Matrix<R, C>, b: Vector<Known<R>>): Matrix<R, C>;
/** @internal Reached only when the column does not fit: the parameter type carries the message. */
export function addToCols<R extends number, C extends number, R2 extends number>(
  a: Matrix<R, C>,
  b: Vector<R2> & CheckDimEq<`addToCols: the column is ${Fmt<R2, 1>}, A is ${Fmt<R, C>}`, R, R2>,
): Matrix<R, C>;
export function addToCols(a: AnyMatrix, b: AnyMatrix): AnyMatrix {
  const v = b;
  if (v.cols !== 1 || v.rows !== a.rows) throw new ShapeError("addToCols", `expected a ${fmtShape(a.rows, 1)} column for A ${fmtShape(a.rows, a.cols)}, got ${fmtShape(v.rows, v.cols)}`);
  return bind(addBroadcastP, [a, v], 1);
}

/**
 * `A + 1·b`: adds the row `b` (1×C) to every row of A (a bias per feature, samples as rows).
 * @example
 * ```ts
 * const Z = addToRows(zeros(5, 2), row([1, -1]));   // Matrix<5, 2>: one bias per column, 5 samples as rows
 * ```
 */
export function addToRows<R extends number, C extends number>(a: Matrix<R, C>, b: Row<Known<C>>): Matrix<R, C>;
/** @internal Reached only when the row does not fit: the parameter type carries the message. */
export function addToRows<R extends number, C extends number, C2 extends number>(
  a: Matrix<R, C>,
  b: Row<C2> & CheckDimEq<`addToRows: the row is ${Fmt<1, C2>}, A is ${Fmt<R, C>}`, C, C2>,
): Matrix<R, C>;
export function addToRows(a: AnyMatrix, b: AnyMatrix): AnyMatrix {
  const v = b;
  if (v.rows !== 1 || v.cols !== a.cols) throw new ShapeError("addToRows", `expected a ${fmtShape(1, a.cols)} row for A ${fmtShape(a.rows, a.cols)}, got ${fmtShape(v.rows, v.cols)}`);
  return bind(addBroadcastP, [a, v], 0);
}

// ---------------------------------------------------------------- max, log-sum-exp, softmax

const maxP: Primitive = primitive({
  name: "max",
  shape: ([a]) => {
    if (a.rows * a.cols === 0) throw new ShapeError("max", "the matrix is empty (0 entries)");
    return [1, 1];
  },
  impl([a]) {
    return scalarData(a.data[argmax(a.data)]);
  },
  jvp: ([a], [t]) => (t === null ? null : sum(mul(t, onehot(a)))),
  vjp: ([a], _o, g) => [mul(fill(g, a.rows, a.cols), onehot(a))],
});

function argmax(x: Float64Array): number {
  let k = 0;
  for (let i = 1; i < x.length; i++) if (x[i] > x[k] || Number.isNaN(x[i])) k = i;
  return k;
}

/** A constant 0/1 matrix marking the (first) largest entry of `a`. */
function onehot(a: AnyMatrix): AnyMatrix {
  let plain = a;
  while (plain._box !== null) plain = plain._box.primal;
  if (plain.data.length !== a.rows * a.cols) return bind(onehotP, [a], undefined); // symbolic: no entries to read
  const out = alloc(a.rows * a.cols);
  out[argmax(plain.data)] = 1;
  return new Matrix(a.rows, a.cols, out, null);
}

/** onehot(a) as a primitive, for symbolic values (src/symbolic); a constant, so its derivative is 0. */
const onehotP: Primitive = primitive({
  name: "onehotMax",
  shape: ([a]) => [a.rows, a.cols],
  impl([a]) {
    const out = alloc(a.data.length);
    out[argmax(a.data)] = 1;
    return out;
  },
  jvp: () => null,
  vjp: () => [null],
});

/**
 * The largest entry (1×1). Its derivative picks that entry (the first, on ties).
 * @example
 * ```ts
 * const m = max(mat([[1, 7], [3, 2]]));     // Scalar: 7
 * ```
 */
export function max<R extends number, C extends number>(a: Matrix<R, C>): Scalar {
  return bind(maxP, [a], undefined) as Scalar;
}

/**
 * log Σ exp over each run of entries (all of them, each column or each row), shifted by the run's
 * max m so it neither overflows nor underflows: the shifted entries of all runs go through the exp
 * kernel in one call (Wasm SIMD from EXP_WASM_MIN entries), then each run is summed in order. A run
 * whose max is ±∞ or NaN has that as its result (its shifted entries are not read).
 */
function logSumExpRuns(x: Float64Array, rows: number, cols: number, axis: Axis | undefined, out: Float64Array): void {
  const shifted = allocOutput(x.length);
  out.fill(-Infinity); // the result of an empty run
  if (axis === 0) {
    // columns, swept row by row so that every pass reads memory in order; the max takes four rows
    // per pass (a max does not depend on the order), the sums add the rows in order (columnSums)
    const sums = alloc(cols);
    let i = 0;
    for (let o = 0; i + 4 <= rows; i += 4, o += 4 * cols) {
      for (let j = 0; j < cols; j++) out[j] = Math.max(out[j], x[o + j], x[o + cols + j], x[o + 2 * cols + j], x[o + 3 * cols + j]);
    }
    for (let o = i * cols; i < rows; i++, o += cols) for (let j = 0; j < cols; j++) out[j] = Math.max(out[j], x[o + j]);
    for (let r = 0, o = 0; r < rows; r++, o += cols) for (let j = 0; j < cols; j++) shifted[o + j] = x[o + j] - out[j];
    expArray(shifted, shifted);
    columnSums(shifted, rows, cols, sums);
    for (let j = 0; j < cols; j++) if (Number.isFinite(out[j])) out[j] += Math.log(sums[j]);
    return;
  }
  // contiguous runs: the whole array, or each row
  logSumExpRows(x, axis === undefined ? 1 : rows, axis === undefined ? x.length : cols, shifted, out);
}

/**
 * Rows shorter than this go four at a time in `logSumExpRows`. Against row by row (old and new
 * builds alternating, 2026-12-07): `logSumExp(Z, 1)` 1.22× faster at 256×10 (a softmax over 10
 * classes, samples as rows) and 1.44× at 1024×3; a softmax regression's value and gradient (256
 * samples, 20 features, 10 classes) 1.09× eager and 1.11× under `jit`.
 */
const NARROW_ROW = 32;

/**
 * `logSumExpRuns` for `rows` contiguous runs of n entries: each run's max m, x − m, the
 * exponentials of all runs in one call, each run's sum in order. Runs of n < NARROW_ROW entries go
 * four per pass, so that their maxima and their sums are four independent chains of operations
 * rather than one short chain per run; each run's sum still adds its entries in its own order, and
 * a max does not depend on the order: the same bits either way.
 */
function logSumExpRows(x: Float64Array, rows: number, n: number, shifted: Float64Array, out: Float64Array): void {
  const grouped = n < NARROW_ROW ? rows - (rows % 4) : 0;
  for (let r = 0; r < grouped; r += 4) {
    const b = r * n;
    let m0 = -Infinity, m1 = -Infinity, m2 = -Infinity, m3 = -Infinity;
    for (let k = b; k < b + n; k++) {
      m0 = Math.max(m0, x[k]);
      m1 = Math.max(m1, x[k + n]);
      m2 = Math.max(m2, x[k + 2 * n]);
      m3 = Math.max(m3, x[k + 3 * n]);
    }
    out[r] = m0;
    out[r + 1] = m1;
    out[r + 2] = m2;
    out[r + 3] = m3;
    for (let k = b; k < b + n; k++) {
      shifted[k] = x[k] - m0;
      shifted[k + n] = x[k + n] - m1;
      shifted[k + 2 * n] = x[k + 2 * n] - m2;
      shifted[k + 3 * n] = x[k + 3 * n] - m3;
    }
  }
  for (let r = grouped; r < rows; r++) {
    const b = r * n, m = runMax(x, b, b + n);
    out[r] = m;
    for (let k = b; k < b + n; k++) shifted[k] = x[k] - m;
  }
  expArray(shifted, shifted);
  for (let r = 0; r < grouped; r += 4) {
    const b = r * n;
    let s0 = 0, s1 = 0, s2 = 0, s3 = 0;
    for (let k = b; k < b + n; k++) {
      s0 += shifted[k];
      s1 += shifted[k + n];
      s2 += shifted[k + 2 * n];
      s3 += shifted[k + 3 * n];
    }
    if (Number.isFinite(out[r])) out[r] += Math.log(s0);
    if (Number.isFinite(out[r + 1])) out[r + 1] += Math.log(s1);
    if (Number.isFinite(out[r + 2])) out[r + 2] += Math.log(s2);
    if (Number.isFinite(out[r + 3])) out[r + 3] += Math.log(s3);
  }
  for (let r = grouped; r < rows; r++) {
    if (!Number.isFinite(out[r])) continue;
    let s = 0;
    for (let k = r * n; k < r * n + n; k++) s += shifted[k];
    out[r] += Math.log(s);
  }
}

/**
 * The largest of x[from..to), −∞ for none, NaN if any is NaN: four running maxima, as a max does
 * not depend on the order in which the entries are taken (Math.max(−0, +0) is +0 either way).
 */
function runMax(x: Float64Array, from: number, to: number): number {
  let m0 = -Infinity, m1 = -Infinity, m2 = -Infinity, m3 = -Infinity;
  let k = from;
  for (; k + 4 <= to; k += 4) {
    m0 = Math.max(m0, x[k]);
    m1 = Math.max(m1, x[k + 1]);
    m2 = Math.max(m2, x[k + 2]);
    m3 = Math.max(m3, x[k + 3]);
  }
  for (; k < to; k++) m0 = Math.max(m0, x[k]);
  return Math.max(m0, m1, m2, m3);
}

const logSumExpP: Primitive<Axis | undefined> = primitive<Axis | undefined>({
  name: "logSumExp",
  shape: ([a], axis) => reducedShape(a, axis, "logSumExp"),
  impl([a], axis, r, c) {
    const out = alloc(r * c);
    logSumExpRuns(a.data, a.rows, a.cols, axis, out);
    return out;
  },
  // ∂ lse(x)/∂x = softmax(x)ᵀ
  jvp: ([a], [t], out, axis) => (t === null ? null : sum(mul(t, softmaxFrom(a, out, axis)), axis)),
  vjp: ([a], out, g, axis) => [mul(softmaxFrom(a, out, axis), spread(g, axis, a.rows, a.cols))],
});

/** exp(x − lse(x)) given lse. */
function softmaxFrom(a: AnyMatrix, lse: AnyMatrix, axis: Axis | undefined): AnyMatrix {
  return exp(sub(a, spread(lse, axis, a.rows, a.cols)));
}

/**
 * log Σ exp(xᵢ), computed stably (the max is subtracted first); over all entries or along an axis.
 * @example
 * ```ts
 * const l = logSumExp(vec([1000, 1000]));   // Scalar: 1000 + log 2, no overflow
 * const perColumn = logSumExp(mat([[0, 1], [0, 1]]), 0);   // Row<2>
 * ```
 */
export function logSumExp<R extends number, C extends number, A extends Axis | undefined = undefined>(a: Matrix<R, C>, axis?: A): Reduced<R, C, A> {
  return bind(logSumExpP, [a], axis) as Reduced<R, C, A>;
}

/**
 * softmax(x)ᵢ = exp(xᵢ − lse(x)): over all entries, or per column (axis 0) / per row (axis 1). Never overflows.
 * @example
 * ```ts
 * const p = softmax(vec([1, 2, 3]));        // Vector<3>, sums to 1
 * const P = softmax(mat([[1, 2], [3, 4], [5, 6]]), 0);   // Matrix<3, 2>: each column sums to 1
 * ```
 */
export function softmax<R extends number, C extends number>(a: Matrix<R, C>, axis?: Axis): Matrix<R, C> {
  checkAxis("softmax", axis);
  return softmaxFrom(a, logSumExp(a, axis), axis) as Matrix<R, C>;
}

/**
 * log softmax(x) = x − lse(x), stable for large inputs; over all entries or per column/row.
 * @example
 * ```ts
 * const lp = logSoftmax(vec([1, 2, 3]));    // Vector<3>: log softmax
 * ```
 */
export function logSoftmax<R extends number, C extends number>(a: Matrix<R, C>, axis?: Axis): Matrix<R, C> {
  checkAxis("logSoftmax", axis);
  return sub(a as AnyMatrix, spread(logSumExp(a, axis), axis, a.rows, a.cols)) as Matrix<R, C>;
}

// ---------------------------------------------------------------- products and norms

/**
 * ‖A‖²_F = Σ aᵢⱼ² (1×1), added in four partial sums as `sum` does.
 * @example
 * ```ts
 * const s = sumSquares(vec([3, 4]));        // Scalar: 25
 * const g = grad((v: Vector<2>) => sumSquares(v))(vec([3, 4]));   // Row<2>: 2xᵀ = [[6, 8]]
 * ```
 */
export function sumSquares<R extends number, C extends number>(a: Matrix<R, C>): Scalar {
  return bind(sumSquaresP, [a], undefined) as Scalar;
}

const sumSquaresP: Primitive = primitive({
  name: "sumSquares",
  reduction: (x) => ({ term: `${x} * ${x}`, axis: undefined }),
  shape: () => [1, 1],
  impl([a]) {
    // in sumRange's order (shared with jit's fused loops)
    const x = a.data, n = x.length;
    let a0 = 0, a1 = 0, a2 = 0, a3 = 0, i = 0;
    for (const n4 = n - (n % 4); i < n4; i += 4) {
      const p = x[i], q = x[i + 1], r = x[i + 2], t = x[i + 3];
      a0 += p * p;
      a1 += q * q;
      a2 += r * r;
      a3 += t * t;
    }
    if (i < n) a0 += x[i] * x[i];
    if (i + 1 < n) a1 += x[i + 1] * x[i + 1];
    if (i + 2 < n) a2 += x[i + 2] * x[i + 2];
    return scalarData(a0 + a1 + (a2 + a3));
  },
  // d Σx² = 2 Σ x⊙dx;  x̄ = 2ḡ·x
  jvp: ([a], [t]) => (t === null ? null : scale(sum(mul(a, t)), 2)),
  vjp: ([a], _o, g) => [scale(a, scale(g, 2))],
});

/**
 * `aᵀb` = Σ aᵢbᵢ for two matrices of the same shape (1×1).
 * @example
 * ```ts
 * const d = dot(vec([1, 2, 3]), vec([4, 5, 6]));   // Scalar: 32
 * ```
 */
export function dot<R extends number, C extends number, R2 extends number, C2 extends number>(
  a: Matrix<R, C>,
  b: Matrix<Known<R>, Known<C>> | (Matrix<R2, C2> & CheckSame<"dot", R, C, R2, C2>),
): Scalar {
  const v = b as AnyMatrix;
  if (a.rows !== v.rows || a.cols !== v.cols) throw new ShapeError("dot", `shapes differ (${fmtShape(a.rows, a.cols)} vs ${fmtShape(v.rows, v.cols)})`);
  const n = a.rows * a.cols;
  if (a._box === null && v._box === null && a.data.length === n && v.data.length === n) {
    // plain values (not traced, not symbolic): sum's order over mul's products in one pass, so the
    // bits of sum(mul(a, b)) without the array of products
    return new Matrix(1, 1, scalarData(dotRange(a.data, v.data, n)), null);
  }
  return sum(mul(a as AnyMatrix, v));
}

/**
 * Σ x[k]·y[k] for k < n, the products added in `sumRange`'s order (four accumulators). sumSquares'
 * kernel is this loop with y = x, kept as its own: reading each entry once there is 10–13% faster
 * than dotRange(x, x, n) (1,024 and 32,768 entries, 2026-12-07).
 */
function dotRange(x: Float64Array, y: Float64Array, n: number): number {
  let a0 = 0, a1 = 0, a2 = 0, a3 = 0, i = 0;
  for (const n4 = n - (n % 4); i < n4; i += 4) {
    a0 += x[i] * y[i];
    a1 += x[i + 1] * y[i + 1];
    a2 += x[i + 2] * y[i + 2];
    a3 += x[i + 3] * y[i + 3];
  }
  if (i < n) a0 += x[i] * y[i];
  if (i + 1 < n) a1 += x[i + 1] * y[i + 1];
  if (i + 2 < n) a2 += x[i + 2] * y[i + 2];
  return a0 + a1 + (a2 + a3);
}

/**
 * Which norm: 1, 2 (Euclidean / Frobenius), Infinity, "fro", or any p ≥ 1 (below 1 it is not a norm).
 * @example
 * ```ts
 * const p: NormOrder = "fro";
 * const n = norm(eye(2), p);                // Scalar: √2
 * ```
 */
export type NormOrder = number | "fro";

/**
 * The entry-wise p-norm (‖x‖ₚ = (Σ|xᵢ|ᵖ)^{1/p}); `2` and `"fro"` are the Euclidean / Frobenius norm,
 * `Infinity` the largest |xᵢ|. For a matrix this is the entry-wise norm, not the induced operator norm.
 * @example
 * ```ts
 * const x = vec([3, -4]);
 * const l2 = norm(x);                       // Scalar: 5
 * const l1 = norm(x, 1);                    // Scalar: 7
 * const lInf = norm(x, Infinity);           // Scalar: 4
 * ```
 */
export function norm<R extends number, C extends number>(a: Matrix<R, C>, p: NormOrder = 2): Scalar {
  if (p === 2 || p === "fro") return sqrt(sumSquares(a));
  if (p === 1) return sum(abs(a));
  if (p === Infinity) return max(abs(a));
  if (typeof p !== "number" || !(p >= 1)) throw new ValueError("norm", `p must be a number ≥ 1, 'fro' or Infinity, got ${fmtValue(p)}`);
  return pow(sum(pow(abs(a), p)), 1 / p);
}

/**
 * Mean of all entries (1×1).
 * @example
 * ```ts
 * const m = mean(mat([[1, 2], [3, 4]]));    // Scalar: 2.5
 * ```
 */
export function mean<R extends number, C extends number>(a: Matrix<R, C>): Scalar {
  return scale(sum(a), 1 / (a.rows * a.cols));
}

