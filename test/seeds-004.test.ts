/**
 * Seed 004 (discussion notes, "Vector and Matrix Calculus Review"): every derivative entry
 * S004-1…14 of docs/seed-examples.md, including the guided and challenge problems the notes leave
 * open (their closed forms are the catalog's derived ones), computed by the library on seeded random
 * inputs. Layout: denominator — gradients have the input's shape (`gradient`), the Jacobian of
 * f: Rⁿ → R^m is n×m (`jacobianT`), and chain rules read ∂z/∂x = (∂y/∂x)(∂z/∂y) (`chainT`).
 */
import { describe, expect, it } from "vitest";
import {
  abs, asDenominator, chainT, diag, gradient, jacobian, jacobianT, mul, norm, pow, randn, reshape, scalar, sigmoid, sign, sin, sum,
  sumSquares, tanh, vec,
  type Matrix, type Scalar, type Vector,
} from "../src/index";
import { FD_RTOL, expectClose, fdJacobian, kron, tensorData, type AnyM } from "./seeds-helpers";

/** σ′ = σ(1 − σ) at u, entry by entry. */
const dsigmoid = (u: Vector<4>): Vector<4> => {
  const s = sigmoid(u);
  return s.sub(s.mul(s));
};

describe("seed 004: gradients and Jacobians in denominator layout, with the open problems", () => {
  it("S004-1: ∇_x f(x) = [∂f/∂x₁; …; ∂f/∂x_d], the same shape as x (so θ − α∇L(θ) type-checks)", () => {
    const P = randn(3, 4, { seed: 1 }), x = randn(4, 1, { seed: 2 });
    const f = (x: Vector<4>): Scalar => sumSquares(tanh(P.matmul(x))).add(sum(sin(x)));
    const g = gradient(f)(x);
    expect(g.shape).toEqual([4, 1]);
    expectClose(g.T, fdJacobian(f as (x: AnyM) => AnyM, x), FD_RTOL);
    const step: Vector<4> = x.sub(g.scale(0.1)); // the gradient-descent update of the notes
    expect(step.shape).toEqual([4, 1]);
  });

  it("S004-2: Example 1, f(x) = ‖x‖₁: ∇_x f = sign(x) (every x_j ≠ 0; at 0 only a subgradient exists)", () => {
    const x = randn(6, 1, { seed: 3 });
    expect(x.toFlatArray().every((v) => v !== 0)).toBe(true);
    const g = gradient((x: Vector<6>) => norm(x, 1))(x);
    expect(g.shape).toEqual([6, 1]);
    expectClose(g, sign(x));
    expectClose(gradient((x: Vector<6>) => sum(abs(x)))(x), sign(x), undefined, "Σ|x_i|");
    // x_j = 0 (omitted by the notes): the subgradient convention sign(0) = 0
    const x0 = vec([1.5, 0, -2]);
    expectClose(gradient((x: Vector<3>) => norm(x, 1))(x0), [[1], [0], [-1]], undefined, "sign(0) = 0");
  });

  it("S004-3: Guided Problem 2, f(x) = ‖x‖₂² = xᵀx: ∇_x f = 2x (derived)", () => {
    const x = randn(6, 1, { seed: 4 });
    const g = gradient((x: Vector<6>) => x.T.matmul(x))(x);
    expect(g.shape).toEqual([6, 1]);
    expectClose(g, x.scale(2));
    expectClose(gradient((x: Vector<6>) => pow(norm(x, 2), 2))(x), x.scale(2), undefined, "‖x‖₂²");
  });

  it("S004-4: Challenge Problem 3, ∇_x ‖x‖_p = (sign(x) ⊙ |x|^{p−1}) / ‖x‖_p^{p−1} (derived), p = 1.5, 3, 4; p = 2, ∞", () => {
    const x = randn(5, 1, { seed: 5 });
    for (const p of [1.5, 3, 4]) {
      const g = gradient((x: Vector<5>) => norm(x, p))(x);
      expect(g.shape).toEqual([5, 1]);
      const closed = mul(sign(x), pow(abs(x), p - 1)).scale(1 / norm(x, p).item() ** (p - 1));
      expectClose(g, closed, undefined, `p = ${p}`);
      expectClose(g.T, fdJacobian((x: AnyM) => norm(x, p), x), FD_RTOL, `p = ${p} vs finite differences`);
    }
    expectClose(gradient((x: Vector<5>) => norm(x, 2))(x), x.scale(1 / norm(x, 2).item()), undefined, "p = 2: x/‖x‖₂");
    // p = ∞: sign(x_k) e_k at the unique k maximising |x_k|
    const xs = x.toFlatArray(), k = xs.reduce((best, v, i) => (Math.abs(v) > Math.abs(xs[best]) ? i : best), 0);
    expectClose(gradient((x: Vector<5>) => norm(x, Infinity))(x), xs.map((v, i) => (i === k ? Math.sign(v) : 0)), undefined, "p = ∞");
  });

  it("S004-5: Jacobian of f : Rⁿ → R^m is n × m with (∂f/∂x)_ij = ∂f_j/∂x_i", () => {
    const P = randn(2, 4, { seed: 6 }), x = randn(4, 1, { seed: 7 });
    const f = (x: Vector<4>): Vector<2> => tanh(P.matmul(pow(x, 2)));
    const J = jacobianT(f)(x);
    expect(J.shape).toEqual([4, 2]);
    const fd = fdJacobian(f as (x: AnyM) => AnyM, x); // row j = f_j, column i = x_i
    expectClose(J, fd.T, FD_RTOL);
    for (let j = 0; j < 2; j++) expectClose(J.col(j), gradient((x: Vector<4>) => f(x).at(j))(x), 1e-12, `column ${j} = ∇f_${j + 1}`);
  });

  it("S004-6: Example Problem '5' (really 4), f(x) = Aᵀx, A ∈ R^{d×n}: ∂f/∂x = A ∈ R^{d×n} (step 2's 'x_j' should be x_i)", () => {
    const A = randn(5, 3, { seed: 8 }), x = randn(5, 1, { seed: 9 });
    const J = jacobianT((x: Vector<5>) => A.T.matmul(x))(x);
    expect(J.shape).toEqual([5, 3]);
    expectClose(J, A);
  });

  it("S004-7: multivariate chain rule, denominator order ∂z/∂x = (∂y/∂x)(∂z/∂y): scalars, y ∈ Rⁿ with scalar x, x ∈ R^m", () => {
    // all scalars
    const g1 = (x: Scalar): Scalar => sin(x), f1 = (y: Scalar): Scalar => pow(y, 3);
    const x1 = scalar(0.4);
    expectClose(gradient((x: Scalar) => f1(g1(x)))(x1), gradient(f1)(g1(x1)).mul(gradient(g1)(x1)), undefined, "scalars");
    // y ∈ Rⁿ, x and z scalar: ∂z/∂x = Σᵢ (∂yᵢ/∂x)(∂z/∂yᵢ)
    const yOf = (t: Scalar): Vector<3> => vec([sin(t), pow(t, 2), t.scale(3)]);
    const zOf = (y: Vector<3>): Scalar => sumSquares(tanh(y));
    const dydt = jacobianT(yOf)(x1);
    expect(dydt.shape).toEqual([1, 3]);
    const dzdy = gradient(zOf)(yOf(x1));
    expectClose(chainT(dydt, dzdy), gradient((t: Scalar) => zOf(yOf(t)))(x1), undefined, "Σᵢ (∂yᵢ/∂x)(∂z/∂yᵢ)");
    // x ∈ R^m: ∂z/∂x (R^m) = ∂y/∂x (R^{m×n}) · ∂z/∂y (Rⁿ)
    const P = randn(3, 4, { seed: 10 }), x = randn(4, 1, { seed: 11 });
    const y = (x: Vector<4>): Vector<3> => sin(P.matmul(x));
    const dydx = jacobianT(y)(x), dzdy2 = gradient(zOf)(y(x));
    expect(dydx.shape).toEqual([4, 3]);
    expect(dzdy2.shape).toEqual([3, 1]);
    const viaChain = chainT(dydx, dzdy2);
    expect(viaChain.shape).toEqual([4, 1]);
    expectClose(viaChain, gradient((x: Vector<4>) => zOf(y(x)))(x));
  });

  it("S004-8: Guided Problem 5, ∇_x ‖Aᵀx‖₂² = (∂g/∂x)(∂f/∂y) = A·2Aᵀx = 2AAᵀx (derived)", () => {
    const A = randn(4, 3, { seed: 12 }), x = randn(4, 1, { seed: 13 });
    const g = (x: Vector<4>): Vector<3> => A.T.matmul(x), f = (y: Vector<3>): Scalar => sumSquares(y);
    const grad = gradient((x: Vector<4>) => f(g(x)))(x);
    expect(grad.shape).toEqual([4, 1]);
    const closed = A.matmul(A.T).matmul(x).scale(2);
    expectClose(grad, closed);
    const dgdx = jacobianT(g)(x), dfdy = gradient(f)(g(x));
    expectClose(dgdx, A, undefined, "∂g/∂x = A");
    expectClose(dfdy, A.T.matmul(x).scale(2), undefined, "∂f/∂y = 2Aᵀx");
    expectClose(chainT(dgdx, dfdy), closed, undefined, "chainT");
  });

  it("S004-9: Challenge Problem 6, f(x) = Bᵀσ(Aᵀx): the 'gradient' is the d×m Jacobian A diag(σ(Aᵀx) ⊙ (1 − σ(Aᵀx))) B (derived)", () => {
    const A = randn(5, 4, { seed: 14 }), B = randn(4, 3, { seed: 15 }), x = randn(5, 1, { seed: 16 }); // d = 5, n = 4, m = 3
    const f = (x: Vector<5>): Vector<3> => B.T.matmul(sigmoid(A.T.matmul(x)));
    const J = jacobianT(f)(x);
    expect(J.shape).toEqual([5, 3]);
    const u = A.T.matmul(x);
    const closed = A.matmul(diag(dsigmoid(u))).matmul(B);
    expectClose(J, closed);
    // the three factors: ∂u/∂x = A (d×n), ∂σ/∂u = diag(σ′(u)) (n×n), ∂f/∂σ = B (n×m)
    const dudx = jacobianT((x: Vector<5>) => A.T.matmul(x))(x);
    const dsdu = jacobianT((u: Vector<4>) => sigmoid(u))(u);
    const dfds = jacobianT((h: Vector<4>) => B.T.matmul(h))(sigmoid(u));
    expect([dudx.shape, dsdu.shape, dfds.shape]).toEqual([[5, 4], [4, 4], [4, 3]]);
    expectClose(dsdu, diag(dsigmoid(u)), undefined, "∂σ/∂u");
    expectClose(chainT(chainT(dudx, dsdu), dfds), closed, undefined, "chainT of the factors");
    expectClose(J, fdJacobian(f as (x: AnyM) => AnyM, x).T, FD_RTOL, "finite differences");
  });

  it("S004-10: ∇_X f(X) = [∂f/∂X_ij], the same shape as X ∈ R^{d₁×d₂}", () => {
    const X = randn(3, 4, { seed: 17 }), C = randn(4, 2, { seed: 18 });
    const f = (X: Matrix<3, 4>): Scalar => sumSquares(tanh(X.matmul(C)));
    const G = gradient(f)(X);
    expect(G.shape).toEqual([3, 4]);
    expectClose(G.flatten().T, fdJacobian(f as (x: AnyM) => AnyM, X), FD_RTOL);
  });

  it("S004-11: f : R^{d₁×d₂} → Rⁿ: Jacobian in R^{d₁×d₂×n}, (∂f/∂X)_ijk = ∂f_k/∂X_ij (the library's numerator tensor is n×d₁×d₂)", () => {
    const X = randn(2, 3, { seed: 19 }), v = randn(3, 1, { seed: 20 }), W = randn(4, 2, { seed: 21 });
    const f = (X: Matrix<2, 3>): Vector<4> => tanh(W.matmul(X).matmul(v)); // n = 4
    const Jnum = jacobian(f)(X);
    expect(Jnum.shape).toEqual([4, 2, 3]);
    const den = tensorData([2, 3, 4], (i, j, k) => Jnum.get(k, i, j)); // the notes' d₁×d₂×n arrangement
    const fd = fdJacobian(f as (x: AnyM) => AnyM, X); // row k, column (i, j)
    expectClose(den, tensorData([2, 3, 4], (i, j, k) => fd.get(k, i * 3 + j)), FD_RTOL, "vs finite differences");
    // closed form: ∂f_k/∂X_ij = (1 − f_k²) W_ki v_j
    const f0 = f(X);
    expectClose(den, tensorData([2, 3, 4], (i, j, k) => (1 - f0.get(k) ** 2) * W.get(k, i) * v.get(j)));
  });

  it("S004-12: matrix input: ∂z/∂X (d₁×d₂) = ∂y/∂X (d₁×d₂×n) · ∂z/∂y (n), contracting the last index; = flatten, chain, reshape", () => {
    const X = randn(2, 3, { seed: 22 }), v = randn(3, 1, { seed: 23 }), W = randn(4, 2, { seed: 24 });
    const g = (X: Matrix<2, 3>): Vector<4> => sin(W.matmul(X).matmul(v));
    const f = (y: Vector<4>): Scalar => sumSquares(tanh(y));
    const dzdX = gradient((X: Matrix<2, 3>) => f(g(X)))(X);
    expect(dzdX.shape).toEqual([2, 3]);
    const Jnum = jacobian(g)(X), dzdy = gradient(f)(g(X));
    expect(dzdy.shape).toEqual([4, 1]);
    const contracted = tensorData([2, 3], (i, j) => [0, 1, 2, 3].reduce((s, k) => s + Jnum.get(k, i, j) * dzdy.get(k), 0));
    expectClose(dzdX.data, contracted, undefined, "Σ_k (∂y_k/∂X_ij)(∂z/∂y_k)");
    // flatten X, use the vector chain rule, reshape back
    const gFlat = (xf: Vector<6>): Vector<4> => g(reshape(xf, 2, 3));
    const viaFlat = chainT(jacobianT(gFlat)(X.flatten()), dzdy);
    expect(viaFlat.shape).toEqual([6, 1]);
    expectClose(reshape(viaFlat, 2, 3), dzdX, undefined, "flatten/reshape");
  });

  it("S004-13: Guided Problem 7, ∇_A ‖Aᵀx‖₂² = 2x(Aᵀx)ᵀ = 2xxᵀA ∈ R^{d×n} (derived), with (∂y/∂A)_ijk = x_i δ_jk", () => {
    const A = randn(4, 3, { seed: 25 }), x = randn(4, 1, { seed: 26 });
    const G = gradient((A: Matrix<4, 3>) => sumSquares(A.T.matmul(x)))(A);
    expect(G.shape).toEqual([4, 3]);
    expectClose(G, x.matmul(x.T).matmul(A).scale(2));
    expectClose(G, x.matmul(A.T.matmul(x).T).scale(2), undefined, "2x(Aᵀx)ᵀ");
    const Jnum = jacobian((A: Matrix<4, 3>) => A.T.matmul(x))(A); // [k, i, j] = ∂y_k/∂A_ij
    expect(Jnum.shape).toEqual([3, 4, 3]);
    expectClose(tensorData([4, 3, 3], (i, j, k) => Jnum.get(k, i, j)), tensorData([4, 3, 3], (i, j, k) => x.get(i) * kron(j, k)), undefined, "∂y/∂A");
    // trace method: dz = Tr(2Aᵀx xᵀ dA) ⟹ ∇_A z = (2Aᵀx xᵀ)ᵀ
    expectClose(G, asDenominator(A.T.matmul(x).matmul(x.T).scale(2).T), undefined, "trace method");
  });

  it("S004-14: Challenge Problem 8, ∇_A ‖Bᵀσ(Aᵀx) − c‖₂² = 2x[(B(Bᵀσ(Aᵀx) − c)) ⊙ σ(Aᵀx) ⊙ (1 − σ(Aᵀx))]ᵀ (derived)", () => {
    const A = randn(5, 4, { seed: 27 }), B = randn(4, 3, { seed: 28 }), x = randn(5, 1, { seed: 29 }), c = randn(3, 1, { seed: 30 });
    const L = (A: Matrix<5, 4>): Scalar => sumSquares(B.T.matmul(sigmoid(A.T.matmul(x))).sub(c));
    const G = gradient(L)(A);
    expect(G.shape).toEqual([5, 4]);
    const u = A.T.matmul(x), s = sigmoid(u), r = B.T.matmul(s).sub(c);
    const closed = x.matmul(B.matmul(r).mul(s).mul(s.scale(-1).add(1)).T).scale(2);
    expectClose(G, closed);
    expectClose(G.flatten().T, fdJacobian(L as (x: AnyM) => AnyM, A), FD_RTOL, "finite differences");
  });
});
