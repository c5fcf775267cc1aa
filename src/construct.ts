/**
 * Constructors: where data enters the typed world. Everything is checked here once (dims are
 * non-negative integers, arrays are not ragged, lengths match) with an error naming the expected
 * and actual shape; literal arrays give literal dims in the type.
 */
import { alloc, copyOf, scalarData } from "./core/alloc";
import type { CheckDim, Dim, ShapeMismatch } from "../types/dim";
import { ShapeError, ValueError, checkDim, checkFunction, fmtShape, fmtValue } from "./errors";
import { Matrix, type Row, type Scalar, type Vector } from "./matrix";
import type { AnyMatrix } from "./core/primitive";
import { assemble } from "./ops/structure";

/**
 * An entry of a literal matrix: a number, or a (possibly traced) scalar.
 * @example
 * ```ts
 * const f = (t: Scalar) => mat([[t, 0], [0, t.mul(t)]]);   // entries may be traced scalars
 * const J = jacobian(f)(scalar(3));                         // Tensor<[2, 2], [1]>: d/dt [[t, 0], [0, t²]]
 * ```
 */
export type Entry = number | Scalar;

type Len<T extends readonly unknown[]> = T["length"];
type FirstRowLength<T extends readonly (readonly Entry[])[]> = T extends readonly [infer F extends readonly Entry[], ...unknown[]] ? Len<F> : 0;
type AllRowsHaveLength<T extends readonly (readonly Entry[])[], N extends number> = T[number]["length"] extends N ? true : false;

/** An error in the type when a literal matrix is ragged or its size is not known at compile time. */
type CheckLiteralMatrix<T extends readonly (readonly Entry[])[]> = number extends Len<T>
  ? ShapeMismatch<"mat: the number of rows is not known at compile time; use fromArray(data, rows, cols) with dim(\"n\", …)">
  : number extends FirstRowLength<T>
    ? ShapeMismatch<"mat: the row length is not known at compile time; use fromArray(data, rows, cols)">
    : AllRowsHaveLength<T, FirstRowLength<T>> extends true
      ? unknown
      : ShapeMismatch<"mat: rows have different lengths (ragged array)">;

type CheckLiteralVector<T extends readonly Entry[], Op extends string> = number extends Len<T>
  ? ShapeMismatch<`${Op}: the length is not known at compile time; use fromData(${Op extends "row" ? "1, n" : "n, 1"}, data) with n = dim("n", data.length)`>
  : unknown;

/** Copies entries into a Float64Array; traced scalars make the result a differentiable assembly. */
function build(op: string, rows: number, cols: number, entries: readonly Entry[]): AnyMatrix {
  let traced = false;
  const data = alloc(entries.length);
  for (let i = 0; i < entries.length; i++) {
    const e = entries[i];
    if (typeof e === "number") data[i] = e;
    else if (e instanceof Matrix) {
      if (e.rows !== 1 || e.cols !== 1) throw new ShapeError(op, `entry ${i} is ${fmtShape(e.rows, e.cols)}, expected a number or a 1×1 scalar`);
      data[i] = e.data[0];
      if (e._box !== null) traced = true;
    } else throw new ValueError(op, `entry ${i} is ${typeof e}, expected a number`);
  }
  if (!traced) return new Matrix(rows, cols, data, null);
  const parts = entries.map((e) => (typeof e === "number" ? new Matrix(1, 1, scalarData(e), null) : e));
  return assemble(parts, rows, cols);
}

/**
 * A matrix from a literal array of rows: `mat([[1, 2, 3], [4, 5, 6]])` is a `Matrix<2, 3>`.
 * Entries may be numbers or scalars computed inside a differentiated function.
 * @example
 * ```ts
 * const A = mat([[1, 2, 3], [4, 5, 6]]);    // Matrix<2, 3>
 * const I = mat([[1, 0], [0, 1]]);          // Matrix<2, 2>
 * ```
 */
export function mat<const T extends readonly (readonly Entry[])[]>(rows: T & CheckLiteralMatrix<T>): Matrix<Len<T>, FirstRowLength<T>> {
  const r = rows.length, c = r === 0 ? 0 : rows[0].length;
  const flat: Entry[] = [];
  for (let i = 0; i < r; i++) {
    if (!Array.isArray(rows[i])) throw new ShapeError("mat", `row ${i} is not an array`);
    if (rows[i].length !== c) throw new ShapeError("mat", `ragged rows: row 0 has ${c} entries, row ${i} has ${rows[i].length}`);
    for (const e of rows[i]) flat.push(e);
  }
  return build("mat", r, c, flat) as Matrix<Len<T>, FirstRowLength<T>>;
}

/**
 * A column vector from a literal array: `vec([1, 2, 3])` is a `Vector<3>` (3×1).
 * @example
 * ```ts
 * const x = vec([1, 0, -1]);                // Vector<3>
 * ```
 */
export function vec<const T extends readonly Entry[]>(entries: T & CheckLiteralVector<T, "vec">): Vector<Len<T>> {
  if (!Array.isArray(entries)) throw new ShapeError("vec", "expected an array of numbers");
  return build("vec", entries.length, 1, entries) as Vector<Len<T>>;
}

/**
 * A row vector from a literal array: `row([1, 2])` is a `Row<2>` (1×2).
 * @example
 * ```ts
 * const r = row([1, 2]);                    // Row<2>
 * ```
 */
export function row<const T extends readonly Entry[]>(entries: T & CheckLiteralVector<T, "row">): Row<Len<T>> {
  if (!Array.isArray(entries)) throw new ShapeError("row", "expected an array of numbers");
  return build("row", 1, entries.length, entries) as Row<Len<T>>;
}

/**
 * Options for data entering from outside.
 * @example
 * ```ts
 * const X = fromData(1, 2, [1, 2], { finite: true });   // Matrix<1, 2>; NaN or ±Infinity would throw ValueError
 * ```
 */
export interface DataOptions {
  /** Reject NaN and ±Infinity (default false: they are kept). */
  readonly finite?: boolean;
}

function checkFinite(op: string, data: ArrayLike<number>, cols: number, opts?: DataOptions): void {
  if (!opts?.finite) return;
  for (let k = 0; k < data.length; k++) {
    if (!Number.isFinite(data[k])) {
      throw new ValueError(op, `entry ${entryAt(k, cols)} is ${data[k]}, but finite values were required`);
    }
  }
}

/** Row-major index k as "(row, col)" for messages. */
const entryAt = (k: number, cols: number): string => (cols > 0 ? `(${Math.floor(k / cols)}, ${k % cols})` : `${k}`);

/** `fromData`'s data is a Float64Array (or another numeric typed array) or an array of numbers. */
function checkNumbers(data: unknown, cols: number): void {
  if (Array.isArray(data)) {
    for (let k = 0; k < data.length; k++) {
      const v: unknown = data[k];
      if (typeof v !== "number") throw new ValueError("fromData", `entry ${entryAt(k, cols)} is ${typeof v}, expected a number`);
    }
  } else if (!ArrayBuffer.isView(data) || data instanceof DataView || data instanceof BigInt64Array || data instanceof BigUint64Array) {
    throw new ShapeError("fromData", `data must be a Float64Array or an array of numbers, got ${fmtValue(data)}`);
  }
}

/**
 * A rows×cols matrix over a copy of row-major `data` (`data.length` must be rows·cols).
 * Use literal dims or `dim("n", size)` for sizes known only at run time.
 * @example
 * ```ts
 * const A = fromData(2, 3, [1, 2, 3, 4, 5, 6]);          // Matrix<2, 3>
 * const samples: number[] = JSON.parse("[0.5, 1.5, 2.5]");
 * const y = fromData(dim("n", samples.length), 1, samples);   // Matrix<Dim<"n">, 1>
 * ```
 */
export function fromData<R extends number, C extends number>(rows: R & CheckDim<R>, cols: C & CheckDim<C>, data: Float64Array | readonly number[], opts?: DataOptions): Matrix<R, C> {
  checkDim("fromData", "rows", rows);
  checkDim("fromData", "cols", cols);
  checkNumbers(data, cols);
  if (data.length !== rows * cols) {
    throw new ShapeError("fromData", `data has ${data.length} entries, expected ${fmtShape(rows, cols)} = ${rows * cols}`);
  }
  checkFinite("fromData", data, cols, opts);
  // a Float64Array by one memcpy (Float64Array.from walks it entry by entry: 2–5× slower)
  return new Matrix(rows as R, cols as C, data instanceof Float64Array ? copyOf(data) : Float64Array.from(data), null);
}

/**
 * A rows×cols matrix from nested arrays known only at run time (JSON, CSV): checks that there are
 * `rows` rows of `cols` numbers each, and names the first place where the data differs.
 * @example
 * ```ts
 * const rows: number[][] = JSON.parse("[[1, 2, 3], [4, 5, 6]]");
 * const n = dim("n", rows.length);
 * const X = fromArray(rows, n, 3, { finite: true });     // Matrix<Dim<"n">, 3>
 * ```
 */
export function fromArray<R extends number, C extends number>(data: readonly (readonly number[])[], rows: R & CheckDim<R>, cols: C & CheckDim<C>, opts?: DataOptions): Matrix<R, C> {
  checkDim("fromArray", "rows", rows);
  checkDim("fromArray", "cols", cols);
  if (!Array.isArray(data)) throw new ShapeError("fromArray", `expected an array of ${rows} rows, got ${typeof data}`);
  if (data.length !== rows) throw new ShapeError("fromArray", `expected ${fmtShape(rows, cols)}, got ${data.length} rows`);
  const out = alloc(rows * cols);
  for (let i = 0; i < rows; i++) {
    const r = data[i];
    if (!Array.isArray(r)) throw new ShapeError("fromArray", `row ${i} is not an array (expected ${cols} numbers)`);
    if (r.length !== cols) throw new ShapeError("fromArray", `expected ${fmtShape(rows, cols)}, but row ${i} has ${r.length} entries (ragged array)`);
    for (let j = 0; j < cols; j++) {
      const v = r[j];
      if (typeof v !== "number") throw new ValueError("fromArray", `entry (${i}, ${j}) is ${typeof v}, expected a number`);
      out[i * cols + j] = v;
    }
  }
  checkFinite("fromArray", out, cols, opts);
  return new Matrix(rows as R, cols as C, out, null);
}

/**
 * An r×c matrix with every entry equal to `value`.
 * @example
 * ```ts
 * const F = full(2, 2, 7);                  // Matrix<2, 2>
 * ```
 */
export function full<R extends number, C extends number>(rows: R & CheckDim<R>, cols: C & CheckDim<C>, value: number): Matrix<R, C> {
  return filled("full", rows, cols, value);
}

/** `full` under the name of the constructor the caller called (for its error messages). */
function filled<R extends number, C extends number>(op: string, rows: R, cols: C, value: number): Matrix<R, C> {
  checkDim(op, "rows", rows);
  checkDim(op, "cols", cols);
  return new Matrix(rows, cols, alloc(rows * cols).fill(value), null);
}

/**
 * The r×c zero matrix.
 * @example
 * ```ts
 * const Z = zeros(2, 3);                    // Matrix<2, 3>
 * ```
 */
export function zeros<R extends number, C extends number>(rows: R & CheckDim<R>, cols: C & CheckDim<C>): Matrix<R, C> {
  return filled<R, C>("zeros", rows, cols, 0);
}

/**
 * The r×c matrix of ones.
 * @example
 * ```ts
 * const o = ones(3, 1);                     // Vector<3>
 * ```
 */
export function ones<R extends number, C extends number>(rows: R & CheckDim<R>, cols: C & CheckDim<C>): Matrix<R, C> {
  return filled<R, C>("ones", rows, cols, 1);
}

/**
 * The n×n identity matrix.
 * @example
 * ```ts
 * const I = eye(3);                         // Matrix<3, 3>
 * ```
 */
export function eye<N extends number>(n: N & CheckDim<N>): Matrix<N, N> {
  checkDim("eye", "n", n);
  const out = alloc(n * n);
  for (let i = 0; i < n; i++) out[i * n + i] = 1;
  return new Matrix(n as N, n as N, out, null);
}

/** Seeded generator: splitmix32-style mixing over a 32-bit state, uniform in [0, 1). */
function uniform(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    z ^= z >>> 16;
    return (z >>> 0) / 4294967296;
  };
}

/**
 * Options for random matrices.
 * @example
 * ```ts
 * const W = randn(4, 2, { seed: 7, std: 0.1 });   // Matrix<4, 2>, the same on every run
 * ```
 */
export interface RandomOptions {
  /** The seed (an integer); the same seed gives the same matrix. Default 0. */
  readonly seed?: number;
  /** Standard deviation (default 1). */
  readonly std?: number;
  /** Mean (default 0). */
  readonly mean?: number;
}

/** The seed must be an integer (it is not rounded), and the other options finite numbers. */
function checkRandomOptions(op: string, opts: object, numbers: readonly string[]): void {
  const o = opts as Record<string, unknown>;
  if (o.seed !== undefined && !Number.isInteger(o.seed)) throw new ValueError(op, `seed must be an integer, got ${fmtValue(o.seed)}`);
  for (const k of numbers) {
    if (o[k] !== undefined && !(typeof o[k] === "number" && Number.isFinite(o[k]))) throw new ValueError(op, `${k} must be a finite number, got ${fmtValue(o[k])}`);
  }
}

/**
 * An r×c matrix of independent normal samples (Box–Muller on a seeded generator), reproducible by seed.
 * @example
 * ```ts
 * const W = randn(16, 3, { seed: 1, std: 0.5 });   // Matrix<16, 3>
 * ```
 */
export function randn<R extends number, C extends number>(rows: R & CheckDim<R>, cols: C & CheckDim<C>, opts: RandomOptions = {}): Matrix<R, C> {
  checkDim("randn", "rows", rows);
  checkDim("randn", "cols", cols);
  checkRandomOptions("randn", opts, ["std", "mean"]);
  const next = uniform(opts.seed ?? 0), std = opts.std ?? 1, mean = opts.mean ?? 0;
  const n = rows * cols, out = alloc(n);
  for (let k = 0; k < n; k += 2) {
    const u = 1 - next(), v = next();
    const rad = Math.sqrt(-2 * Math.log(u)), ang = 2 * Math.PI * v;
    out[k] = mean + std * rad * Math.cos(ang);
    if (k + 1 < n) out[k + 1] = mean + std * rad * Math.sin(ang);
  }
  return new Matrix(rows as R, cols as C, out, null);
}

/**
 * An r×c matrix of independent uniform samples in [low, high), reproducible by seed.
 * @example
 * ```ts
 * const U = rand(2, 2, { seed: 1, low: -1, high: 1 });   // Matrix<2, 2>
 * ```
 */
export function rand<R extends number, C extends number>(rows: R & CheckDim<R>, cols: C & CheckDim<C>, opts: { seed?: number; low?: number; high?: number } = {}): Matrix<R, C> {
  checkDim("rand", "rows", rows);
  checkDim("rand", "cols", cols);
  checkRandomOptions("rand", opts, ["low", "high"]);
  const next = uniform(opts.seed ?? 0), lo = opts.low ?? 0, hi = opts.high ?? 1;
  const out = alloc(rows * cols);
  for (let k = 0; k < out.length; k++) out[k] = lo + (hi - lo) * next();
  return new Matrix(rows as R, cols as C, out, null);
}

/**
 * A named dimension for a size known only at run time: `const n = dim("n", rows.length)` has type
 * `Dim<"n">` and value `rows.length`. Dims with different names never unify in the types.
 * @example
 * ```ts
 * const rows: number[][] = JSON.parse("[[1, 2], [3, 4], [5, 6]]");
 * const n = dim("n", rows.length);          // Dim<"n">: the value is 3
 * const X = fromArray(rows, n, 2);          // Matrix<Dim<"n">, 2>
 * ```
 */
export function dim<const Name extends string>(
  name: Name & (string extends Name ? ShapeMismatch<"dim: the name must be a string literal, so that the type can tell this dimension from others"> : unknown),
  size: number,
): Dim<Name> {
  if (typeof name !== "string" || name.length === 0) throw new ShapeError("dim", "a dimension needs a non-empty name");
  checkDim("dim", `dimension "${name}"`, size);
  return size as Dim<Name>;
}

/**
 * Checks at run time that `size` equals the named dim `d` (e.g. the row count of incoming data
 * against a batch size fixed earlier) and returns it typed as `d`.
 * @example
 * ```ts
 * const features: number[][] = JSON.parse("[[1, 2], [3, 4]]"), labels: number[] = JSON.parse("[0, 1]");
 * const n = dim("n", features.length);
 * const X = fromArray(features, n, 2);      // Matrix<Dim<"n">, 2>
 * const y = fromData(expectDim(n, labels.length, "labels"), 1, labels);   // Matrix<Dim<"n">, 1>
 * const r = X.T.matmul(y);                  // Matrix<2, 1>: the inner dims are both Dim<"n">
 * ```
 */
export function expectDim<Name extends string>(d: Dim<Name>, size: number, what = "size"): Dim<Name> {
  if (size !== d) throw new ShapeError("expectDim", `${what} is ${fmtValue(size)}, but the dimension it must match is ${d}`);
  return d;
}

/**
 * A zero matrix of the same shape as `a`.
 * @example
 * ```ts
 * const Z = zerosLike(mat([[1, 2, 3], [4, 5, 6]]));   // Matrix<2, 3>
 * ```
 */
export function zerosLike<R extends number, C extends number>(a: Matrix<R, C>): Matrix<R, C> {
  return new Matrix(a.rows, a.cols, alloc(a.rows * a.cols), null);
}

/**
 * A matrix of ones of the same shape as `a`.
 * @example
 * ```ts
 * const O = onesLike(vec([1, 2]));          // Vector<2>
 * ```
 */
export function onesLike<R extends number, C extends number>(a: Matrix<R, C>): Matrix<R, C> {
  return new Matrix(a.rows, a.cols, alloc(a.rows * a.cols).fill(1), null);
}

/**
 * n evenly spaced values from `start` to `stop` (both included) as an n×1 column.
 * @example
 * ```ts
 * const t = linspace(0, 1, 5);              // Vector<5>: 0, 0.25, 0.5, 0.75, 1
 * ```
 */
export function linspace<N extends number>(start: number, stop: number, n: N & CheckDim<N>): Vector<N> {
  checkDim("linspace", "n", n);
  const out = alloc(n);
  for (let i = 0; i < n; i++) out[i] = n === 1 ? start : start + ((stop - start) * i) / (n - 1);
  return new Matrix(n as N, 1, out, null);
}

/**
 * Applies `fn` to every matrix of a parameter record, keeping each one's type: e.g. a gradient step
 * `mapParams(theta, (p, key) => p.sub(g[key].scale(lr)))`. Inside `fn` the shapes are not tracked by
 * the types (each parameter has its own); instead the result must have the shape it was given, which
 * is checked at run time, so the record keeps its type.
 * @example
 * ```ts
 * const theta = { W: randn(2, 3, { seed: 1 }), b: zeros(2, 1) };
 * const L = (p: typeof theta) => sumSquares(p.W.matmul(ones(3, 1)).add(p.b));
 * const g = gradient(L)(theta);             // g.W is 2×3 and g.b is 2×1 (input-shaped)
 * const next = mapParams(theta, (p, key) => p.sub(g[key].scale(0.1)));   // the same type as theta
 * ```
 */
export function mapParams<P extends { readonly [name: string]: AnyMatrix }>(
  params: P,
  fn: (value: AnyMatrix, key: keyof P & string) => AnyMatrix,
): P {
  checkFunction("mapParams", fn);
  const out: Record<string, AnyMatrix> = {};
  for (const key of Object.keys(params)) {
    const v = params[key], r = fn(v, key);
    if (!(r instanceof Matrix) || r.rows !== v.rows || r.cols !== v.cols) {
      throw new ShapeError("mapParams", `the function turned "${key}" (${fmtShape(v.rows, v.cols)}) into ${r instanceof Matrix ? fmtShape(r.rows, r.cols) : typeof r}`);
    }
    out[key] = r;
  }
  return out as P;
}
