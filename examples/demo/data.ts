/**
 * The data of the curve-fitting demo (seed 002, "Example: Linear Regression"): noisy observations
 * y = f(x) + ε, ε ∼ N(0, σ²), of a smooth function on x ∈ [0, 1]. Samples are the *columns* of a
 * 1×N row, as the network wants them (X ∈ R^{1×N}); the polynomial fit transposes to an N×1 column.
 * Everything is seeded: the same seeds give the same numbers on every run.
 */
import { fromData, rand, randn, sin, type Dim, type Matrix, type Row } from "../../src/index";
import type { CheckDim } from "../../types/dim";

/** The number of training samples: a size known only at run time, named in the types. */
export type N = Dim<"N">;

/** Standard deviation σ of the observation noise; σ² is the best MSE any model can reach on fresh data. */
export const NOISE_STD = 0.1;

/** Seeds for everything random in the demo. */
export const SEEDS = { trainX: 11, trainNoise: 12, testX: 21, testNoise: 22, net: 31 } as const;

/**
 * The true function, a chirp whose frequency grows with x: f(x) = sin(2πx(x + ½)).
 * One and a half periods on [0, 1], with the last half-wave much narrower than the first — hard
 * for a low-degree polynomial, easy for a small network. Entry-wise, so it takes any shape.
 */
export function truth<R extends number, C extends number>(x: Matrix<R, C>): Matrix<R, C> {
  // Shape rules on two generic operands (x ⊙ x with x: Matrix<R, C>) stay unresolved in the types,
  // so the body works on an unsized Matrix and the signature restores the shape.
  const t: Matrix = x;
  return sin(t.add(0.5).mul(t).scale(2 * Math.PI)) as Matrix<R, C>;
}

/** n inputs drawn uniformly from [0, 1) as a 1×n row, and their noisy observations y = f(x) + ε. */
export function sample<S extends number>(n: S & CheckDim<S>, seeds: { x: number; noise: number }): { x: Row<S>; y: Row<S> } {
  const x: Row<S> = rand<1, S>(1, n, { seed: seeds.x });
  const eps: Matrix = randn<1, S>(1, n, { seed: seeds.noise, std: NOISE_STD });
  const fx: Matrix = truth(x);
  return { x, y: fx.add(eps) as Row<S> };
}

/** n equally spaced points from lo to hi (inclusive) as a 1×n row: where the fitted curves are drawn. */
export function linspace<S extends number>(lo: number, hi: number, n: S & CheckDim<S>): Row<S> {
  const data = Float64Array.from({ length: n }, (_, i) => lo + ((hi - lo) * i) / (n - 1));
  return fromData<1, S>(1, n, data);
}
