/**
 * Seed 000 (J. C.-C. Lin, "Vector Calculus: Gradients of Vector-Valued Functions and Matrices",
 * after MML): every derivative entry S000-1…19 of docs/seed-examples.md, computed by the library on
 * seeded random inputs and compared with the notes' closed form. Layout: numerator
 * (derivative shape [...out, ...in]; a scalar's gradient w.r.t. x ∈ R^D is 1×D).
 */
import { describe, expect, it } from "vitest";
import {
  Tensor, at, chain, det, fromArray, grad, logAbsDet, gradient, inv, jacobian, jvp, mat, outer, randn, sin, exp, sumSquares, tanh, trace,
  type Matrix, type Scalar, type Vector,
} from "../src/index";
import { FD_RTOL, expectClose, fdJacobian, kron, symmetric, tensorData, wellConditioned, type AnyM } from "./seeds-helpers";

describe("seed 000: Jacobians, gradients of vectors and matrices, identities (numerator layout)", () => {
  // A fixed nonlinear map R^3 → R^2 used for the definitions.
  const C = randn(2, 3, { seed: 1 });
  const fNonlin = (x: Vector<3>): Vector<2> => tanh(C.matmul(x)).add(mat([[at(x, 0).mul(at(x, 1))], [sin(at(x, 2))]]));

  it("S000-1: ∂f/∂x_i is the m-vector of limits (f_k(x + h e_i) − f_k(x))/h", () => {
    const x = randn(3, 1, { seed: 2 });
    const fd = fdJacobian(fNonlin as (x: AnyM) => AnyM, x);
    for (let i = 0; i < 3; i++) {
      const e = mat([[kron(i, 0)], [kron(i, 1)], [kron(i, 2)]]);
      const { tangent } = jvp(fNonlin, x, e); // ∂f/∂x_i by forward mode
      expect(tangent.shape).toEqual([2, 1]); // ∈ R^m, a column
      expectClose(tangent, [[fd.get(0, i)], [fd.get(1, i)]], FD_RTOL, `∂f/∂x_${i + 1}`);
    }
  });

  it("S000-2: df/dx = [∂f/∂x_1 ⋯ ∂f/∂x_n] ∈ R^{m×n}, J(i, j) = ∂f_i/∂x_j", () => {
    const x = randn(3, 1, { seed: 3 });
    const J = jacobian(fNonlin)(x);
    expect(J.shape).toEqual([2, 3]);
    // columns are the partials of S000-1
    for (let j = 0; j < 3; j++) {
      const e = mat([[kron(j, 0)], [kron(j, 1)], [kron(j, 2)]]);
      expectClose(J.col(j), jvp(fNonlin, x, e).tangent, 1e-12, `column ${j}`);
    }
    expectClose(J, fdJacobian(fNonlin as (x: AnyM) => AnyM, x), FD_RTOL, "J vs finite differences");
  });

  it("S000-3: f(x) = Ax, A ∈ R^{M×N}: df/dx = A ∈ R^{M×N}", () => {
    const A = randn(4, 3, { seed: 4 }), x = randn(3, 1, { seed: 5 });
    const J = jacobian((x: Vector<3>) => A.matmul(x))(x);
    expect(J.shape).toEqual([4, 3]);
    expectClose(J, A);
  });

  it("S000-4: L = ‖e‖², e = y − Φθ: ∂L/∂θ = (∂L/∂e)(∂e/∂θ) = 2eᵀ·(−Φ) = −2eᵀΦ ∈ R^{1×D}", () => {
    const Phi = randn(5, 3, { seed: 6 }), y = randn(5, 1, { seed: 7 }), theta = randn(3, 1, { seed: 8 });
    const e = (theta: Vector<3>): Vector<5> => y.sub(Phi.matmul(theta));
    const L = (e: Vector<5>): Scalar => sumSquares(e);
    const e0 = e(theta);
    const dLde = grad(L)(e0);
    expect(dLde.shape).toEqual([1, 5]);
    expectClose(dLde, e0.T.scale(2), undefined, "∂L/∂e = 2eᵀ");
    const dedtheta = jacobian(e)(theta);
    expect(dedtheta.shape).toEqual([5, 3]);
    expectClose(dedtheta, Phi.neg(), undefined, "∂e/∂θ = −Φ");
    const closed = e0.T.matmul(Phi).scale(-2);
    const viaChain = chain(dLde, dedtheta);
    expect(viaChain.shape).toEqual([1, 3]);
    expectClose(viaChain, closed, undefined, "chain");
    const direct = grad((theta: Vector<3>) => L(e(theta)))(theta);
    expect(direct.shape).toEqual([1, 3]);
    expectClose(direct, closed, undefined, "grad of the composite");
    // the notes' second form −2(yᵀ − θᵀΦᵀ)Φ
    expectClose(direct, y.T.sub(theta.T.matmul(Phi.T)).matmul(Phi).scale(-2), undefined, "−2(yᵀ − θᵀΦᵀ)Φ");
  });

  it("S000-5: without the chain rule, L_2 = yᵀy − 2yᵀΦθ + θᵀΦᵀΦθ gives the same −2(y − Φθ)ᵀΦ", () => {
    const Phi = randn(6, 4, { seed: 9 }), y = randn(6, 1, { seed: 10 }), theta = randn(4, 1, { seed: 11 });
    const B = Phi.T.matmul(Phi);
    const L2 = (theta: Vector<4>): Scalar =>
      y.T.matmul(y).sub(y.T.matmul(Phi).matmul(theta).scale(2)).add(theta.T.matmul(B).matmul(theta));
    const g = grad(L2)(theta);
    expect(g.shape).toEqual([1, 4]);
    // derived: −2yᵀΦ + θᵀ(B + Bᵀ) = −2(y − Φθ)ᵀΦ
    expectClose(g, y.T.matmul(Phi).scale(-2).add(theta.T.matmul(B.add(B.T))));
    expectClose(g, y.sub(Phi.matmul(theta)).T.matmul(Phi).scale(-2));
    expectClose(g, grad((theta: Vector<4>) => sumSquares(y.sub(Phi.matmul(theta))))(theta), undefined, "same as S000-4");
  });

  it("S000-6: gradient of an m×n matrix w.r.t. a p×q matrix: J ∈ R^{(m×n)×(p×q)}, J_ijkl = ∂A_ij/∂B_kl (≅ R^{mn×pq})", () => {
    const P = randn(2, 3, { seed: 12 }), Q = randn(4, 5, { seed: 13 });
    const F = (B: Matrix<3, 4>): Matrix<2, 5> => tanh(P.matmul(B).matmul(Q)); // m×n = 2×5, p×q = 3×4
    const B0 = randn(3, 4, { seed: 14 });
    const J = jacobian(F)(B0);
    expect(J).toBeInstanceOf(Tensor);
    expect(J.shape).toEqual([2, 5, 3, 4]);
    expect(J.toMatrix().shape).toEqual([10, 12]); // the isomorphism R^{m×n} ≅ R^{mn}
    expectClose(J.toMatrix(), fdJacobian(F as (x: AnyM) => AnyM, B0), FD_RTOL, "vs finite differences");
    // closed form: ∂A_ij/∂B_kl = (1 − A_ij²) P_ik Q_lj
    const A0 = F(B0);
    expectClose(J.data, tensorData([2, 5, 3, 4], (i, j, k, l) => (1 - A0.get(i, j) ** 2) * P.get(i, k) * Q.get(l, j)));
    expect(J.get(1, 3, 2, 0)).toBeCloseTo((1 - A0.get(1, 3) ** 2) * P.get(1, 2) * Q.get(0, 3), 12);
  });

  // A(x) ∈ R^{4×2} with x ∈ R^3, assembled from traced scalars, and its partials by hand.
  const Ax = (x: Vector<3>): Matrix<4, 2> => {
    const x1 = at(x, 0), x2 = at(x, 1), x3 = at(x, 2);
    return mat([
      [x1.mul(x2), sin(x3)],
      [exp(x1), x2.mul(x3)],
      [x1.add(x2.scale(2)).add(x3.scale(-3)), x1.mul(x1)],
      [tanh(x2), x1.mul(x2).mul(x3)],
    ]);
  };
  const dAx = (v: number[]): number[][][] => {
    const [a, b, c] = v; // dAx(v)[k] = ∂A/∂x_{k+1} ∈ R^{4×2}
    return [
      [[b, 0], [Math.exp(a), 0], [1, 2 * a], [0, b * c]],
      [[a, 0], [0, c], [2, 0], [1 - Math.tanh(b) ** 2, a * c]],
      [[0, Math.cos(c)], [0, b], [-3, 0], [0, a * b]],
    ];
  };

  it("S000-7: A(x) ∈ R^{4×2}, x ∈ R^3: stacking the partials ∂A/∂x_k ∈ R^{4×2} equals flattening A to R^8 (8×3 Jacobian)", () => {
    const x = randn(3, 1, { seed: 15 });
    const J = jacobian(Ax)(x);
    expect(J.shape).toEqual([4, 2, 3]); // dA/dx ∈ R^{4×2×3}
    expectClose(jacobian(Ax, { mode: "reverse" })(x).data, J.data, 1e-15, "reverse mode = forward mode");
    const hand = dAx(x.toFlatArray());
    // approach 1: the three partial derivatives (forward mode along e_k), each 4×2, stacked on a last axis
    const partials = [0, 1, 2].map((k) => jvp(Ax, x, mat([[kron(k, 0)], [kron(k, 1)], [kron(k, 2)]])).tangent);
    partials.forEach((p, k) => {
      expect(p.shape).toEqual([4, 2]);
      expectClose(p, hand[k], undefined, `∂A/∂x_${k + 1}`);
    });
    const stacked = tensorData([4, 2, 3], (i, j, k) => partials[k].get(i, j));
    expectClose(J.data, stacked, 1e-12, "stacked partials");
    // approach 2: flatten A to Ã ∈ R^8, take the ordinary 8×3 Jacobian, reshape
    const flatJ = jacobian((x: Vector<3>) => Ax(x).flatten())(x);
    expect(flatJ.shape).toEqual([8, 3]);
    expectClose(J.toMatrix(), flatJ, 1e-12, "flattened");
    expectClose(flatJ.data, tensorData([4, 2, 3], (i, j, k) => hand[k][i][j]), undefined, "closed form");
  });

  it("S000-8: f = Ax: df/dA ∈ R^{M×(M×N)}, ∂f_i/∂A has xᵀ in row i and 0ᵀ elsewhere", () => {
    const A = randn(3, 4, { seed: 16 }), x = randn(4, 1, { seed: 17 });
    const J = jacobian((A: Matrix<3, 4>) => A.matmul(x))(A);
    expect(J.shape).toEqual([3, 3, 4]);
    for (let i = 0; i < 3; i++) {
      const dfi = J.slice(i); // ∂f_i/∂A as an M×N array
      expect(dfi.shape).toEqual([3, 4]);
      for (let k = 0; k < 3; k++) expectClose(dfi.row(k), k === i ? x.T : x.T.scale(0), undefined, `∂f_${i}/∂A_${k},:`);
    }
    expectClose(J.data, tensorData([3, 3, 4], (i, k, q) => kron(i, k) * x.get(q)));
  });

  it("S000-9: K = RᵀR: dK/dR ∈ R^{(N×N)×(M×N)} with the notes' case table for ∂K_pq/∂R_ij", () => {
    const R = randn(4, 3, { seed: 18 }); // M = 4, N = 3
    const J = jacobian((R: Matrix<4, 3>) => R.T.matmul(R))(R);
    expect(J.shape).toEqual([3, 3, 4, 3]);
    const cases = (p: number, q: number, i: number, j: number): number => {
      if (j === p && p !== q) return R.get(i, q);
      if (j === q && p !== q) return R.get(i, p);
      if (j === p && p === q) return 2 * R.get(i, q);
      return 0;
    };
    expectClose(J.data, tensorData([3, 3, 4, 3], cases));
    // each case occurs, and the "otherwise" entries are exact zeros
    expect(J.get(0, 1, 2, 0)).toBeCloseTo(R.get(2, 1), 14);
    expect(J.get(0, 1, 2, 1)).toBeCloseTo(R.get(2, 0), 14);
    expect(J.get(2, 2, 3, 2)).toBeCloseTo(2 * R.get(3, 2), 14);
    expect(J.get(0, 1, 2, 2)).toBe(0);
  });

  // Identities (1/2): read per input component ∂/∂X_kl, with ᵀ / tr acting on f's own indices.
  const G = randn(3, 3, { seed: 19 });
  const fX = (X: Matrix<3, 3>): Matrix<3, 3> => tanh(X).matmul(G).add(X.matmul(X)); // a nonlinear, non-symmetric f(X)

  it("S000-10: ∂/∂X f(X)ᵀ = (∂f(X)/∂X)ᵀ, the ᵀ swapping f's two indices", () => {
    const X = randn(3, 3, { seed: 20 });
    const Jt = jacobian((X: Matrix<3, 3>) => fX(X).T)(X), J = jacobian(fX)(X);
    expect(Jt.shape).toEqual([3, 3, 3, 3]);
    expectClose(Jt.data, tensorData([3, 3, 3, 3], (p, q, k, l) => J.get(q, p, k, l)));
  });

  it("S000-11: ∂/∂X tr(f(X)) = tr(∂f(X)/∂X), i.e. entry (k, l) = Σ_i ∂f_ii/∂X_kl", () => {
    const X = randn(3, 3, { seed: 21 });
    const g = grad((X: Matrix<3, 3>) => trace(fX(X)))(X);
    expect(g.shape).toEqual([1, 3, 3]);
    const J = jacobian(fX)(X);
    expectClose(g.data, tensorData([1, 3, 3], (_o, k, l) => J.get(0, 0, k, l) + J.get(1, 1, k, l) + J.get(2, 2, k, l)));
  });

  it("S000-12: ∂/∂X det(f(X)) = det(f(X)) tr(f(X)⁻¹ ∂f(X)/∂X_kl); for f(X) = X: det(X)(X⁻¹)ᵀ (the notes' 'Exercise')", () => {
    const X = wellConditioned(3, 22);
    const F0 = fX(X), Finv = inv(F0), d0 = det(F0).item();
    const g = gradient((X: Matrix<3, 3>) => det(fX(X)))(X);
    expect(g.shape).toEqual([3, 3]);
    const J = jacobian(fX)(X);
    // Jacobi's formula per component: dF_kl = ∂f/∂X_kl ∈ R^{3×3}
    const expected = tensorData([3, 3], (k, l) => {
      const dF = fromArray([0, 1, 2].map((p) => [0, 1, 2].map((q) => J.get(p, q, k, l))), 3, 3);
      return d0 * trace(Finv.matmul(dF)).item();
    });
    expectClose(g.data, expected);
    // special case f(X) = X
    const gX = grad((X: Matrix<3, 3>) => det(X))(X);
    expect(gX.shape).toEqual([1, 3, 3]);
    expectClose(gX.data, inv(X).T.scale(det(X)).data);
    expectClose(gradient((X: Matrix<3, 3>) => det(X))(X), inv(X).T.scale(det(X)));
    // with a negative determinant too, and the log form ∂ log|det X|/∂X = X⁻ᵀ that follows from it
    const Xn = fromArray([X.row(1).toFlatArray(), X.row(0).toFlatArray(), X.row(2).toFlatArray()], 3, 3);
    expect(det(Xn).item()).toBeLessThan(0);
    expectClose(gradient((X: Matrix<3, 3>) => det(X))(Xn), inv(Xn).T.scale(det(Xn)), undefined, "det < 0");
    expectClose(gradient((X: Matrix<3, 3>) => logAbsDet(X))(Xn), inv(Xn).T, undefined, "log|det|");
  });

  // det is a polynomial, differentiable everywhere, with ∂det(X)/∂X = cof(X) = adj(X)ᵀ (nonzero when
  // rank X = n − 1). The notes' form det(X)X⁻ᵀ only covers invertible X; this checks the cofactor form it extends to.
  it("S000-12 (beyond the notes' domain): at a singular X of rank n − 1, ∂det(X)/∂X is the cofactor matrix", () => {
    const X = mat([[1, 2, 3], [2, 4, 6], [1, 0, 1]]); // rank 2, det = 0
    const x = X.toArray();
    const minor = (i: number, j: number): number => {
      const r = [0, 1, 2].filter((k) => k !== i), c = [0, 1, 2].filter((k) => k !== j);
      return x[r[0]][c[0]] * x[r[1]][c[1]] - x[r[0]][c[1]] * x[r[1]][c[0]];
    };
    const cof = [0, 1, 2].map((i) => [0, 1, 2].map((j) => (-1) ** (i + j) * minor(i, j)));
    expect(det(X).item()).toBe(0);
    expectClose(gradient((X: Matrix<3, 3>) => det(X))(X), cof);
    expectClose(jvp((X: Matrix<3, 3>) => det(X), X, X).tangent, [[0]]); // d det along X itself: n·det(X) = 0
  });

  it("S000-13: ∂/∂X f(X)⁻¹ = −f(X)⁻¹ (∂f(X)/∂X_kl) f(X)⁻¹ per component", () => {
    const X = wellConditioned(3, 23);
    const Finv = inv(fX(X));
    const J = jacobian(fX)(X), Ji = jacobian((X: Matrix<3, 3>) => inv(fX(X)))(X);
    expect(Ji.shape).toEqual([3, 3, 3, 3]);
    // the same by the chain rule on 4-D tensors: ∂(f⁻¹)/∂X = (∂inv/∂F)(∂f/∂X), contracting F's two dims
    const viaChain = chain(jacobian((F: Matrix<3, 3>) => inv(F))(fX(X)), J);
    expect(viaChain.shape).toEqual([3, 3, 3, 3]);
    expectClose(viaChain.data, Ji.data, undefined, "chain of tensors");
    for (let k = 0; k < 3; k++)
      for (let l = 0; l < 3; l++) {
        const dF = fromArray([0, 1, 2].map((p) => [0, 1, 2].map((q) => J.get(p, q, k, l))), 3, 3);
        const closed = Finv.matmul(dF).matmul(Finv).neg();
        expectClose(tensorData([3, 3], (p, q) => Ji.get(p, q, k, l)), closed.data, undefined, `∂f⁻¹/∂X_${k}${l}`);
      }
  });

  it("S000-14: ∂(aᵀX⁻¹b)/∂X = −(X⁻¹)ᵀabᵀ(X⁻¹)ᵀ, shaped like X", () => {
    const X = wellConditioned(4, 24), a = randn(4, 1, { seed: 25 }), b = randn(4, 1, { seed: 26 });
    const f = (X: Matrix<4, 4>): Scalar => a.T.matmul(inv(X)).matmul(b);
    const XiT = inv(X).T;
    const closed = XiT.matmul(outer(a, b)).matmul(XiT).neg();
    const g = grad(f)(X);
    expect(g.shape).toEqual([1, 4, 4]);
    expectClose(g.data, closed.data);
    expectClose(gradient(f)(X), closed);
  });

  it("S000-15: ∂(xᵀa)/∂x = aᵀ ∈ R^{1×n}", () => {
    const a = randn(5, 1, { seed: 27 }), x = randn(5, 1, { seed: 28 });
    const g = grad((x: Vector<5>) => x.T.matmul(a))(x);
    expect(g.shape).toEqual([1, 5]);
    expectClose(g, a.T);
  });

  it("S000-16: ∂(aᵀx)/∂x = aᵀ ∈ R^{1×n}", () => {
    const a = randn(5, 1, { seed: 29 }), x = randn(5, 1, { seed: 30 });
    const g = grad((x: Vector<5>) => a.T.matmul(x))(x);
    expect(g.shape).toEqual([1, 5]);
    expectClose(g, a.T);
  });

  it("S000-17: ∂(aᵀXb)/∂X = abᵀ, shaped like X ∈ R^{m×n}", () => {
    const a = randn(3, 1, { seed: 31 }), b = randn(4, 1, { seed: 32 }), X = randn(3, 4, { seed: 33 });
    const f = (X: Matrix<3, 4>): Scalar => a.T.matmul(X).matmul(b);
    const g = grad(f)(X);
    expect(g.shape).toEqual([1, 3, 4]);
    expectClose(g.slice(0), outer(a, b));
    expectClose(gradient(f)(X), a.matmul(b.T));
  });

  it("S000-18: ∂(xᵀBx)/∂x = xᵀ(B + Bᵀ) ∈ R^{1×n} (B not symmetric)", () => {
    const B = randn(4, 4, { seed: 34 }), x = randn(4, 1, { seed: 35 });
    const g = grad((x: Vector<4>) => x.T.matmul(B).matmul(x))(x);
    expect(g.shape).toEqual([1, 4]);
    expectClose(g, x.T.matmul(B.add(B.T)));
  });

  it("S000-19: ∂/∂s (x − As)ᵀW(x − As) = −2(x − As)ᵀWA for symmetric W (general W: −(x − As)ᵀ(W + Wᵀ)A)", () => {
    const A = randn(5, 3, { seed: 36 }), x = randn(5, 1, { seed: 37 }), s = randn(3, 1, { seed: 38 });
    const W = symmetric(5, 39);
    const q = (W: Matrix<5, 5>) => (s: Vector<3>): Scalar => x.sub(A.matmul(s)).T.matmul(W).matmul(x.sub(A.matmul(s)));
    const r = x.sub(A.matmul(s));
    const g = grad(q(W))(s);
    expect(g.shape).toEqual([1, 3]);
    expectClose(g, r.T.matmul(W).matmul(A).scale(-2));
    // derived (not in the notes): a general W
    const Wg = randn(5, 5, { seed: 40 });
    expectClose(grad(q(Wg))(s), r.T.matmul(Wg.add(Wg.T)).matmul(A).neg(), undefined, "general W");
  });
});
