/**
 * Seed 001 (BITS Pilani, "Lecture 6", after MML): every derivative entry S001-1…33 of
 * docs/seed-examples.md, computed by the library on seeded random inputs and compared with the
 * notes' closed form. Layout: numerator (gradient of f: R^n → R is a 1×n row).
 */
import { describe, expect, it } from "vitest";
import {
  Tensor, at, chain, cos, det, div, exp, fromArray, grad, gradient, inv, jacobian, jvp, mat, outer, pow, randn, scalar, sin,
  tanh, trace, vec,
  type Matrix, type Scalar, type Vector,
} from "../src/index";
import { FD_RTOL, expectClose, fdJacobian, fdScalar, kron, symmetric, tensorData, wellConditioned, type AnyM } from "./seeds-helpers";

/** Random scalar inputs in a safe range. */
const pts = (seed: number): number[] => randn(4, 1, { seed }).toFlatArray().map((v) => 0.5 * v);
const e3 = (k: number) => vec([kron(k, 0), kron(k, 1), kron(k, 2)]);

describe("seed 001: univariate and multivariate rules, Jacobians, matrix gradients (numerator layout)", () => {
  it("S001-1: df/dx = lim_{h→0} (f(x+h) − f(x))/h (two-sided; the notes' 'h > 0' is only the right limit)", () => {
    const f = (x: Scalar): Scalar => sin(x).mul(exp(x));
    const fn = (t: number) => Math.sin(t) * Math.exp(t);
    for (const t of pts(1)) {
      const d = grad(f)(scalar(t));
      expect(d.shape).toEqual([1, 1]);
      expectClose(d, [[fdScalar(fn, t)]], FD_RTOL, "central difference");
      // the one-sided quotients from the right (h > 0) and from the left (h < 0) both tend to it
      for (const h of [1e-7, -1e-7]) expectClose(d, [[(fn(t + h) - fn(t)) / h]], 1e-5, `one-sided h = ${h}`);
    }
  });

  it("S001-2: d(xⁿ)/dx = n x^{n−1} (binomial expansion), n = 1…6", () => {
    for (let n = 1; n <= 6; n++)
      for (const t of pts(2)) {
        const x = scalar(t);
        expectClose(grad((x: Scalar) => pow(x, n))(x), [[n * t ** (n - 1)]], undefined, `n = ${n} (pow)`);
        // xⁿ as a product x·x·…·x
        const prod = (x: Scalar): Scalar => {
          let p = x;
          for (let k = 1; k < n; k++) p = p.mul(x);
          return p;
        };
        expectClose(grad(prod)(x), [[n * t ** (n - 1)]], undefined, `n = ${n} (product)`);
      }
  });

  it("S001-3: (f g)′ = f′g + f g′ (f = sin, g = exp)", () => {
    for (const t of pts(3)) {
      const d = grad((x: Scalar) => sin(x).mul(exp(x)))(scalar(t));
      expectClose(d, [[Math.cos(t) * Math.exp(t) + Math.sin(t) * Math.exp(t)]]);
    }
  });

  it("S001-4: (f + g)′ = f′ + g′ (f = x³, g = cos)", () => {
    for (const t of pts(4)) {
      const d = grad((x: Scalar) => pow(x, 3).add(cos(x)))(scalar(t));
      expectClose(d, [[3 * t * t - Math.sin(t)]]);
    }
  });

  it("S001-5: (f/g)′ = (f′g − f g′)/g² (f = sin, g = 2 + x²)", () => {
    for (const t of pts(5)) {
      const d = grad((x: Scalar) => div(sin(x), pow(x, 2).add(2)))(scalar(t));
      const g = 2 + t * t;
      expectClose(d, [[(Math.cos(t) * g - Math.sin(t) * 2 * t) / g ** 2]]);
    }
  });

  it("S001-6: (g∘f)′(x) = g′(f(x)) f′(x) (g = exp, f = sin)", () => {
    for (const t of pts(6)) {
      const x = scalar(t);
      const d = grad((x: Scalar) => exp(sin(x)))(x);
      expectClose(d, [[Math.exp(Math.sin(t)) * Math.cos(t)]]);
      expectClose(chain(grad((u: Scalar) => exp(u))(sin(x)), grad((u: Scalar) => sin(u))(x)), d, undefined, "chain(g′(f(x)), f′(x))");
    }
  });

  it("S001-7: h(x) = (2x + 1)⁴: f′ = 2, g′(f) = 4f³, h′(x) = 8(2x + 1)³", () => {
    const f = (x: Scalar): Scalar => x.scale(2).add(1);
    const g = (f: Scalar): Scalar => pow(f, 4);
    for (const t of pts(7)) {
      const x = scalar(t);
      expectClose(grad(f)(x), [[2]], undefined, "f′");
      expectClose(grad(g)(f(x)), [[4 * (2 * t + 1) ** 3]], undefined, "g′(f)");
      const h = grad((x: Scalar) => g(f(x)))(x);
      expect(h.shape).toEqual([1, 1]);
      expectClose(h, [[8 * (2 * t + 1) ** 3]]);
    }
  });

  it("S001-8: grad f = [∂f/∂x_1, …, ∂f/∂x_n] is a row vector of the partial-derivative limits", () => {
    const x = randn(4, 1, { seed: 8 });
    const f = (x: Vector<4>): Scalar => sin(at(x, 0)).mul(at(x, 1)).add(exp(at(x, 2).mul(at(x, 3))));
    const g = grad(f)(x);
    expect(g.shape).toEqual([1, 4]);
    expectClose(g, fdJacobian(f as (x: AnyM) => AnyM, x), FD_RTOL);
    const [a, b, c, d] = x.toFlatArray();
    expectClose(g, [[Math.cos(a) * b, Math.sin(a), d * Math.exp(c * d), c * Math.exp(c * d)]]);
  });

  it("S001-9: f(x, y) = (x + 2y³)²: ∂f/∂x = 2(x + 2y³), ∂f/∂y = 12y²(x + 2y³)", () => {
    const f = (v: Vector<2>): Scalar => pow(at(v, 0).add(pow(at(v, 1), 3).scale(2)), 2);
    for (let s = 0; s < 4; s++) {
      const v = randn(2, 1, { seed: 90 + s });
      const [x, y] = v.toFlatArray();
      const g = grad(f)(v);
      expect(g.shape).toEqual([1, 2]);
      expectClose(g, [[2 * (x + 2 * y ** 3), 12 * y ** 2 * (x + 2 * y ** 3)]]);
    }
  });

  it("S001-10: f = x₁²x₂ + x₁x₂³: df/dx = [2x₁x₂ + x₂³, x₁² + 3x₁x₂²] ∈ R^{1×2}", () => {
    const f = (x: Vector<2>): Scalar => {
      const x1 = at(x, 0), x2 = at(x, 1);
      return x1.mul(x1).mul(x2).add(x1.mul(pow(x2, 3)));
    };
    for (let s = 0; s < 4; s++) {
      const x = randn(2, 1, { seed: 100 + s });
      const [x1, x2] = x.toFlatArray();
      const g = grad(f)(x);
      expect(g.shape).toEqual([1, 2]);
      expectClose(g, [[2 * x1 * x2 + x2 ** 3, x1 ** 2 + 3 * x1 * x2 ** 2]]);
    }
  });

  it("S001-11: ∂(f g)/∂x = (∂f/∂x) g + f (∂g/∂x), order as in the notes (scalar·scalar and fᵀg)", () => {
    const P = randn(3, 3, { seed: 110 }), Q = randn(3, 3, { seed: 111 });
    const x = randn(3, 1, { seed: 112 });
    const fs = (x: Vector<3>): Scalar => sin(at(x, 0)).mul(at(x, 1)), gs = (x: Vector<3>): Scalar => exp(at(x, 2)).add(at(x, 0));
    const gp = grad((x: Vector<3>) => fs(x).mul(gs(x)))(x);
    expect(gp.shape).toEqual([1, 3]);
    expectClose(gp, grad(fs)(x).scale(gs(x)).add(grad(gs)(x).scale(fs(x))), undefined, "scalar product");
    // vector f, g: d(fᵀg)/dx = gᵀ(∂f/∂x) + fᵀ(∂g/∂x) — matrix products, so the order matters
    const fv = (x: Vector<3>): Vector<3> => tanh(P.matmul(x)), gv = (x: Vector<3>): Vector<3> => sin(Q.matmul(x));
    const gi = grad((x: Vector<3>) => fv(x).T.matmul(gv(x)))(x);
    expectClose(gi, gv(x).T.matmul(jacobian(fv)(x)).add(fv(x).T.matmul(jacobian(gv)(x))), undefined, "inner product");
  });

  it("S001-12: ∂(f + g)/∂x = ∂f/∂x + ∂g/∂x (vector-valued)", () => {
    const P = randn(2, 3, { seed: 120 }), x = randn(3, 1, { seed: 121 });
    const f = (x: Vector<3>): Vector<2> => tanh(P.matmul(x)), g = (x: Vector<3>): Vector<2> => P.matmul(sin(x));
    const J = jacobian((x: Vector<3>) => f(x).add(g(x)))(x);
    expect(J.shape).toEqual([2, 3]);
    expectClose(J, jacobian(f)(x).add(jacobian(g)(x)));
  });

  it("S001-13: ∂(g∘f)/∂x = (∂g/∂f)(∂f/∂x) (vector case, numerator order)", () => {
    const P = randn(4, 3, { seed: 130 }), Q = randn(2, 4, { seed: 131 }), x = randn(3, 1, { seed: 132 });
    const f = (x: Vector<3>): Vector<4> => tanh(P.matmul(x)), g = (u: Vector<4>): Vector<2> => Q.matmul(exp(u.scale(0.5)));
    const J = jacobian((x: Vector<3>) => g(f(x)))(x);
    const Jg = jacobian(g)(f(x)), Jf = jacobian(f)(x);
    expect([Jg.shape, Jf.shape, J.shape]).toEqual([[2, 4], [4, 3], [2, 3]]);
    expectClose(chain(Jg, Jf), J);
  });

  it("S001-14: f : R² → R (the notes say R → R) through x(t): df/dt = [∂f/∂x₁ ∂f/∂x₂][∂x₁/∂t; ∂x₂/∂t]", () => {
    const f = (x: Vector<2>): Scalar => at(x, 0).mul(pow(at(x, 1), 2)).add(sin(at(x, 0)));
    const xt = (t: Scalar): Vector<2> => vec([pow(t, 3), exp(t)]);
    for (const t0 of pts(14)) {
      const t = scalar(t0);
      const dfdx = grad(f)(xt(t)), dxdt = jacobian(xt)(t);
      expect(dfdx.shape).toEqual([1, 2]);
      expect(dxdt.shape).toEqual([2, 1]);
      const d = grad((t: Scalar) => f(xt(t)))(t);
      expectClose(chain(dfdx, dxdt), d, undefined, "row times column");
      const [x1, x2] = [t0 ** 3, Math.exp(t0)];
      expectClose(d, [[(x2 ** 2 + Math.cos(x1)) * 3 * t0 ** 2 + 2 * x1 * x2 * Math.exp(t0)]], undefined, "sum of the two products");
    }
  });

  it("S001-15: f = x₁² + 2x₂, x₁ = sin t, x₂ = cos t: df/dt = 2 sin t (cos t − 1)", () => {
    const f = (x: Vector<2>): Scalar => pow(at(x, 0), 2).add(at(x, 1).scale(2));
    const xt = (t: Scalar): Vector<2> => vec([sin(t), cos(t)]);
    for (const t0 of pts(15)) {
      const t = scalar(t0);
      const d = grad((t: Scalar) => f(xt(t)))(t);
      expect(d.shape).toEqual([1, 1]);
      expectClose(d, [[2 * Math.sin(t0) * (Math.cos(t0) - 1)]]);
      expectClose(chain(grad(f)(xt(t)), jacobian(xt)(t)), d, undefined, "chain");
    }
  });

  it("S001-16: x(s, t): df/d(s,t) = (∂f/∂x)(∂x/∂(s,t)), a (1×2)(2×2) = 1×2 product", () => {
    const f = (x: Vector<2>): Scalar => pow(at(x, 0), 2).mul(at(x, 1)).add(sin(at(x, 1)));
    const x = (st: Vector<2>): Vector<2> => {
      const s = at(st, 0), t = at(st, 1);
      return vec([s.mul(t), s.add(pow(t, 2))]);
    };
    const st = randn(2, 1, { seed: 160 });
    const [s, t] = st.toFlatArray();
    const dfdx = grad(f)(x(st)), dxdst = jacobian(x)(st);
    expect(dfdx.shape).toEqual([1, 2]);
    expect(dxdst.shape).toEqual([2, 2]);
    expectClose(dxdst, [[t, s], [1, 2 * t]], undefined, "∂x/∂(s,t)");
    const viaChain = chain(dfdx, dxdst);
    expect(viaChain.shape).toEqual([1, 2]);
    const d = grad((st: Vector<2>) => f(x(st)))(st);
    expectClose(viaChain, d);
    // eqs. (18)–(19): ∂f/∂s and ∂f/∂t as sums of products
    const x1 = s * t, x2 = s + t * t, f1 = 2 * x1 * x2, f2 = x1 ** 2 + Math.cos(x2);
    expectClose(d, [[f1 * t + f2 * 1, f1 * s + f2 * 2 * t]]);
  });

  it("S001-17: f : Rⁿ → R^m: df/dx = [∂f/∂x₁ ⋯ ∂f/∂x_n] ∈ R^{m×n}, column i the partial-derivative limit", () => {
    const P = randn(4, 3, { seed: 170 }), x = randn(3, 1, { seed: 171 });
    const f = (x: Vector<3>): Vector<4> => sin(P.matmul(x)).mul(P.matmul(pow(x, 2)));
    const J = jacobian(f)(x);
    expect(J.shape).toEqual([4, 3]);
    expectClose(J, fdJacobian(f as (x: AnyM) => AnyM, x), FD_RTOL);
    for (let i = 0; i < 3; i++) expectClose(J.col(i), jvp(f, x, e3(i)).tangent, 1e-12, `∂f/∂x_${i + 1}`);
  });

  it("S001-18: f(x) = Ax: df/dx = A ∈ R^{M×N}", () => {
    const A = randn(2, 5, { seed: 180 }), x = randn(5, 1, { seed: 181 });
    const J = jacobian((x: Vector<5>) => A.matmul(x))(x);
    expect(J.shape).toEqual([2, 5]);
    expectClose(J, A);
  });

  it("S001-19: h(t) = exp(x₁x₂²), x = (t cos t, t sin t): dh/dt = exp(x₁x₂²)(x₂²(cos t − t sin t) + 2x₁x₂(sin t + t cos t))", () => {
    const f = (x: Vector<2>): Scalar => exp(at(x, 0).mul(pow(at(x, 1), 2)));
    const g = (t: Scalar): Vector<2> => vec([t.mul(cos(t)), t.mul(sin(t))]);
    for (const t0 of pts(19)) {
      const t = scalar(t0);
      const x1 = t0 * Math.cos(t0), x2 = t0 * Math.sin(t0), E = Math.exp(x1 * x2 * x2);
      const dfdx = grad(f)(g(t)), dgdt = jacobian(g)(t);
      expect(dfdx.shape).toEqual([1, 2]);
      expect(dgdt.shape).toEqual([2, 1]);
      expectClose(dfdx, [[E * x2 * x2, 2 * E * x1 * x2]], undefined, "∂f/∂x");
      expectClose(dgdt, [[Math.cos(t0) - t0 * Math.sin(t0)], [Math.sin(t0) + t0 * Math.cos(t0)]], undefined, "∂g/∂t");
      const closed = E * (x2 * x2 * (Math.cos(t0) - t0 * Math.sin(t0)) + 2 * x1 * x2 * (Math.sin(t0) + t0 * Math.cos(t0)));
      expectClose(grad((t: Scalar) => f(g(t)))(t), [[closed]]);
      expectClose(chain(dfdx, dgdt), [[closed]], undefined, "chain");
    }
  });

  it("S001-20: m×n matrix w.r.t. p×q matrix: a (m×n)×(p×q) tensor J_ijkl = ∂A_ij/∂B_kl, reshaped mn × pq", () => {
    const P = randn(3, 2, { seed: 200 });
    const F = (B: Matrix<2, 4>): Matrix<3, 4> => exp(P.matmul(B).scale(0.3)); // ∂F_ij/∂B_kl = 0.3 F_ij P_ik δ_jl
    const B = randn(2, 4, { seed: 201 });
    const J = jacobian(F)(B);
    expect(J.shape).toEqual([3, 4, 2, 4]);
    const F0 = F(B);
    expectClose(J.data, tensorData([3, 4, 2, 4], (i, j, k, l) => 0.3 * F0.get(i, j) * P.get(i, k) * kron(j, l)));
    expect(J.toMatrix().shape).toEqual([12, 8]);
    expectClose(J.toMatrix(), fdJacobian(F as (x: AnyM) => AnyM, B), FD_RTOL, "mn × pq vs finite differences");
  });

  it("S001-21: A(x) ∈ R^{4×2}, x ∈ R^3: stacked partials (4×2×3) = flattened 8×3 Jacobian reshaped", () => {
    const Ax = (x: Vector<3>): Matrix<4, 2> => {
      const x1 = at(x, 0), x2 = at(x, 1), x3 = at(x, 2);
      return mat([[x1, 2], [x3, x1.mul(x3)], [cos(x2), pow(x3, 3)], [x1.add(x2).add(x3), exp(x2)]]);
    };
    const x = randn(3, 1, { seed: 210 });
    const [a, b, c] = x.toFlatArray();
    const hand = [
      [[1, 0], [0, c], [0, 0], [1, 0]],
      [[0, 0], [0, 0], [-Math.sin(b), 0], [1, Math.exp(b)]],
      [[0, 0], [1, a], [0, 3 * c * c], [1, 0]],
    ];
    const J = jacobian(Ax)(x); // (entry (0, 1) is a plain number among traced scalars)
    expect(J.shape).toEqual([4, 2, 3]);
    expectClose(jacobian(Ax, { mode: "reverse" })(x).data, J.data, 1e-15, "reverse mode = forward mode");
    const partials = [0, 1, 2].map((k) => jvp(Ax, x, e3(k)).tangent);
    partials.forEach((p, k) => expectClose(p, hand[k], undefined, `∂A/∂x_${k + 1} ∈ R^{4×2}`));
    expectClose(J.data, tensorData([4, 2, 3], (i, j, k) => partials[k].get(i, j)), 1e-12, "collated partials");
    const flat = jacobian((x: Vector<3>) => Ax(x).flatten())(x);
    expect(flat.shape).toEqual([8, 3]);
    expectClose(J.toMatrix(), flat, 1e-12, "flatten approach");
  });

  it("S001-22: f = Ax (A ∈ R^{m×n}): ∂f_i/∂A = [0ᵀ; …; xᵀ; …; 0ᵀ] ∈ R^{1×m×n} (the notes' left side '∂f_i/∂A_{k,:}' should read ∂f_i/∂A)", () => {
    const A = randn(4, 2, { seed: 220 }), x = randn(2, 1, { seed: 221 });
    const J = jacobian((A: Matrix<4, 2>) => A.matmul(x))(A);
    expect(J.shape).toEqual([4, 4, 2]); // R^{m×(m×n)}
    for (let i = 0; i < 4; i++) {
      const dfi = grad((A: Matrix<4, 2>) => at(A.matmul(x), i))(A); // ∂f_i/∂A ∈ R^{1×m×n}
      expect(dfi.shape).toEqual([1, 4, 2]);
      expectClose(dfi.data, tensorData([1, 4, 2], (_o, k, q) => kron(i, k) * x.get(q)), undefined, `∂f_${i}/∂A`);
      expectClose(J.slice(i), dfi.slice(0), 1e-15);
    }
  });

  it("S001-23: K = BᵀB, B ∈ R^{m×n}: ∂K_pq/∂B_ij by the case table (the notes' 'r_pᵀr_q' should read b_pᵀb_q)", () => {
    const B = randn(3, 4, { seed: 230 }); // m = 3, n = 4
    const J = jacobian((B: Matrix<3, 4>) => B.T.matmul(B))(B);
    expect(J.shape).toEqual([4, 4, 3, 4]);
    const cases = (p: number, q: number, i: number, j: number): number =>
      j === p && p !== q ? B.get(i, q) : j === q && p !== q ? B.get(i, p) : j === p && p === q ? 2 * B.get(i, q) : 0;
    expectClose(J.data, tensorData([4, 4, 3, 4], cases));
    // K_pq = b_pᵀ b_q (columns of B)
    const K = B.T.matmul(B);
    expectClose(K.get(1, 3), B.col(1).T.matmul(B.col(3)).item());
  });

  const G = randn(3, 3, { seed: 240 });
  const fX = (X: Matrix<3, 3>): Matrix<3, 3> => sin(X).add(G.matmul(X).matmul(X)).add(G);

  it("S001-24: ∂/∂X f(X)ᵀ = (∂f(X)/∂X)ᵀ (ᵀ on f's indices)", () => {
    const X = randn(3, 3, { seed: 241 });
    const J = jacobian(fX)(X), Jt = jacobian((X: Matrix<3, 3>) => fX(X).T)(X);
    expect(Jt.shape).toEqual([3, 3, 3, 3]);
    expectClose(Jt.data, tensorData([3, 3, 3, 3], (p, q, k, l) => J.get(q, p, k, l)));
  });

  it("S001-25: ∂/∂X tr(f(X)) = tr(∂f(X)/∂X)", () => {
    const X = randn(3, 3, { seed: 250 });
    const J = jacobian(fX)(X);
    const g = gradient((X: Matrix<3, 3>) => trace(fX(X)))(X);
    expect(g.shape).toEqual([3, 3]);
    expectClose(g.data, tensorData([3, 3], (k, l) => J.get(0, 0, k, l) + J.get(1, 1, k, l) + J.get(2, 2, k, l)));
  });

  it("S001-26: ∂/∂X det(f(X)) = det(f(X)) tr(f(X)⁻¹ ∂f(X)/∂X) per component", () => {
    const X = randn(3, 3, { seed: 260 }).scale(0.3);
    const F0 = fX(X), Fi = inv(F0), d0 = det(F0).item();
    const J = jacobian(fX)(X);
    const g = grad((X: Matrix<3, 3>) => det(fX(X)))(X);
    expect(g.shape).toEqual([1, 3, 3]);
    const expected = tensorData([1, 3, 3], (_o, k, l) => {
      const dF = fromArray([0, 1, 2].map((p) => [0, 1, 2].map((q) => J.get(p, q, k, l))), 3, 3);
      return d0 * trace(Fi.matmul(dF)).item();
    });
    expectClose(g.data, expected);
  });

  it("S001-27: ∂/∂X f(X)⁻¹ = −f(X)⁻¹ (∂f(X)/∂X) f(X)⁻¹ per component", () => {
    const X = randn(3, 3, { seed: 270 }).scale(0.3);
    const Fi = inv(fX(X));
    const J = jacobian(fX)(X), Ji = jacobian((X: Matrix<3, 3>) => inv(fX(X)))(X);
    expect(Ji.shape).toEqual([3, 3, 3, 3]);
    const expected = new Float64Array(81);
    for (let k = 0; k < 3; k++)
      for (let l = 0; l < 3; l++) {
        const dF = fromArray([0, 1, 2].map((p) => [0, 1, 2].map((q) => J.get(p, q, k, l))), 3, 3);
        const c = Fi.matmul(dF).matmul(Fi).neg();
        for (let p = 0; p < 3; p++) for (let q = 0; q < 3; q++) expected[((p * 3 + q) * 3 + k) * 3 + l] = c.get(p, q);
      }
    expectClose(Ji.data, expected);
  });

  it("S001-28: ∂(aᵀX⁻¹b)/∂X = −(X⁻¹)ᵀabᵀ(X⁻¹)ᵀ", () => {
    const X = wellConditioned(3, 280), a = randn(3, 1, { seed: 281 }), b = randn(3, 1, { seed: 282 });
    const g = gradient((X: Matrix<3, 3>) => a.T.matmul(inv(X)).matmul(b))(X);
    expect(g.shape).toEqual([3, 3]);
    const XiT = inv(X).T;
    expectClose(g, XiT.matmul(a).matmul(b.T).matmul(XiT).neg());
  });

  it("S001-29: ∂(xᵀa)/∂x = aᵀ", () => {
    const a = randn(3, 1, { seed: 290 }), x = randn(3, 1, { seed: 291 });
    const g = grad((x: Vector<3>) => x.T.matmul(a))(x);
    expect(g.shape).toEqual([1, 3]);
    expectClose(g, a.T);
  });

  it("S001-30: ∂(aᵀx)/∂x = aᵀ", () => {
    const a = randn(3, 1, { seed: 300 }), x = randn(3, 1, { seed: 301 });
    const g = grad((x: Vector<3>) => a.T.matmul(x))(x);
    expect(g.shape).toEqual([1, 3]);
    expectClose(g, a.T);
  });

  it("S001-31: ∂(aᵀXb)/∂X = abᵀ", () => {
    const a = randn(2, 1, { seed: 310 }), b = randn(5, 1, { seed: 311 }), X = randn(2, 5, { seed: 312 });
    const g = grad((X: Matrix<2, 5>) => a.T.matmul(X).matmul(b))(X);
    expect(g).toBeInstanceOf(Tensor);
    expect(g.shape).toEqual([1, 2, 5]);
    expectClose(g.slice(0), outer(a, b));
  });

  it("S001-32: the notes' '∂(xᵀB)/∂x = xᵀ(B + Bᵀ)' misses an x: the correct identity is ∂(xᵀBx)/∂x = xᵀ(B + Bᵀ)", () => {
    const B = randn(4, 4, { seed: 320 }), x = randn(4, 1, { seed: 321 });
    // the corrected statement
    const g = grad((x: Vector<4>) => x.T.matmul(B).matmul(x))(x);
    expect(g.shape).toEqual([1, 4]);
    expectClose(g, x.T.matmul(B.add(B.T)));
    // as written, xᵀB is a row: its Jacobian is (a 1×4×4 tensor holding) Bᵀ, not xᵀ(B + Bᵀ)
    const Jrow = jacobian((x: Vector<4>) => x.T.matmul(B))(x);
    expect(Jrow.shape).toEqual([1, 4, 4]);
    expectClose(Jrow.data, B.T.data);
  });

  it("S001-33: ∂/∂s (x − As)ᵀW(x − As) = −2(x − As)ᵀWA, W symmetric", () => {
    const A = randn(4, 2, { seed: 330 }), x = randn(4, 1, { seed: 331 }), s = randn(2, 1, { seed: 332 });
    const W = symmetric(4, 333);
    const g = grad((s: Vector<2>) => {
      const r = x.sub(A.matmul(s));
      return r.T.matmul(W).matmul(r);
    })(s);
    expect(g.shape).toEqual([1, 2]);
    expectClose(g, x.sub(A.matmul(s)).T.matmul(W).matmul(A).scale(-2));
  });
});
