/**
 * The shape-typed matrix. `Matrix<R, C>` holds R×C float64 entries in row-major order; R and C are
 * numeric literal types (`Matrix<2, 3>`) or named run-time dims (`Matrix<Dim<"n">, 3>`).
 * Results are new matrices: no operation mutates its inputs.
 */
import type { Deferred, Known } from "../types/dim";
import type { CheckInner, CheckSame, CheckScalar } from "../types/shape";
import type { Box } from "./core/primitive";
import { ShapeError, ValueError, fmtShape } from "./errors";
import { add, addScalar, div, mul, neg, scale, sub } from "./ops/elementwise";
import { matmul } from "./ops/linalg";
import { transpose } from "./ops/transpose";
import { at, colOf, flatten, reshape, rowOf, sliceCols, sliceRows } from "./ops/structure";
import { sum, type Axis } from "./ops/reduce";
import { formatMatrix } from "./format";

/**
 * A column vector: N×1. It is `Matrix<N, 1>` itself, and editors print it so (the `& unknown` in
 * its definition changes nothing but the compiler's work).
 * @example
 * ```ts
 * const x = vec([1, 2, 3]);                 // Vector<3>
 * const y: Vector<2> = mat([[1], [2]]);     // the same type as Matrix<2, 1>
 * ```
 */
// Type-check cost: `& unknown` (which TypeScript drops at once) keeps `Matrix<N, 1>` from being the
// alias's whole body. When it is, TypeScript makes every `Vector<n>` a type object of its own (a
// `Matrix<n, 1>` that carries the alias and prints as `Vector<n>`), distinct from the `Matrix<n, 1>`
// the operators return: it resolves all of Matrix's members once more for each, and when it relates
// `Denominator<Vector<n>>` to `Vector<n>` (a gradient record assigned to the parameters' type) it
// compares against the plain `Matrix<n, 1>`, finds neither constituent identical, and re-checks the
// intersection member by member with `this` re-instantiated. Written this way `Vector<n>` IS
// `Matrix<n, 1>`, and editors and messages print it so. bench/typecheck (the model, 100 copies):
// −5% of the checker's instructions, 21 → 17 resolutions of Matrix's members per model. `Row` likewise.
export type Vector<N extends number> = Matrix<N, 1> & unknown;
/**
 * A row vector: 1×N (the shape of a gradient in numerator layout). It is `Matrix<1, N>` itself,
 * as `Vector` is `Matrix<N, 1>`.
 * @example
 * ```ts
 * const r = row([1, 2]);                    // Row<2>
 * const g = grad((v: Vector<2>) => sumSquares(v))(vec([1, 2]));   // Row<2>: [[2, 4]]
 * ```
 */
// `& unknown`: see `Vector`.
export type Row<N extends number> = Matrix<1, N> & unknown;
/**
 * A scalar: 1×1. Scalars are matrices so that they can be traced by differentiation.
 * @example
 * ```ts
 * const s = sumSquares(vec([3, 4]));        // Scalar
 * const value = s.item();                   // 25, as a plain number
 * ```
 */
export type Scalar = Matrix<1, 1>;

const inspect = Symbol.for("nodejs.util.inspect.custom");

/**
 * An R×C matrix of float64 entries whose dims are part of its type: `Matrix<2, 3>`, `Matrix<Dim<"n">, 3>`.
 * Operations are methods (`A.matmul(B)`, `A.sub(B)`, `A.T`) and free functions (`matmul(A, B)`);
 * none mutates its inputs. Build one with `mat`, `vec`, `fromData`, `fromArray`, `zeros`, …
 * @example
 * ```ts
 * const A = mat([[1, 2, 3], [4, 5, 6]]);    // Matrix<2, 3>
 * const x = vec([1, 0, -1]);                // Vector<3>
 * const y = A.matmul(x);                    // Matrix<2, 1>
 * const B = A.T.matmul(A).sub(eye(3));      // Matrix<3, 3>
 * const s = A.sum(0);                       // Row<3>: the column sums
 * A.shape;                                  // [2, 3]
 * ```
 */
// `out`: R and C are covariant (a Matrix<2, 3> is a Matrix<number, number>), as the structure already
// makes them; declaring it spares every importer a structural variance measurement of this class.
// Type-check cost (bench/typecheck): an operator's first signature is the shape that fits, stated with
// the receiver's own R and C, so a well-shaped call infers at most the result's new dim and evaluates
// no conditional type. The second signature is reached only when the first fails; it carries the
// ShapeMismatch message and reads the receiver's dims from a `this` parameter (R1, C1), so that no
// deferred conditional type mentions R or C (which would make TypeScript compare the whole class
// structurally on every use). Its result is still stated with R and C, not R1 and C1: TypeScript
// inspects every signature's result when the call is an argument of another generic call, and
// Matrix<R, C> is a type the compiler has already resolved, while Matrix<R1, C1> would be a new
// generic type per class instantiation. (The second signature can be chosen: with an `any` operand
// TypeScript's first, subtype-only pass rejects the first signature and accepts the second.)
export class Matrix<out R extends number = number, out C extends number = number> {
  /** Number of rows. */
  readonly rows: R;
  /** Number of columns. */
  readonly cols: C;
  /**
   * The entries in row-major order: entry (i, j) is `data[i * cols + j]`. Treat as read-only. For
   * small matrices (9 to 4,096 entries) it is a view into a shared slab, so copy `data` itself
   * (`Float64Array.from(m.data)`) rather than its `.buffer`.
   */
  readonly data: Float64Array;
  /** @internal Set while a differentiation traces this value. */
  readonly _box: Box | null;

  /** @internal Use `mat`, `fromData`, `zeros`, … instead; this constructor does not validate. */
  constructor(rows: R, cols: C, data: Float64Array, box: Box | null = null) {
    this.rows = rows;
    this.cols = cols;
    this.data = data;
    this._box = box;
  }

  /** `[rows, cols]`. */
  get shape(): [R, C] {
    return [this.rows, this.cols];
  }

  /** Number of entries, rows·cols. */
  get size(): number {
    return this.data.length;
  }

  /** Entry (i, j) as a plain number (not traced; use `at` inside differentiated code). With one index, the i-th entry in row-major order. */
  get(i: number, j?: number): number {
    this.checkEntries("get");
    const k = j === undefined ? i : i * this.cols + j;
    const ok = Number.isInteger(i) && i >= 0 && (j === undefined ? k < this.data.length : Number.isInteger(j) && j >= 0 && i < this.rows && j < this.cols);
    if (!ok) throw new ShapeError("get", `index ${j === undefined ? i : `(${i}, ${j})`} is outside a ${fmtShape(this.rows, this.cols)} matrix`);
    return this.data[k];
  }

  /** The value of a 1×1 matrix as a number. */
  item(): number {
    this.checkEntries("item");
    if (this.data.length !== 1) throw new ShapeError("item", `expected a scalar (1×1), got ${fmtShape(this.rows, this.cols)}`);
    return this.data[0];
  }

  /** The entries as nested arrays, one inner array per row. */
  toArray(): number[][] {
    this.checkEntries("toArray");
    const out: number[][] = [];
    for (let i = 0; i < this.rows; i++) out.push(Array.from(this.data.subarray(i * this.cols, (i + 1) * this.cols)));
    return out;
  }

  /** The entries in row-major order as a plain array. */
  toFlatArray(): number[] {
    this.checkEntries("toFlatArray");
    return Array.from(this.data);
  }
  /** Placeholders have no entries to read: symbolic values and values traced by `jit`. */
  private checkEntries(op: string): void {
    if (this.data.length !== this.rows * this.cols) {
      throw new ValueError(op, `this ${fmtShape(this.rows, this.cols)} matrix has no entries: it is a placeholder (a symbolic expression — use evaluate — or a value traced by jit — read it outside the jitted function)`);
    }
  }


  /** The transpose Aᵀ. */
  get T(): Matrix<C, R> {
    return transpose(this);
  }

  /** Aᵀ (same as `.T`). */
  transpose(): Matrix<C, R> {
    return transpose(this);
  }

  /** The matrix product A·B; the inner dimensions must agree. */
  matmul<C2 extends number>(b: Matrix<C, C2>): Matrix<R, C2>;
  /** @internal Reached only when the inner dimensions differ: the parameter type carries the message. */
  // The result is `Matrix<R, C2>` once C2 is inferred; `& Deferred<C2>` (`unknown` then) only keeps
  // it from being an object type before: when a call is an argument of another generic call
  // (`addToCols(W.matmul(X), b)`), TypeScript looks at every signature's result to see whether it
  // is a function, which for a plain `Matrix<R, C2>` with this signature's fresh C2 means resolving
  // all of Matrix's members for a type used nowhere else (bench/typecheck: −1 such resolution per
  // nested call, −1–2% of the checker's instructions, though +6 instantiations per model for the
  // `Deferred`). Not done for the first signature: there the deferred result is evaluated on every
  // call and costs more than it saves (measured).
  matmul<R1 extends number, C1 extends number, K2 extends number, C2 extends number>(
    this: Matrix<R1, C1>,
    b: Matrix<K2, C2> & CheckInner<"matmul", R1, C1, K2, C2>,
  ): Matrix<R, C2> & Deferred<C2>;
  matmul(b: Matrix): Matrix {
    return matmul(this as Matrix, b);
  }

  /** A + B (same shape), or A + c for a number c. */
  add(b: number | Matrix<R, C>): Matrix<R, C>;
  /** @internal Reached only when the shapes differ: the parameter type carries the message. */
  add<R1 extends number, C1 extends number, R2 extends number, C2 extends number>(
    this: Matrix<R1, C1>,
    b: Matrix<R2, C2> & CheckSame<"add", R1, C1, R2, C2>,
  ): Matrix<R, C>;
  add(b: number | Matrix): Matrix {
    return add(this as Matrix, b);
  }

  /** A − B (same shape), or A − c for a number c. */
  sub(b: number | Matrix<R, C>): Matrix<R, C>;
  /** @internal Reached only when the shapes differ: the parameter type carries the message. */
  sub<R1 extends number, C1 extends number, R2 extends number, C2 extends number>(
    this: Matrix<R1, C1>,
    b: Matrix<R2, C2> & CheckSame<"sub", R1, C1, R2, C2>,
  ): Matrix<R, C>;
  sub(b: number | Matrix): Matrix {
    return sub(this as Matrix, b);
  }

  /** A ⊙ B, the entry-wise (Hadamard) product (same shape), or c·A for a number c. */
  mul(b: number | Matrix<R, C>): Matrix<R, C>;
  /** @internal Reached only when the shapes differ: the parameter type carries the message. */
  mul<R1 extends number, C1 extends number, R2 extends number, C2 extends number>(
    this: Matrix<R1, C1>,
    b: Matrix<R2, C2> & CheckSame<"mul", R1, C1, R2, C2>,
  ): Matrix<R, C>;
  mul(b: number | Matrix): Matrix {
    return mul(this as Matrix, b);
  }

  /** A ⊘ B entry by entry (same shape), or A / c for a number c. */
  div(b: number | Matrix<R, C>): Matrix<R, C>;
  /** @internal Reached only when the shapes differ: the parameter type carries the message. */
  div<R1 extends number, C1 extends number, R2 extends number, C2 extends number>(
    this: Matrix<R1, C1>,
    b: Matrix<R2, C2> & CheckSame<"div", R1, C1, R2, C2>,
  ): Matrix<R, C>;
  div(b: number | Matrix): Matrix {
    return div(this as Matrix, b);
  }

  /** s·A for a number or a scalar (1×1) s. */
  scale(s: number | Scalar): Matrix<R, C>;
  /** @internal Reached only when s is not 1×1: the parameter type carries the message. */
  scale<SR extends number, SC extends number>(s: Matrix<SR, SC> & CheckScalar<"scale", SR, SC>): Matrix<R, C>;
  scale(s: number | Scalar): Matrix {
    return scale(this as Matrix, s);
  }

  /** A + s·11ᵀ for a number or a scalar (1×1) s. */
  addScalar(s: number | Scalar): Matrix<R, C>;
  /** @internal Reached only when s is not 1×1: the parameter type carries the message. */
  addScalar<SR extends number, SC extends number>(s: Matrix<SR, SC> & CheckScalar<"addScalar", SR, SC>): Matrix<R, C>;
  addScalar(s: number | Scalar): Matrix {
    return addScalar(this as Matrix, s);
  }

  /** −A. */
  neg(): Matrix<R, C> {
    return neg(this);
  }

  /** Sum of all entries (1×1), or along an axis: 0 → 1×C row, 1 → R×1 column. */
  sum(): Scalar;
  sum(axis: 1): Vector<R>;
  sum(axis: 0): Row<C>;
  sum<A extends Axis | undefined = undefined>(axis?: A): A extends 0 ? Row<C> : A extends 1 ? Vector<R> : Scalar;
  sum(axis?: Axis): Scalar | Row<C> | Vector<R> {
    return sum(this, axis);
  }

  /** Entry (i, j) as a differentiable scalar (one index: row-major position, for vectors). */
  at(i: number, j?: number): Scalar {
    return at(this, i, j);
  }

  /** Row i as a 1×C row. */
  row(i: number): Row<C> {
    return rowOf(this, i);
  }

  /** Column j as an R×1 column. */
  col(j: number): Vector<R> {
    return colOf(this, j);
  }

  /** Rows start ≤ i < end. */
  sliceRows<R1 extends number, C1 extends number, S extends number, E extends number>(this: Matrix<R1, C1>, start: S, end: E & Parameters<typeof sliceRows<R1, C1, S, E>>[2]) {
    return sliceRows<R1, C1, S, E>(this, start, end);
  }

  /** Columns start ≤ j < end. */
  sliceCols<R1 extends number, C1 extends number, S extends number, E extends number>(this: Matrix<R1, C1>, start: S, end: E & Parameters<typeof sliceCols<R1, C1, S, E>>[2]) {
    return sliceCols<R1, C1, S, E>(this, start, end);
  }

  /** The row-major flattening as an (R·C)×1 column. */
  flatten<R1 extends number, C1 extends number>(this: Matrix<R1, C1>) {
    return flatten(this);
  }

  /** The same entries, in row-major order, as an r×c matrix. */
  reshape<R1 extends number, C1 extends number, R2 extends number, C2 extends number>(this: Matrix<R1, C1>, rows: R2, cols: C2 & Parameters<typeof reshape<R1, C1, R2, C2>>[2]): Matrix<R2, C2> {
    return reshape<R1, C1, R2, C2>(this, rows, cols);
  }

  /** A readable rendering with the shape: `Matrix 2×3 [[1, 2, 3], [4, 5, 6]]` (large matrices are elided). */
  toString(): string {
    return formatMatrix(this.rows, this.cols, this.data);
  }

  [inspect](): string {
    return this.toString();
  }
}

/**
 * Type guard: is `x` a shapecalc matrix?
 * @example
 * ```ts
 * const v: unknown = mat([[1, 2]]);
 * const ok = isMatrix(v);                   // true; v is a Matrix in this branch
 * ```
 */
export function isMatrix(x: unknown): x is Matrix {
  return x instanceof Matrix;
}

