/**
 * Neural networks (seed 002, numerator layout): the single layer f = tanh(Ax + b) with ∂f/∂b and the
 * M×(M×N) tensor ∂f/∂A; the loss L = ½‖y − f‖² differentiated factor by factor,
 * ∂L/∂A = (∂L/∂e)(∂e/∂f)(∂f/∂z)(∂z/∂A), each factor's shape in its type, combined with `chain`;
 * and backpropagation through a K = 3 layer network, `gradient` against a hand-written backward pass.
 *
 * Run: npx tsx examples/neural-network.ts
 */
import {
  chain, diag, eye, grad, gradient, jacobian, mat, mul, outer, randn, sigmoid, sumSquares, tanh, vec,
  type Matrix, type Scalar, type Tensor, type Vector,
} from "../src/index";
import { Report, delta, isMain, rowTensor, tensorFrom, type Check, type Log } from "./_report";

/** The K = 3 layer network's parameters θ = {A_i, b_i}, sizes 3 → 4 → 4 → 2. */
type Net = { A0: Matrix<4, 3>; b0: Vector<4>; A1: Matrix<4, 4>; b1: Vector<4>; A2: Matrix<2, 4>; b2: Vector<2> };

export function run(log: Log = console.log): Check[] {
  const r = new Report(log);
  r.title(
    "Gradients of neural networks (seed 002; numerator layout)",
    "Shapes: x ∈ R^N, A ∈ R^{M×N}, b, z, f, e, y ∈ R^M (M = 2, N = 3). ∂f/∂b is M×M, ∂f/∂A is M×(M×N), ∂L/∂A is 1×(M×N).",
  );
  const A = mat([[0.5, -1, 0.3], [0.8, 0.2, -0.6]]);
  const b = vec([0.1, -0.2]);
  const x = vec([1, 0.5, -1.5]);
  const y = vec([0.4, -0.3]);
  const layer = (A: Matrix<2, 3>, b: Vector<2>): Vector<2> => tanh(A.matmul(x).add(b));
  const z = A.matmul(x).add(b), f = tanh(z), e = y.sub(f);
  const dtanh = f.mul(f).neg().addScalar(1); // 1 − tanh²(z)
  r.show("zᵀ = (Ax + b)ᵀ", z.T);
  r.show("fᵀ = tanh(z)ᵀ", f.T);

  // ------------------------------------------------------------ S002-27
  r.section("S002-27: f = tanh(Ax + b): ∂f/∂b = (∂f/∂z)(∂z/∂b), ∂f/∂A = (∂f/∂z)(∂z/∂A)");
  const dfdz: Matrix<2, 2> = jacobian((z: Vector<2>) => tanh(z))(z); // M×M
  const dzdb: Matrix<2, 2> = jacobian((b: Vector<2>) => A.matmul(x).add(b))(b); // M×M
  const dzdA: Tensor<[2], [2, 3]> = jacobian((A: Matrix<2, 3>) => A.matmul(x).add(b))(A); // M×(M×N)
  r.compare("∂f/∂z", dfdz, diag(dtanh), { closed: "diag(1 − tanh²(z))" });
  r.compare("∂z/∂b", dzdb, eye(2), { closed: "I" });
  r.compare("∂z/∂A", dzdA, tensorFrom([2], [2, 3], (l, j, k) => delta(l, j) * x.get(k)), { closed: "xᵀ in block l of row l: δ_lj x_k" });
  const dfdb: Matrix<2, 2> = chain(dfdz, dzdb); // (M×M)(M×M)
  const dfdA: Tensor<[2], [2, 3]> = chain(dfdz, dzdA); // (M×M)(M×(M×N)) = M×(M×N)
  r.compare("∂f/∂b = chain(∂f/∂z, ∂z/∂b)", dfdb, diag(dtanh), { closed: "diag(1 − tanh²(z))" });
  const dfdAClosed = tensorFrom([2], [2, 3], (i, j, k) => dtanh.get(i) * delta(i, j) * x.get(k));
  r.compare("∂f/∂A = chain(∂f/∂z, ∂z/∂A)", dfdA, dfdAClosed, { closed: "(1 − tanh²(z_i)) δ_ij x_k" });
  const direct = jacobian((p: { A: Matrix<2, 3>; b: Vector<2> }) => layer(p.A, p.b))({ A, b });
  const dfdbDirect: Matrix<2, 2> = direct.b, dfdADirect: Tensor<[2], [2, 3]> = direct.A;
  r.compare("∂f/∂b = jacobian(f)({ A, b }).b", dfdbDirect, diag(dtanh), { closed: "diag(1 − tanh²(z))", brief: true });
  r.compare("∂f/∂A = jacobian(f)({ A, b }).A", dfdADirect, dfdAClosed, { closed: "(1 − tanh²(z_i)) δ_ij x_k", brief: true });

  // ------------------------------------------------------------ S002-28
  r.section("S002-28: L = ½‖e‖², e = y − f: ∂L/∂A = (∂L/∂e)(∂e/∂f)(∂f/∂z)(∂z/∂A), ∂L/∂b = (∂L/∂e)(∂e/∂f)(∂f/∂z)(∂z/∂b)");
  const dLde: Matrix<1, 2> = grad((e: Vector<2>) => sumSquares(e).scale(0.5))(e); // 1×M
  const dedf: Matrix<2, 2> = jacobian((f: Vector<2>) => y.sub(f))(f); // M×M
  r.compare("∂L/∂e", dLde, e.T, { closed: "eᵀ" });
  r.compare("∂e/∂f", dedf, eye(2).neg(), { closed: "−I" });
  r.note("∂f/∂z : 2×2, ∂z/∂A : 2×(2×3) and ∂z/∂b : 2×2 as above. Multiplying left to right:");
  const dLdf: Matrix<1, 2> = chain(dLde, dedf); // (1×M)(M×M)
  const dLdz: Matrix<1, 2> = chain(dLdf, dfdz); // (1×M)(M×M)
  const dLdA: Tensor<[1], [2, 3]> = chain(dLdz, dzdA); // (1×M)(M×(M×N)) = 1×(M×N)
  const dLdb: Matrix<1, 2> = chain(dLdz, dzdb); // (1×M)(M×M) = 1×M
  const ed = mul(e, dtanh); // e ⊙ (1 − tanh²(z))
  r.compare("∂L/∂b", dLdb, ed.T.neg(), { closed: "−(e ⊙ (1 − tanh²(z)))ᵀ" });
  r.compare("∂L/∂A", dLdA, rowTensor(outer(ed, x).neg()), { closed: "−(e ⊙ (1 − tanh²(z)))xᵀ" });
  const L = (p: { A: Matrix<2, 3>; b: Vector<2> }): Scalar => sumSquares(y.sub(layer(p.A, p.b))).scale(0.5);
  const g = grad(L)({ A, b });
  const gA: Tensor<[1], [2, 3]> = g.A, gb: Matrix<1, 2> = g.b;
  r.compare("grad(L)({ A, b }).A", gA, dLdA, { closed: "the chain product", brief: true });
  r.compare("grad(L)({ A, b }).b", gb, dLdb, { closed: "the chain product", brief: true });
  const wrongOrder = () =>
    // @ts-expect-error chain: intermediate dims differ (the outer derivative takes 2×3, the inner one produces 1)
    chain(dzdA, dLde);
  void wrongOrder;

  // ------------------------------------------------------------ S002-29
  r.section("S002-29: K = 3 layers, f_{i+1} = σ_{i+1}(A_i f_i + b_i), sizes 3 → 4 → 4 → 2, σ = tanh, tanh, sigmoid; L = ‖y − f_3‖²");
  const p: Net = {
    A0: randn(4, 3, { seed: 1 }), b0: randn(4, 1, { seed: 2 }),
    A1: randn(4, 4, { seed: 3 }), b1: randn(4, 1, { seed: 4 }),
    A2: randn(2, 4, { seed: 5 }), b2: randn(2, 1, { seed: 6 }),
  };
  const x0 = vec([0.5, -1, 2]), yK = vec([0.9, 0.1]);
  const forwardPass = (p: Net) => {
    const f0 = x0;
    const f1 = tanh(p.A0.matmul(f0).add(p.b0));
    const f2 = tanh(p.A1.matmul(f1).add(p.b1));
    const f3 = sigmoid(p.A2.matmul(f2).add(p.b2));
    return { f0, f1, f2, f3 };
  };
  const LK = (p: Net): Scalar => sumSquares(yK.sub(forwardPass(p).f3));
  const gK = gradient(LK)(p); // input-shaped: { A0: 4×3, b0: 4×1, … }

  r.note("Backpropagation by hand (denominator form, δ_i = (∂L/∂z_i)ᵀ, intermediate f_i stored in the forward pass):");
  r.note("  δ_2 = −2(y − f_3) ⊙ f_3 ⊙ (1 − f_3),  δ_{i−1} = (A_iᵀ δ_i) ⊙ (1 − f_i²),  ∇_{A_i} L = δ_i f_iᵀ,  ∇_{b_i} L = δ_i");
  const { f0, f1, f2, f3 } = forwardPass(p);
  const d2: Vector<2> = mul(yK.sub(f3).scale(-2), mul(f3, f3.neg().addScalar(1)));
  const d1: Vector<4> = mul(p.A2.T.matmul(d2), f2.mul(f2).neg().addScalar(1));
  const d0: Vector<4> = mul(p.A1.T.matmul(d1), f1.mul(f1).neg().addScalar(1));
  const byHand: Net = { A0: outer(d0, f0), b0: d0, A1: outer(d1, f1), b1: d1, A2: outer(d2, f2), b2: d2 };
  for (const k of ["A2", "b2", "A1", "b1", "A0", "b0"] as const) {
    r.compare(`∇_${k} L`, gK[k], byHand[k], { closed: "backprop by hand", brief: k.startsWith("b") });
  }

  r.note("", "The notes' product for the first layer, ∂L/∂θ_{K−3} = (∂L/∂f_3)(∂f_3/∂f_2)(∂f_2/∂f_1)(∂f_1/∂A_0), factor by factor:");
  const dLdf3: Matrix<1, 2> = grad((f: Vector<2>) => sumSquares(yK.sub(f)))(f3); // 1×n_3
  const df3df2: Matrix<2, 4> = jacobian((f: Vector<4>) => sigmoid(p.A2.matmul(f).add(p.b2)))(f2); // n_3×n_2
  const df2df1: Matrix<4, 4> = jacobian((f: Vector<4>) => tanh(p.A1.matmul(f).add(p.b1)))(f1); // n_2×n_1
  const df1dA0: Tensor<[4], [4, 3]> = jacobian((A0: Matrix<4, 3>) => tanh(A0.matmul(f0).add(p.b0)))(p.A0); // n_1×(n_1×n_0)
  r.compare("∂f_3/∂f_2", df3df2, diag(mul(f3, f3.neg().addScalar(1))).matmul(p.A2), { closed: "diag(σ′(z_2)) A_2" });
  const dLdA0: Tensor<[1], [4, 3]> = chain(chain(chain(dLdf3, df3df2), df2df1), df1dA0); // 1×(4×3)
  r.compare("∂L/∂A_0 (chain of the four factors)", dLdA0, rowTensor(outer(d0, f0)), { closed: "δ_0 f_0ᵀ" });
  const gNum = grad(LK)(p); // numerator layout: { A0: 1×(4×3), b0: 1×4, … }
  const gA0: Tensor<[1], [4, 3]> = gNum.A0, gb0: Matrix<1, 4> = gNum.b0;
  r.compare("grad(L)(θ).A0", gA0, dLdA0, { closed: "the chain product", brief: true });
  r.compare("grad(L)(θ).b0", gb0, d0.T, { closed: "δ_0ᵀ", brief: true });

  // A few gradient-descent steps with the input-shaped gradient.
  let q = p;
  const before = LK(q).item();
  for (let s = 0; s < 50; s++) {
    const gq = gradient(LK)(q);
    q = {
      A0: q.A0.sub(gq.A0.scale(0.5)), b0: q.b0.sub(gq.b0.scale(0.5)),
      A1: q.A1.sub(gq.A1.scale(0.5)), b1: q.b1.sub(gq.b1.scale(0.5)),
      A2: q.A2.sub(gq.A2.scale(0.5)), b2: q.b2.sub(gq.b2.scale(0.5)),
    };
  }
  r.note(`50 steps of θ ← θ − 0.5∇L(θ): L goes from ${before.toFixed(4)} to ${LK(q).item().toExponential(3)}`);
  return r.checks;
}

if (isMain(import.meta.url)) run();
