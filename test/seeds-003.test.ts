/**
 * Seed 003 (CUHK-SZ DDA5001, "Notes: Matrix Differentiation"): every derivative entry S003-1…16 of
 * docs/seed-examples.md (the trace rules S003-T1…T5 contain no derivative and are not counted),
 * computed by the library on seeded random inputs and compared with the notes' closed form.
 * Layout: denominator — a gradient has the input's shape (`gradient`), a Jacobian is the
 * transpose of the numerator one (`jacobianT`).
 */
import { describe, expect, it } from "vitest";
import {
  cos, eye, grad, gradient, hstack, inv, jacobian, jacobianT, jvp, log, logSoftmax, logSumExp, matmul, mul, outer, randn, sin, softmax, sub,
  sumSquares, tanh, trace,
  type Matrix, type Scalar, type Vector,
} from "../src/index";
import { FD_RTOL, expectClose, fdJacobian, type AnyM } from "./seeds-helpers";

describe("seed 003: matrix differentiation by differentials and traces (denominator layout)", () => {
  it("S003-1: ∂(cᵀx)/∂x = c (a column)", () => {
    const c = randn(5, 1, { seed: 1 }), x = randn(5, 1, { seed: 2 });
    const g = gradient((x: Vector<5>) => c.T.matmul(x))(x);
    expect(g.shape).toEqual([5, 1]);
    expectClose(g, c);
  });

  it("S003-2: ∂‖x‖²/∂x = ∂(xᵀx)/∂x = 2x", () => {
    const x = randn(5, 1, { seed: 3 });
    const g = gradient((x: Vector<5>) => sumSquares(x))(x);
    expect(g.shape).toEqual([5, 1]);
    expectClose(g, x.scale(2));
    expectClose(gradient((x: Vector<5>) => x.T.matmul(x))(x), x.scale(2), undefined, "xᵀx");
  });

  it("S003-3: ∂(Ax)/∂x = Aᵀ (denominator Jacobian, N×M for A ∈ R^{M×N})", () => {
    const A = randn(3, 5, { seed: 4 }), x = randn(5, 1, { seed: 5 });
    const J = jacobianT((x: Vector<5>) => A.matmul(x))(x);
    expect(J.shape).toEqual([5, 3]);
    expectClose(J, A.T);
  });

  it("S003-4: ∂(xᵀAx)/∂x = (Aᵀ + A)x", () => {
    const A = randn(4, 4, { seed: 6 }), x = randn(4, 1, { seed: 7 });
    const g = gradient((x: Vector<4>) => x.T.matmul(A).matmul(x))(x);
    expect(g.shape).toEqual([4, 1]);
    expectClose(g, A.T.add(A).matmul(x));
  });

  it("S003-5: ∂‖Ax − b‖²/∂x = 2Aᵀ(Ax − b)", () => {
    const A = randn(6, 4, { seed: 8 }), b = randn(6, 1, { seed: 9 }), x = randn(4, 1, { seed: 10 });
    const g = gradient((x: Vector<4>) => sumSquares(A.matmul(x).sub(b)))(x);
    expect(g.shape).toEqual([4, 1]);
    expectClose(g, A.T.matmul(A.matmul(x).sub(b)).scale(2));
  });

  it("S003-6: df = Σᵢ (∂f/∂xᵢ) dxᵢ = ∇f(x)ᵀdx, ∇f(x) ∈ R^d", () => {
    const P = randn(3, 4, { seed: 11 }), x = randn(4, 1, { seed: 12 }), dx = randn(4, 1, { seed: 13 });
    const f = (x: Vector<4>): Scalar => sumSquares(tanh(P.matmul(x))).add(sin(x.T.matmul(x)));
    const g = gradient(f)(x);
    expect(g.shape).toEqual([4, 1]);
    const df = jvp(f, x, dx).tangent; // the directional derivative by forward mode
    expectClose(g.T.matmul(dx), df, 1e-12, "∇fᵀdx = df");
    // ∂f/∂x_i are the central-difference limits
    expectClose(g.T, fdJacobian(f as (x: AnyM) => AnyM, x), FD_RTOL, "∇f vs finite differences");
  });

  it("S003-7: eq. (1) df = Σᵢⱼ (∂f/∂Xᵢⱼ) dXᵢⱼ = Tr((∂f/∂X)ᵀdX), ∂f/∂X ∈ R^{m×n}", () => {
    const B = randn(4, 3, { seed: 14 }), X = randn(3, 4, { seed: 15 }), dX = randn(3, 4, { seed: 16 });
    const f = (X: Matrix<3, 4>): Scalar => sumSquares(tanh(X.matmul(B))).add(trace(X.matmul(B)));
    const G = gradient(f)(X);
    expect(G.shape).toEqual([3, 4]);
    expectClose(trace(G.T.matmul(dX)), jvp(f, X, dX).tangent, 1e-12, "Tr((∂f/∂X)ᵀ dX) = df");
    expectClose(G.flatten().T, fdJacobian(f as (x: AnyM) => AnyM, X), FD_RTOL, "∂f/∂X vs finite differences");
  });

  it("S003-8: f(X) = aᵀXb: df = aᵀ dX b = Tr(baᵀ dX) ⟹ ∂f/∂X = abᵀ (the notes' '∂f/∂x' means ∂f/∂X)", () => {
    const a = randn(3, 1, { seed: 17 }), b = randn(5, 1, { seed: 18 }), X = randn(3, 5, { seed: 19 }), dX = randn(3, 5, { seed: 20 });
    const f = (X: Matrix<3, 5>): Scalar => a.T.matmul(X).matmul(b);
    const G = gradient(f)(X);
    expect(G.shape).toEqual([3, 5]);
    expectClose(G, a.matmul(b.T));
    // the matrix differential step: df = Tr(baᵀ dX), and (baᵀ)ᵀ = abᵀ
    expectClose(jvp(f, X, dX).tangent, trace(b.matmul(a.T).matmul(dX)), 1e-12, "df = Tr(baᵀ dX)");
  });

  // Differential rules (1)–(5): the library's forward mode (jvp with tangents dX, dY) against the rule.
  const X = randn(3, 3, { seed: 21 }).add(eye(3).scale(3)), Y = randn(3, 3, { seed: 22 });
  const dX = randn(3, 3, { seed: 23 }), dY = randn(3, 3, { seed: 24 });
  type XY = { X: Matrix<3, 3>; Y: Matrix<3, 3> };

  it("S003-9: d(X ± Y) = dX ± dY", () => {
    expectClose(jvp(({ X, Y }: XY) => X.add(Y), { X, Y }, { X: dX, Y: dY }).tangent, dX.add(dY));
    expectClose(jvp(({ X, Y }: XY) => X.sub(Y), { X, Y }, { X: dX, Y: dY }).tangent, dX.sub(dY));
  });

  it("S003-10: d(XY) = (dX)Y + X(dY)", () => {
    const t = jvp(({ X, Y }: XY) => matmul(X, Y), { X, Y }, { X: dX, Y: dY }).tangent;
    expect(t.shape).toEqual([3, 3]);
    expectClose(t, dX.matmul(Y).add(X.matmul(dY)));
  });

  it("S003-11: dX⁻¹ = −X⁻¹ dX X⁻¹", () => {
    const t = jvp((X: Matrix<3, 3>) => inv(X), X, dX).tangent;
    const Xi = inv(X);
    expectClose(t, Xi.matmul(dX).matmul(Xi).neg());
  });

  it("S003-12: d(X ⊙ Y) = dX ⊙ Y + X ⊙ dY", () => {
    const t = jvp(({ X, Y }: XY) => mul(X, Y), { X, Y }, { X: dX, Y: dY }).tangent;
    expectClose(t, dX.mul(Y).add(X.mul(dY)));
  });

  it("S003-13: dσ(X) = σ′(X) ⊙ dX for an element-wise σ (σ = tanh and σ = sin)", () => {
    const T = tanh(X);
    expectClose(jvp((X: Matrix<3, 3>) => tanh(X), X, dX).tangent, T.mul(T).neg().add(1).mul(dX), undefined, "tanh");
    expectClose(jvp((X: Matrix<3, 3>) => sin(X), X, dX).tangent, cos(X).mul(dX), undefined, "sin");
  });

  it("S003-14: f(θ) = ‖Xθ − y‖₂²: ∇_θ f = 2Xᵀ(Xθ − y), the transpose of the numerator −2(y − Xθ)ᵀX", () => {
    const Xd = randn(7, 3, { seed: 25 }), y = randn(7, 1, { seed: 26 }), theta = randn(3, 1, { seed: 27 });
    const f = (theta: Vector<3>): Scalar => sumSquares(Xd.matmul(theta).sub(y));
    const g = gradient(f)(theta);
    expect(g.shape).toEqual([3, 1]);
    expectClose(g, Xd.T.matmul(Xd.matmul(theta).sub(y)).scale(2));
    expectClose(grad(f)(theta), y.sub(Xd.matmul(theta)).T.matmul(Xd).scale(-2), undefined, "numerator form (S000-4)");
    expectClose(grad(f)(theta).T, g, 0, "grad = gradientᵀ");
  });

  it("S003-15: f(Θ) = −yᵀ log σ(Θx), σ = softmax, y one-hot: ∂f/∂Θ = (σ(Θx) − y)xᵀ ∈ R^{K×d}", () => {
    const Theta = randn(4, 3, { seed: 28 }), x = randn(3, 1, { seed: 29 });
    for (let k = 0; k < 4; k++) {
      const y = eye(4).col(k); // one-hot (yᵀ1 = 1, used silently by the notes)
      const f = (Theta: Matrix<4, 3>): Scalar => y.T.matmul(log(softmax(Theta.matmul(x)))).neg();
      const closed = softmax(Theta.matmul(x)).sub(y).matmul(x.T);
      const G = gradient(f)(Theta);
      expect(G.shape).toEqual([4, 3]);
      expectClose(G, closed, undefined, `class ${k}`);
      // in numerator layout the same entries sit in a 1×(K×d) tensor
      const g = grad(f)(Theta);
      expect(g.shape).toEqual([1, 4, 3]);
      expectClose(g.slice(0), closed);
      // the notes' rewrite f = −yᵀΘx + log(1ᵀexp(Θx)), and the stable logSoftmax form, have the same gradient
      expectClose(gradient((Theta: Matrix<4, 3>) => y.T.matmul(Theta).matmul(x).neg().add(logSumExp(Theta.matmul(x))))(Theta), closed, undefined, "rewritten f");
      expectClose(gradient((Theta: Matrix<4, 3>) => y.T.matmul(logSoftmax(Theta.matmul(x))).neg())(Theta), closed, undefined, "logSoftmax");
    }
  });

  it("S003-16: multi-sample, f = −Σᵢ yᵢᵀ log σ(Θxᵢ): ∂f/∂Θ = (σ(ΘX) − Y)Xᵀ (derived; the notes leave it open)", () => {
    const Theta = randn(3, 4, { seed: 30 }), Xs = randn(4, 5, { seed: 31 }); // K = 3, d = 4, n = 5
    const I3 = eye(3);
    const Y = hstack(hstack(hstack(hstack(I3.col(0), I3.col(2)), I3.col(1)), I3.col(2)), I3.col(0)); // one-hot columns
    const f = (Theta: Matrix<3, 4>): Scalar => {
      let s = Y.col(0).T.matmul(log(softmax(Theta.matmul(Xs.col(0))))).neg();
      for (let i = 1; i < 5; i++) s = s.sub(Y.col(i).T.matmul(log(softmax(Theta.matmul(Xs.col(i))))));
      return s;
    };
    const G = gradient(f)(Theta);
    expect(G.shape).toEqual([3, 4]);
    const closed = sub(softmax(Theta.matmul(Xs), 0), Y).matmul(Xs.T); // σ column-wise
    expectClose(G, closed);
    // the same as the sum of the one-sample gradients of S003-15
    let sum = outer(softmax(Theta.matmul(Xs.col(0))).sub(Y.col(0)), Xs.col(0));
    for (let i = 1; i < 5; i++) sum = sum.add(outer(softmax(Theta.matmul(Xs.col(i))).sub(Y.col(i)), Xs.col(i)));
    expectClose(G, sum, undefined, "Σᵢ (σ(Θxᵢ) − yᵢ)xᵢᵀ");
    // averaged loss: multiply by 1/n
    expectClose(gradient((Theta: Matrix<3, 4>) => f(Theta).scale(1 / 5))(Theta), closed.scale(1 / 5), undefined, "mean loss");
    expect(jacobian((Theta: Matrix<3, 4>) => f(Theta))(Theta).shape).toEqual([1, 3, 4]);
  });
});
