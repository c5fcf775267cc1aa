/**
 * Structure: reshaping, slicing, concatenation, assembling from scalars, diagonals.
 * Slicing and padding are each other's adjoints, as are reshapes, as are diag and diagPart.
 */
import { copyOf, alloc } from "../core/alloc";
import { copyRows } from "../kernels/copy";
import type { Add, Mul, Sub } from "../../types/arith";
import type { CheckDimEq, CheckSquare, Fmt, SameDim } from "../../types/shape";
import type { CheckDim, DimName, ShapeMismatch, Known } from "../../types/dim";
import { ShapeError, checkDim, fmtShape } from "../errors";
import { Matrix, type Row, type Scalar, type Vector } from "../matrix";
import { bind, notAMatrix, primitive, type AnyMatrix, type Primitive } from "../core/primitive";
import { memberOf } from "../core/batching";

import { sum } from "./reduce";
import { transposeP } from "./transpose";

// ---------------------------------------------------------------- reshape

const reshapeP: Primitive<{ rows: number; cols: number }> = primitive<{ rows: number; cols: number }>({
  name: "reshape",
  shape([a], { rows, cols }) {
    checkDim("reshape", "a dimension", rows);
    checkDim("reshape", "a dimension", cols);
    if (rows * cols !== a.rows * a.cols) {
      throw new ShapeError("reshape", `cannot reshape ${fmtShape(a.rows, a.cols)} (${a.rows * a.cols} entries) to ${fmtShape(rows, cols)} (${rows * cols} entries)`);
    }
    return [rows, cols];
  },
  impl: ([a]) => copyOf(a.data), // row-major order is kept; a copy, so writing to one never changes the other
  batch: ([a]) => copyOf(a.data), // so are the stacked members
  jvp: (_, [t], _o, p) => (t === null ? null : bind(reshapeP, [t], p)),
  vjp: ([a], _o, g) => [bind(reshapeP, [g], { rows: a.rows, cols: a.cols })],
});

/**
 * Reads the entries in row-major order into an r×c matrix (r·c must equal the number of entries).
 * @example
 * ```ts
 * const B = reshape(mat([[1, 2, 3], [4, 5, 6]]), 3, 2);   // Matrix<3, 2>: [[1, 2], [3, 4], [5, 6]]
 * ```
 */
export function reshape<R extends number, C extends number, R2 extends number, C2 extends number>(
  a: Matrix<R, C>,
  rows: R2,
  cols: C2 & CheckDimEq<`reshape: ${Fmt<R, C>} and ${Fmt<R2, C2>} have different numbers of entries (${DimName<Mul<R, C>>} vs ${DimName<Mul<R2, C2>>})`, Mul<R, C>, Mul<R2, C2>>,
): Matrix<R2, C2> {
  return bind(reshapeP, [a], { rows, cols: cols as number }) as Matrix<R2, C2>;
}


/**
 * The entries in row-major order as an (R·C)×1 column: the row-stacking flattening (x₁₁, x₁₂, …).
 * @example
 * ```ts
 * const f = flatten(mat([[1, 2, 3], [4, 5, 6]]));   // Vector<6>: 1, 2, 3, 4, 5, 6
 * ```
 */
export function flatten<R extends number, C extends number>(a: Matrix<R, C>): Vector<Mul<R, C>> {
  return bind(reshapeP, [a], { rows: a.rows * a.cols, cols: 1 }) as Vector<Mul<R, C>>;
}

/**
 * vec(A): the columns of A stacked into one (R·C)×1 column, as in the literature (vec(AXB) = (Bᵀ⊗A)vec(X)).
 * @example
 * ```ts
 * const v = vecCols(mat([[1, 2, 3], [4, 5, 6]]));   // Vector<6>: 1, 4, 2, 5, 3, 6
 * ```
 */
export function vecCols<R extends number, C extends number>(a: Matrix<R, C>): Vector<Mul<R, C>> {
  return bind(reshapeP, [bind(transposeP, [a], undefined)], { rows: a.rows * a.cols, cols: 1 }) as Vector<Mul<R, C>>;
}

/**
 * The inverse of vecCols: an (R·C)×1 column read column by column into R×C.
 * @example
 * ```ts
 * const A = unvecCols(vec([1, 4, 2, 5, 3, 6]), 2, 3);   // Matrix<2, 3>: [[1, 2, 3], [4, 5, 6]]
 * ```
 */
export function unvecCols<K extends number, R extends number, C extends number>(
  v: Vector<K>,
  rows: R & CheckDim<R>,
  cols: C & CheckDim<C> & CheckDimEq<`unvecCols: ${DimName<K>} entries cannot fill ${Fmt<R, C>}`, K, Mul<R, C>>,
): Matrix<R, C> {
  if (v.rows * v.cols !== rows * cols) throw new ShapeError("unvecCols", `${fmtShape(v.rows, v.cols)} does not have ${rows}·${cols} entries`);
  return bind(transposeP, [bind(reshapeP, [v], { rows: cols, cols: rows })], undefined) as Matrix<R, C>;
}

// ---------------------------------------------------------------- slice and pad

interface Window {
  readonly r0: number;
  readonly c0: number;
  readonly rows: number;
  readonly cols: number;
}

const sliceP: Primitive<Window> = primitive<Window>({
  name: "slice",
  shape([a], w) {
    for (const v of [w.r0, w.c0, w.rows, w.cols]) checkDim("slice", "a dimension", v);
    if (w.r0 + w.rows > a.rows || w.c0 + w.cols > a.cols) {
      throw new ShapeError("slice", `rows ${w.r0}..${w.r0 + w.rows}, cols ${w.c0}..${w.c0 + w.cols} fall outside a ${fmtShape(a.rows, a.cols)} matrix`);
    }
    return [w.rows, w.cols];
  },
  impl([a], w, r, c) {
    const out = alloc(r * c), n = a.cols;
    copyRows(a.data, w.r0 * n + w.c0, n, out, 0, c, r, c);
    return out;
  },
  // the stacked members read as (K·rows)×cols: the same window in each member's rows
  batch([a], w, size, r, c) {
    const out = alloc(size * r * c), n = a.cols;
    for (let k = 0; k < size; k++) copyRows(a.data, (k * a.rows + w.r0) * n + w.c0, n, out, k * r * c, c, r, c);
    return out;
  },
  jvp: (_, [t], _o, w) => (t === null ? null : bind(sliceP, [t], w)),
  vjp: ([a], _o, g, w) => [bind(padP, [g], { ...w, rows: a.rows, cols: a.cols })],
});

/** Embeds a block at (r0, c0) in a zero matrix of the given size (the adjoint of slice). */
const padP: Primitive<Window> = primitive<Window>({
  name: "pad",
  shape: (_, w) => [w.rows, w.cols],
  impl([g], w, r, c) {
    const out = alloc(r * c), q = g.cols;
    copyRows(g.data, 0, q, out, w.r0 * c + w.c0, c, g.rows, q);
    return out;
  },
  batch([g], w, size, r, c) {
    const out = alloc(size * r * c), q = g.cols;
    for (let k = 0; k < size; k++) copyRows(g.data, k * g.rows * q, q, out, (k * r + w.r0) * c + w.c0, c, g.rows, q);
    return out;
  },
  jvp: (_, [t], _o, w) => (t === null ? null : bind(padP, [t], w)),
  vjp: ([g], _o, h, w) => [bind(sliceP, [h], { r0: w.r0, c0: w.c0, rows: g.rows, cols: g.cols })],
});

function checkRange(op: string, start: number, end: number, size: number, what: string): void {
  if (!Number.isInteger(start) || !Number.isInteger(end) || start < 0 || end < start || end > size) {
    throw new ShapeError(op, `${what} range ${start}..${end} is not within 0..${size}`);
  }
}

/**
 * The type-level checks of a slice start..end of a dimension of size N: literal bounds with
 * start ≤ end ≤ N (when N is a literal too), else a readable error on `end`.
 */
type CheckSlice<Op extends string, N extends number, S extends number, E extends number> = number extends S | E
  ? number extends N
    ? unknown // an untyped matrix: the result is untyped too
    : ShapeMismatch<`${Op}: slice bounds must be literal numbers so that the result's size is known`>
  : [Sub<E, S>] extends [never]
    ? ShapeMismatch<`${Op}: end ${E} is before start ${S}`>
    : `${N}` extends `${number}`
      ? [Sub<N, E>] extends [never]
        ? ShapeMismatch<`${Op}: end ${E} is past the size ${N}`>
        : unknown
      : unknown;

/**
 * Rows start ≤ i < end: an (end − start)×C matrix.
 * @example
 * ```ts
 * const B = sliceRows(mat([[1, 2], [3, 4], [5, 6]]), 1, 3);   // Matrix<2, 2>: [[3, 4], [5, 6]]
 * ```
 */
export function sliceRows<R extends number, C extends number, S extends number, E extends number>(a: Matrix<R, C>, start: S, end: E & CheckSlice<"sliceRows", R, S, E>): Matrix<Sub<E, S>, C> {
  checkRange("sliceRows", start, end, a.rows, "row");
  return bind(sliceP, [a], { r0: start, c0: 0, rows: end - start, cols: a.cols }) as Matrix<Sub<E, S>, C>;
}

/**
 * Columns start ≤ j < end: an R×(end − start) matrix.
 * @example
 * ```ts
 * const B = sliceCols(mat([[1, 2, 3], [4, 5, 6]]), 0, 2);     // Matrix<2, 2>: [[1, 2], [4, 5]]
 * ```
 */
export function sliceCols<R extends number, C extends number, S extends number, E extends number>(a: Matrix<R, C>, start: S, end: E & CheckSlice<"sliceCols", C, S, E>): Matrix<R, Sub<E, S>> {
  checkRange("sliceCols", start, end, a.cols, "column");
  return bind(sliceP, [a], { r0: 0, c0: start, rows: a.rows, cols: end - start }) as Matrix<R, Sub<E, S>>;
}

/**
 * Row i as a 1×C row vector.
 * @example
 * ```ts
 * const r = rowOf(mat([[1, 2, 3], [4, 5, 6]]), 1);   // Row<3>: [[4, 5, 6]]
 * ```
 */
export function rowOf<R extends number, C extends number>(a: Matrix<R, C>, i: number): Row<C> {
  checkRange("row", i, i + 1, a.rows, "row");
  return bind(sliceP, [a], { r0: i, c0: 0, rows: 1, cols: a.cols }) as Row<C>;
}

/**
 * Column j as an R×1 column vector.
 * @example
 * ```ts
 * const c = colOf(mat([[1, 2, 3], [4, 5, 6]]), 2);   // Vector<2>: [3, 6]
 * ```
 */
export function colOf<R extends number, C extends number>(a: Matrix<R, C>, j: number): Vector<R> {
  checkRange("col", j, j + 1, a.cols, "column");
  return bind(sliceP, [a], { r0: 0, c0: j, rows: a.rows, cols: 1 }) as Vector<R>;
}

/**
 * Entry (i, j) as a differentiable scalar. With one index, the i-th entry in row-major order (for vectors).
 * @example
 * ```ts
 * const A = mat([[1, 2, 3], [4, 5, 6]]);
 * const a12 = at(A, 1, 2);                  // Scalar: 6
 * const f = (v: Vector<2>) => at(v, 0).mul(at(v, 1));   // x₁x₂, differentiable
 * const g = grad(f)(vec([2, 3]));           // Row<2>: [[3, 2]]
 * ```
 */
export function at<R extends number, C extends number>(a: Matrix<R, C>, i: number, j?: number): Scalar {
  const [r, c] = j === undefined ? [Math.floor(i / Math.max(a.cols, 1)), i % Math.max(a.cols, 1)] : [i, j];
  if (!Number.isInteger(i) || (j !== undefined && !Number.isInteger(j)) || r < 0 || c < 0 || r >= a.rows || c >= a.cols || (j === undefined && i >= a.rows * a.cols)) {
    throw new ShapeError("at", `index ${j === undefined ? i : `(${i}, ${j})`} is outside a ${fmtShape(a.rows, a.cols)} matrix`);
  }
  return bind(sliceP, [a], { r0: r, c0: c, rows: 1, cols: 1 }) as Scalar;
}

// ---------------------------------------------------------------- concatenation

/** Inputs stacked along an axis (0: one below the other, 1: side by side); any number of them. */
const concatP: Primitive<0 | 1> = primitive<0 | 1>({
  name: "concat",
  writesOut: true,
  shape(inputs, axis) {
    const [a] = inputs;
    let along = 0;
    for (const b of inputs) {
      if (axis === 0 && a.cols !== b.cols) throw new ShapeError("vstack", `column counts differ (${fmtShape(a.rows, a.cols)} over ${fmtShape(b.rows, b.cols)})`);
      if (axis === 1 && a.rows !== b.rows) throw new ShapeError("hstack", `row counts differ (${fmtShape(a.rows, a.cols)} beside ${fmtShape(b.rows, b.cols)})`);
      along += axis === 0 ? b.rows : b.cols;
    }
    return axis === 0 ? [along, a.cols] : [a.rows, along];
  },
  impl(inputs, axis, r, c, dest) {
    const out = dest ?? alloc(r * c);
    let offset = 0;
    for (const x of inputs) {
      if (axis === 0) out.set(x.data, offset * c);
      else copyRows(x.data, 0, x.cols, out, offset, c, r, x.cols);
      offset += axis === 0 ? x.rows : x.cols;
    }
    return out;
  },
  // member k's output (entries k·r·c …) is impl's concatenation of its parts' member k (a single part is every member's)
  batch(args, axis, size, r, c) {
    const out = alloc(size * r * c);
    for (let k = 0; k < size; k++) {
      for (let p = 0, offset = 0, o = k * r * c; p < args.length; p++) {
        const x = memberOf(args[p], k), q = args[p].cols;
        if (axis === 0) out.set(x, o + offset * c);
        else copyRows(x, 0, q, out, o + offset, c, r, q);
        offset += axis === 0 ? args[p].rows : q;
      }
    }
    return out;
  },
  jvp(primals, tangents, _o, axis) {
    if (tangents.every((t) => t === null)) return null;
    return bind(concatP, tangents.map((t, i) => t ?? zerosLike(primals[i])), axis);
  },
  vjp(primals, _o, g, axis, needed) {
    let offset = 0;
    return primals.map((x, i) => {
      const w: Window = axis === 0 ? { r0: offset, c0: 0, rows: x.rows, cols: x.cols } : { r0: 0, c0: offset, rows: x.rows, cols: x.cols };
      offset += axis === 0 ? x.rows : x.cols;
      return needed[i] ? bind(sliceP, [g], w) : null;
    });
  },
});

/** Internal: the matrices stacked along `axis` in one copy (vstack/hstack of many). */
export function concatMany(parts: readonly AnyMatrix[], axis: 0 | 1): AnyMatrix {
  return bind(concatP, parts, axis);
}

function zerosLike(a: AnyMatrix): AnyMatrix {
  return new Matrix(a.rows, a.cols, alloc(a.rows * a.cols), null);
}

/**
 * `[A; B]`: B below A (the column counts must agree); the row count is R1 + R2 in the type.
 * @example
 * ```ts
 * const B = vstack(mat([[1, 2, 3]]), zeros(2, 3));   // Matrix<3, 3>
 * ```
 */
export function vstack<R1 extends number, C extends number, R2 extends number, C2 extends number>(
  a: Matrix<R1, C>,
  b: Matrix<R2, Known<C>> | (Matrix<R2, C2> & CheckDimEq<`vstack: column counts differ (${Fmt<R1, C>} over ${Fmt<R2, C2>})`, C, C2>),
): Matrix<Add<R1, R2>, C> {
  checkOperands("vstack", a, b);
  return bind(concatP, [a, b], 0) as Matrix<Add<R1, R2>, C>;
}

/**
 * `[A B]`: B beside A (the row counts must agree); the column count is C1 + C2 in the type.
 * @example
 * ```ts
 * const B = hstack(eye(2), vec([5, 6]));    // Matrix<2, 3>
 * ```
 */
export function hstack<R extends number, C1 extends number, R2 extends number, C2 extends number>(
  a: Matrix<R, C1>,
  b: Matrix<Known<R>, C2> | (Matrix<R2, C2> & CheckDimEq<`hstack: row counts differ (${Fmt<R, C1>} beside ${Fmt<R2, C2>})`, R, R2>),
): Matrix<R, Add<C1, C2>> {
  checkOperands("hstack", a, b);
  return bind(concatP, [a, b], 1) as Matrix<R, Add<C1, C2>>;
}

/** vstack's and hstack's own names for an operand that is not a Matrix (bind would say "concat"). */
function checkOperands(op: string, a: unknown, b: unknown): void {
  [a, b].forEach((x, i) => {
    if ((x as AnyMatrix | null | undefined)?._box === undefined) throw notAMatrix(op, i, x);
  });
}

// ---------------------------------------------------------------- assembling from scalars

const assembleP: Primitive<{ rows: number; cols: number }> = primitive<{ rows: number; cols: number }>({
  name: "assemble",
  shape(parts, { rows, cols }) {
    if (parts.length !== rows * cols) throw new ShapeError("assemble", `expected ${rows * cols} entries for ${fmtShape(rows, cols)}, got ${parts.length}`);
    for (const p of parts) if (p.rows !== 1 || p.cols !== 1) throw new ShapeError("assemble", `every entry must be a scalar (1×1), got ${fmtShape(p.rows, p.cols)}`);
    return [rows, cols];
  },
  impl(parts, _p, r, c) {
    const out = alloc(r * c);
    for (let i = 0; i < parts.length; i++) out[i] = parts[i].data[0];
    return out;
  },
  // entry i of member k (at k·r·c + i) is part i's member k: its k-th entry, or its one entry when single
  batch(parts, _p, size, r, c) {
    const n = r * c, out = alloc(size * n);
    for (let i = 0; i < parts.length; i++) {
      const x = parts[i].data, batched = parts[i].batched;
      for (let k = 0; k < size; k++) out[k * n + i] = x[batched ? k : 0];
    }
    return out;
  },
  jvp(parts, tangents, _o, p) {
    if (tangents.every((t) => t === null)) return null;
    return bind(assembleP, tangents.map((t, i) => t ?? zerosLike(parts[i])), p);
  },
  vjp: (parts, _o, g, _p, needed) =>
    parts.map((_, i) => (needed[i] ? bind(sliceP, [g], { r0: Math.floor(i / g.cols), c0: i % g.cols, rows: 1, cols: 1 }) : null)),
});

/** Internal: an r×c matrix from r·c scalars (row-major), differentiable in each. */
export function assemble(parts: readonly AnyMatrix[], rows: number, cols: number): AnyMatrix {
  return bind(assembleP, parts, { rows, cols });
}

// ---------------------------------------------------------------- diagonals and trace

const diagP: Primitive = primitive({
  name: "diag",
  shape([v]) {
    if (v.cols !== 1 && v.rows !== 1) throw new ShapeError("diag", `expected a vector, got ${fmtShape(v.rows, v.cols)}`);
    const n = v.rows * v.cols;
    return [n, n];
  },
  impl([v], _p, n) {
    const out = alloc(n * n);
    for (let i = 0; i < n; i++) out[i * n + i] = v.data[i];
    return out;
  },
  // entry i of member k (at j = k·n + i) goes to (i, i) of member k, at k·n² + i·n + i = j·n + i
  batch([v], _p, size, n) {
    const x = v.data, out = alloc(size * n * n);
    for (let j = 0; j < size * n; j++) out[j * n + (j % n)] = x[j];
    return out;
  },
  jvp: (_, [t]) => (t === null ? null : bind(diagP, [t], undefined)),
  vjp: ([v], _o, g) => [bind(reshapeP, [bind(diagPartP, [g], undefined)], { rows: v.rows, cols: v.cols })],
});

const diagPartP: Primitive = primitive({
  name: "diagPart",
  shape: ([a]) => [Math.min(a.rows, a.cols), 1],
  impl([a], _p, n) {
    const out = alloc(n);
    for (let i = 0; i < n; i++) out[i] = a.data[i * a.cols + i];
    return out;
  },
  // member k's entry (i, i) is at k·rows·cols + i·cols + i; its diagonal goes to k·n + i
  batch([a], _p, size, n) {
    const x = a.data, q = a.rows * a.cols, out = alloc(size * n);
    for (let k = 0; k < size; k++) for (let i = 0; i < n; i++) out[k * n + i] = x[k * q + i * a.cols + i];
    return out;
  },
  jvp: (_, [t]) => (t === null ? null : bind(diagPartP, [t], undefined)),
  vjp([a], _o, g) {
    const d = bind(diagP, [g], undefined);
    return [a.rows === a.cols ? d : bind(padP, [d], { r0: 0, c0: 0, rows: a.rows, cols: a.cols })];
  },
});

/** The length of a vector shape (N×1 or 1×N). */
type VectorLength<R extends number, C extends number> = SameDim<C, 1> extends true ? R : SameDim<R, 1> extends true ? C : never;

/**
 * The diagonal matrix with the entries of the vector `v` (a column or a row) on its diagonal.
 * @example
 * ```ts
 * const D = diag(vec([1, 2, 3]));           // Matrix<3, 3>
 * ```
 */
export function diag<R extends number, C extends number>(
  v: Matrix<R, C> & ([VectorLength<R, C>] extends [never] ? ShapeMismatch<`diag: expected a vector (N×1 or 1×N), got ${Fmt<R, C>}`> : unknown),
): Matrix<VectorLength<R, C>, VectorLength<R, C>> {
  return bind(diagP, [v], undefined) as Matrix<VectorLength<R, C>, VectorLength<R, C>>;
}

/**
 * The main diagonal of A as a column.
 * @example
 * ```ts
 * const d = diagPart(mat([[1, 2], [3, 4]]));   // Vector<2>: [1, 4]
 * ```
 */
export function diagPart<R extends number, C extends number>(a: Matrix<R, C> & CheckSquare<"diagPart", R, C>): Vector<R> {
  return bind(diagPartP, [a], undefined) as Vector<R>;
}

/**
 * tr(A) = Σ aᵢᵢ (square A); ∂tr(A)/∂A = I.
 * @example
 * ```ts
 * const t = trace(mat([[1, 2], [3, 4]]));   // Scalar: 5
 * const g = grad((X: Matrix<2, 2>) => trace(X))(eye(2));   // Tensor<[1], [2, 2]>: the entries of I
 * ```
 */
export function trace<R extends number, C extends number>(a: Matrix<R, C> & CheckSquare<"trace", R, C>): Scalar {
  if ((a.rows as number) !== a.cols) throw new ShapeError("trace", `matrix must be square (got ${fmtShape(a.rows, a.cols)})`);
  return sum(bind(diagPartP, [a], undefined)) as Scalar;
}

