/**
 * The identity tables and worked examples of seeds 000, 001 and 003 (docs/seed-examples.md),
 * derived symbolically and printed — compared with the notes' formulas as exact strings in the
 * canonical print form (juxtaposed products, ᵀ/⁻¹/⁻ᵀ marks, numeric coefficients first, "·" before a
 * matrix only after a non-constant scalar), in Unicode and LaTeX — and each checked numerically
 * against the engine.
 */
import { describe, expect, it } from "vitest";
import {
  Matrix, det, inv, logAbsDet, trace, sumSquares, softmax, logSoftmax, log, logSumExp, sum, mul, transpose, tanh, sigmoid, gradient, jacobian, grad,
  mat, vec, dim,
} from "../src/index";
import { symbol, derivative, gradientOf, evaluate, explain, toLatex, printExpr } from "../src/symbolic/index";

/* eslint-disable @typescript-eslint/no-explicit-any */
type AnyM = Matrix<any, any>;

const X = symbol("X", 3, 3), a = symbol("a", 3), b = symbol("b", 3), x = symbol("x", 3), B = symbol("B", 3, 3);
const Xv = mat([[2, 1, 0], [0, 3, 1], [1, 0, 4]]), av = vec([1, 2, 3]), bv = vec([1, -1, 2]), xv = vec([0.5, -1, 2]);
const Bv = mat([[1, 2, 0], [-1, 0, 3], [2, 1, 1]]);
const env = { X: Xv, a: av, b: bv, x: xv, B: Bv };

function near(s: AnyM | { data: Float64Array }, n: { data: Float64Array }): void {
  const sd = s.data, nd = n.data;
  expect(sd.length).toBe(nd.length);
  sd.forEach((v, i) => expect(Math.abs(v - nd[i])).toBeLessThan(1e-9 * (1 + Math.abs(nd[i]))));
}

describe("seed 000/001 — Useful identities for computing gradients (numerator layout)", () => {
  it("S000-14 / S001-28: ∂(aᵀX⁻¹b)/∂X = −(X⁻¹)ᵀabᵀ(X⁻¹)ᵀ", () => {
    const d = derivative(a.T.matmul(inv(X)).matmul(b), X);
    expect(String(d)).toBe("−X⁻ᵀabᵀX⁻ᵀ");
    expect(toLatex(d)).toBe("-X^{-\\top} a b^\\top X^{-\\top}");
    near(evaluate(gradientOf(a.T.matmul(inv(X)).matmul(b), X), env), gradient((Z: Matrix<3, 3>) => av.T.matmul(inv(Z)).matmul(bv))(Xv));
  });

  it("S000-15/16, S001-29/30: ∂(xᵀa)/∂x = ∂(aᵀx)/∂x = aᵀ", () => {
    expect(String(derivative(x.T.matmul(a), x))).toBe("aᵀ");
    expect(String(derivative(a.T.matmul(x), x))).toBe("aᵀ");
    near(evaluate(derivative(x.T.matmul(a), x), env), grad((z: Matrix<3, 1>) => z.T.matmul(av))(xv));
  });

  it("S000-17, S001-31: ∂(aᵀXb)/∂X = abᵀ", () => {
    const d = derivative(a.T.matmul(X).matmul(b), X);
    expect(String(d)).toBe("abᵀ");
    expect(toLatex(d)).toBe("a b^\\top");
    // numerator layout 1×(3×3): a tensor whose flattening is vec(abᵀ)ᵀ
    expect(d.shape).toEqual([1, 3, 3]);
    near(evaluate(d, env), grad((Z: Matrix<3, 3>) => av.T.matmul(Z).matmul(bv))(Xv));
  });

  it("S000-18, S001-32 (corrected): ∂(xᵀBx)/∂x = xᵀ(B + Bᵀ)", () => {
    const d = derivative(x.T.matmul(B).matmul(x), x);
    expect(String(d)).toBe("xᵀ(B + Bᵀ)");
    expect(toLatex(d)).toBe("x^\\top \\left(B + B^\\top\\right)");
    near(evaluate(d, env), grad((z: Matrix<3, 1>) => z.T.matmul(Bv).matmul(z))(xv));
  });

  it("S000-19, S001-33: ∂/∂s (x − As)ᵀW(x − As) = −2(x − As)ᵀWA for symmetric W; −(x − As)ᵀ(W + Wᵀ)A in general", () => {
    const A = symbol("A", 4, 3), s = symbol("s", 3), y = symbol("x", 4);
    const W = symbol("W", 4, 4, { symmetric: true }), G = symbol("W", 4, 4);
    expect(String(derivative(y.sub(A.matmul(s)).T.matmul(W).matmul(y.sub(A.matmul(s))), s))).toBe("−2(x − As)ᵀWA");
    expect(String(derivative(y.sub(A.matmul(s)).T.matmul(G).matmul(y.sub(A.matmul(s))), s))).toBe("−(x − As)ᵀ(W + Wᵀ)A");
  });

  it("S000-12 (f(X) = X), S001-26: ∂det(X)/∂X = det(X)·X⁻ᵀ; with f(X) = CX: det(CX)·Cᵀ(CX)⁻ᵀ", () => {
    expect(String(derivative(det(X), X))).toBe("det(X)·X⁻ᵀ");
    expect(toLatex(derivative(det(X), X))).toBe("\\det\\left(X\\right) \\cdot X^{-\\top}");
    const C = symbol("C", 3, 3);
    expect(String(derivative(det(C.matmul(X)), X))).toBe("det(CX)·Cᵀ(CX)⁻ᵀ");
    expect(String(gradientOf(logAbsDet(X), X))).toBe("X⁻ᵀ");
    near(evaluate(gradientOf(det(X), X), env), gradient((Z: Matrix<3, 3>) => det(Z))(Xv));
  });

  it("S000-13, S001-27: ∂X⁻¹/∂X = −X⁻¹(∂X)X⁻¹, in Kronecker form −(X⁻¹ ⊗ X⁻ᵀ)", () => {
    const d = derivative(inv(X), X);
    expect(String(d)).toBe("−(X⁻¹ ⊗ X⁻ᵀ)");
    expect(toLatex(d)).toBe("-\\left(X^{-1} \\otimes X^{-\\top}\\right)");
    near(evaluate(d, env), jacobian((Z: Matrix<3, 3>) => inv(Z))(Xv));
  });

  it("S000-10 / S000-11: transpose and trace — d(Xᵀ)/dX = K (commutation), ∂tr(CX)/∂X = Cᵀ, ∂tr(XᵀX)/∂X = 2X", () => {
    const C = symbol("C", 3, 3);
    expect(String(derivative(X.T, X))).toBe("K");
    near(evaluate(derivative(X.T, X), env), jacobian((Z: Matrix<3, 3>) => Z.T)(Xv));
    expect(String(derivative(trace(C.matmul(X)), X))).toBe("Cᵀ");
    expect(String(derivative(trace(X.T.matmul(X)), X))).toBe("2X");
    expect(String(derivative(trace(X), X))).toBe("I");
  });
});

describe("seed 000/001 — worked examples", () => {
  it("S000-3, S001-18: df/dx = A for f(x) = Ax", () => {
    const A = symbol("A", 4, 3);
    const d = derivative(A.matmul(x), x);
    expect(String(d)).toBe("A");
    expect(d.shape).toEqual([4, 3]);
  });

  it("S000-4/5: least squares L = ‖y − Φθ‖²: ∂L/∂θ = −2(y − Φθ)ᵀΦ (numerator row), ∇θL = −2Φᵀ(y − Φθ)", () => {
    const n = dim("n", 5), d = dim("d", 3);
    const Phi = symbol("Phi", n, d), theta = symbol("theta", d), y = symbol("y", n);
    const L = sumSquares(y.sub(Phi.matmul(theta)));
    expect(String(L)).toBe("‖y − Φθ‖²");
    expect(String(derivative(L, theta))).toBe("−2(y − Φθ)ᵀΦ");
    expect(toLatex(derivative(L, theta))).toBe("-2 \\left(y - \\Phi \\theta\\right)^\\top \\Phi");
    expect(String(gradientOf(L, theta))).toBe("−2Φᵀ(y − Φθ)");
    // traced from an ordinary function with the engine's grad
    expect(explain(grad((t: typeof theta) => sumSquares(y.sub(Phi.matmul(t)))), theta)).toBe("−2(y − Φθ)ᵀΦ");
    const Pv = mat([[1, 2, 0], [0, 1, 1], [1, 0, 1], [2, 1, 0], [0, 0, 1]]), tv = vec([0.5, -1, 2]), yv = vec([1, 2, 3, 4, 5]);
    const num = grad((t: Matrix<3, 1>) => sumSquares(yv.sub(Pv.matmul(t))))(tv);
    near(evaluate(derivative(L, theta), { Phi: Pv, theta: tv, y: yv }), num);
  });

  it("S000-8, S001-22, S002-25: df/dA for f = Ax is the M×(M×N) tensor I ⊗ xᵀ", () => {
    const A = symbol("A", 4, 3);
    const d = derivative(A.matmul(x), A);
    expect(String(d)).toBe("I ⊗ xᵀ");
    expect(d.shape).toEqual([4, 4, 3]);
    near(evaluate(d, { A: mat([[1, 2, 3], [4, 5, 6], [7, 8, 9], [1, 0, 1]]), x: xv }), jacobian((Z: Matrix<4, 3>) => Z.matmul(xv))(mat([[1, 2, 3], [4, 5, 6], [7, 8, 9], [1, 0, 1]])));
  });

  it("S000-9, S001-23: dK/dR for K = RᵀR is (I ⊗ Rᵀ)K + Rᵀ ⊗ I (K the commutation matrix)", () => {
    const R = symbol("R", 4, 3);
    const d = derivative(R.T.matmul(R), R);
    expect(String(d)).toBe("(I ⊗ Rᵀ)K + Rᵀ ⊗ I");
    expect(d.shape).toEqual([3, 3, 4, 3]);
    const Rv = mat([[1, 2, 3], [4, 5, 6], [7, 8, 10], [1, 0, 1]]);
    near(evaluate(d, { R: Rv }), jacobian((Z: Matrix<4, 3>) => Z.T.matmul(Z))(Rv));
  });

  it("S002-18: L = ½‖y − Ax‖², dL/dx = −(y − Ax)ᵀA", () => {
    const A = symbol("A", 4, 3), y = symbol("y", 4);
    expect(String(derivative(sumSquares(y.sub(A.matmul(x))).scale(0.5), x))).toBe("−(y − Ax)ᵀA");
  });

  it("S002-14 / S002-6: elementwise functions are Hadamard products with their derivatives", () => {
    const W = symbol("W", 3, 3);
    expect(String(derivative(tanh(W.matmul(x)), x))).toBe("diag(1 − tanh²(Wx))W");
    expect(String(derivative(sigmoid(W.matmul(x)), x))).toBe("diag(σ(Wx) ⊙ (1 − σ(Wx)))W");
    expect(String(gradientOf(sum(tanh(W.matmul(x))), W))).toBe("(1 − tanh²(Wx))xᵀ");
  });
});

describe("seed 003 — matrix differentiation (denominator layout: gradients shaped like the input)", () => {
  const A = symbol("A", 4, 3), c = symbol("c", 3), bb = symbol("b", 4);
  it("S003-1..5: c, 2x, Aᵀ, (A + Aᵀ)x, 2Aᵀ(Ax − b)", () => {
    expect(String(gradientOf(c.T.matmul(x), x))).toBe("c");
    expect(String(gradientOf(sumSquares(x), x))).toBe("2x");
    expect(String(gradientOf(x.T.matmul(x), x))).toBe("2x");
    expect(String(transpose(derivative(A.matmul(x), x)))).toBe("Aᵀ");
    expect(String(gradientOf(x.T.matmul(B).matmul(x), x))).toBe("(B + Bᵀ)x");
    expect(String(gradientOf(sumSquares(A.matmul(x).sub(bb)), x))).toBe("2Aᵀ(Ax − b)");
  });

  it("S003-8: f(X) = aᵀXb, ∂f/∂X = abᵀ", () => {
    expect(String(gradientOf(a.T.matmul(X).matmul(b), X))).toBe("abᵀ");
  });

  it("S003-14: least squares f(θ) = ‖Xθ − y‖², ∇θf = 2Xᵀ(Xθ − y)", () => {
    const Xd = symbol("X", 5, 3), th = symbol("theta", 3), y = symbol("y", 5);
    expect(String(gradientOf(sumSquares(Xd.matmul(th).sub(y)), th))).toBe("2Xᵀ(Xθ − y)");
  });

  it("S003-15: multi-class logistic regression f(Θ) = −yᵀ log σ(Θx) with one-hot y: ∂f/∂Θ = (σ(Θx) − y)xᵀ", () => {
    const Th = symbol("Theta", 4, 3), y = symbol("y", 4, 1, { oneHot: true });
    const f = y.T.matmul(log(softmax(Th.matmul(x)))).neg();
    expect(String(f)).toBe("−yᵀlog(softmax(Θx))");
    expect(String(gradientOf(f, Th))).toBe("(softmax(Θx) − y)xᵀ");
    expect(toLatex(gradientOf(f, Th))).toBe("\\left(\\operatorname{softmax}\\left(\\Theta x\\right) - y\\right) x^\\top");
    // the notes' simplified form f = −yᵀΘx + log(1ᵀexp(Θx)) gives the same, for any y
    const y2 = symbol("y", 4);
    const f2 = y2.T.matmul(Th.matmul(x)).neg().add(logSumExp(Th.matmul(x)));
    expect(String(f2)).toBe("log(1ᵀexp(Θx)) − yᵀΘx"); // (−A) + B prints B − A
    expect(String(gradientOf(f2, Th))).toBe("(softmax(Θx) − y)xᵀ");
    // numerically (y one-hot)
    const Tv = mat([[0.1, 0.2, -0.3], [0.4, -0.1, 0.2], [0, 0.3, 0.1], [-0.2, 0.1, 0.5]]), yv = vec([0, 0, 1, 0]);
    const num = gradient((T: Matrix<4, 3>) => yv.T.matmul(log(softmax(T.matmul(xv)))).neg())(Tv);
    near(evaluate(gradientOf(f, Th), { Theta: Tv, y: yv, x: xv }), num);
  });

  it("S003-16 (derived): multi-sample ∂f/∂Θ = (σ(ΘX) − Y)Xᵀ with one-hot columns of Y", () => {
    const Th = symbol("Theta", 4, 3), Xs = symbol("X", 3, 6), Y = symbol("Y", 4, 6, { oneHot: true });
    const f = sum(mul(Y, logSoftmax(Th.matmul(Xs), 0))).neg();
    expect(String(gradientOf(f, Th))).toBe("(softmax(ΘX) − Y)Xᵀ");
  });
});

describe("printing helpers", () => {
  it("printExpr and String agree; explain prints records one per line", () => {
    const d = derivative(a.T.matmul(X).matmul(b), { X, a });
    expect(printExpr(d.X)).toBe("abᵀ");
    expect(String(d.a)).toBe("(Xb)ᵀ"); // (AB)ᵀ is kept where BᵀAᵀ needs more marks
    expect(explain((p: { X: typeof X; a: typeof a }) => gradientOf(p.a.T.matmul(p.X).matmul(b), p), { X, a })).toBe("X: abᵀ\na: Xb");
  });
});
