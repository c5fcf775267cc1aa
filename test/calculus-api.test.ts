/**
 * The differentiation API: layouts and shapes of grad / gradient / jacobian (the table of
 * DESIGN.md), vjp and jvp against the Jacobian, "auto" mode, chain, Tensor flattening, checkGrad
 * and the errors.
 */
import { describe, it, expect } from "vitest";
import fc from "fast-check";
import {
  Matrix, Tensor, ShapeError, grad, gradient, valueAndGrad, valueAndGradient, vjp, jvp, jacobian, jacobianT, chain, chainT,
  asDenominator, numericJacobian, checkGrad, observeKernels, add, mul, sin, cos, exp, tanh, relu, sum, sumSquares,
  matmul, logSumExp, softmax, transpose, scalar, vec, mat, fromData, type KernelObserver,
} from "../src/index";
import {
  type M, type D, type AnyFn, prop, dimArb, seedArb, shapeArb, rnd, flat, shapeOf, expectClose, checkDerivatives,
} from "./calculus-helpers";

/* eslint-disable @typescript-eslint/no-explicit-any */
const anyGrad = grad as (f: AnyFn) => (x: any) => any;
const anyGradient = gradient as (f: AnyFn) => (x: any) => any;
const anyJacobian = jacobian as (f: AnyFn, opts?: { mode?: "auto" | "forward" | "reverse" }) => (x: any) => any;
const anyChain = chain as (a: any, b: any) => any;
const F = { matmul: matmul as any, sum: sum as any, fromData: fromData as any };
/* eslint-enable @typescript-eslint/no-explicit-any */

/** Plain r×c matrix from data. */
const fd = (r: number, c: number, data: ArrayLike<number>): M => F.fromData(r, c, Float64Array.from(data));

/** The (∏out)×(∏in) matrix of a derivative. */
const asMatrix = (d: D): M => (d instanceof Tensor ? (d.toMatrix() as M) : d);

/** A smooth scalar function of any matrix: Σ sin(x)·x + logSumExp(x). */
const scalarFn = (x: M): M => add(sum(mul(sin(x), x)), logSumExp(x));

/** Kernel runs (by name) while running `fn`. */
/** Kernel runs: how many, per name, the largest result, and the entries computed in all. */
function countKernels(fn: () => void): { total: number; byName: Map<string, number>; maxEntries: number; entries: number } {
  const byName = new Map<string, number>();
  let total = 0, maxEntries = 0, entries = 0;
  const obs: KernelObserver = (name, rows, cols) => {
    total++;
    byName.set(name, (byName.get(name) ?? 0) + 1);
    maxEntries = Math.max(maxEntries, rows * cols);
    entries += rows * cols;
  };
  const prev = observeKernels(obs);
  try {
    fn();
  } finally {
    observeKernels(prev);
  }
  return { total, byName, maxEntries, entries };
}

describe("grad and gradient: numerator vs denominator layout", () => {
  prop("grad of a scalar function of a vector is 1×D and equals gradient(f)ᵀ", fc.record({ n: fc.integer({ min: 2, max: 8 }), seed: seedArb }), ({ n, seed }) => {
    const x = rnd(n, 1, seed);
    const g = anyGrad(scalarFn)(x) as D, G = anyGradient(scalarFn)(x) as M;
    expect(g).toBeInstanceOf(Matrix);
    expect(shapeOf(g)).toEqual([1, n]);
    expect(G.shape).toEqual([n, 1]);
    expectClose(g, transpose(G) as M, 0, "grad vs gradientᵀ");
    expectClose(g, numericJacobian(scalarFn, x, { eps: 1e-5 }) as D, 1e-6, "grad vs finite differences");
  });

  prop("grad w.r.t. an M×N matrix is a Tensor [1, M, N] with gradient's data", fc.record({ r: fc.integer({ min: 2, max: 5 }), c: fc.integer({ min: 2, max: 5 }), seed: seedArb }), ({ r, c, seed }) => {
    const x = rnd(r, c, seed);
    const g = anyGrad(scalarFn)(x) as Tensor, G = anyGradient(scalarFn)(x) as M;
    expect(g).toBeInstanceOf(Tensor);
    expect(g.shape).toEqual([1, r, c]);
    expect(g.outDims).toEqual([1]);
    expect(g.inDims).toEqual([r, c]);
    expect(G.shape).toEqual([r, c]);
    expect(Array.from(g.data)).toEqual(Array.from(G.data));
    for (let i = 0; i < r; i++) for (let j = 0; j < c; j++) expect(g.get(0, i, j)).toBe(G.get(i, j));
    expect(g.slice(0).toArray()).toEqual(G.toArray());
  });

  it("grad of a scalar function of a scalar is 1×1; of a row 1×N it is a Tensor [1, 1, N]", () => {
    expect((anyGrad((t: M) => sin(t))(scalar(0.5)) as M).toArray()).toEqual([[Math.cos(0.5)]]);
    const g = anyGrad((x: M) => sumSquares(x))(mat([[1, 2, 3]])) as Tensor;
    expect(g).toBeInstanceOf(Tensor);
    expect(g.shape).toEqual([1, 1, 3]);
    expect(Array.from(g.data)).toEqual([2, 4, 6]);
  });

  prop("grad and gradient of a record: per key, in each layout", shapeArb, ({ r, c, seed }) => {
    const x = { W: rnd(r, c, seed), b: rnd(r, 1, seed + 1), s: rnd(1, 1, seed + 2) };
    const f = ({ W, b, s }: { W: M; b: M; s: M }) => add(scalarFn(add(W, matmul(b as any, fd(1, c, new Array(c).fill(1)) as any) as M).scale(s)), sum(b));
    const g = anyGrad(f)(x) as Record<string, D>, G = anyGradient(f)(x) as Record<string, M>;
    expect(Object.keys(g).sort()).toEqual(["W", "b", "s"]);
    expect(Object.keys(G).sort()).toEqual(["W", "b", "s"]);
    for (const k of ["W", "b", "s"] as const) {
      expect(G[k].shape).toEqual(x[k].shape);
      expect(Array.from(flat(g[k]))).toEqual(Array.from(G[k].data));
      const num = numericJacobian((v: M) => f({ ...x, [k]: v }), x[k], { eps: 1e-5 }) as D;
      expectClose(g[k], num, 1e-6, `grad[${k}] vs finite differences`);
    }
    expect(shapeOf(g.b)).toEqual(r === 1 ? [1, 1] : [1, r]);
    expect(shapeOf(g.s)).toEqual([1, 1]);
  });

  prop("valueAndGrad / valueAndGradient: the value is f(x), the gradients are grad / gradient", shapeArb, ({ r, c, seed }) => {
    const x = rnd(r, c, seed);
    const vg = (valueAndGrad as (f: AnyFn) => (x: M) => { value: M; grad: D })(scalarFn)(x);
    const vG = (valueAndGradient as (f: AnyFn) => (x: M) => { value: M; gradient: M })(scalarFn)(x);
    const value = scalarFn(x).item();
    expect(vg.value.shape).toEqual([1, 1]);
    expect(vg.value.item()).toBe(value);
    expect(vG.value.item()).toBe(value);
    expect(vg.value._box).toBeNull();
    expectClose(vg.grad, anyGrad(scalarFn)(x), 0, "valueAndGrad.grad");
    expectClose(vG.gradient, anyGradient(scalarFn)(x), 0, "valueAndGradient.gradient");
  });

  it("valueAndGradient of a record", () => {
    const f = ({ a, b }: { a: M; b: M }) => sum(mul(exp(a), b));
    const a = vec([0.1, -0.2]), b = vec([2, 3]);
    const r = (valueAndGradient as (f: AnyFn) => (x: unknown) => { value: M; gradient: Record<string, M> })(f)({ a, b });
    expect(r.value.item()).toBeCloseTo(2 * Math.exp(0.1) + 3 * Math.exp(-0.2), 14);
    expect(r.gradient.a.toFlatArray()).toEqual([2 * Math.exp(0.1), 3 * Math.exp(-0.2)]);
    expect(r.gradient.b.toFlatArray()).toEqual([Math.exp(0.1), Math.exp(-0.2)]);
  });

  it("a function that ignores its input has zero gradient (and jacobian) in every mode", () => {
    const x = vec([1, 2, 3]);
    expect((anyGradient(() => scalar(4))(x) as M).toFlatArray()).toEqual([0, 0, 0]);
    for (const mode of ["forward", "reverse", "auto"] as const) {
      const j = anyJacobian(() => vec([1, 2]), { mode })(x) as M;
      expect(j.shape).toEqual([2, 3]);
      expect(j.toFlatArray()).toEqual([0, 0, 0, 0, 0, 0]);
    }
  });

  it("the identity has the identity Jacobian in every mode", () => {
    for (const mode of ["forward", "reverse", "auto"] as const) {
      expect((anyJacobian((x: M) => x, { mode })(vec([1, 2, 3])) as M).toArray()).toEqual([[1, 0, 0], [0, 1, 0], [0, 0, 1]]);
    }
  });
});

describe("vjp and jvp against the Jacobian", () => {
  const fns: [string, AnyFn, (s: number) => M][] = [
    ["R^4 → R^3", (x: M) => tanh(matmul(rnd(3, 4, 11) as any, x as any) as M), (s) => rnd(4, 1, s)],
    ["R^{3×2} → R^{2×3}", (x: M) => exp(transpose(sin(x)) as M).mul(0.5), (s) => rnd(3, 2, s)],
    ["R^{2×3} → R (scalar)", scalarFn, (s) => rnd(2, 3, s)],
    ["R → R^{2×2}", (t: M) => mat([[sin(t), cos(t)], [mul(t, t), 1]]) as M, (s) => rnd(1, 1, s)],
  ];
  for (const [name, f, mk] of fns) {
    prop(`vjp: pullback(ct) = ctᵀ·J, laid out like x (${name})`, seedArb, (seed) => {
      const x = mk(seed);
      const { out, pullback } = (vjp as (f: AnyFn, x: M) => { out: M; pullback: (ct: M) => M })(f, x);
      expect(out.toFlatArray()).toEqual(f(x).toFlatArray());
      const ct = rnd(out.rows, out.cols, seed + 1);
      const xbar = pullback(ct);
      expect(xbar.shape).toEqual(x.shape);
      const J = asMatrix(anyJacobian(f, { mode: "forward" })(x));
      const expected = matmul(fd(1, ct.size, ct.data) as any, J as any) as M; // 1×(∏out) · (∏out)×(∏in)
      expectClose(fd(1, xbar.size, xbar.data), expected, 1e-12, "pullback vs ctᵀJ");
      // a pullback may be called again
      expectClose(pullback(ct), xbar, 0, "second pullback call");
    });
    prop(`jvp: tangent = J·v, shaped like f(x) (${name})`, seedArb, (seed) => {
      const x = mk(seed), v = rnd(x.rows, x.cols, seed + 2);
      const { out, tangent } = (jvp as (f: AnyFn, x: M, v: M) => { out: M; tangent: M })(f, x, v);
      expect(out.toFlatArray()).toEqual(f(x).toFlatArray());
      expect(tangent.shape).toEqual(out.shape);
      const J = asMatrix(anyJacobian(f, { mode: "reverse" })(x));
      const expected = matmul(J as any, fd(v.size, 1, v.data) as any) as M;
      expectClose(fd(tangent.size, 1, tangent.data), expected, 1e-12, "tangent vs J·v");
    });
  }

  const rec = (seed: number) => ({ A: rnd(3, 2, seed), b: rnd(3, 1, seed + 1), x: rnd(2, 1, seed + 2) });
  const recF = ({ A, b, x }: { A: M; b: M; x: M }): M => softmax(add(matmul(A as any, x as any) as M, b));
  prop("vjp with a record input: per-key pullbacks = ctᵀ·J_key", seedArb, (seed) => {
    const p = rec(seed), ct = rnd(3, 1, seed + 3);
    const { out, pullback } = (vjp as (f: AnyFn, x: unknown) => { out: M; pullback: (ct: M) => Record<string, M> })(recF, p);
    expect(out.toFlatArray()).toEqual(recF(p).toFlatArray());
    const bars = pullback(ct);
    const J = anyJacobian(recF)(p) as Record<string, D>;
    for (const k of ["A", "b", "x"] as const) {
      expect(bars[k].shape).toEqual(p[k].shape);
      const expected = matmul(fd(1, 3, ct.data) as any, asMatrix(J[k]) as any) as M;
      expectClose(fd(1, bars[k].size, bars[k].data), expected, 1e-12, `pullback[${k}]`);
    }
  });
  prop("jvp with a record input: tangent = Σ_key J_key·v_key", seedArb, (seed) => {
    const p = rec(seed), v = rec(seed + 10);
    const { tangent } = (jvp as (f: AnyFn, x: unknown, v: unknown) => { out: M; tangent: M })(recF, p, v);
    const J = anyJacobian(recF)(p) as Record<string, D>;
    let expected = fd(3, 1, [0, 0, 0]);
    for (const k of ["A", "b", "x"] as const) expected = add(expected, matmul(asMatrix(J[k]) as any, fd(v[k].size, 1, v[k].data) as any) as M);
    expectClose(tangent, expected, 1e-12, "record tangent");
    // and against a finite difference along v
    const h = 1e-5, shift = (s: number) => ({ A: add(p.A, v.A.mul(s)), b: add(p.b, v.b.mul(s)), x: add(p.x, v.x.mul(s)) });
    const fdT = recF(shift(h)).sub(recF(shift(-h))).mul(1 / (2 * h));
    expectClose(tangent, fdT, 1e-6, "record tangent vs finite difference");
  });
});

describe("jacobian: the shapes of the table (numerator layout)", () => {
  it("R^N → R^M: an M×N Matrix", () => {
    const A = rnd(4, 3, 1), x = rnd(3, 1, 2);
    for (const mode of ["forward", "reverse", "auto"] as const) {
      const J = anyJacobian((x: M) => matmul(A as any, x as any), { mode })(x) as M;
      expect(J).toBeInstanceOf(Matrix);
      expect(J.shape).toEqual([4, 3]);
      expectClose(J, A, 1e-15, `d(Ax)/dx (${mode})`);
    }
  });

  it("scalar t → R^M: an M×1 Matrix", () => {
    const f = (t: M) => vec([sin(t), mul(t, t), exp(t)]) as M;
    const J = checkDerivatives(f, scalar(0.7), { shape: [3, 1], tensor: false }) as M;
    expectClose(J, vec([Math.cos(0.7), 1.4, Math.exp(0.7)]) as M, 1e-15, "d/dt");
  });

  prop("R^{M×N} → R^M, f = Ax: a Tensor [M, M, N] with ∂f_i/∂A_kl = δ_ik x_l", fc.record({ r: fc.integer({ min: 2, max: 5 }), c: fc.integer({ min: 2, max: 5 }), seed: seedArb }), ({ r, c, seed }) => {
    const A = rnd(r, c, seed), x = rnd(c, 1, seed + 1);
    for (const mode of ["forward", "reverse", "auto"] as const) {
      const J = anyJacobian((a: M) => matmul(a as any, x as any), { mode })(A) as Tensor;
      expect(J).toBeInstanceOf(Tensor);
      expect(J.shape).toEqual([r, r, c]);
      expect(J.outDims).toEqual([r]);
      expect(J.inDims).toEqual([r, c]);
      for (let i = 0; i < r; i++) for (let k = 0; k < r; k++) for (let l = 0; l < c; l++) expect(J.get(i, k, l)).toBe(i === k ? x.get(l, 0) : 0);
      // the block structure: slice i is e_i xᵀ
      expect(J.slice(0).shape).toEqual([r, c]);
    }
  });

  prop("R^{M×N} → R^{P×Q}, K = RᵀR: a Tensor [N, N, M, N] with ∂K_ij/∂R_kl = δ_jl R_ki + δ_il R_kj", fc.record({ r: fc.integer({ min: 2, max: 4 }), c: fc.integer({ min: 2, max: 4 }), seed: seedArb }), ({ r, c, seed }) => {
    const R = rnd(r, c, seed);
    const J = checkDerivatives((x: M) => matmul(transpose(x) as any, x as any), R, { shape: [c, c, r, c], tensor: true }) as Tensor;
    expect(J.outDims).toEqual([c, c]);
    expect(J.inDims).toEqual([r, c]);
    for (let i = 0; i < c; i++)
      for (let j = 0; j < c; j++)
        for (let k = 0; k < r; k++)
          for (let l = 0; l < c; l++) {
            const expected = (j === l ? R.get(k, i) : 0) + (i === l ? R.get(k, j) : 0);
            expect(Math.abs(J.get(i, j, k, l) - expected)).toBeLessThanOrEqual(1e-14);
          }
  });

  it("R^3 → R^{4×2}: a Tensor [4, 2, 3]", () => {
    const f = (x: M) => mat([[x.at(0), x.at(1)], [x.at(2), mul(x.at(0), x.at(1))], [sin(x.at(2)), 1], [0, exp(x.at(0))]]) as M;
    const x = vec([0.2, -0.4, 0.9]) as M;
    const J = checkDerivatives(f, x, { shape: [4, 2, 3], tensor: true }) as Tensor;
    expect(J.outDims).toEqual([4, 2]);
    expect(J.inDims).toEqual([3]);
    expect(J.get(1, 1, 0)).toBeCloseTo(-0.4, 15);
    expect(J.get(1, 1, 1)).toBeCloseTo(0.2, 15);
    expect(J.get(2, 0, 2)).toBeCloseTo(Math.cos(0.9), 15);
    expect(J.get(3, 1, 0)).toBeCloseTo(Math.exp(0.2), 15);
    expect(J.get(2, 1, 1)).toBe(0);
  });

  it("jacobianT is the transpose of jacobian (N×M for R^N → R^M)", () => {
    const A = rnd(4, 3, 5), x = rnd(3, 1, 6);
    const f = (x: M) => tanh(matmul(A as any, x as any) as M);
    const JT = (jacobianT as (f: AnyFn) => (x: M) => M)(f)(x), J = anyJacobian(f)(x) as M;
    expect(JT.shape).toEqual([3, 4]);
    expectClose(JT, transpose(J) as M, 0, "jacobianT");
    expect(() => (jacobianT as (f: AnyFn) => (x: M) => M)((x: M) => matmul(x as any, transpose(x) as any))(x)).toThrow(ShapeError);
  });
});

describe('jacobian "auto" mode', () => {
  // The work done tells the modes apart: entries computed grow with the number of passes, whether
  // they run one by one or batched (from 4 passes on, as one kernel call per step).
  const kernelsOf = (f: AnyFn, x: M, mode: "auto" | "forward" | "reverse") => countKernels(() => anyJacobian(f, { mode })(x)).entries;

  it("picks forward mode when the input has fewer entries than the output (R^2 → R^12)", () => {
    const f = (x: M) => sin(matmul(rnd(12, 2, 1) as any, x as any) as M);
    const x = rnd(2, 1, 2);
    const auto = kernelsOf(f, x, "auto"), fwd = kernelsOf(f, x, "forward"), rev = kernelsOf(f, x, "reverse");
    expect(auto).toBe(fwd);
    expect(auto).toBeLessThan(rev);
    expectClose(anyJacobian(f)(x), anyJacobian(f, { mode: "reverse" })(x), 1e-14, "auto vs reverse");
  });

  it("picks reverse mode when the output has fewer entries than the input (R^12 → R^2)", () => {
    const f = (x: M) => sin(matmul(rnd(2, 12, 1) as any, x as any) as M);
    const x = rnd(12, 1, 2);
    const auto = kernelsOf(f, x, "auto"), fwd = kernelsOf(f, x, "forward"), rev = kernelsOf(f, x, "reverse");
    expect(auto).toBe(rev);
    expect(auto).toBeLessThan(fwd);
    expectClose(anyJacobian(f)(x), anyJacobian(f, { mode: "forward" })(x), 1e-14, "auto vs forward");
  });

  it("counts the inputs of a record together", () => {
    // 2 + 1 = 3 inputs, 6 outputs: forward
    const f = ({ a, s }: { a: M; s: M }) => exp(matmul(rnd(6, 2, 3) as any, a as any) as M).scale(s);
    const x = { a: rnd(2, 1, 4), s: rnd(1, 1, 5) };
    const count = (mode: "auto" | "forward" | "reverse") => countKernels(() => anyJacobian(f, { mode })(x)).entries;
    expect(count("auto")).toBe(count("forward"));
    expect(count("auto")).not.toBe(count("reverse"));
  });
});

describe("chain", () => {
  prop("chain(a, b) = a.matmul(b) for matrices", fc.record({ p: dimArb, q: dimArb, r: dimArb, seed: seedArb }), ({ p, q, r, seed }) => {
    const a = rnd(p, q, seed), b = rnd(q, r, seed + 1);
    const c = anyChain(a, b) as M;
    expect(c).toBeInstanceOf(Matrix);
    expectClose(c, a.matmul(b as any), 0, "chain vs matmul");
  });

  prop("chain(grad of L w.r.t. f, jacobian of f w.r.t. A) = grad of L∘f w.r.t. A (Tensors)", fc.record({ r: fc.integer({ min: 2, max: 4 }), c: fc.integer({ min: 2, max: 4 }), seed: seedArb }), ({ r, c, seed }) => {
    const x = rnd(c, 1, seed), A = rnd(r, c, seed + 1);
    const f = (a: M) => tanh(matmul(a as any, x as any) as M); // R^{r×c} → R^r
    const L = (y: M) => logSumExp(mul(y, y)); // R^r → R
    const dLdf = anyGrad(L)(f(A)) as M; // 1×r
    const dfdA = anyJacobian(f)(A) as Tensor; // [r, r, c]
    const c1 = anyChain(dLdf, dfdA) as Tensor;
    const direct = anyGrad((a: M) => L(f(a)))(A) as Tensor; // [1, r, c]
    expect(c1).toBeInstanceOf(Tensor);
    expect(c1.shape).toEqual([1, r, c]);
    expectClose(c1, direct, 1e-12, "chain vs grad of composition");
  });

  prop("chain of two Tensor derivatives: d(g∘f)/dX = dg/df · df/dX (matrix → matrix → matrix)", fc.record({ r: fc.integer({ min: 2, max: 3 }), c: fc.integer({ min: 2, max: 3 }), seed: seedArb }), ({ r, c, seed }) => {
    const X = rnd(r, c, seed), B = rnd(c, 2, seed + 1);
    const f = (x: M) => matmul(sin(x) as any, B as any) as M; // r×c → r×2
    const g = (y: M) => matmul(transpose(y) as any, exp(y) as any) as M; // r×2 → 2×2
    const c1 = anyChain(anyJacobian(g)(f(X)), anyJacobian(f)(X)) as Tensor;
    expect(c1.shape).toEqual([2, 2, r, c]);
    expectClose(c1, anyJacobian((x: M) => g(f(x)))(X), 1e-12, "chain of tensors");
  });

  it("chain rejects intermediate dims that differ", () => {
    const a = anyJacobian((y: M) => sin(y))(rnd(3, 1, 1)); // 3×3
    const b = anyJacobian((x: M) => sin(x))(rnd(2, 2, 1)); // Tensor [2, 2, 2, 2]
    expect(() => anyChain(a, b)).toThrow(ShapeError);
    expect(() => anyChain(a, b)).toThrow(/chain/);
  });

  it("chainT multiplies denominator-layout derivatives in their reversed order", () => {
    const x = rnd(3, 1, 1);
    const f = (x: M) => sin(matmul(rnd(4, 3, 2) as any, x as any) as M), g = (y: M) => exp(matmul(rnd(2, 4, 3) as any, y as any) as M);
    const dydx = (jacobianT as (f: AnyFn) => (x: M) => M)(f)(x), dzdy = (jacobianT as (f: AnyFn) => (x: M) => M)(g)(f(x));
    const dzdx = (chainT as unknown as (a: M, b: M) => M)(dydx, dzdy);
    expectClose(dzdx, transpose(anyJacobian((x: M) => g(f(x)))(x)) as M, 1e-12, "chainT");
    expectClose(dzdx, asDenominator(dydx.matmul(dzdy as any)), 0, "chainT = matmul");
  });
});

describe("Tensor", () => {
  it("toMatrix() is the row-major flattening: T[i, j, k, l] = toMatrix()[i·Q + j, k·N + l]", () => {
    const X = rnd(3, 4, 1);
    const T = anyJacobian((x: M) => matmul(transpose(x) as any, sin(x) as any))(X) as Tensor; // [4, 4, 3, 4]
    const Mx = T.toMatrix() as M;
    expect(T.shape).toEqual([4, 4, 3, 4]);
    expect(Mx.shape).toEqual([16, 12]);
    expect(Mx.data).toBe(T.data);
    for (let i = 0; i < 4; i++)
      for (let j = 0; j < 4; j++)
        for (let k = 0; k < 3; k++) for (let l = 0; l < 4; l++) expect(Mx.get(i * 4 + j, k * 4 + l)).toBe(T.get(i, j, k, l));
    // entries spelled out with ∂(Xᵀ sin X)_ij/∂X_kl = δ_il sin X_kj + X_ki δ_jl cos X_kl:
    // T[2, 2, 1, 2] is row 2·4 + 2 = 10, column 1·4 + 2 = 6 of toMatrix(), data index 10·12 + 6
    const e = (i: number, j: number, k: number, l: number) => (i === l ? Math.sin(X.get(k, j)) : 0) + (j === l ? X.get(k, i) * Math.cos(X.get(k, l)) : 0);
    expect(Mx.get(2 * 4 + 2, 1 * 4 + 2)).toBeCloseTo(e(2, 2, 1, 2), 14);
    expect(T.data[((2 * 4 + 2) * 3 + 1) * 4 + 2]).toBeCloseTo(e(2, 2, 1, 2), 14);
    expect(T.get(3, 1, 2, 3)).toBeCloseTo(e(3, 1, 2, 3), 14);
    expect(() => T.get(0, 0, 0)).toThrow(ShapeError);
    expect(() => T.get(0, 0, 3, 0)).toThrow(ShapeError);
  });

  it("slice(o) is ∂f_o/∂X in the input's shape", () => {
    const X = rnd(2, 3, 4);
    const T = anyJacobian((x: M) => F.sum(exp(x), 1))(X) as Tensor; // [2, 2, 3]
    const s1 = T.slice(1);
    expect(s1.shape).toEqual([2, 3]);
    expect(s1.toArray()).toEqual([[0, 0, 0], X.toArray()[1].map(Math.exp)]);
  });
});

describe("checkGrad", () => {
  prop("ok on correct functions", fc.record({ r: dimArb, c: dimArb, seed: seedArb }), ({ r, c, seed }) => {
    const rep = checkGrad((x: M) => tanh(add(mul(x, x), sin(x))), rnd(r, c, seed), { eps: 1e-5 });
    expect(rep.ok).toBe(true);
    expect(rep.worstRatio).toBeLessThanOrEqual(1);
    expect(rep.report).toMatch(/^checkGrad: ok — Jacobian /);
  }, 20);

  // x.get(0) is a plain number even under tracing: forward and reverse mode treat it as a constant,
  // finite differences do not. f(x) = x₀·sin(x): AD misses the sin(x_k) term in column 0.
  const wrong = (x: M) => sin(x).scale(x.get(0));
  const x0 = vec([0.5, 1.5, -0.2]) as M;

  it("a wrong derivative: report with ok = false naming the worst entry (throwOnFailure: false)", () => {
    const rep = checkGrad(wrong, x0, { throwOnFailure: false });
    expect(rep.ok).toBe(false);
    expect(rep.worstRatio).toBeGreaterThan(1000);
    // the missing terms are sin(x_k) in column 0; relative to 1e-5 + 1e-5·|expected| the largest is k = 1
    expect(rep.worst?.index).toEqual([1, 0]);
    expect(rep.worst?.comparison).toBe("forward mode vs finite differences");
    expect(rep.worst?.actual).toBe(0);
    expect(rep.worst?.expected).toBeCloseTo(Math.sin(1.5), 8);
    expect(rep.report).toMatch(/^checkGrad: FAILED — Jacobian 3×3; worst entry \[1, 0\] in forward mode vs finite differences: 0 vs 0\.997/);
    // the harness of these tests sees it too
    expect(() => checkDerivatives(wrong, x0)).toThrow(/finite differences/);
  });

  it("throws the report by default", () => {
    expect(() => checkGrad(wrong, x0)).toThrow(/checkGrad: FAILED .*worst entry \[1, 0\]/);
  });

  it("relu's pullback is ct ⊙ relu′(x) entry by entry, the product's bits (t·1 or t·0) at signed zeros, infinities and NaN", () => {
    const x = vec([-2, -0, 0, 3, NaN, 1e-300, -1e-300, Infinity, -Infinity, 0.5, -0.5, 2]) as M;
    const ct = vec([Infinity, -Infinity, NaN, -0, 5, -1, Infinity, -3, 4, -Infinity, NaN, -0]) as M;
    const xs = [...x.data], cts = [...ct.data];
    const { out, pullback } = vjp((v: M) => relu(v), x);
    expect([...out.data]).toEqual(xs.map((v) => (v > 0 ? v : 0)));
    const g = pullback(ct).data;
    for (let i = 0; i < xs.length; i++) {
      const want = cts[i] * (xs[i] > 0 ? 1 : 0);
      if (!Object.is(g[i], want)) throw new Error(`entry ${i}: x = ${xs[i]}, ct = ${cts[i]}: got ${g[i]}, want ${want}`);
    }
    const masked = (t: readonly number[]) => t.map((v, i) => v * (xs[i] > 0 ? 1 : 0));
    const same = (got: Float64Array, want: number[]) => want.every((w, i) => Object.is(got[i], w));
    // as a jvp, and differentiated again in the cotangent (the pullback is linear in it, its
    // derivative the same mask), forward and reverse
    expect(same(jvp((v: M) => relu(v), x, ct).tangent.data, masked(cts))).toBe(true);
    const pull = (c: M) => vjp((v: M) => relu(v), x).pullback(c) as M;
    const dc = vec([1, -2, 3, -4, 5, -6, 7, -8, 9, -10, 11, -12]) as M;
    expect(same(jvp(pull, ct, dc).tangent.data, masked([...dc.data]))).toBe(true);
    expect(same(vjp(pull, ct).pullback(dc).data, masked([...dc.data]))).toBe(true);
  });

  it("a non-differentiable point: relu at 0 (AD takes 0, central differences see ½)", () => {
    const rep = checkGrad((x: M) => relu(x), vec([0, 1]) as M, { throwOnFailure: false });
    expect(rep.ok).toBe(false);
    expect(rep.worst?.index).toEqual([0, 0]);
    expect(rep.worst?.expected).toBeCloseTo(0.5, 12);
    expect(rep.worst?.actual).toBe(0);
  });

  it("indexes Tensor-shaped Jacobians by the full shape; tolerances apply", () => {
    const X = rnd(2, 3, 9);
    const bad = (x: M) => exp(x).scale(x.get(1, 2));
    const rep = checkGrad(bad, X, { throwOnFailure: false });
    expect(rep.ok).toBe(false);
    expect(rep.worst?.index.length).toBe(4);
    expect(rep.worst?.index.slice(2)).toEqual([1, 2]); // the column of the untraced entry
    // with a huge tolerance the same check passes
    expect(checkGrad(bad, X, { atol: 1e6, throwOnFailure: false }).ok).toBe(true);
    expect(() => numericJacobian((x: M) => x, X, { eps: 0 })).toThrow(ShapeError);
  });
});

describe("errors", () => {
  it("grad of a non-scalar function throws a ShapeError naming grad and the shape", () => {
    const x = vec([1, 2, 3]) as M;
    expect(() => anyGrad((x: M) => sin(x))(x)).toThrow(ShapeError);
    expect(() => anyGrad((x: M) => sin(x))(x)).toThrow(/^grad: .*3×1/);
    expect(() => anyGradient((x: M) => matmul(x as any, transpose(x) as any))(x)).toThrow(/^gradient: .*3×3/);
    expect(() => (valueAndGrad as (f: AnyFn) => (x: M) => unknown)((x: M) => x)(x)).toThrow(/^valueAndGrad: .*3×1/);
    expect(() => (valueAndGradient as (f: AnyFn) => (x: M) => unknown)((x: M) => x)(x)).toThrow(/^valueAndGradient: .*3×1/);
  });

  it("jvp with a wrong-shape tangent throws a ShapeError", () => {
    const x = vec([1, 2, 3]) as M;
    const jv = jvp as (f: AnyFn, x: unknown, v: unknown) => unknown;
    expect(() => jv((x: M) => sin(x), x, vec([1, 2]))).toThrow(ShapeError);
    expect(() => jv((x: M) => sin(x), x, transpose(x))).toThrow(/jvp: .*3×1/);
    expect(() => jv(({ a }: { a: M }) => a, { a: x }, { a: vec([1]) })).toThrow(/"a"/);
    expect(() => jv(({ a, b }: { a: M; b: M }) => add(a, b), { a: x, b: x }, { a: x })).toThrow(/"b"/);
  });

  it("a pullback with a wrong-shape cotangent throws", () => {
    const { pullback } = (vjp as (f: AnyFn, x: M) => { pullback: (ct: M) => unknown })((x: M) => sin(x), vec([1, 2]) as M);
    expect(() => pullback(vec([1, 2, 3]) as M)).toThrow(/cotangent is 3×1, the output is 2×1/);
  });

  it("non-matrix arguments and results are rejected", () => {
    expect(() => anyGrad((x: M) => sum(x))(3)).toThrow(ShapeError);
    expect(() => anyGrad((x: M) => sum(x))({ a: 3 })).toThrow(/parameter "a" is not a Matrix/);
    expect(() => anyJacobian(() => 3)(vec([1]))).toThrow(/must return a Matrix/);
  });

  it("a record's keys come back as keys, \"__proto__\" (an own key from JSON.parse) included", () => {
    const params = JSON.parse('{"__proto__": 0, "w": 0}') as Record<string, unknown>;
    params["__proto__"] = vec([1, 2]);
    params.w = vec([3]);
    let seen: Record<string, M> | undefined;
    const f = (p: Record<string, M>) => ((seen = p), add(sumSquares(p["__proto__"]), sum(p.w)));
    const g = (gradient as (f: AnyFn) => (x: unknown) => Record<string, M>)(f)(params);
    for (const r of [seen!, g]) {
      expect(Object.getPrototypeOf(r)).toBe(Object.prototype);
      expect(Object.keys(r)).toEqual(["__proto__", "w"]);
    }
    expect(Array.from(g["__proto__"].data)).toEqual([2, 4]);
    expect(Array.from(g.w.data)).toEqual([1]);
  });
});
