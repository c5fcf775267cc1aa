/**
 * Closed-form derivatives (issue 6): the identity tables of seeds 000/001 and 003 and the worked
 * examples (least squares, multi-class logistic regression), derived symbolically from the ordinary
 * operations and printed as the notes write them — in Unicode and in LaTeX — beside the notes'
 * formula, each evaluated at random values and compared with the numeric engine.
 *
 * Run: npx tsx examples/symbolic.ts
 */
import { Matrix, Tensor, det, inv, logAbsDet, trace, sumSquares, softmax, log as ln, logSumExp, tanh, addToCols, transpose, gradient, grad, jacobian, randn, dim, vec } from "../src/index";
import { symbol, derivative, gradientOf, evaluate, explain, toLatex, compile } from "../src/symbolic/index";
import { isMain, maxAbsDiff, type Check, type Log } from "./_report";

/* eslint-disable @typescript-eslint/no-explicit-any */
type AnyM = Matrix<any, any>;

interface Row {
  id: string;
  what: string;
  notes: string;
  /** The symbolic result. */
  sym: AnyM | Tensor;
  /** The engine's numeric derivative at the bound values (same layout as `sym`). */
  numeric: () => AnyM | Tensor;
}

export function run(log: Log = console.log): Check[] {
  const checks: Check[] = [];
  const seed = (k: number) => ({ seed: k });
  // symbols and their values
  const X = symbol("X", 3, 3), a = symbol("a", 3), b = symbol("b", 3), x = symbol("x", 3), B = symbol("B", 3, 3), A = symbol("A", 4, 3);
  const env: Record<string, AnyM> = {
    X: randn(3, 3, seed(1)), // a random 3×3 (invertible almost surely)
    R: randn(4, 3, seed(2)),
    a: randn(3, 1, seed(4)), b: randn(3, 1, seed(5)), x: randn(3, 1, seed(6)), B: randn(3, 3, seed(7)), A: randn(4, 3, seed(8)),
  };
  const with_ = <T>(f: (v: Record<string, AnyM>) => T) => () => f(env);

  const table = (title: string, rows: Row[]): void => {
    log("");
    log(title);
    log("─".repeat(title.length));
    const w = Math.max(...rows.map((r) => [...r.what].length));
    for (const r of rows) {
      const printed = String(r.sym);
      const value = evaluate(r.sym as any, env) as AnyM | Tensor;
      const num = r.numeric();
      const diff = maxAbsDiff(value as any, num as any);
      log(`  ${r.id.padEnd(8)} ${r.what.padEnd(w)}   notes: ${r.notes}`);
      log(`  ${"".padEnd(8)} ${"".padEnd(w)}   shapecalc: ${printed}${printed === r.notes ? "   (as in the notes)" : ""}`);
      log(`  ${"".padEnd(8)} ${"".padEnd(w)}   LaTeX: ${toLatex(r.sym)}`);
      log(`  ${"".padEnd(8)} ${"".padEnd(w)}   max |difference| vs the engine at random values: ${diff.toExponential(1)}`);
      checks.push({ name: `${r.id} ${r.what}`, computed: value as any, closedForm: num as any, tolerance: 1e-9 });
    }
  };

  table("Seed 000/001 — Useful identities for computing gradients (numerator layout)", [
    { id: "S000-13", what: "∂X⁻¹/∂X", notes: "−X⁻¹(∂X/∂X)X⁻¹ = −(X⁻¹ ⊗ X⁻ᵀ)", sym: derivative(inv(X), X), numeric: with_((v) => jacobian((Z: Matrix<3, 3>) => inv(Z))(v.X as Matrix<3, 3>)) },
    { id: "S000-12", what: "∂det(X)/∂X", notes: "det(X)·X⁻ᵀ", sym: derivative(det(X), X), numeric: with_((v) => grad((Z: Matrix<3, 3>) => det(Z))(v.X as Matrix<3, 3>)) },
    { id: "", what: "∂log|det X|/∂X", notes: "X⁻ᵀ", sym: derivative(logAbsDet(X), X), numeric: with_((v) => grad((Z: Matrix<3, 3>) => logAbsDet(Z))(v.X as Matrix<3, 3>)) },
    { id: "S000-11", what: "∂tr(X)/∂X", notes: "I", sym: derivative(trace(X), X), numeric: with_((v) => grad((Z: Matrix<3, 3>) => trace(Z))(v.X as Matrix<3, 3>)) },
    { id: "S000-10", what: "∂Xᵀ/∂X", notes: "K (commutation matrix)", sym: derivative(X.T, X), numeric: with_((v) => jacobian((Z: Matrix<3, 3>) => Z.T)(v.X as Matrix<3, 3>)) },
    { id: "S000-14", what: "∂(aᵀX⁻¹b)/∂X", notes: "−X⁻ᵀabᵀX⁻ᵀ", sym: derivative(a.T.matmul(inv(X)).matmul(b), X), numeric: with_((v) => grad((Z: Matrix<3, 3>) => v.a.T.matmul(inv(Z)).matmul(v.b))(v.X as Matrix<3, 3>)) },
    { id: "S000-15", what: "∂(xᵀa)/∂x", notes: "aᵀ", sym: derivative(x.T.matmul(a), x), numeric: with_((v) => grad((z: Matrix<3, 1>) => z.T.matmul(v.a))(v.x as Matrix<3, 1>)) },
    { id: "S000-16", what: "∂(aᵀx)/∂x", notes: "aᵀ", sym: derivative(a.T.matmul(x), x), numeric: with_((v) => grad((z: Matrix<3, 1>) => v.a.T.matmul(z))(v.x as Matrix<3, 1>)) },
    { id: "S000-17", what: "∂(aᵀXb)/∂X", notes: "abᵀ", sym: derivative(a.T.matmul(X).matmul(b), X), numeric: with_((v) => grad((Z: Matrix<3, 3>) => v.a.T.matmul(Z).matmul(v.b))(v.X as Matrix<3, 3>)) },
    { id: "S000-18", what: "∂(xᵀBx)/∂x", notes: "xᵀ(B + Bᵀ)", sym: derivative(x.T.matmul(B).matmul(x), x), numeric: with_((v) => grad((z: Matrix<3, 1>) => z.T.matmul(v.B).matmul(z))(v.x as Matrix<3, 1>)) },
  ]);

  // the weighted least-squares row needs its own symbols' values (x is 4×1 there): print it separately
  {
    const W = symbol("W", 4, 4, { symmetric: true }), s = symbol("s", 3), y4 = symbol("x", 4);
    const d = derivative(y4.sub(A.matmul(s)).T.matmul(W).matmul(y4.sub(A.matmul(s))), s);
    const Wr = randn(4, 4, seed(20)), Wv = Wr.add(Wr.T), sv = randn(3, 1, seed(21)), yv = randn(4, 1, seed(22)), Av = env.A as Matrix<4, 3>;
    const value = evaluate(d, { W: Wv, s: sv, x: yv, A: Av });
    const num = grad((t: Matrix<3, 1>) => { const e = yv.sub(Av.matmul(t)); return e.T.matmul(Wv).matmul(e); })(sv);
    log(`  S000-19  ∂(x − As)ᵀW(x − As)/∂s, W symmetric   notes: −2(x − As)ᵀWA`);
    log(`           shapecalc: ${String(d)}${String(d) === "−2(x − As)ᵀWA" ? "   (as in the notes)" : ""}   LaTeX: ${toLatex(d)}`);
    log(`           max |difference| vs the engine at random values: ${maxAbsDiff(value, num).toExponential(1)}`);
    checks.push({ name: "S000-19 weighted least squares", computed: value, closedForm: num, tolerance: 1e-9 });
  }

  table("Seed 000/001 — worked examples", [
    { id: "S000-3", what: "df/dx, f = Ax", notes: "A", sym: derivative(A.matmul(x), x), numeric: with_((v) => jacobian((z: Matrix<3, 1>) => v.A.matmul(z))(v.x as Matrix<3, 1>)) },
    { id: "S000-8", what: "df/dA, f = Ax", notes: "I ⊗ xᵀ", sym: derivative(A.matmul(x), A), numeric: with_((v) => jacobian((Z: Matrix<4, 3>) => Z.matmul(v.x))(v.A as Matrix<4, 3>)) },
    { id: "S000-9", what: "dK/dR, K = RᵀR", notes: "(I ⊗ Rᵀ)K + Rᵀ ⊗ I", sym: derivative(symbol("R", 4, 3).T.matmul(symbol("R", 4, 3)), symbol("R", 4, 3)), numeric: with_((v) => jacobian((Z: Matrix<4, 3>) => Z.T.matmul(Z))(v.R as Matrix<4, 3>)) },
    { id: "S002-14", what: "d tanh(Bx)/dx", notes: "diag(1 − tanh²(Bx))B", sym: derivative(tanh(B.matmul(x)), x), numeric: with_((v) => jacobian((z: Matrix<3, 1>) => tanh(v.B.matmul(z)))(v.x as Matrix<3, 1>)) },
  ]);

  // seed 000 least squares, with symbolic sizes n, d
  {
    const n = dim("n", 6), d = dim("d", 3);
    const Phi = symbol("Phi", n, d), theta = symbol("theta", d), y = symbol("y", n);
    const L = (t: Matrix<typeof d, 1>) => sumSquares(y.sub(Phi.matmul(t)));
    const Pv = randn(n, d, seed(30)), tv = randn(d, 1, seed(31)), yv = randn(n, 1, seed(32));
    log("");
    log("Seed 000 — least squares L(θ) = ‖y − Φθ‖², Φ ∈ R^{n×d} (S000-4/5)");
    log("──────────────────────────────────────────────────────────────────");
    log(`  L                          ${explain(L, theta)}`);
    log(`  ∂L/∂θ (numerator, 1×d)     ${String(derivative(L(theta), theta))}      notes: −2(y − Φθ)ᵀΦ`);
    log(`  ∇θL (gradient, d×1)        ${String(gradientOf(L(theta), theta))}      (seed 003 writes 2Xᵀ(Xθ − y))`);
    log(`  explain(grad(L), θ)        ${explain(grad(L), theta)}`);
    log(`  LaTeX                      ${toLatex(derivative(L(theta), theta))}`);
    const value = evaluate(derivative(L(theta), theta), { Phi: Pv, theta: tv, y: yv });
    const num = grad((t: Matrix<typeof d, 1>) => sumSquares(yv.sub(Pv.matmul(t))))(tv);
    log(`  max |difference| vs the engine at random values: ${maxAbsDiff(value, num).toExponential(1)}`);
    checks.push({ name: "S000-4 least squares ∂L/∂θ", computed: value, closedForm: num, tolerance: 1e-9 });
  }

  const c = symbol("c", 3), bb = symbol("b", 4);
  env.c = randn(3, 1, seed(40));
  env.b4 = randn(4, 1, seed(41));
  table("Seed 003 — matrix differentiation (denominator layout: gradients shaped like the input)", [
    { id: "S003-1", what: "∂cᵀx/∂x", notes: "c", sym: gradientOf(c.T.matmul(x), x), numeric: with_((v) => gradient((z: Matrix<3, 1>) => v.c.T.matmul(z))(v.x as Matrix<3, 1>)) },
    { id: "S003-2", what: "∂‖x‖²/∂x", notes: "2x", sym: gradientOf(sumSquares(x), x), numeric: with_((v) => gradient((z: Matrix<3, 1>) => sumSquares(z))(v.x as Matrix<3, 1>)) },
    { id: "S003-3", what: "∂Ax/∂x (denominator)", notes: "Aᵀ", sym: transpose(derivative(A.matmul(x), x)), numeric: with_((v) => transpose(jacobian((z: Matrix<3, 1>) => v.A.matmul(z))(v.x as Matrix<3, 1>))) },
    { id: "S003-4", what: "∂xᵀBx/∂x", notes: "(Bᵀ + B)x", sym: gradientOf(x.T.matmul(B).matmul(x), x), numeric: with_((v) => gradient((z: Matrix<3, 1>) => z.T.matmul(v.B).matmul(z))(v.x as Matrix<3, 1>)) },
    { id: "S003-8", what: "∂aᵀXb/∂X", notes: "abᵀ", sym: gradientOf(a.T.matmul(X).matmul(b), X), numeric: with_((v) => gradient((Z: Matrix<3, 3>) => v.a.T.matmul(Z).matmul(v.b))(v.X as Matrix<3, 3>)) },
  ]);
  {
    const g = gradientOf(sumSquares(A.matmul(x).sub(bb)), x);
    const value = evaluate(g, { A: env.A, x: env.x, b: env.b4 });
    const num = gradient((z: Matrix<3, 1>) => sumSquares(env.A.matmul(z).sub(env.b4)) as Matrix<1, 1>)(env.x as Matrix<3, 1>);
    log(`  S003-5   ∂‖Ax − b‖²/∂x   notes: 2Aᵀ(Ax − b)`);
    log(`           shapecalc: ${String(g)}${String(g) === "2Aᵀ(Ax − b)" ? "   (as in the notes)" : ""}   LaTeX: ${toLatex(g)}   max |difference| ${maxAbsDiff(value, num).toExponential(1)}`);
    checks.push({ name: "S003-5 ∂‖Ax − b‖²/∂x", computed: value, closedForm: num, tolerance: 1e-9 });
  }

  // seed 003 Exercise 2: multi-class logistic regression, one sample, one-hot y
  {
    const K = 4, Theta = symbol("Theta", K, 3), y = symbol("y", K, 1, { oneHot: true });
    const f = y.T.matmul(ln(softmax(Theta.matmul(x)))).neg();
    const g = gradientOf(f, Theta);
    const Tv = randn(K, 3, seed(50));
    const yHot = vec([0, 0, 1, 0]);
    const value = evaluate(g, { Theta: Tv, y: yHot, x: env.x });
    const num = gradient((T: Matrix<4, 3>) => yHot.T.matmul(ln(softmax(T.matmul(env.x as Matrix<3, 1>)))).neg())(Tv);
    const f2 = symbol("y", K).T.matmul(Theta.matmul(x)).neg().add(logSumExp(Theta.matmul(x)));
    log("");
    log("Seed 003 — Exercise 2: multi-class logistic regression f(Θ) = −yᵀ log σ(Θx), y one-hot (S003-15)");
    log("──────────────────────────────────────────────────────────────────────────────────────────────");
    log(`  f                 ${String(f)}`);
    log(`  ∂f/∂Θ             ${String(g)}      notes: (−y + σ(Θx))xᵀ, σ the softmax`);
    log(`  the notes' step   f = ${String(f2)}  ⟹  ∂f/∂Θ = ${String(gradientOf(f2, Theta))}`);
    log(`  LaTeX             ${toLatex(g)}`);
    log(`  max |difference| vs the engine at random values: ${maxAbsDiff(value, num).toExponential(1)}`);
    checks.push({ name: "S003-15 logistic regression ∂f/∂Θ", computed: value, closedForm: num, tolerance: 1e-9 });
  }

  // the training step of the benchmark, derived and compiled
  {
    const h = 4, s = 5;
    const W = symbol("A", h, h), bias = symbol("b", h), Xs = symbol("X", h, s), Y = symbol("Y", h, s);
    const L = sumSquares(Y.sub(tanh(addToCols(W.matmul(Xs), bias)))).scale(0.5);
    const g = gradientOf(L, { A: W, b: bias });
    log("");
    log("Training step L = ½‖Y − tanh(AX + b·1ᵀ)‖² (bench/symbolic.bench.ts)");
    log("──────────────────────────────────────────────────────────────────");
    log(`  ∂L/∂A   ${String(g.A)}`);
    log(`  ∂L/∂b   ${String(g.b)}`);
    const step = compile([L, g.A, g.b], [W, bias, Xs, Y]);
    const Av = randn(h, h, seed(60)), bv = randn(h, 1, seed(61)), Xv = randn(h, s, seed(62)), Yv = randn(h, s, seed(63));
    const [, gA] = step(Av.data, bv.data, Xv.data, Yv.data);
    const num = gradient((P: Matrix<4, 4>) => sumSquares(Yv.sub(tanh(addToCols(P.matmul(Xv), bv)))).scale(0.5))(Av);
    const computed = new Matrix(h as 4, h as 4, gA.slice(), null);
    log(`  compiled ∂L/∂A vs the engine: max |difference| ${maxAbsDiff(computed, num).toExponential(1)}`);
    checks.push({ name: "training step compiled ∂L/∂A", computed, closedForm: num, tolerance: 1e-9 });
  }
  return checks;
}

if (isMain(import.meta.url)) run();
