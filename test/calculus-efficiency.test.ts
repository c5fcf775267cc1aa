/**
 * No needless Jacobian: reverse mode forms only vector–Jacobian products. Watched through
 * `observeKernels`, which sees every kernel run with its output shape.
 */
import { describe, it, expect } from "vitest";
import {
  gradient, valueAndGradient, vjp, observeKernels, tanh, sub, mul, sum, sumSquares, matmul, transpose, randn, type KernelObserver,
} from "../src/index";
import { type M, type AnyFn, expectClose } from "./calculus-helpers";

interface Run {
  name: string;
  rows: number;
  cols: number;
}

function record(fn: () => void): Run[] {
  const runs: Run[] = [];
  const obs: KernelObserver = (name, rows, cols) => void runs.push({ name, rows, cols });
  const prev = observeKernels(obs);
  try {
    fn();
  } finally {
    observeKernels(prev);
  }
  return runs;
}

describe("grad of L(W) = ‖tanh(W·X) − Y‖², W 256×256, X 256×8", () => {
  const n = 256, b = 8;
  /* eslint-disable @typescript-eslint/no-explicit-any */
  const W = randn(n as any, n as any, { seed: 1, std: 1 / 16 }) as M;
  const X = randn(n as any, b as any, { seed: 2 }) as M;
  const Y = randn(n as any, b as any, { seed: 3, std: 0.5 }) as M;
  const mm = matmul as any;
  /* eslint-enable @typescript-eslint/no-explicit-any */
  const L = (w: M) => sumSquares(sub(tanh(mm(w, X)), Y));

  it("runs no kernel with more than 256·256 entries and a small constant number of matmuls", () => {
    let g: M | undefined;
    const runs = record(() => void (g = (gradient as (f: AnyFn) => (x: M) => M)(L)(W)));
    const biggest = Math.max(...runs.map((r) => r.rows * r.cols));
    expect(biggest).toBeLessThanOrEqual(n * n); // the only n×n object is ∇W itself; never n×(n·n)
    for (const r of runs) expect(r.rows * r.cols, `${r.name} ${r.rows}×${r.cols}`).toBeLessThanOrEqual(n * n);
    const matmuls = runs.filter((r) => r.name === "matmul");
    expect(matmuls.length).toBeGreaterThanOrEqual(2); // W·X forward, G·Xᵀ backward
    expect(matmuls.length).toBeLessThanOrEqual(4);
    // nothing shaped like a Jacobian row block or a Kronecker factor
    expect(runs.some((r) => r.name === "kron" || r.rows * r.cols > n * n)).toBe(false);
    expect(runs.length).toBeLessThan(30);

    // and the gradient is right: ∇W = 2[(T − Y) ⊙ (1 − T²)]Xᵀ with T = tanh(WX)
    const T = tanh(mm(W, X)) as M;
    const expected = mm(mul(mul(sub(T, Y), 2), sub(T.mul(0).add(1), mul(T, T))), transpose(X)) as M;
    expect(g!.shape).toEqual([n, n]);
    expectClose(g!, expected, 1e-12, "∇W");
  });

  it("valueAndGradient costs the same kernels as gradient (one forward, one backward pass)", () => {
    const a = record(() => (gradient as (f: AnyFn) => (x: M) => M)(L)(W));
    const c = record(() => (valueAndGradient as (f: AnyFn) => (x: M) => unknown)(L)(W));
    expect(c.map((r) => r.name)).toEqual(a.map((r) => r.name));
    // the forward pass alone is part of it
    const f = record(() => L(W));
    expect(a.slice(0, f.length).map((r) => r.name)).toEqual(f.map((r) => r.name));
  });

  it("a directional finite difference agrees with ⟨∇W, V⟩", () => {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const V = randn(n as any, n as any, { seed: 4, std: 1 / 16 }) as M;
    const g = (gradient as (f: AnyFn) => (x: M) => M)(L)(W);
    const h = 1e-5;
    const fdv = (L(W.add(V.mul(h))).item() - L(W.sub(V.mul(h))).item()) / (2 * h);
    const ad = sum(mul(g, V)).item();
    expect(Math.abs(ad - fdv)).toBeLessThanOrEqual(1e-6 * Math.max(1, Math.abs(fdv)));
  });

  it("a pullback of the matrix-valued tanh(W·X) (vjp) also never forms a Jacobian", () => {
    const { pullback } = (vjp as (f: AnyFn, x: M) => { pullback: (ct: M) => M })((w: M) => tanh(mm(w, X)), W);
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const ct = randn(n as any, b as any, { seed: 5 }) as M;
    const runs = record(() => pullback(ct));
    expect(Math.max(...runs.map((r) => r.rows * r.cols))).toBeLessThanOrEqual(n * n);
    expect(runs.filter((r) => r.name === "matmul").length).toBe(1);
  });
});
