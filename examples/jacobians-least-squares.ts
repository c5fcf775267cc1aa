/**
 * Jacobians and least squares in numerator layout (seeds 000, 002): df/dx = A for f(x) = Ax; the
 * least-squares gradient −2eᵀΦ of seed 000 by the chain rule (∂L/∂e)(∂e/∂θ) and without it; the
 * ½‖e‖² version −(y − Ax)ᵀA of seed 002; and polynomial regression of order M.
 *
 * Run: npx tsx examples/jacobians-least-squares.ts
 */
import { at, chain, grad, jacobian, mat, sumSquares, vec, type Matrix, type Scalar, type Vector } from "../src/index";
import { Report, isMain, type Check, type Log } from "./_report";

export function run(log: Log = console.log): Check[] {
  const r = new Report(log);
  r.title(
    "Jacobians and least squares (seeds 000, 002; numerator layout)",
    "For f : R^N → R^M the Jacobian df/dx is M×N (output index first); the gradient of a loss L : R^D → R is a 1×D row.",
  );

  // ------------------------------------------------------------ S000-3 / S001-18 / S002-20
  r.section("S000-3 / S001-18 / S002-20: f(x) = Ax, A ∈ R^{M×N} (M = 4, N = 3): df/dx = A");
  {
    const A = mat([[1, 2, 0], [0, -1, 3], [2, 2, 2], [-1, 0, 4]]);
    const x = vec([0.5, -1, 2]);
    const J: Matrix<4, 3> = jacobian((x: Vector<3>) => A.matmul(x))(x);
    r.compare("df/dx", J, A, { closed: "A" });
    r.note("Entry (i, j) is ∂f_i/∂x_j = A_ij: row i of J is the gradient of f_i.");
  }

  // ------------------------------------------------------------ S000-4, S000-5
  const Phi = mat([
    [1, 0.5, -1],
    [1, -0.3, 2],
    [1, 1.2, 0.4],
    [1, -1.1, -0.6],
    [1, 0.8, 1.5],
  ]); // Φ ∈ R^{N×D}, N = 5 samples, D = 3 features
  const y = vec([1.2, -0.4, 2.1, 0.3, 1.7]); // y ∈ R^N
  const theta = vec([0.2, -0.5, 1]); // θ ∈ R^D
  r.section("S000-4: L(e) = ‖e‖², e(θ) = y − Φθ, Φ ∈ R^{5×3}: ∂L/∂θ = (∂L/∂e)(∂e/∂θ) = −2eᵀΦ");
  {
    const e = (theta: Vector<3>): Vector<5> => y.sub(Phi.matmul(theta));
    const L = (e: Vector<5>): Scalar => sumSquares(e);
    const e0 = e(theta);
    const dLde: Matrix<1, 5> = grad(L)(e0); // ∂L/∂e ∈ R^{1×N}
    const dedtheta: Matrix<5, 3> = jacobian(e)(theta); // ∂e/∂θ ∈ R^{N×D}
    const dLdtheta: Matrix<1, 3> = chain(dLde, dedtheta); // (1×N)(N×D) = 1×D
    r.compare("∂L/∂e", dLde, e0.T.scale(2), { closed: "2eᵀ" });
    r.compare("∂e/∂θ", dedtheta, Phi.neg(), { closed: "−Φ" });
    const closed = e0.T.matmul(Phi).scale(-2);
    r.compare("∂L/∂θ = chain(∂L/∂e, ∂e/∂θ)", dLdtheta, closed, { closed: "−2eᵀΦ" });
    const direct: Matrix<1, 3> = grad((theta: Vector<3>) => L(e(theta)))(theta);
    r.compare("∂L/∂θ = grad(L∘e)", direct, y.T.sub(theta.T.matmul(Phi.T)).matmul(Phi).scale(-2), { closed: "−2(yᵀ − θᵀΦᵀ)Φ" });
    r.note("Element d of the row: ∂L/∂θ[1, d] = Σ_i ∂L/∂e[i] · ∂e/∂θ[i, d].");
  }

  r.section("S000-5: the same loss without the chain rule, L₂ = yᵀy − 2yᵀΦθ + θᵀΦᵀΦθ");
  {
    const B = Phi.T.matmul(Phi); // ΦᵀΦ, symmetric 3×3
    const L2 = (theta: Vector<3>): Scalar => y.T.matmul(y).sub(y.T.matmul(Phi).matmul(theta).scale(2)).add(theta.T.matmul(B).matmul(theta));
    const g: Matrix<1, 3> = grad(L2)(theta);
    r.compare("dL₂/dθ", g, y.T.matmul(Phi).scale(-2).add(theta.T.matmul(B).scale(2)), { closed: "−2yᵀΦ + 2θᵀΦᵀΦ" });
    r.note("= −2(y − Φθ)ᵀΦ, the result of S000-4 (using ∂θᵀBθ/∂θ = θᵀ(B + Bᵀ) with B = ΦᵀΦ symmetric).");
  }

  // ------------------------------------------------------------ S002-18
  r.section("S002-18: L(e) = ½‖e‖², e = y − Ax, A ∈ R^{M×N} (M = 4, N = 2): dL/dx = −(y − Ax)ᵀA ∈ R^{1×N}");
  {
    const A = mat([[1, 2], [0, 1], [-1, 3], [2, -2]]);
    const yy = vec([1, 0, 2, -1]);
    const x = vec([0.3, -0.7]);
    const e = (x: Vector<2>): Vector<4> => yy.sub(A.matmul(x));
    const L = (e: Vector<4>): Scalar => sumSquares(e).scale(0.5);
    const e0 = e(x);
    const dLde: Matrix<1, 4> = grad(L)(e0);
    const dedx: Matrix<4, 2> = jacobian(e)(x);
    r.compare("(1) ∂L/∂e", dLde, e0.T, { closed: "eᵀ ∈ R^{1×M}" });
    r.compare("(2) ∂e/∂x", dedx, A.neg(), { closed: "−A ∈ R^{M×N}" });
    const closed = yy.sub(A.matmul(x)).T.matmul(A).neg();
    const dLdx: Matrix<1, 2> = chain(dLde, dedx);
    r.compare("dL/dx = chain((1), (2))", dLdx, closed, { closed: "−(y − Ax)ᵀA" });
    r.compare("dL/dx = grad(L∘e)", grad((x: Vector<2>) => L(e(x)))(x), closed, { closed: "−(y − Ax)ᵀA" });
    r.note("With the ½ there is no factor 2 (compare S000-4, which uses ‖e‖²).");
  }

  // ------------------------------------------------------------ S002-32
  r.section("S002-32: polynomial regression of order M = 3, f(x, θ) = Σᵢ θᵢxⁱ: dL/dθ = −2(y − Φθ)ᵀΦ ∈ R^{1×(M+1)}");
  {
    const xs = [-1, -0.5, 0, 0.5, 1, 1.5];
    const ys = vec([0.9, 0.1, -0.2, 0.4, 1.8, 3.9]);
    // Φ ∈ R^{N×(M+1)}, Φ_ij = x_i^j, j = 0…3 (built from typed rows so Φ is Matrix<6, 4>)
    const feat = (x: number) => [1, x, x * x, x ** 3] as const;
    const PhiP = mat([feat(xs[0]), feat(xs[1]), feat(xs[2]), feat(xs[3]), feat(xs[4]), feat(xs[5])]);
    const th = vec([0.1, 0.5, 1, 0.2]);
    // The loss written as the notes write it, Σ_i (y_i − f(x_i, θ))², with f evaluated from θ's entries.
    const L = (theta: Vector<4>): Scalar => {
      let acc: Scalar = mat([[0]]);
      xs.forEach((x, i) => {
        let fx = at(theta, 0);
        for (let j = 1; j <= 3; j++) fx = fx.add(at(theta, j).scale(x ** j));
        const d = at(ys, i).sub(fx);
        acc = acc.add(d.mul(d));
      });
      return acc;
    };
    const g: Matrix<1, 4> = grad(L)(th);
    r.show("Φ (Φ_ij = x_iʲ)", PhiP);
    r.compare("dL/dθ", g, ys.sub(PhiP.matmul(th)).T.matmul(PhiP).scale(-2), { closed: "−2(y − Φθ)ᵀΦ" });
  }
  return r.checks;
}

if (isMain(import.meta.url)) run();
