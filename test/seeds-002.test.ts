/**
 * Seed 002 (M. Deisenroth, "Vector Calculus", AIMS 2018, MML ch. 5): every derivative entry
 * S002-1…32 of docs/seed-examples.md, computed by the library on seeded random inputs and compared
 * with the notes' closed form (or, for the notes' implicit/open entries, the catalog's derived form).
 * Layout: numerator.
 */
import { describe, expect, it } from "vitest";
import {
  Tensor, at, chain, cos, diag, div, exp, eye, fromArray, grad, jacobian, jvp, log, mat, pow, randn, reshape, scalar, sigmoid, sin,
  sumSquares, tanh, vec,
  type Matrix, type Scalar, type Vector,
} from "../src/index";
import { FD_RTOL, expectClose, fdJacobian, kron, tensorData, type AnyM } from "./seeds-helpers";

const pts = (seed: number): number[] => randn(4, 1, { seed }).toFlatArray().map((v) => 0.5 * v);
const ones = <N extends number>(v: Matrix<N, 1>): Matrix<N, 1> => v.scale(0).add(1);

describe("seed 002: scalar, multivariate and matrix differentiation, neural networks (numerator layout)", () => {
  it("S002-1: curve fitting, L = Σᵢ (yᵢ − θᵀxᵢ)²: dL/dθ = −2 Σᵢ (yᵢ − θᵀxᵢ) xᵢᵀ ∈ R^{1×D} (derived)", () => {
    const X = randn(7, 3, { seed: 1 }), y = randn(7, 1, { seed: 2 }), theta = randn(3, 1, { seed: 3 });
    const L = (theta: Vector<3>): Scalar => {
      let s = scalar(0);
      for (let i = 0; i < 7; i++) s = s.add(pow(at(y, i).sub(theta.T.matmul(X.row(i).T)), 2));
      return s;
    };
    const g = grad(L)(theta);
    expect(g.shape).toEqual([1, 3]);
    let closed = theta.T.scale(0);
    for (let i = 0; i < 7; i++) closed = closed.add(X.row(i).scale(-2 * (y.get(i) - theta.T.matmul(X.row(i).T).item())));
    expectClose(g, closed);
  });

  it("S002-2: the four types of differentiation and their shapes: 1×1, 1×N, M×N, (P×Q)×(M×N)", () => {
    const x = scalar(0.7), v = randn(4, 1, { seed: 20 }), X = randn(2, 3, { seed: 21 }), C = randn(3, 4, { seed: 22 });
    const d1 = grad((x: Scalar) => sin(x))(x);
    expect(d1.shape).toEqual([1, 1]);
    const d2 = grad((v: Vector<4>) => sumSquares(sin(v)))(v);
    expect(d2.shape).toEqual([1, 4]);
    const f3 = (v: Vector<4>): Vector<3> => tanh(C.matmul(v));
    const d3 = jacobian(f3)(v);
    expect(d3.shape).toEqual([3, 4]);
    const f4 = (X: Matrix<2, 3>): Matrix<2, 4> => exp(X.matmul(C).scale(0.2));
    const d4 = jacobian(f4)(X);
    expect(d4).toBeInstanceOf(Tensor);
    expect(d4.shape).toEqual([2, 4, 2, 3]);
    // each one against central differences
    expectClose(d1, [[Math.cos(0.7)]]);
    expectClose(d2, fdJacobian((v: AnyM) => sumSquares(sin(v)), v), FD_RTOL);
    expectClose(d3, fdJacobian(f3 as (x: AnyM) => AnyM, v), FD_RTOL);
    expectClose(d4.toMatrix(), fdJacobian(f4 as (x: AnyM) => AnyM, X), FD_RTOL);
  });

  it("S002-3: f′(x) = lim_{h→0} (f(x + h) − f(x))/h, the limit of secant slopes", () => {
    const fn = (t: number) => Math.exp(Math.sin(t)) * t;
    for (const t of pts(30)) {
      const d = grad((x: Scalar) => exp(sin(x)).mul(x))(scalar(t)).item();
      const errs = [1e-2, 1e-3, 1e-4].map((h) => Math.abs((fn(t + h) - fn(t)) / h - d));
      expect(errs[1]).toBeLessThan(errs[0]); // the secant slopes approach the derivative
      expect(errs[2]).toBeLessThan(errs[1]);
      expect(errs[2]).toBeLessThan(1e-3 * (1 + Math.abs(d)));
    }
  });

  it("S002-4: f(x) = xⁿ → f′(x) = n x^{n−1}", () => {
    for (let n = 0; n <= 5; n++)
      for (const t of pts(40)) expectClose(grad((x: Scalar) => pow(x, n))(scalar(t)), [[n === 0 ? 0 : n * t ** (n - 1)]], undefined, `n = ${n}`);
  });

  it("S002-5: f(x) = sin(x) → f′(x) = cos(x)", () => {
    for (const t of pts(50)) expectClose(grad((x: Scalar) => sin(x))(scalar(t)), [[Math.cos(t)]]);
  });

  it("S002-6: f(x) = tanh(x) → f′(x) = 1 − tanh²(x)", () => {
    for (const t of pts(60)) expectClose(grad((x: Scalar) => tanh(x))(scalar(t)), [[1 - Math.tanh(t) ** 2]]);
  });

  it("S002-7: f(x) = exp(x) → f′(x) = exp(x)", () => {
    for (const t of pts(70)) expectClose(grad((x: Scalar) => exp(x))(scalar(t)), [[Math.exp(t)]]);
  });

  it("S002-8: f(x) = log(x) → f′(x) = 1/x (x > 0, natural log)", () => {
    for (const t of pts(80).map((v) => Math.abs(v) + 0.1)) expectClose(grad((x: Scalar) => log(x))(scalar(t)), [[1 / t]]);
  });

  it("S002-9: sum rule (f + g)′ = f′ + g′", () => {
    for (const t of pts(90)) expectClose(grad((x: Scalar) => tanh(x).add(exp(x)))(scalar(t)), [[1 - Math.tanh(t) ** 2 + Math.exp(t)]]);
  });

  it("S002-10: product rule (fg)′ = f′g + fg′", () => {
    for (const t of pts(100)) expectClose(grad((x: Scalar) => tanh(x).mul(pow(x, 3)))(scalar(t)), [[(1 - Math.tanh(t) ** 2) * t ** 3 + Math.tanh(t) * 3 * t * t]]);
  });

  it("S002-11: chain rule (g∘f)′(x) = g′(f(x)) f′(x)", () => {
    for (const t of pts(110)) {
      const x = scalar(t);
      const d = grad((x: Scalar) => tanh(sin(x)))(x);
      expectClose(d, [[(1 - Math.tanh(Math.sin(t)) ** 2) * Math.cos(t)]]);
      expectClose(chain(grad((u: Scalar) => tanh(u))(sin(x)), grad((u: Scalar) => sin(u))(x)), d, undefined, "(dg/df)(df/dx)");
    }
  });

  it("S002-12: quotient rule (f/g)′ = (f′g − fg′)/g²", () => {
    for (const t of pts(120)) {
      const d = grad((x: Scalar) => div(exp(x), cos(x)))(scalar(t));
      expectClose(d, [[(Math.exp(t) * Math.cos(t) + Math.exp(t) * Math.sin(t)) / Math.cos(t) ** 2]]);
    }
  });

  it("S002-13: g(z) = 6z + 3, z = −2x + 5: (g∘f)′ = (6)(−2) = −12", () => {
    const f = (x: Scalar): Scalar => x.scale(-2).add(5), g = (z: Scalar): Scalar => z.scale(6).add(3);
    for (const t of pts(130)) {
      const x = scalar(t);
      expectClose(grad(g)(f(x)), [[6]]);
      expectClose(grad(f)(x), [[-2]]);
      expectClose(grad((x: Scalar) => g(f(x)))(x), [[-12]]);
    }
  });

  it("S002-14: g(z) = tanh(z), z = xⁿ: (g∘f)′ = (1 − tanh²(xⁿ)) · n x^{n−1}", () => {
    for (let n = 1; n <= 4; n++)
      for (const t of pts(140)) {
        const d = grad((x: Scalar) => tanh(pow(x, n)))(scalar(t));
        expectClose(d, [[(1 - Math.tanh(t ** n) ** 2) * n * t ** (n - 1)]], undefined, `n = ${n}`);
      }
  });

  it("S002-15: df/dx = [∂f/∂x₁ … ∂f/∂x_N] ∈ R^{1×N}, a row vector of partial-derivative limits", () => {
    const x = randn(5, 1, { seed: 150 });
    const f = (x: Vector<5>): Scalar => sumSquares(tanh(x)).mul(at(x, 0));
    const g = grad(f)(x);
    expect(g.shape).toEqual([1, 5]);
    expectClose(g, fdJacobian(f as (x: AnyM) => AnyM, x), FD_RTOL);
  });

  it("S002-16: f = x₁²x₂ + x₁x₂³: df/dx = [2x₁x₂ + x₂³  x₁² + 3x₁x₂²] ∈ R^{1×2}", () => {
    const f = (x: Vector<2>): Scalar => pow(at(x, 0), 2).mul(at(x, 1)).add(at(x, 0).mul(pow(at(x, 1), 3)));
    for (let s = 0; s < 4; s++) {
      const x = randn(2, 1, { seed: 160 + s });
      const [x1, x2] = x.toFlatArray();
      const g = grad(f)(x);
      expect(g.shape).toEqual([1, 2]);
      expectClose(g, [[2 * x1 * x2 + x2 ** 3, x1 ** 2 + 3 * x1 * x2 ** 2]]);
    }
  });

  it("S002-17: f = (x₁ + 2x₂³)²: df/dx = [2(x₁ + 2x₂³)  12(x₁ + 2x₂³)x₂²]", () => {
    const f = (x: Vector<2>): Scalar => pow(at(x, 0).add(pow(at(x, 1), 3).scale(2)), 2);
    for (let s = 0; s < 4; s++) {
      const x = randn(2, 1, { seed: 170 + s });
      const [x1, x2] = x.toFlatArray();
      const g = grad(f)(x);
      expect(g.shape).toEqual([1, 2]);
      expectClose(g, [[2 * (x1 + 2 * x2 ** 3), 12 * (x1 + 2 * x2 ** 3) * x2 ** 2]]);
    }
  });

  it("S002-18: L = ½‖e‖², e = y − Ax: ∂L/∂e = eᵀ, ∂e/∂x = −A, dL/dx = −(y − Ax)ᵀA ∈ R^{1×N}", () => {
    const A = randn(5, 3, { seed: 180 }), y = randn(5, 1, { seed: 181 }), x = randn(3, 1, { seed: 182 });
    const e = (x: Vector<3>): Vector<5> => y.sub(A.matmul(x));
    const L = (e: Vector<5>): Scalar => sumSquares(e).scale(0.5);
    const e0 = e(x);
    const dLde = grad(L)(e0), dedx = jacobian(e)(x);
    expect(dLde.shape).toEqual([1, 5]);
    expect(dedx.shape).toEqual([5, 3]);
    expectClose(dLde, e0.T);
    expectClose(dedx, A.neg());
    const g = grad((x: Vector<3>) => L(e(x)))(x);
    expect(g.shape).toEqual([1, 3]);
    const closed = y.sub(A.matmul(x)).T.matmul(A).neg();
    expectClose(g, closed);
    expectClose(chain(dLde, dedx), closed, undefined, "chain");
  });

  it("S002-19: vector field f : R^N → R^M: [dy₁/dx; ⋮; dy_M/dx] ∈ R^{M×N}", () => {
    const P = randn(3, 4, { seed: 190 }), x = randn(4, 1, { seed: 191 });
    const f = (x: Vector<4>): Vector<3> => sin(P.matmul(x)).add(pow(P.matmul(x), 2));
    const J = jacobian(f)(x);
    expect(J.shape).toEqual([3, 4]);
    for (let i = 0; i < 3; i++) expectClose(J.row(i), grad((x: Vector<4>) => at(f(x), i))(x), 1e-12, `row ${i} = dy_${i + 1}/dx`);
    expectClose(J, fdJacobian(f as (x: AnyM) => AnyM, x), FD_RTOL);
  });

  it("S002-20: f(x) = Ax: df/dx = A ∈ R^{M×N}", () => {
    const A = randn(3, 6, { seed: 200 }), x = randn(6, 1, { seed: 201 });
    const J = jacobian((x: Vector<6>) => A.matmul(x))(x);
    expect(J.shape).toEqual([3, 6]);
    expectClose(J, A);
  });

  it("S002-21: dimensionality: f : R^N → R^M has df/dx ∈ R^{M×N}, df[m, n] = ∂f_m/∂x_n", () => {
    const x = randn(2, 1, { seed: 210 });
    const f = (x: Vector<2>): Vector<5> => {
      const a = at(x, 0), b = at(x, 1);
      return vec([a, b, a.mul(b), sin(a), exp(b)]);
    };
    const [a, b] = x.toFlatArray();
    const J = jacobian(f)(x);
    expect(J.shape).toEqual([5, 2]); // # target dims × # input dims
    expectClose(J, [[1, 0], [0, 1], [b, a], [Math.cos(a), 0], [0, Math.exp(b)]]);
  });

  it("S002-22: ∂(g∘f)/∂x = (∂g(f)/∂f)(∂f(x)/∂x)", () => {
    const P = randn(3, 2, { seed: 220 }), x = randn(2, 1, { seed: 221 });
    const f = (x: Vector<2>): Vector<3> => sin(P.matmul(x)), g = (u: Vector<3>): Scalar => sumSquares(tanh(u));
    const d = grad((x: Vector<2>) => g(f(x)))(x);
    const dgdf = grad(g)(f(x)), dfdx = jacobian(f)(x);
    expect([dgdf.shape, dfdx.shape, d.shape]).toEqual([[1, 3], [3, 2], [1, 2]]);
    expectClose(chain(dgdf, dfdx), d);
  });

  it("S002-23: f = x₁² + 2x₂, x(t) = [sin t; cos t]: df/dx is 1×2, dx/dt is 2×1, df/dt = 2 sin t (cos t − 1)", () => {
    const f = (x: Vector<2>): Scalar => pow(at(x, 0), 2).add(at(x, 1).scale(2));
    const xt = (t: Scalar): Vector<2> => vec([sin(t), cos(t)]);
    for (const t0 of pts(230)) {
      const t = scalar(t0);
      const dfdx = grad(f)(xt(t)), dxdt = jacobian(xt)(t);
      expect(dfdx.shape).toEqual([1, 2]);
      expect(dxdt.shape).toEqual([2, 1]);
      expectClose(dfdx, [[2 * Math.sin(t0), 2]]);
      expectClose(dxdt, [[Math.cos(t0)], [-Math.sin(t0)]]);
      const closed = [[2 * Math.sin(t0) * (Math.cos(t0) - 1)]];
      expectClose(chain(dfdx, dxdt), closed, undefined, "chain");
      expectClose(grad((t: Scalar) => f(xt(t)))(t), closed);
    }
  });

  it("S002-24: f : R^{M×N} → R^{P×Q}: df/dX ∈ R^{(P×Q)×(M×N)}, df[p, q, m, n] = ∂f_pq/∂X_mn", () => {
    const Cl = randn(4, 2, { seed: 240 }), Cr = randn(3, 5, { seed: 241 }), X = randn(2, 3, { seed: 242 });
    const f = (X: Matrix<2, 3>): Matrix<4, 5> => Cl.matmul(X).matmul(Cr); // ∂f_pq/∂X_mn = Cl_pm Cr_nq
    const J = jacobian(f)(X);
    expect(J.shape).toEqual([4, 5, 2, 3]);
    expectClose(J.data, tensorData([4, 5, 2, 3], (p, q, m, n) => Cl.get(p, m) * Cr.get(n, q)));
  });

  it("S002-25: f = Ax: df/dA ∈ R^{M×(M×N)}; ∂f_i/∂A_iq = x_q, ∂f_i/∂A_{i,:} = xᵀ, ∂f_i/∂A_{k≠i,:} = 0ᵀ", () => {
    const A = randn(3, 2, { seed: 250 }), x = randn(2, 1, { seed: 251 });
    const J = jacobian((A: Matrix<3, 2>) => A.matmul(x))(A);
    expect(J.shape).toEqual([3, 3, 2]);
    for (let i = 0; i < 3; i++)
      for (let k = 0; k < 3; k++)
        for (let q = 0; q < 2; q++) expect(J.get(i, k, q)).toBe(k === i ? x.get(q) : 0);
    for (let i = 0; i < 3; i++) expectClose(J.slice(i).row(i), x.T, undefined, `∂f_${i}/∂A_${i},:`);
  });

  it("S002-26: A(x) ∈ R^{4×2}, x ∈ R³: dA/dx ∈ R^{4×2×3} two ways (collate ∂A/∂x_k; flatten to 8, 8×3, reshape)", () => {
    const W = randn(8, 3, { seed: 260 });
    // entries depend on x through a small nonlinear map, assembled from traced scalars
    const Ax = (x: Vector<3>): Matrix<4, 2> => {
      const u = tanh(W.matmul(x));
      return mat([[at(u, 0), at(u, 1)], [at(u, 2), at(u, 3).mul(at(x, 0))], [at(u, 4), at(u, 5)], [at(u, 6), at(u, 7).add(at(x, 2))]]);
    };
    const x = randn(3, 1, { seed: 261 });
    const J = jacobian(Ax)(x);
    expect(J.shape).toEqual([4, 2, 3]);
    const partials = [0, 1, 2].map((k) => jvp(Ax, x, vec([kron(k, 0), kron(k, 1), kron(k, 2)])).tangent);
    partials.forEach((p) => expect(p.shape).toEqual([4, 2]));
    expectClose(J.data, tensorData([4, 2, 3], (i, j, k) => partials[k].get(i, j)), 1e-12, "collated");
    const flatJ = jacobian((x: Vector<3>) => Ax(x).flatten())(x);
    expect(flatJ.shape).toEqual([8, 3]);
    expectClose(J.toMatrix(), flatJ, 1e-12, "flattened");
    expectClose(flatJ, fdJacobian(((x: Vector<3>) => Ax(x).flatten()) as (x: AnyM) => AnyM, x), FD_RTOL, "finite differences");
  });

  // single layer f = tanh(Ax + b), x ∈ R^N, A ∈ R^{M×N}, b ∈ R^M
  const M = 3, N = 4;
  const A0 = randn(M, N, { seed: 270 }), b0 = randn(M, 1, { seed: 271 }), x0 = randn(N, 1, { seed: 272 }), y0 = randn(M, 1, { seed: 273 });

  it("S002-27: f = tanh(Ax + b): ∂f/∂b = diag(1 − tanh²(z)) ∈ R^{M×M}, ∂f/∂A[i, j, k] = (1 − tanh²(z_i)) δ_ij x_k", () => {
    const z0 = A0.matmul(x0).add(b0), f0 = tanh(z0);
    const dfdz = jacobian((z: Vector<3>) => tanh(z))(z0);
    expect(dfdz.shape).toEqual([M, M]);
    expectClose(dfdz, diag(ones(f0).sub(f0.mul(f0))), undefined, "∂f/∂z");
    const dzdb = jacobian((b: Vector<3>) => A0.matmul(x0).add(b))(b0);
    expectClose(dzdb, eye(3), undefined, "∂z/∂b = I");
    const dzdA = jacobian((A: Matrix<3, 4>) => A.matmul(x0).add(b0))(A0);
    expect(dzdA.shape).toEqual([M, M, N]);
    expectClose(dzdA.data, tensorData([M, M, N], (l, j, k) => kron(l, j) * x0.get(k)), undefined, "∂z/∂A block diagonal xᵀ");
    // the products
    const dfdb = jacobian((b: Vector<3>) => tanh(A0.matmul(x0).add(b)))(b0);
    expect(dfdb.shape).toEqual([M, M]);
    expectClose(dfdb, diag(ones(f0).sub(f0.mul(f0))));
    expectClose(chain(dfdz, dzdb), dfdb, undefined, "(∂f/∂z)(∂z/∂b)");
    const dfdA = jacobian((A: Matrix<3, 4>) => tanh(A.matmul(x0).add(b0)))(A0);
    expect(dfdA.shape).toEqual([M, M, N]);
    expectClose(dfdA.data, tensorData([M, M, N], (i, j, k) => (1 - f0.get(i) ** 2) * kron(i, j) * x0.get(k)));
    const viaChain = chain(dfdz, dzdA);
    expect(viaChain.shape).toEqual([M, M, N]);
    expectClose(viaChain.data, dfdA.data, undefined, "(∂f/∂z)(∂z/∂A)");
  });

  it("S002-28: L = ½‖y − tanh(Ax + b)‖²: ∂L/∂A = (∂L/∂e)(∂e/∂f)(∂f/∂z)(∂z/∂A) and ∂L/∂b, by chain and by grad", () => {
    const z0 = A0.matmul(x0).add(b0), f0 = tanh(z0), e0 = y0.sub(f0);
    const dLde = grad((e: Vector<3>) => sumSquares(e).scale(0.5))(e0);
    const dedf = jacobian((f: Vector<3>) => y0.sub(f))(f0);
    const dfdz = jacobian((z: Vector<3>) => tanh(z))(z0);
    const dzdA = jacobian((A: Matrix<3, 4>) => A.matmul(x0).add(b0))(A0);
    const dzdb = jacobian((b: Vector<3>) => A0.matmul(x0).add(b))(b0);
    expect([dLde.shape, dedf.shape, dfdz.shape, dzdA.shape, dzdb.shape]).toEqual([[1, M], [M, M], [M, M], [M, M, N], [M, M]]);
    expectClose(dLde, e0.T, undefined, "∂L/∂e = eᵀ");
    expectClose(dedf, eye(3).neg(), undefined, "∂e/∂f = −I");
    const dLdA = chain(chain(chain(dLde, dedf), dfdz), dzdA);
    const dLdb = chain(chain(chain(dLde, dedf), dfdz), dzdb);
    expect(dLdA.shape).toEqual([1, M, N]); // R^{1×(M×N)}
    expect(dLdb.shape).toEqual([1, M]);
    const L = ({ A, b }: { A: Matrix<3, 4>; b: Vector<3> }): Scalar => sumSquares(y0.sub(tanh(A.matmul(x0).add(b)))).scale(0.5);
    const g = grad(L)({ A: A0, b: b0 });
    expect(g.A.shape).toEqual([1, M, N]);
    expect(g.b.shape).toEqual([1, M]);
    expectClose(dLdA.data, g.A.data, undefined, "chain vs grad (A)");
    expectClose(dLdb, g.b, undefined, "chain vs grad (b)");
    // derived closed forms: −(e ⊙ (1 − tanh²z)) xᵀ and −(e ⊙ (1 − tanh²z))ᵀ
    const delta = e0.mul(ones(f0).sub(f0.mul(f0)));
    expectClose(g.A.slice(0), delta.matmul(x0.T).neg(), undefined, "closed form A");
    expectClose(g.b, delta.T.neg(), undefined, "closed form b");
  });

  it("S002-29: K-layer network (K = 3), L = ‖y − f_K‖²: backprop ∂L/∂θ_i = (∂L/∂f_K)(∂f_K/∂f_{K−1})⋯(∂f_{i+1}/∂θ_i) vs grad", () => {
    const n = [3, 5, 4, 2] as const;
    const sig = [tanh, sigmoid, tanh];
    const dsig = [(f: AnyM) => ones(f).sub(f.mul(f)), (f: AnyM) => f.sub(f.mul(f)), (f: AnyM) => ones(f).sub(f.mul(f))];
    const theta = {
      A0: randn(5, 3, { seed: 290 }), b0: randn(5, 1, { seed: 291 }),
      A1: randn(4, 5, { seed: 292 }), b1: randn(4, 1, { seed: 293 }),
      A2: randn(2, 4, { seed: 294 }), b2: randn(2, 1, { seed: 295 }),
    };
    type Theta = typeof theta;
    const x = randn(3, 1, { seed: 296 }), y = randn(2, 1, { seed: 297 });
    const layer = (i: number, f: AnyM, A: AnyM, b: AnyM): AnyM => sig[i](A.matmul(f).add(b));
    const forward = (p: Theta): AnyM[] => {
      const f1 = layer(0, x, p.A0, p.b0), f2 = layer(1, f1, p.A1, p.b1), f3 = layer(2, f2, p.A2, p.b2);
      return [x, f1, f2, f3];
    };
    const L = (p: Theta): Scalar => sumSquares(y.sub(forward(p)[3] as Vector<2>));
    const g = grad(L)(theta);
    expect(g.A0.shape).toEqual([1, 5, 3]);
    expect(g.b0.shape).toEqual([1, 5]);
    expect(g.A2.shape).toEqual([1, 2, 4]);
    const fs = forward(theta); // intermediate values stored during the forward pass
    const As = [theta.A0, theta.A1, theta.A2] as AnyM[], bs = [theta.b0, theta.b1, theta.b2] as AnyM[];
    // the notes' product of Jacobians, each factor by `jacobian`, multiplied with `chain`
    const dLdfK = grad((f: Vector<2>) => sumSquares(y.sub(f)))(fs[3] as Vector<2>);
    expectClose(dLdfK, y.sub(fs[3] as Vector<2>).T.scale(-2), undefined, "∂L/∂f_K = −2(y − f_K)ᵀ");
    // the layer sizes vary with i in this loop, so the chain rule is applied on untyped dims here
    const chainDyn = chain as unknown as (a: AnyM | Tensor, b: AnyM | Tensor) => AnyM | Tensor;
    let upstream: AnyM = dLdfK; // (∂L/∂f_K)(∂f_K/∂f_{K−1})⋯(∂f_{i+2}/∂f_{i+1})
    const gA = [g.A0, g.A1, g.A2], gb = [g.b0, g.b1, g.b2];
    for (let i = 2; i >= 0; i--) {
      const dfdA = jacobian((A: AnyM) => layer(i, fs[i], A, bs[i]))(As[i]) as unknown as Tensor;
      const dfdb = jacobian((b: AnyM) => layer(i, fs[i], As[i], b))(bs[i]) as AnyM;
      expect(dfdA.shape).toEqual([n[i + 1], n[i + 1], n[i]]);
      expect(dfdb.shape).toEqual([n[i + 1], n[i + 1]]);
      expectClose(chainDyn(upstream, dfdA).data, gA[i].data, undefined, `∂L/∂A_${i} by chain`);
      expectClose(chainDyn(upstream, dfdb), gb[i], undefined, `∂L/∂b_${i} by chain`);
      // derived: δ_iᵀ = upstream · diag(σ′(z_i)); ∂L/∂b_i = δ_iᵀ, ∂L/∂A_i = δ_i f_iᵀ
      const delta = upstream.T.mul(dsig[i](fs[i + 1]));
      expectClose(gb[i], delta.T, undefined, `δ_${i}ᵀ`);
      expectClose(gA[i].slice(0), delta.matmul(fs[i].T), undefined, `δ_${i} f_${i}ᵀ`);
      const dfdf = jacobian((f: AnyM) => layer(i, f, As[i], bs[i]))(fs[i]) as AnyM;
      expect(dfdf.shape).toEqual([n[i + 1], n[i]]);
      expectClose(dfdf, diag(dsig[i](fs[i + 1]) as Vector<number>).matmul(As[i]), undefined, `∂f_${i + 1}/∂f_${i} = diag(σ′)A_${i}`);
      upstream = chainDyn(upstream, dfdf) as AnyM;
    }
  });

  it("S002-30: L(θ) = Σₙ (yₙ − f_θ(xₙ))² = ‖y − f(X)‖²: dL/dθ = −2(y − f(X))ᵀ ∂f(X)/∂θ (derived)", () => {
    const X = randn(6, 3, { seed: 300 }), y = randn(6, 1, { seed: 301 }), theta = randn(3, 1, { seed: 302 }).scale(0.5);
    const fθ = (theta: Vector<3>, x: Matrix<1, 3>): Scalar => tanh(x.matmul(theta)).add(pow(x.matmul(theta), 2).scale(0.5));
    const fX = (theta: Vector<3>): Vector<6> => tanh(X.matmul(theta)).add(pow(X.matmul(theta), 2).scale(0.5));
    const L = (theta: Vector<3>): Scalar => {
      let s = scalar(0);
      for (let k = 0; k < 6; k++) s = s.add(pow(at(y, k).sub(fθ(theta, X.row(k))), 2));
      return s;
    };
    const g = grad(L)(theta);
    expect(g.shape).toEqual([1, 3]);
    const dfdtheta = jacobian(fX)(theta);
    expect(dfdtheta.shape).toEqual([6, 3]);
    expectClose(g, y.sub(fX(theta)).T.scale(-2).matmul(dfdtheta));
    const u = X.matmul(theta), t = tanh(u);
    const d: Vector<6> = ones(t).sub(t.mul(t)).add(u);
    expectClose(dfdtheta, diag(d).matmul(X), undefined, "∂f(X)/∂θ closed form");
  });

  it("S002-31: ½‖y − NN(x, θ)‖²: gradient −(y − NN)ᵀ ∂NN/∂θ; the dropped constant of −log p does not change it", () => {
    const x = randn(3, 1, { seed: 310 }), y = randn(2, 1, { seed: 311 }), theta = randn(6, 1, { seed: 312 });
    const NN = (theta: Vector<6>): Vector<2> => tanh(reshape(theta, 2, 3).matmul(x));
    const L = (theta: Vector<6>): Scalar => sumSquares(y.sub(NN(theta))).scale(0.5);
    const negLogLik = (theta: Vector<6>): Scalar => L(theta).add(Math.log(2 * Math.PI)); // + (dim y / 2) log 2π, dim y = 2
    const g = grad(L)(theta);
    expect(g.shape).toEqual([1, 6]);
    const J = jacobian(NN)(theta);
    expect(J.shape).toEqual([2, 6]);
    const nn = NN(theta);
    expectClose(J.data, tensorData([2, 6], (i, p) => (1 - nn.get(i) ** 2) * (Math.floor(p / 3) === i ? x.get(p % 3) : 0)), undefined, "∂NN/∂θ");
    expectClose(g, y.sub(nn).T.matmul(J).neg());
    expectClose(grad(negLogLik)(theta), g, 1e-15, "constant drops out");
  });

  it("S002-32: polynomial regression of order M: dL/dθ = −2(y − Φθ)ᵀΦ ∈ R^{1×(M+1)}, Φ_ij = x_i^j (derived)", () => {
    const Mo = 3, xs = randn(6, 1, { seed: 320 }).toFlatArray(), y = randn(6, 1, { seed: 321 }), theta = randn(4, 1, { seed: 322 });
    const fpoly = (x: number, theta: Vector<4>): Scalar => {
      let s = scalar(0);
      for (let i = 0; i <= Mo; i++) s = s.add(at(theta, i).scale(x ** i));
      return s;
    };
    const L = (theta: Vector<4>): Scalar => {
      let s = scalar(0);
      xs.forEach((x, i) => (s = s.add(pow(at(y, i).sub(fpoly(x, theta)), 2))));
      return s;
    };
    const Phi = fromArray(xs.map((x) => [1, x, x * x, x ** 3]), 6, 4);
    const g = grad(L)(theta);
    expect(g.shape).toEqual([1, Mo + 1]);
    expectClose(g, y.sub(Phi.matmul(theta)).T.matmul(Phi).scale(-2));
  });
});
