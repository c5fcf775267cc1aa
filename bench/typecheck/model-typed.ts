/**
 * Type-check cost fixture (typed): a 3-layer tanh network, its loss, its gradients by autodiff and
 * by hand-written backpropagation, and an SGD step, with every shape in the types. The twin
 * `model-plain.ts` has the same code on `number[][]`. bench/typecheck/run.ts times `tsc` on each, and
 * on a scaled pair made of copies of everything below "the model" with other layer sizes.
 * Not run by the bench (only type-checked); `demo()` runs it.
 */
import { addToCols, randn, sum, sumSquares, tanh, valueAndGradient, type Matrix, type Scalar, type Vector } from "../../src/index";

// ---- the model ----

/** Layer sizes: 16 inputs → 32 → 32 → 4 outputs, a batch of 64 samples as columns. */
export type Params = {
  W1: Matrix<32, 16>;
  b1: Vector<32>;
  W2: Matrix<32, 32>;
  b2: Vector<32>;
  W3: Matrix<4, 32>;
  b3: Vector<4>;
};
export type Batch = { X: Matrix<16, 64>; Y: Matrix<4, 64> };

export function init(seed: number): Params {
  return {
    W1: randn(32, 16, { seed, std: 0.25 }),
    b1: randn(32, 1, { seed: seed + 1, std: 0.1 }),
    W2: randn(32, 32, { seed: seed + 2, std: 0.18 }),
    b2: randn(32, 1, { seed: seed + 3, std: 0.1 }),
    W3: randn(4, 32, { seed: seed + 4, std: 0.18 }),
    b3: randn(4, 1, { seed: seed + 5, std: 0.1 }),
  };
}

export function forward(p: Params, X: Matrix<16, 64>): { h1: Matrix<32, 64>; h2: Matrix<32, 64>; out: Matrix<4, 64> } {
  const h1 = tanh(addToCols(p.W1.matmul(X), p.b1));
  const h2 = tanh(addToCols(p.W2.matmul(h1), p.b2));
  const out = addToCols(p.W3.matmul(h2), p.b3);
  return { h1, h2, out };
}

/** L = (1/2n)‖f(X) − Y‖². */
export function loss(p: Params, { X, Y }: Batch): Scalar {
  return sumSquares(forward(p, X).out.sub(Y)).scale(0.5 / 64);
}

/** The gradients by reverse-mode autodiff, in the parameters' own shapes. */
export function autodiffGradients(p: Params, batch: Batch): { value: number; gradient: Params } {
  const { value, gradient } = valueAndGradient((q: Params) => loss(q, batch))(p);
  const g: Params = gradient;
  return { value: value.item(), gradient: g };
}

/** The same gradients written out by backpropagation. */
export function backprop(p: Params, { X, Y }: Batch): Params {
  const { h1, h2, out } = forward(p, X);
  const dOut: Matrix<4, 64> = out.sub(Y).scale(1 / 64);
  const W3: Matrix<4, 32> = dOut.matmul(h2.T);
  const b3: Vector<4> = sum(dOut, 1);
  const dz2: Matrix<32, 64> = p.W3.T.matmul(dOut).mul(h2.mul(h2).neg().addScalar(1));
  const W2: Matrix<32, 32> = dz2.matmul(h1.T);
  const b2: Vector<32> = sum(dz2, 1);
  const dz1: Matrix<32, 64> = p.W2.T.matmul(dz2).mul(h1.mul(h1).neg().addScalar(1));
  const W1: Matrix<32, 16> = dz1.matmul(X.T);
  const b1: Vector<32> = sum(dz1, 1);
  return { W1, b1, W2, b2, W3, b3 };
}

export function sgd(p: Params, g: Params, lr: number): Params {
  return {
    W1: p.W1.sub(g.W1.scale(lr)),
    b1: p.b1.sub(g.b1.scale(lr)),
    W2: p.W2.sub(g.W2.scale(lr)),
    b2: p.b2.sub(g.b2.scale(lr)),
    W3: p.W3.sub(g.W3.scale(lr)),
    b3: p.b3.sub(g.b3.scale(lr)),
  };
}

/** Largest entry-wise difference between two parameter sets. */
export function maxDiff(a: Params, b: Params): number {
  let m = 0;
  for (const k of Object.keys(a) as (keyof Params)[]) {
    const x = a[k].toFlatArray(), y = b[k].toFlatArray();
    for (let i = 0; i < x.length; i++) m = Math.max(m, Math.abs(x[i] - y[i]));
  }
  return m;
}

export function demo(steps = 20): number[] {
  let p = init(1);
  const batch: Batch = { X: randn(16, 64, { seed: 10 }), Y: randn(4, 64, { seed: 11 }) };
  const losses: number[] = [];
  for (let s = 0; s < steps; s++) {
    const { value, gradient } = autodiffGradients(p, batch);
    if (s === 0 && maxDiff(gradient, backprop(p, batch)) > 1e-10) throw new Error("autodiff and backprop disagree");
    losses.push(value);
    p = sgd(p, gradient, 0.5);
  }
  return losses;
}
