/**
 * A small neural network y = f_θ(x) (seed 002, "Gradients of a Multi-Layer Neural Network"):
 *   f₀ = x,  f₁ = tanh(A₁f₀ + b₁),  f₂ = tanh(A₂f₁ + b₂),  f_θ(x) = A₃f₂ + b₃,
 * with θ = {A₁, b₁, A₂, b₂, A₃, b₃} a record of typed matrices. Samples are columns: the whole
 * batch X ∈ R^{1×N} goes through at once, Z = A·X + b·1ᵀ (`addToCols`).
 * Trained on L(θ) = (1/N)‖y − f_θ(X)‖² with Adam, on gradients from `valueAndGradient` under `jit`.
 */
import {
  addToCols,
  jit,
  randn,
  sqrt,
  sum,
  sumSquares,
  tanh,
  valueAndGradient,
  zeros,
  type GradientOf,
  type Matrix,
  type Params,
  type Row,
  type Scalar,
  type Vector,
} from "../../src/index";
import type { N } from "./data";

/** Widths of the two hidden layers. */
export type H1 = 16;
export type H2 = 16;

/** The parameters θ: every shape is in the type, so a mistake in the wiring does not compile. */
export type Net = {
  A1: Matrix<H1, 1>;
  b1: Vector<H1>;
  A2: Matrix<H2, H1>;
  b2: Vector<H2>;
  A3: Matrix<1, H2>;
  b3: Vector<1>;
};

/** A textual description of the architecture for the summary. */
export const ARCHITECTURE = "1-16-16-1 tanh";

/**
 * Initial θ, seeded. The first layer gets large weights so that the 16 tanh units of f₁ switch at
 * different places inside [0, 1]; the next layers use Glorot-style scales (std ≈ 1/√fan-in).
 */
export function initNet(seed: number): Net {
  return {
    A1: randn(16, 1, { seed, std: 6 }),
    b1: randn(16, 1, { seed: seed + 1, std: 3 }),
    A2: randn(16, 16, { seed: seed + 2, std: 1 / 4 }),
    b2: zeros(16, 1),
    A3: randn(1, 16, { seed: seed + 3, std: 1 / 4 }),
    b3: zeros(1, 1),
  };
}

/** The number of scalar parameters in θ. */
export function paramCount(theta: Params): number {
  return Object.values(theta).reduce((s, m) => s + m.size, 0);
}

/** f_θ(X) for a batch of S inputs given as the columns of X ∈ R^{1×S}; the result is 1×S. */
export function forward<S extends number>(theta: Net, X: Row<S>): Row<S> {
  const F1: Matrix<H1, S> = tanh(addToCols(theta.A1.matmul(X), theta.b1));
  const F2: Matrix<H2, S> = tanh(addToCols(theta.A2.matmul(F1), theta.b2));
  return addToCols(theta.A3.matmul(F2), theta.b3);
}

/** The training loss L(θ) = (1/N)‖f_θ(X) − y‖² (the MSE) on the N training samples. */
export function mseLoss(X: Row<N>, Y: Row<N>): (theta: Net) => Scalar {
  const invN = 1 / X.cols;
  return (theta) => sumSquares(forward(theta, X).sub(Y)).scale(invN);
}

/**
 * The seed's backpropagation written out by hand (S002-29), for checking `gradient`:
 * δ₃ = ∂L/∂f₃ = (2/N)(f₃ − y), then δᵢ = (Aᵢ₊₁ᵀ δᵢ₊₁) ⊙ (1 − fᵢ²) going down, and
 * ∂L/∂Aᵢ = δᵢ fᵢ₋₁ᵀ, ∂L/∂bᵢ = δᵢ·1 (summed over the samples). Gradients in θ's own shapes.
 */
export function backprop(theta: Net, X: Row<N>, Y: Row<N>): Net {
  const F1: Matrix<H1, N> = tanh(addToCols(theta.A1.matmul(X), theta.b1));
  const F2: Matrix<H2, N> = tanh(addToCols(theta.A2.matmul(F1), theta.b2));
  const F3: Row<N> = addToCols(theta.A3.matmul(F2), theta.b3);
  const D3: Row<N> = F3.sub(Y).scale(2 / X.cols);
  const D2: Matrix<H2, N> = theta.A3.T.matmul(D3).mul(F2.mul(F2).neg().add(1));
  const D1: Matrix<H1, N> = theta.A2.T.matmul(D2).mul(F1.mul(F1).neg().add(1));
  return {
    A1: D1.matmul(X.T),
    b1: sum(D1, 1),
    A2: D2.matmul(F1.T),
    b2: sum(D2, 1),
    A3: D3.matmul(F2.T),
    b3: sum(D3, 1),
  };
}

// ---------------------------------------------------------------- Adam

/** Adam's running moments, one per parameter and of the same shape. */
export interface AdamState<P extends Params> {
  m: P;
  v: P;
  t: number;
}

export interface AdamOptions {
  beta1?: number;
  beta2?: number;
  eps?: number;
}

export function adamInit<P extends Params>(theta: P): AdamState<P> {
  const zerosLike = () => Object.fromEntries(Object.entries(theta).map(([k, p]) => [k, p.scale(0)])) as P;
  return { m: zerosLike(), v: zerosLike(), t: 0 };
}

/**
 * One Adam step on one parameter: m ← β₁m + (1−β₁)g, v ← β₂v + (1−β₂)g⊙g,
 * p ← p − lr·m̂ ⊘ (√v̂ + ε) with the bias corrections m̂ = m/(1−β₁ᵗ), v̂ = v/(1−β₂ᵗ).
 * Every value has the parameter's shape M; the body works on unsized matrices because shape rules
 * between two operands of a generic shape stay unresolved in the types.
 */
function adamLeaf<M extends Matrix>(p: M, g: M, m: M, v: M, lr: number, t: number, o: Required<AdamOptions>): [M, M, M] {
  const P: Matrix = p, G: Matrix = g;
  const m1: Matrix = (m as Matrix).scale(o.beta1).add(G.scale(1 - o.beta1));
  const v1: Matrix = (v as Matrix).scale(o.beta2).add(G.mul(G).scale(1 - o.beta2));
  const mHat = m1.scale(1 / (1 - o.beta1 ** t));
  const vHat = v1.scale(1 / (1 - o.beta2 ** t));
  const p1 = P.sub(mHat.div(sqrt(vHat).add(o.eps)).scale(lr));
  return [p1 as M, m1 as M, v1 as M];
}

/** One Adam step on every parameter of θ: the result has θ's type, so every shape is kept. */
export function adamStep<P extends Params>(theta: P, g: GradientOf<P>, state: AdamState<P>, lr: number, opts: AdamOptions = {}): [P, AdamState<P>] {
  const o = { beta1: 0.9, beta2: 0.999, eps: 1e-8, ...opts };
  const t = state.t + 1;
  const next: Record<string, Matrix> = {}, m: Record<string, Matrix> = {}, v: Record<string, Matrix> = {};
  for (const k of Object.keys(theta)) {
    [next[k], m[k], v[k]] = adamLeaf(theta[k] as Matrix, g[k] as Matrix, state.m[k] as Matrix, state.v[k] as Matrix, lr, t, o);
  }
  return [next as unknown as P, { m: m as unknown as P, v: v as unknown as P, t }];
}

// ---------------------------------------------------------------- training

export interface TrainResult {
  theta: Net;
  /** Training MSE at each step (index 0 = at the initial θ). */
  mse: number[];
}

/**
 * Trains with Adam on the whole batch for `steps` steps; the learning rate decays along a cosine
 * from lr₀ to lr₀/20, which lets the last steps settle instead of rattling around the minimum.
 */
export function trainNet(
  X: Row<N>,
  Y: Row<N>,
  steps: number,
  opts: { seed: number; lr?: number; onStep?: (step: number, mse: number) => void },
): TrainResult {
  const lr0 = opts.lr ?? 0.005;
  // jit: traced on the first call, then each step replays the recorded kernels into planned
  // buffers (the data X, Y are read once, when tracing: they do not change here)
  const valueAndGrad = jit(valueAndGradient(mseLoss(X, Y)));
  let theta: Net = initNet(opts.seed);
  let state = adamInit(theta);
  const mse: number[] = [];
  for (let k = 0; k <= steps; k++) {
    const { value, gradient: g } = valueAndGrad(theta); // g.A2: Matrix<16, 16>, g.b3: Vector<1>, …
    mse.push(value.item());
    opts.onStep?.(k, value.item());
    if (k === steps) break;
    const lr = lr0 * (0.05 + 0.95 * 0.5 * (1 + Math.cos((Math.PI * k) / steps)));
    [theta, state] = adamStep(theta, g, state, lr);
  }
  return { theta, mse };
}
