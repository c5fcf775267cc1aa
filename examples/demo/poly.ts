/**
 * Polynomial regression of order M (seed 002, "Example: Linear Regression"):
 *   f(x, θ) = θ₀ + θ₁t + … + θ_M t^M,  L(θ) = Σᵢ (yᵢ − f(xᵢ, θ))² = ‖y − Φθ‖²,  Φ ∈ R^{N×(M+1)}.
 * The polynomial is written in powers of t = 2x − 1 ∈ [−1, 1] instead of x ∈ [0, 1]: the same
 * functions, but cond(ΦᵀΦ) drops from ~10⁷ to ~10³, which is what decides whether gradient descent
 * reaches the least-squares solution in a thousand steps or a billion.
 *
 * Fitted twice: by the normal equations ΦᵀΦθ = Φᵀy, and by gradient descent with momentum on
 * gradients from shapecalc. The seed's closed form dL/dθ = −2eᵀΦ (e = y − Φθ) is checked against
 * `grad`, and the Hessian 2ΦᵀΦ against `hessian`.
 */
import {
  eye,
  grad,
  hessian,
  hstack,
  pow,
  randn,
  solve,
  sumSquares,
  valueAndGradient,
  zeros,
  type Matrix,
  type Row,
  type Scalar,
  type Vector,
} from "../../src/index";
import type { N } from "./data";

/** The order M of the polynomial; θ has M + 1 = 6 entries. */
export const DEGREE = 5;
/** M + 1, the number of features (columns of Φ). */
export type P = 6;

/**
 * The feature matrix Φ ∈ R^{R×6}, row i = [1, tᵢ, tᵢ², …, tᵢ⁵] with t = 2x − 1, for inputs given as
 * a 1×R row (samples as columns, like the network's). With concrete dims the hstack chain types
 * itself: Matrix<Dim<"N">, 1> beside Matrix<Dim<"N">, 1> is Matrix<Dim<"N">, 2>, … up to 6.
 */
export function features<R extends number>(x: Row<R>): Matrix<R, P> {
  // Shape rules between two operands with a generic dim (R vs R) stay unresolved in the types,
  // so the body works on unsized matrices; the signature carries the shape.
  const t: Matrix = x.T.scale(2).add(-1);
  const Phi = hstack(hstack(hstack(hstack(hstack(pow(t, 0), t), pow(t, 2)), pow(t, 3)), pow(t, 4)), pow(t, 5));
  return Phi as Matrix<R, P>;
}

/** f(x, θ) = Φ(x)θ at the inputs of a 1×R row, as a 1×R row. */
export function predict<R extends number>(theta: Vector<P>, x: Row<R>): Row<R> {
  return features(x).matmul(theta).T;
}

/** The loss of seed 002, L(θ) = ‖y − Φθ‖² (no ½: its gradient is −2eᵀΦ). */
export function lossFn(Phi: Matrix<N, P>, y: Vector<N>): (theta: Vector<P>) => Scalar {
  return (theta) => sumSquares(y.sub(Phi.matmul(theta)));
}

/** Least squares by the normal equations: θ = (ΦᵀΦ)⁻¹Φᵀy, by an LU solve (no inverse formed). */
export function fitNormalEquations(Phi: Matrix<N, P>, y: Vector<N>): Vector<P> {
  const gram: Matrix<P, P> = Phi.T.matmul(Phi);
  const rhs: Vector<P> = Phi.T.matmul(y);
  return solve(gram, rhs);
}

/** Largest and smallest eigenvalue of a symmetric positive semi-definite 6×6 matrix by power iteration. */
export function extremeEigenvalues(S: Matrix<P, P>, iterations = 500): { max: number; min: number } {
  const top = (B: Matrix<P, P>): number => {
    let v: Vector<P> = randn(6, 1, { seed: 7 });
    let lambda = 0;
    for (let k = 0; k < iterations; k++) {
      const w = B.matmul(v);
      lambda = v.T.matmul(w).item() / v.T.matmul(v).item(); // Rayleigh quotient
      v = w.scale(1 / Math.sqrt(sumSquares(w).item()));
    }
    return lambda;
  };
  const max = top(S);
  // the smallest eigenvalue of S is max − (largest eigenvalue of max·I − S)
  const min = max - top(eye(6).scale(max).sub(S));
  return { max, min };
}

export interface GdResult {
  theta: Vector<P>;
  /** Training MSE L(θ)/N after each step (index 0 = at the start). */
  mse: number[];
  /** Step size α and momentum β (Polyak's choice for a quadratic with Hessian eigenvalues in [μ, λ]). */
  alpha: number;
  beta: number;
  /** Condition number λ/μ of the Hessian. */
  kappa: number;
}

/**
 * Gradient descent with (heavy-ball) momentum on L, with gradients from `valueAndGradient`:
 *   v ← βv − α∇L(θ),  θ ← θ + v.
 * L is quadratic with Hessian ∇²L = 2ΦᵀΦ (taken from `hessian`); with its extreme eigenvalues
 * μ ≤ λ, Polyak's α = 4/(√λ + √μ)², β = ((√κ − 1)/(√κ + 1))² converge at the rate (√κ − 1)/(√κ + 1).
 */
export function fitGradientDescent(
  Phi: Matrix<N, P>,
  y: Vector<N>,
  steps: number,
  onStep?: (step: number, mse: number) => void,
): GdResult {
  const n = y.rows;
  const L = lossFn(Phi, y);
  const theta0: Vector<P> = zeros(6, 1);
  const H: Matrix<P, P> = hessian(L)(theta0);
  const { max, min } = extremeEigenvalues(H);
  const kappa = max / min, sk = Math.sqrt(kappa);
  const alpha = 4 / (Math.sqrt(max) + Math.sqrt(min)) ** 2;
  const beta = ((sk - 1) / (sk + 1)) ** 2;

  const step = valueAndGradient(L);
  let theta = theta0;
  let velocity: Vector<P> = zeros(6, 1);
  const mse: number[] = [];
  for (let k = 0; k <= steps; k++) {
    const { value, gradient: g } = step(theta); // g: the gradient in θ's own shape, 6×1
    mse.push(value.item() / n);
    onStep?.(k, value.item() / n);
    if (k === steps) break;
    velocity = velocity.scale(beta).sub(g.scale(alpha));
    theta = theta.add(velocity);
  }
  return { theta, mse, alpha, beta, kappa };
}

export interface GradCheck {
  /** Largest |grad − closed form| over the entries, and the largest |closed form| for scale. */
  maxAbsDiff: number;
  scale: number;
  /** Same for the Hessian against 2ΦᵀΦ. */
  hessianMaxAbsDiff: number;
  /** The two gradients (1×6 rows, numerator layout) at the random point, for printing. */
  library: Row<P>;
  closedForm: Row<P>;
}

/**
 * The seed's closed form against reverse mode: dL/dθ = −2(y − Φθ)ᵀΦ ∈ R^{1×6} (numerator layout,
 * a row — what `grad` returns), at θ = 0 and at a random θ; and ∇²L = 2ΦᵀΦ against `hessian`.
 */
export function checkClosedForm(Phi: Matrix<N, P>, y: Vector<N>): GradCheck {
  const L = lossFn(Phi, y);
  let maxAbsDiff = 0, scale = 0;
  let library: Row<P> = zeros(1, 6), closedForm: Row<P> = zeros(1, 6);
  for (const theta of [zeros(6, 1) as Vector<P>, randn(6, 1, { seed: 5 }) as Vector<P>]) {
    const g: Row<P> = grad(L)(theta);
    const e: Vector<N> = y.sub(Phi.matmul(theta));
    const closed: Row<P> = e.T.matmul(Phi).scale(-2);
    maxAbsDiff = Math.max(maxAbsDiff, maxAbs(g.sub(closed)));
    scale = Math.max(scale, maxAbs(closed));
    library = g;
    closedForm = closed;
  }
  const H: Matrix<P, P> = hessian(L)(zeros(6, 1));
  const hessianMaxAbsDiff = maxAbs(H.sub(Phi.T.matmul(Phi).scale(2)));
  return { maxAbsDiff, scale, hessianMaxAbsDiff, library, closedForm };
}

export function maxAbs(m: Matrix): number {
  let s = 0;
  for (const v of m.data) s = Math.max(s, Math.abs(v));
  return s;
}
