/**
 * Shared helpers for the calculus-*.test.ts suites: seeded well-scaled inputs, entry-wise comparison
 * of derivatives (Matrix or Tensor) and the three-way check forward mode / reverse mode / central
 * finite differences.
 */
import { it } from "vitest";
import fc from "fast-check";
import { Matrix, Tensor, fromData, jacobian, numericJacobian, rand, randn } from "../src/index";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type M = Matrix<any, any>;
export type D = M | Tensor;
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyFn = (x: any) => any;

/** Relative tolerance for analytic vs finite differences: |a − b| ≤ TOL·max(1, |b|). */
export const TOL = 1e-6;
/** Forward and reverse mode compute the same products in (nearly) the same order: much tighter. */
export const AD_TOL = 1e-10;
/** Finite-difference step: with O(1) values and third derivatives, central differences err ≈ ε²|f‴|/6 + u|f|/ε ≈ 1e-10. */
export const EPS = 1e-5;

/** A stable 31-bit seed from a test name, so every property has its own fixed, reproducible seed. */
export function seedOf(name: string): number {
  let h = 2166136261;
  for (let i = 0; i < name.length; i++) h = Math.imul(h ^ name.charCodeAt(i), 16777619);
  return (h >>> 0) & 0x7fffffff;
}

/** `it` running a fast-check property with a fixed seed (derived from the name) and numRuns runs. */
export function prop<T>(name: string, arb: fc.Arbitrary<T>, body: (v: T) => void, numRuns = 40): void {
  it(name, () => {
    fc.assert(fc.property(arb, body), { numRuns, seed: seedOf(name) });
  });
}

// ---------------------------------------------------------------- arbitraries

export const dimArb = fc.integer({ min: 1, max: 5 });
export const seedArb = fc.integer({ min: 0, max: 0x7fffffff });
/** A shape (rows, cols in 1..5) and a seed. */
export const shapeArb = fc.record({ r: dimArb, c: dimArb, seed: seedArb });
/** Two shapes for a two-matrix operation. */
export const shape2Arb = fc.record({ r: dimArb, c: dimArb, k: dimArb, seed: seedArb });
/** A square size and a seed. */
export const squareArb = fc.record({ n: dimArb, seed: seedArb });

// ---------------------------------------------------------------- inputs

const asM = (rows: number, cols: number, data: ArrayLike<number>): M =>
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  fromData(rows as any, cols as any, Float64Array.from(data));

/** r×c standard normal entries (times std), reproducible by seed. */
export function rnd(r: number, c: number, seed: number, std = 1): M {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  return randn(r as any, c as any, { seed, std });
}

/** r×c uniform entries in [lo, hi). */
export function uni(r: number, c: number, seed: number, lo: number, hi: number): M {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  return rand(r as any, c as any, { seed, low: lo, high: hi });
}

/** Normal entries pushed at least `gap` away from 0 (for kinks at 0: relu, abs, norms, 1/x). */
export function awayFromZero(r: number, c: number, seed: number, gap = 0.25): M {
  const m = rnd(r, c, seed);
  return asM(r, c, Array.from(m.data, (v) => (v >= 0 ? v + gap : v - gap)));
}

/** Positive entries in [lo, hi) (log, sqrt, fractional powers). */
export function positive(r: number, c: number, seed: number, lo = 0.5, hi = 2.5): M {
  return uni(r, c, seed, lo, hi);
}

/**
 * Entries all different, pairwise at least 0.1 apart (so ±ε never changes which one is largest),
 * in a random order, with values O(1).
 */
export function distinct(r: number, c: number, seed: number): M {
  const n = r * c, noise = uni(1, n, seed, 0, 0.1).data, keys = rnd(1, n, seed + 1).data;
  const order = Array.from({ length: n }, (_, k) => k).sort((a, b) => keys[a] - keys[b]);
  const out = new Float64Array(n);
  order.forEach((k, rank) => (out[k] = -1.5 + (3 * rank) / Math.max(n, 1) + noise[k] * (3 / Math.max(n, 1))));
  // ranks are 3/n apart, the noise at most 0.3/n: gaps ≥ 2.7/n ≥ 0.1 for n ≤ 25
  return asM(r, c, out);
}

/** Distinct magnitudes, away from 0, random signs: for max(|x|), i.e. norm(x, Infinity). */
export function distinctMagnitudes(r: number, c: number, seed: number): M {
  const d = distinct(r, c, seed).data, signs = rnd(r, c, seed + 7).data;
  return asM(r, c, Array.from(d, (v, k) => (v + 2) * (signs[k] >= 0 ? 1 : -1))); // |v + 2| ∈ [0.5, 3.5], still ≥ 0.1 apart
}

/** A strictly diagonally dominant n×n matrix: uniform [−½, ½) entries plus n·I (margin ≥ n/2). */
export function wellConditioned(n: number, seed: number, negateFirstRow = false): M {
  const d = Float64Array.from(uni(n, n, seed, -0.5, 0.5).data);
  for (let i = 0; i < n; i++) d[i * n + i] += n;
  if (negateFirstRow) for (let j = 0; j < n; j++) d[j] = -d[j];
  return asM(n, n, d);
}

/** A matrix from nested arrays (any dims). */
export function m(rows: number[][]): M {
  return asM(rows.length, rows[0]?.length ?? 0, rows.flat());
}

// ---------------------------------------------------------------- comparisons

/** The plain entries of a derivative (under any box). */
export function flat(d: D): Float64Array {
  if (d instanceof Tensor) return d.data;
  let x: M = d;
  while (x._box !== null) x = x._box.primal;
  return x.data;
}

/** The full shape of a derivative: [rows, cols] for a Matrix, `shape` for a Tensor. */
export function shapeOf(d: D): number[] {
  return d instanceof Tensor ? [...(d.shape as number[])] : [d.rows, d.cols];
}

/**
 * Entry-wise |a − b| ≤ tol·max(1, |b|), with the same kind (Matrix/Tensor) and shape. Throws an
 * Error naming the worst entry (so fast-check shows it with the counterexample).
 */
export function expectClose(actual: D, expected: D, tol = TOL, label = "derivative"): void {
  const ka = actual instanceof Tensor ? "Tensor" : "Matrix", kb = expected instanceof Tensor ? "Tensor" : "Matrix";
  if (ka !== kb) throw new Error(`${label}: got a ${ka}, expected a ${kb}`);
  const sa = shapeOf(actual), sb = shapeOf(expected);
  if (sa.join("x") !== sb.join("x")) throw new Error(`${label}: shape ${sa.join("×")}, expected ${sb.join("×")}`);
  const a = flat(actual), b = flat(expected);
  let worst = -1, worstErr = 0;
  for (let k = 0; k < a.length; k++) {
    const err = Math.abs(a[k] - b[k]) / Math.max(1, Math.abs(b[k]));
    if (!(err <= worstErr) || Number.isNaN(err)) {
      worstErr = Number.isNaN(err) ? Infinity : err;
      worst = k;
    }
  }
  if (worst >= 0 && !(worstErr <= tol)) {
    throw new Error(`${label}: entry ${worst} of ${sa.join("×")} is ${a[worst]}, expected ${b[worst]} (relative error ${worstErr.toExponential(2)} > ${tol})`);
  }
}

export interface CheckOptions {
  readonly eps?: number;
  readonly tol?: number;
  /** The expected kind and shape of the derivative, when the test wants to pin it down. */
  readonly shape?: number[];
  readonly tensor?: boolean;
}

/**
 * The core property: forward-mode, reverse-mode and finite-difference Jacobians of f at x agree
 * entry by entry. Returns the reverse-mode Jacobian.
 */
export function checkDerivatives(f: AnyFn, x: M, opts: CheckOptions = {}): D {
  const fwd = jacobian(f, { mode: "forward" })(x) as D;
  const rev = jacobian(f, { mode: "reverse" })(x) as D;
  const num = numericJacobian(f, x, { eps: opts.eps ?? EPS }) as D;
  if (opts.shape !== undefined && shapeOf(rev).join("x") !== opts.shape.join("x")) {
    throw new Error(`jacobian shape ${shapeOf(rev).join("×")}, expected ${opts.shape.join("×")}`);
  }
  if (opts.tensor !== undefined && (rev instanceof Tensor) !== opts.tensor) {
    throw new Error(`jacobian is ${rev instanceof Tensor ? "a Tensor" : "a Matrix"}, expected ${opts.tensor ? "a Tensor" : "a Matrix"}`);
  }
  expectClose(fwd, rev, AD_TOL, "forward vs reverse");
  expectClose(rev, num, opts.tol ?? TOL, "reverse vs finite differences");
  expectClose(fwd, num, opts.tol ?? TOL, "forward vs finite differences");
  return rev;
}

/**
 * The same for a function of a record: `jacobian` gives one derivative per key, each compared
 * with the finite differences of f in that key alone (the others held fixed).
 */
export function checkRecordDerivatives(f: AnyFn, x: Record<string, M>, opts: CheckOptions = {}): Record<string, D> {
  const fwd = jacobian(f, { mode: "forward" })(x) as Record<string, D>;
  const rev = jacobian(f, { mode: "reverse" })(x) as Record<string, D>;
  const auto = jacobian(f)(x) as Record<string, D>;
  const keys = Object.keys(x);
  if (Object.keys(rev).sort().join() !== [...keys].sort().join()) throw new Error(`record jacobian keys ${Object.keys(rev).join()}, expected ${keys.join()}`);
  for (const k of keys) {
    const num = numericJacobian((v: M) => f({ ...x, [k]: v }), x[k], { eps: opts.eps ?? EPS }) as D;
    expectClose(fwd[k], rev[k], AD_TOL, `[${k}] forward vs reverse`);
    expectClose(auto[k], rev[k], AD_TOL, `[${k}] auto vs reverse`);
    expectClose(rev[k], num, opts.tol ?? TOL, `[${k}] reverse vs finite differences`);
    expectClose(fwd[k], num, opts.tol ?? TOL, `[${k}] forward vs finite differences`);
  }
  return rev;
}

/**
 * An r×c matrix (r, c in 1..5) of fast-check doubles in [lo, hi], optionally mapped entry by entry
 * (e.g. pushed away from a kink). Shrinks towards small shapes and simple values.
 */
export function matArb(lo: number, hi: number, map: (v: number) => number = (v) => v, maxDim = 5): fc.Arbitrary<M> {
  return fc
    .record({ r: fc.integer({ min: 1, max: maxDim }), c: fc.integer({ min: 1, max: maxDim }) })
    .chain(({ r, c }) =>
      fc
        .array(fc.double({ min: lo, max: hi, noNaN: true }), { minLength: r * c, maxLength: r * c })
        .map((d) => asM(r, c, d.map(map))),
    );
}

/** v ↦ v pushed `gap` away from 0 on its own side. */
export const pushAway = (gap: number) => (v: number): number => (v >= 0 ? v + gap : v - gap);
