/**
 * The identity tables of seeds 000 and 001 (numerator layout), each row computed by the library and
 * compared with its right-hand side; then seed 003's differential/trace method (denominator layout):
 * aᵀXb, least squares, multiclass logistic regression ∂f/∂Θ = (σ(Θx) − y)xᵀ, and the multi-sample
 * case the notes leave open, ∂f/∂Θ = (softmax(ΘX) − Y)Xᵀ with one sample per column.
 *
 * Run: npx tsx examples/identity-tables.ts
 */
import {
  det, dot, exp, fromData, grad, gradient, inv, jacobian, log as ln, logSoftmax, logSumExp, mat, mul, outer, softmax, sum, sumSquares, trace, vec,
  type Matrix, type Scalar, type Tensor, type Vector,
} from "../src/index";
import { Report, fmtDiff, isMain, maxAbsDiff, rowTensor, tensorFrom, type Check, type Log } from "./_report";

export function run(log: Log = console.log): Check[] {
  const r = new Report(log);
  r.title(
    "Identity tables (seeds 000, 001) and the trace method (seed 003)",
    "Seeds 000/001 are in numerator layout: a scalar's derivative w.r.t. X ∈ R^{m×n} is 1×(m×n), drawn as an m×n array;",
    "the tensor identities are read per input entry X_kl, with ᵀ and tr acting on the output indices.",
  );

  // Shared inputs: X ∈ R^{2×3}, f(X) = XB + C ∈ R^{2×2} (square, so tr, det and ⁻¹ apply).
  const X = mat([[0.5, -1, 2], [1.5, 0.3, -0.4]]);
  const B = mat([[1, 0], [2, -1], [0.5, 1]]);
  const C = mat([[3, 0.2], [-0.1, 2]]);
  const f = (X: Matrix<2, 3>): Matrix<2, 2> => X.matmul(B).add(C);
  const F = f(X), Finv = inv(F), detF = det(F).item();
  const dF: Tensor<[2, 2], [2, 3]> = jacobian(f)(X); // ∂f/∂X ∈ R^{(2×2)×(2×3)}
  /** ∂f/∂X_kl as a 2×2 matrix. */
  const dFkl = (k: number, l: number): Matrix<2, 2> => fromData(2, 2, [dF.get(0, 0, k, l), dF.get(0, 1, k, l), dF.get(1, 0, k, l), dF.get(1, 1, k, l)]);

  r.section("Seed 000 (1/2), seed 001 (S001-24…27): f(X) = XB + C, X ∈ R^{2×3}, f(X) ∈ R^{2×2}");
  r.show("∂f/∂X (the library; every row below uses it on the right-hand side)", dF);

  // S000-10 / S001-24: ∂f(X)ᵀ/∂X = (∂f/∂X)ᵀ
  const dFT: Tensor<[2, 2], [2, 3]> = jacobian((X: Matrix<2, 3>) => f(X).T)(X);
  r.compare("S000-10  ∂f(X)ᵀ/∂X", dFT, tensorFrom([2, 2], [2, 3], (p, q, k, l) => dF.get(q, p, k, l)), { closed: "(∂f/∂X)ᵀ (output indices swapped)" });

  // S000-11 / S001-25: ∂tr f(X)/∂X = tr(∂f/∂X)
  const dTr: Tensor<[1], [2, 3]> = grad((X: Matrix<2, 3>) => trace(f(X)))(X);
  r.compare("S000-11  ∂tr(f(X))/∂X", dTr, tensorFrom([1], [2, 3], (_, k, l) => dF.get(0, 0, k, l) + dF.get(1, 1, k, l)), { closed: "tr(∂f/∂X) = Σ_i ∂f_ii/∂X_kl" });

  // S000-12 / S001-26: ∂det f(X)/∂X = det(f) tr(f⁻¹ ∂f/∂X)  (the notes' exercise: Jacobi's formula)
  const dDet: Tensor<[1], [2, 3]> = grad((X: Matrix<2, 3>) => det(f(X)))(X);
  r.compare("S000-12  ∂det(f(X))/∂X", dDet, tensorFrom([1], [2, 3], (_, k, l) => detF * trace(Finv.matmul(dFkl(k, l))).item()), { closed: "det(f) tr(f⁻¹ ∂f/∂X_kl)" });

  // S000-13 / S001-27: ∂f⁻¹/∂X = −f⁻¹ (∂f/∂X) f⁻¹
  const dInv: Tensor<[2, 2], [2, 3]> = jacobian((X: Matrix<2, 3>) => inv(f(X)))(X);
  r.compare("S000-13  ∂f(X)⁻¹/∂X", dInv, tensorFrom([2, 2], [2, 3], (p, q, k, l) => Finv.matmul(dFkl(k, l)).matmul(Finv).neg().get(p, q)), { closed: "−f⁻¹ (∂f/∂X_kl) f⁻¹" });

  r.section("The det identity for f(X) = X (derived in docs/seed-examples.md): ∂det X/∂X = det(X)(X⁻¹)ᵀ");
  {
    const Xs = mat([[2, 1, 0], [-1, 3, 1], [0.5, 0, 1]]);
    const g: Tensor<[1], [3, 3]> = grad((X: Matrix<3, 3>) => det(X))(Xs);
    r.compare("∂det(X)/∂X", g, rowTensor(inv(Xs).T.scale(det(Xs))), { closed: "det(X)(X⁻¹)ᵀ" });
  }

  r.section("Seed 000 (1/2) row 5, seed 001 S001-28: ∂aᵀX⁻¹b/∂X = −(X⁻¹)ᵀabᵀ(X⁻¹)ᵀ, X ∈ R^{3×3}");
  {
    const Xs = mat([[2, 1, 0], [-1, 3, 1], [0.5, 0, 1]]);
    const a = vec([1, -2, 0.5]), b = vec([0.3, 1, -1]);
    const g: Tensor<[1], [3, 3]> = grad((X: Matrix<3, 3>) => a.T.matmul(inv(X)).matmul(b))(Xs);
    const XiT = inv(Xs).T;
    r.compare("∂aᵀX⁻¹b/∂X", g, rowTensor(XiT.matmul(outer(a, b)).matmul(XiT).neg()), { closed: "−(X⁻¹)ᵀabᵀ(X⁻¹)ᵀ" });
  }

  r.section("Seed 000 (2/2), seed 001 S001-29…33: vector identities (x, a ∈ R^3, X ∈ R^{3×2})");
  {
    const x = vec([1, -0.5, 2]), a = vec([0.3, 2, -1]);
    const Bq = mat([[1, 2, 0], [-1, 0.5, 3], [0, 1, -2]]); // not symmetric
    const ga: Matrix<1, 3> = grad((x: Vector<3>) => x.T.matmul(a))(x);
    r.compare("S000-15  ∂xᵀa/∂x", ga, a.T, { closed: "aᵀ" });
    const gb: Matrix<1, 3> = grad((x: Vector<3>) => a.T.matmul(x))(x);
    r.compare("S000-16  ∂aᵀx/∂x", gb, a.T, { closed: "aᵀ" });
    const Xr = mat([[1, 2], [0, -1], [3, 0.5]]), bb = vec([2, -1]);
    const gX: Tensor<[1], [3, 2]> = grad((X: Matrix<3, 2>) => a.T.matmul(X).matmul(bb))(Xr);
    r.compare("S000-17  ∂aᵀXb/∂X", gX, rowTensor(outer(a, bb)), { closed: "abᵀ" });
    const gq: Matrix<1, 3> = grad((x: Vector<3>) => x.T.matmul(Bq).matmul(x))(x);
    r.compare("S000-18  ∂xᵀBx/∂x", gq, x.T.matmul(Bq.add(Bq.T)), { closed: "xᵀ(B + Bᵀ)" });
    r.note("(S001-32 writes the left side as ∂xᵀB/∂x, a typo: that would be the 3×3 Jacobian Bᵀ, not xᵀ(B + Bᵀ).)");
  }

  r.section("S000-19 / S001-33: ∂/∂s (x − As)ᵀW(x − As) = −2(x − As)ᵀWA for symmetric W (x ∈ R^4, s ∈ R^2)");
  {
    const A = mat([[1, 0], [2, -1], [0.5, 1], [-1, 3]]);
    const x = vec([1, 0, -2, 0.5]), s = vec([0.4, -0.3]);
    const W = mat([[2, 0.5, 0, 0], [0.5, 1, 0.2, 0], [0, 0.2, 3, 0.1], [0, 0, 0.1, 1]]); // symmetric
    const Wg = mat([[2, 1, 0, 0], [0, 1, 0.2, 0], [0.5, 0, 3, 0.1], [0, -1, 0, 1]]); // not symmetric
    const q = (W: Matrix<4, 4>) => (s: Vector<2>): Scalar => {
      const e = x.sub(A.matmul(s));
      return e.T.matmul(W).matmul(e);
    };
    const e = x.sub(A.matmul(s));
    const g: Matrix<1, 2> = grad(q(W))(s);
    r.compare("symmetric W", g, e.T.matmul(W).matmul(A).scale(-2), { closed: "−2(x − As)ᵀWA" });
    const g2: Matrix<1, 2> = grad(q(Wg))(s);
    r.compare("general W (derived)", g2, e.T.matmul(Wg.add(Wg.T)).matmul(A).neg(), { closed: "−(x − As)ᵀ(W + Wᵀ)A" });
  }

  // ================================================================ seed 003
  r.section("Seed 003, the differential/trace method (denominator layout: ∂f/∂X has X's shape; `gradient`)");
  r.note(
    "Rule (1): df = Tr((∂f/∂X)ᵀ dX). So compute df, bring it to the form Tr(G dX), and read off ∂f/∂X = Gᵀ.",
  );

  r.section("S003-8: f(X) = aᵀXb: df = aᵀ dX b = Tr(baᵀ dX) ⟹ ∂f/∂X = abᵀ");
  {
    const a = vec([1, -2]), b = vec([0.5, 3, -1]);
    const Xs = mat([[1, 0, 2], [-1, 1, 0.5]]);
    const g: Matrix<2, 3> = gradient((X: Matrix<2, 3>) => a.T.matmul(X).matmul(b))(Xs);
    r.compare("∂f/∂X", g, outer(a, b), { closed: "abᵀ" });
  }

  r.section("S003-14 (Exercise 1): f(θ) = ‖Xθ − y‖₂², X ∈ R^{5×3}");
  r.note(
    "df = [d(Xθ − y)]ᵀ(Xθ − y) + (Xθ − y)ᵀ d(Xθ − y) = 2(Xθ − y)ᵀX dθ = Tr(2(Xθ − y)ᵀX dθ)  ⟹  ∇_θ f = 2Xᵀ(Xθ − y).",
  );
  {
    const Xd = mat([[1, 0.5, -1], [1, -0.3, 2], [1, 1.2, 0.4], [1, -1.1, -0.6], [1, 0.8, 1.5]]);
    const y = vec([1.2, -0.4, 2.1, 0.3, 1.7]), theta = vec([0.2, -0.5, 1]);
    const g: Matrix<3, 1> = gradient((t: Vector<3>) => sumSquares(Xd.matmul(t).sub(y)))(theta);
    r.compare("∇_θ f", g, Xd.T.matmul(Xd.matmul(theta).sub(y)).scale(2), { closed: "2Xᵀ(Xθ − y)" });
  }

  // S003-15: one sample
  const Theta = mat([[0.2, -0.5, 1, 0.3], [1.1, 0.4, -0.2, 0], [-0.7, 0.9, 0.5, -1]]); // Θ ∈ R^{K×d}, K = 3, d = 4
  r.section("S003-15 (Exercise 2): multiclass logistic regression, f(Θ) = −yᵀ log σ(Θx), Θ ∈ R^{3×4}, y one-hot");
  r.note(
    "f = −yᵀΘx + log(1ᵀexp(Θx))   (using yᵀ1 = 1: y is one-hot)",
    "df = −yᵀ(dΘ)x + exp(Θx)ᵀ(dΘ)x / (1ᵀexp(Θx)) = Tr(x(σ(Θx) − y)ᵀ dΘ)  ⟹  ∂f/∂Θ = (σ(Θx) − y)xᵀ.",
  );
  {
    const x = vec([1, -0.5, 2, 0.3]), y = vec([0, 1, 0]);
    // log σ(z) computed stably as logSoftmax(z) = z − log Σ exp(z)
    const f1 = (T: Matrix<3, 4>): Scalar => dot(y, logSoftmax(T.matmul(x))).neg();
    const g: Matrix<3, 4> = gradient(f1)(Theta);
    r.compare("f(Θ) vs the notes' rewritten form −yᵀΘx + log(1ᵀexp(Θx))", f1(Theta).item(),
      y.T.matmul(Theta).matmul(x).neg().add(ln(sum(exp(Theta.matmul(x))))).item());
    r.compare("∂f/∂Θ", g, outer(softmax(Theta.matmul(x)).sub(y), x), { closed: "(σ(Θx) − y)xᵀ" });
  }

  // S003-16: many samples, as columns
  r.section("S003-16 (open in the notes): n samples as columns, X ∈ R^{d×n}, Y ∈ R^{K×n} (n = 5)");
  r.note(
    "f(Θ) = −Σ_i y_iᵀ log σ(Θx_i) = −sum(Y ⊙ logSoftmax(ΘX, axis 0))   (softmax down each column)",
    "Each sample contributes (σ(Θx_i) − y_i)x_iᵀ, and Σ_i u_i x_iᵀ = UXᵀ, so ∂f/∂Θ = (softmax(ΘX) − Y)Xᵀ (÷ n for the mean).",
  );
  {
    const Xn = mat([[1, -0.5, 2, 0.3, 0], [0.2, 1, -1, 0.5, 1.5], [-1, 0.3, 0.8, 0, 2], [0.5, 0.5, -0.2, 1, -1]]); // d×n = 4×5
    const Y = mat([[1, 0, 0, 0, 1], [0, 1, 0, 1, 0], [0, 0, 1, 0, 0]]); // K×n = 3×5, one-hot columns
    const loss = (T: Matrix<3, 4>): Scalar => sum(mul(Y, logSoftmax(T.matmul(Xn), 0))).neg();
    const g: Matrix<3, 4> = gradient(loss)(Theta);
    const closed = softmax(Theta.matmul(Xn), 0).sub(Y).matmul(Xn.T);
    r.compare("∂f/∂Θ", g, closed, { closed: "(softmax(ΘX) − Y)Xᵀ" });
    // The sum over samples, one column at a time, is the same matrix:
    let perSample: Matrix<3, 4> = mat([[0, 0, 0, 0], [0, 0, 0, 0], [0, 0, 0, 0]]);
    for (let i = 0; i < 5; i++) perSample = perSample.add(outer(softmax(Theta.matmul(Xn.col(i))).sub(Y.col(i)), Xn.col(i)));
    r.compare("Σ_i (σ(Θx_i) − y_i)x_iᵀ", perSample, closed, { closed: "(softmax(ΘX) − Y)Xᵀ", brief: true });

    // Stability: with large logits softmax underflows to 0, log 0 = −∞ and 0·(−∞) = NaN; logSoftmax never forms log 0.
    const big = Theta.scale(400);
    const naive = sum(mul(Y, ln(softmax(big.matmul(Xn), 0)))).neg().item();
    const stable = loss(big).item();
    r.note(`With Θ scaled by 400: −sum(Y ⊙ log(softmax(ΘX))) = ${naive}, −sum(Y ⊙ logSoftmax(ΘX)) = ${stable.toFixed(4)}`);
    const gBig: Matrix<3, 4> = gradient(loss)(big);
    r.compare("∂f/∂Θ at the scaled Θ (stable loss)", gBig, softmax(big.matmul(Xn), 0).sub(Y).matmul(Xn.T), { closed: "(softmax(ΘX) − Y)Xᵀ" });
    const lse: Matrix<1, 5> = logSumExp(big.matmul(Xn), 0);
    r.note(`(per-column log Σ exp of the scaled logits, computed stably: ${lse.toFlatArray().map((v) => v.toFixed(1)).join(", ")})`);
    r.note(`max |difference| of the two loss values at the unscaled Θ: ${fmtDiff(maxAbsDiff(loss(Theta).item(), sum(mul(Y, ln(softmax(Theta.matmul(Xn), 0)))).neg().item()))}`);
  }
  return r.checks;
}

if (isMain(import.meta.url)) run();
