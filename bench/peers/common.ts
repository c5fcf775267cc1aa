import { normalArray } from "../random";
/**
 * Shared vocabulary of the side-by-side benchmark (bench/index.ts): the operations a library may
 * implement, their inputs (row-major Float64Array data, the same for every library), and the
 * shape of an adapter. An adapter turns inputs into a `Prepared` closure: all conversion into the
 * library's own format happens in `prepare`, outside the timed region; `run()` is one timed
 * operation and must leave the result computed (lazy libraries read it back: jax-js/tfjs
 * `dataSync()`), `read()` converts a result to flat numbers for the agreement check only.
 */

/** A flat result, or several (e.g. loss, ∂L/∂A, ∂L/∂b). */
export type Flat = ArrayLike<number> | number;
export type FlatOut = Flat | readonly Flat[];

export interface Prepared {
  /** One timed operation; returns the library's native result. */
  run(): unknown;
  /** Native result → flat row-major numbers (only for the agreement check; not timed). */
  read?(result: unknown): FlatOut;
  /** Frees library resources (jax-js arrays, jit caches, tfjs tensors). */
  dispose?(): void;
}

export interface Inputs {
  /** C = A·B, n×n. */
  matmul: { n: number; a: Float64Array; b: Float64Array };
  /** A⁻¹, n×n. */
  inv: { n: number; a: Float64Array };
  /** det A, n×n. */
  det: { n: number; a: Float64Array };
  /** X = A⁻¹B with B n×nrhs. */
  solve: { n: number; nrhs: number; a: Float64Array; b: Float64Array };
  /** One function entry by entry, rows×cols. */
  elementwise: { fn: ElementwiseFn; rows: number; cols: number; a: Float64Array };
  /**
   * Value and gradient of L = ½‖Y − tanh(AX + b·1ᵀ)‖² w.r.t. A (h×h) and b (h×1), X and Y h×s.
   * Result: [L, ∂L/∂A (h×h, row-major), ∂L/∂b (h)].
   */
  train: { h: number; s: number; A: Float64Array; b: Float64Array; X: Float64Array; Y: Float64Array };
  /**
   * Value and gradient of logistic regression's negative log-likelihood L = Σ softplus(Xθ) − yᵀXθ
   * w.r.t. θ (d×1), X n×d (one sample per row), y ∈ {0, 1}ⁿ. Result: [L, ∂L/∂θ (d)].
   */
  logreg: { n: number; d: number; X: Float64Array; y: Float64Array; theta: Float64Array };
  /** Full Jacobian of tanh(Ax + b) w.r.t. A (m×n): m×(m·n), column k of the result = entry k of A row-major. */
  jacobianA: { m: number; n: number; A: Float64Array; x: Float64Array; b: Float64Array };
  /** Hessian of f(x) = Σ tanh(Wx) for x ∈ Rⁿ, W n×n: n×n. */
  hessian: { n: number; W: Float64Array; x: Float64Array };
  /** Jacobian of f(x) = tanh(Wx), W m×n, x ∈ Rⁿ, by a given mode: m×n. */
  jacmode: { n: number; m: number; W: Float64Array; x: Float64Array; mode: "forward" | "reverse" };
}
export type OpName = keyof Inputs;
/** The element-wise functions benchmarked (σ: the logistic sigmoid). */
export type ElementwiseFn = "tanh" | "exp" | "sigmoid" | "log" | "softplus" | "sin";

/** One column of the results table (a library, or one configuration of it). */
export interface Lib {
  id: string;
  label: string;
  /** Printed under the table (dtype, backend, set-up needed). */
  note?: string;
  /** One-time asynchronous set-up (jax-js `init("wasm")`). */
  init?(): Promise<void>;
  ops: { [K in OpName]?: (inp: Inputs[K]) => Prepared };
}

/** Thrown by an op's prepare when a library cannot do this instance (e.g. gl-matrix beyond 4×4): printed as "–". */
export class Unsupported extends Error {}

/** Deterministic standard-normal data (seeded), independent of every library. */
export const randnData = normalArray;

/** I + (0.5/√n)·G: well conditioned, |det| of moderate size (also in float32). */
export function wellConditioned(n: number, seed: number): Float64Array {
  const a = randnData(n * n, seed, 0.5 / Math.sqrt(n));
  for (let i = 0; i < n; i++) a[i * n + i] += 1;
  return a;
}

/** Row-major flat data → nested rows (for libraries that take arrays of arrays). */
export function toRows(data: ArrayLike<number>, rows: number, cols: number): number[][] {
  const out: number[][] = [];
  for (let i = 0; i < rows; i++) {
    const r = new Array<number>(cols);
    for (let j = 0; j < cols; j++) r[j] = data[i * cols + j];
    out.push(r);
  }
  return out;
}

/** Concatenates a FlatOut into one array of numbers. */
export function flatten(x: FlatOut): number[] {
  if (typeof x === "number") return [x];
  if (Array.isArray(x) && x.some((p) => typeof p !== "number")) {
    return (x as readonly Flat[]).flatMap((p) => flatten(p));
  }
  return Array.from(x as ArrayLike<number>);
}
