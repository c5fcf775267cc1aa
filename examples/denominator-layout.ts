/**
 * Seeds 003–004 in their own (denominator) layout: gradients shaped like the input (`gradient`),
 * Jacobians transposed (`jacobianT`, n×m for f : R^n → R^m), chain rules in reversed order
 * (`chainT(∂y/∂x, ∂z/∂y)`). Seed 003's table of results, seed 004's examples, and the guided and
 * challenge problems the notes leave unsolved: the p-norm, ‖Aᵀx‖² w.r.t. x and A, the Jacobian of
 * Bᵀσ(Aᵀx), and ∇_A ‖Bᵀσ(Aᵀx) − c‖² (closed forms from docs/seed-examples.md).
 *
 * Run: npx tsx examples/denominator-layout.ts
 */
import {
  abs, asDenominator, chainT, diag, flatten, grad, gradient, jacobian, jacobianT, mat, mul, norm, outer, pow, reshape, sigmoid, sign, sumSquares, vec,
  type Denominator, type Matrix, type Scalar, type Tensor, type Vector,
} from "../src/index";
import { Report, isMain, tensorFrom, type Check, type Log } from "./_report";

export function run(log: Log = console.log): Check[] {
  const r = new Report(log);
  r.title(
    "Denominator layout (seeds 003, 004): gradient, jacobianT, chainT",
    "∇_x f has the shape of x (so θ ← θ − α∇L(θ) type-checks); the Jacobian of f : R^n → R^m is n×m with entry (i, j) = ∂f_j/∂x_i;",
    "the chain rule reads ∂z/∂x = (∂y/∂x)(∂z/∂y).",
  );

  const x = vec([1.5, -0.5, 2, -1]); // x ∈ R^d, d = 4
  const A = mat([[1, 0.5, -1], [0, 2, 1], [-0.5, 1, 0.3], [2, -1, 0.5]]); // A ∈ R^{d×n}, n = 3
  const Bm = mat([[1, -2], [0.5, 1], [-1, 0.4]]); // B ∈ R^{n×m}, m = 2
  const c = vec([0.3, -0.2]); // c ∈ R^m

  // ------------------------------------------------------------ S003-1…5
  r.section("Seed 003's results (S003-1…5), x ∈ R^4");
  {
    const cc = vec([1, -1, 0.5, 2]);
    const Q = mat([[2, 1, 0, 0], [0, 1, -1, 0], [3, 0, 1, 1], [0, 0.5, 0, -2]]); // a square, non-symmetric A
    const b3 = vec([1, 0, -1]);
    const g1: Vector<4> = gradient((x: Vector<4>) => cc.T.matmul(x))(x);
    r.compare("S003-1  ∂cᵀx/∂x", g1, cc, { closed: "c" });
    const g2: Vector<4> = gradient((x: Vector<4>) => sumSquares(x))(x);
    r.compare("S003-2  ∂‖x‖²/∂x", g2, x.scale(2), { closed: "2x" });
    const J3: Matrix<4, 3> = jacobianT((x: Vector<4>) => A.T.matmul(x))(x); // for f(x) = Aᵀx = Mx with M = Aᵀ ∈ R^{3×4}
    r.compare("S003-3  ∂(Mx)/∂x, M = Aᵀ ∈ R^{3×4}", J3, A, { closed: "Mᵀ (4×3)" });
    const g4: Vector<4> = gradient((x: Vector<4>) => x.T.matmul(Q).matmul(x))(x);
    r.compare("S003-4  ∂xᵀAx/∂x", g4, Q.T.add(Q).matmul(x), { closed: "(Aᵀ + A)x" });
    const g5: Vector<4> = gradient((x: Vector<4>) => sumSquares(A.T.matmul(x).sub(b3)))(x);
    r.compare("S003-5  ∂‖Ax − b‖²/∂x, with A → Aᵀ ∈ R^{3×4}", g5, A.matmul(A.T.matmul(x).sub(b3)).scale(2), { closed: "2A(Aᵀx − b)" });
  }

  // ------------------------------------------------------------ S004-2, -3, -4
  r.section("S004-2 (Example 1): ∇_x ‖x‖₁ = sign(x)   (every x_j ≠ 0)");
  const g1: Vector<4> = gradient((x: Vector<4>) => norm(x, 1))(x);
  r.compare("∇_x ‖x‖₁", g1, sign(x), { closed: "sign(x)" });

  r.section("S004-3 (Guided Problem 2, open): ∇_x ‖x‖₂² = 2x");
  r.compare("∇_x ‖x‖₂²", gradient((x: Vector<4>) => sumSquares(x))(x), x.scale(2), { closed: "2x" });

  r.section("S004-4 (Challenge Problem 3, open): ∇_x ‖x‖_p = (sign(x) ⊙ |x|^{p−1}) / ‖x‖_p^{p−1}   (1 < p < ∞, x ≠ 0)");
  for (const p of [1.5, 2, 3, 4]) {
    const g: Vector<4> = gradient((x: Vector<4>) => norm(x, p))(x);
    const closed = mul(sign(x), pow(abs(x), p - 1)).scale(1 / norm(x, p).item() ** (p - 1));
    r.compare(`p = ${p}`, g, closed, { closed: p === 2 ? "(= x/‖x‖₂ for p = 2)" : "(sign(x) ⊙ |x|^{p−1}) / ‖x‖_p^{p−1}" });
  }

  {
    // p = ∞: ‖x‖_∞ = max |x_k|, with gradient sign(x_k)e_k for the unique maximising k (here k = 3, x_3 = 2).
    const g: Vector<4> = gradient((x: Vector<4>) => norm(x, Infinity))(x);
    r.compare("p = ∞", g, vec([0, 0, 1, 0]), { closed: "sign(x_k)e_k, k = argmax |x_k|" });
  }

  // ------------------------------------------------------------ S004-6, S004-7
  r.section("S004-6 (Example 'Problem 5', really 4): f(x) = Aᵀx, A ∈ R^{d×n} (d = 4, n = 3): ∂f/∂x = A ∈ R^{d×n}");
  const dfdx: Denominator<Matrix<4, 3>> = jacobianT((x: Vector<4>) => A.T.matmul(x))(x);
  r.compare("∂f/∂x (jacobianT)", dfdx, A, { closed: "A" });
  const Jnum: Matrix<3, 4> = jacobian((x: Vector<4>) => A.T.matmul(x))(x);
  r.compare("the numerator-layout jacobian, for comparison", Jnum, A.T, { closed: "Aᵀ (3×4, the transpose)", brief: true });

  // ------------------------------------------------------------ S004-8
  r.section("S004-8 (Guided Problem 5, open): ∇_x ‖Aᵀx‖₂² = (∂g/∂x)(∂f/∂y) = A · 2Aᵀx = 2AAᵀx");
  {
    const g = (x: Vector<4>): Vector<3> => A.T.matmul(x);
    const f = (y: Vector<3>): Scalar => sumSquares(y);
    const dgdx: Denominator<Matrix<4, 3>> = jacobianT(g)(x); // ∂g/∂x ∈ R^{d×n}
    const dfdy: Denominator<Matrix<3, 1>> = gradient(f)(g(x)); // ∂f/∂y ∈ R^n
    const viaChain: Denominator<Matrix<4, 1>> = chainT(dgdx, dfdy); // (d×n)(n) = d
    const closed = A.matmul(A.T).matmul(x).scale(2);
    r.compare("∂f/∂y", dfdy, g(x).scale(2), { closed: "2y = 2Aᵀx" });
    r.compare("∇_x = chainT(∂g/∂x, ∂f/∂y)", viaChain, closed, { closed: "2AAᵀx" });
    r.compare("∇_x = gradient(f∘g)", gradient((x: Vector<4>) => f(g(x)))(x), closed, { closed: "2AAᵀx" });
    // The layouts do not mix: a numerator-layout factor in chainT, or the reversed order, does not compile.
    const wrong = () => {
      // @ts-expect-error chainT: expected a denominator-layout derivative (from gradient/jacobianT)
      chainT(dgdx, grad(f)(g(x)));
      // @ts-expect-error chainT: inner dimensions differ (3×1 · 4×3)
      chainT(dfdy, dgdx);
      // @ts-expect-error sub: shapes differ (4×1 vs 1×4): the numerator-layout gradient is a row
      x.sub(grad((x: Vector<4>) => f(g(x)))(x));
    };
    void wrong;
    r.note("An update step needs the input-shaped gradient: x.sub(gradient(L)(x).scale(α)) compiles; x.sub(grad(L)(x)) does not.");
  }

  // ------------------------------------------------------------ S004-9
  r.section("S004-9 (Challenge Problem 6, open): f(x) = Bᵀσ(Aᵀx) ∈ R^m, σ the sigmoid: ∂f/∂x = A diag(σ′(Aᵀx)) B ∈ R^{d×m}");
  {
    const f = (x: Vector<4>): Vector<2> => Bm.T.matmul(sigmoid(A.T.matmul(x)));
    const u = A.T.matmul(x), h = sigmoid(u);
    const dsig = mul(h, h.neg().addScalar(1)); // σ′(u) = σ(u) ⊙ (1 − σ(u))
    const closed = A.matmul(diag(dsig)).matmul(Bm);
    const J: Denominator<Matrix<4, 2>> = jacobianT(f)(x);
    r.compare("∂f/∂x (jacobianT)", J, closed, { closed: "A diag(σ(Aᵀx) ⊙ (1 − σ(Aᵀx))) B" });
    // The three factors, in the notes' (reversed) order:
    const dudx: Denominator<Matrix<4, 3>> = jacobianT((x: Vector<4>) => A.T.matmul(x))(x); // ∂u/∂x = A, d×n
    const dsdu: Denominator<Matrix<3, 3>> = jacobianT((u: Vector<3>) => sigmoid(u))(u); // ∂σ/∂u = diag(σ′(u)), n×n
    const dfds: Denominator<Matrix<3, 2>> = jacobianT((h: Vector<3>) => Bm.T.matmul(h))(h); // ∂f/∂σ = B, n×m
    r.compare("∂σ/∂u", dsdu, diag(dsig), { closed: "diag(σ′(u))" });
    r.compare("∂f/∂σ", dfds, Bm, { closed: "B", brief: true });
    r.compare("chainT(chainT(∂u/∂x, ∂σ/∂u), ∂f/∂σ)", chainT(chainT(dudx, dsdu), dfds), closed, { closed: "A diag(σ′) B", brief: true });
  }

  // ------------------------------------------------------------ S004-10…13
  r.section("S004-13 (Guided Problem 7, open): ∇_A ‖Aᵀx‖₂² = 2x(Aᵀx)ᵀ = 2xxᵀA ∈ R^{d×n}  (S004-10: shaped like A)");
  {
    const z = (A: Matrix<4, 3>): Scalar => sumSquares(A.T.matmul(x));
    const closed = outer(x, x).matmul(A).scale(2);
    const gA: Matrix<4, 3> = gradient(z)(A);
    r.compare("∇_A z (gradient)", gA, closed, { closed: "2xxᵀA" });

    r.note("S004-12: the chain rule with a matrix input contracts ∂y/∂A ∈ R^{d×n×n}, (∂y/∂A)_ijk = ∂y_k/∂A_ij = x_i δ_jk, with ∂z/∂y = 2y.");
    const y = A.T.matmul(x), dzdy = y.scale(2);
    const dydA: Tensor<[3], [4, 3]> = jacobian((A: Matrix<4, 3>) => A.T.matmul(x))(A); // the library's numerator layout: [k, i, j]
    const dydA_den = tensorFrom([4, 3], [3], (i, j, k) => dydA.get(k, i, j)); // the notes' [i, j, k]
    r.compare("∂y/∂A, notes' order [i, j, k]", dydA_den, tensorFrom([4, 3], [3], (i, j, k) => x.get(i) * (j === k ? 1 : 0)), { closed: "x_i δ_jk" });
    const contracted = tensorFrom([4, 3], [1], (i, j) => [0, 1, 2].reduce((s, k) => s + dydA_den.get(i, j, k) * dzdy.get(k), 0));
    r.compare("Σ_k (∂y/∂A)_ijk (∂z/∂y)_k", reshape(contracted.toMatrix(), 4, 3), closed, { closed: "2xxᵀA", brief: true });

    r.note("Equivalently: flatten A to a ∈ R^{12}, apply the vector chain rule, reshape back.");
    const gTilde = (a: Vector<12>): Vector<3> => reshape(a, 4, 3).T.matmul(x);
    const dyda: Denominator<Matrix<12, 3>> = jacobianT(gTilde)(flatten(A)); // (dn)×n
    const flat: Denominator<Matrix<12, 1>> = chainT(dyda, gradient((y: Vector<3>) => sumSquares(y))(y));
    r.compare("reshape(chainT(∂y/∂a, ∂z/∂y), 4, 3)", reshape(flat, 4, 3), closed, { closed: "2xxᵀA", brief: true });
  }

  // ------------------------------------------------------------ S004-14
  r.section("S004-14 (Challenge Problem 8, open): L(A) = ‖Bᵀσ(Aᵀx) − c‖₂²");
  r.note(
    "u = Aᵀx, h = σ(u), r = Bᵀh − c:  ∂L/∂r = 2r,  ∂L/∂h = B(2r),  ∂L/∂u = σ′(u) ⊙ 2Br,  ∇_A L = x(∂L/∂u)ᵀ, so",
    "∇_A L = 2x[(B(Bᵀσ(Aᵀx) − c)) ⊙ σ(Aᵀx) ⊙ (1 − σ(Aᵀx))]ᵀ ∈ R^{d×n}.",
  );
  {
    const L = (A: Matrix<4, 3>): Scalar => sumSquares(Bm.T.matmul(sigmoid(A.T.matmul(x))).sub(c));
    const gA: Matrix<4, 3> = gradient(L)(A);
    const h = sigmoid(A.T.matmul(x));
    const res = Bm.T.matmul(h).sub(c);
    const v = mul(mul(Bm.matmul(res), h), h.neg().addScalar(1)); // (B r) ⊙ σ ⊙ (1 − σ)
    const closed = asDenominator(outer(x, v).scale(2));
    r.compare("∇_A L", gA, closed, { closed: "2x[(B(Bᵀσ(Aᵀx) − c)) ⊙ σ ⊙ (1 − σ)]ᵀ" });
    // One gradient-descent step, which needs the input-shaped gradient:
    const A1 = A.sub(gA.scale(0.1));
    r.note(`one step A ← A − 0.1∇_A L: L goes from ${L(A).item().toFixed(4)} to ${L(A1).item().toFixed(4)}`);
  }
  return r.checks;
}

if (isMain(import.meta.url)) run();
