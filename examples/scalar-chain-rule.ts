/**
 * Scalar and partial derivatives, and the chain rule for scalars (seeds 001 and 002, numerator
 * layout): the derivative table, h(x) = (2x + 1)⁴, g(z) = tanh(z) with z = xⁿ, and the 1×2
 * gradients of f(x₁, x₂) = x₁²x₂ + x₁x₂³ and f(x₁, x₂) = (x₁ + 2x₂³)².
 *
 * Run: npx tsx examples/scalar-chain-rule.ts
 */
import {
  at, chain, exp, grad, log as ln, pow, row, scalar, sin, tanh, vec,
  type Matrix, type Scalar, type Vector,
} from "../src/index";
import { Report, isMain, type Check, type Log } from "./_report";

export function run(log: Log = console.log): Check[] {
  const r = new Report(log);
  r.title(
    "Scalar derivatives and the chain rule (seeds 001, 002; numerator layout)",
    "A scalar is a 1×1 matrix (Scalar); the derivative of a scalar w.r.t. a scalar is 1×1, w.r.t. x ∈ R² a 1×2 row.",
  );

  // ------------------------------------------------------------ S001-2, S002-4…8: the table
  r.section("The derivative table (S002-4…8), and xⁿ from first principles (S001-2)");
  const x0 = 0.8;
  const n = 5;
  const table: [string, (x: Scalar) => Scalar, (x: number) => number, string][] = [
    [`x^${n}`, (x) => pow(x, n), (x) => n * x ** (n - 1), `n x^(n−1)`],
    ["sin x", (x) => sin(x), (x) => Math.cos(x), "cos x"],
    ["tanh x", (x) => tanh(x), (x) => 1 - Math.tanh(x) ** 2, "1 − tanh²x"],
    ["exp x", (x) => exp(x), (x) => Math.exp(x), "exp x"],
    ["log x", (x) => ln(x), (x) => 1 / x, "1/x"],
  ];
  for (const [name, f, closed, text] of table) {
    const d: Matrix<1, 1> = grad(f)(scalar(x0));
    r.compare(`d(${name})/dx at x = ${x0}`, d.item(), closed(x0), { closed: text });
  }
  r.note(`From first principles: ((x+h)ⁿ − xⁿ)/h → n x^(n−1) = ${(n * x0 ** (n - 1)).toFixed(6)} as h → 0 (n = ${n}, x = ${x0}):`);
  for (const h of [1e-1, 1e-2, 1e-3, 1e-4]) r.note(`  h = ${h.toExponential(0)}:  ${(((x0 + h) ** n - x0 ** n) / h).toFixed(6)}`);

  // ------------------------------------------------------------ S001-7: h(x) = (2x + 1)⁴
  r.section("S001-7: h(x) = (2x + 1)⁴ = g(f(x)), f(x) = 2x + 1, g(f) = f⁴");
  const f7 = (x: Scalar): Scalar => x.scale(2).addScalar(1);
  const g7 = (f: Scalar): Scalar => pow(f, 4);
  const h7 = (x: Scalar): Scalar => g7(f7(x));
  for (const xv of [-1, 0.25, 1.5]) {
    const x = scalar(xv);
    const dfdx: Matrix<1, 1> = grad(f7)(x); // f′(x) = 2
    const dgdf: Matrix<1, 1> = grad(g7)(f7(x)); // g′(f) = 4f³
    const viaChain: Matrix<1, 1> = chain(dgdf, dfdx); // g′(f(x)) f′(x)
    const direct: Matrix<1, 1> = grad(h7)(x);
    const fx = 2 * xv + 1;
    r.note(`x = ${xv}: f = 2x + 1 = ${fx}, f′(x) = ${dfdx.item()}, g′(f) = 4f³ = ${dgdf.item()}`);
    r.compare(`h′(${xv}) = g′(f)·f′(x)  (chain)`, viaChain, scalar(8 * fx ** 3), { closed: "8(2x + 1)³" });
    r.compare(`h′(${xv})  (grad of h)`, direct, scalar(8 * fx ** 3), { closed: "8(2x + 1)³" });
  }

  // ------------------------------------------------------------ S002-13: Beginner
  r.section("S002-13 (Beginner): g(z) = 6z + 3, z = f(x) = −2x + 5");
  {
    const f = (x: Scalar): Scalar => x.scale(-2).addScalar(5);
    const g = (z: Scalar): Scalar => z.scale(6).addScalar(3);
    const d: Matrix<1, 1> = grad((x: Scalar) => g(f(x)))(scalar(1.7));
    r.compare("(g∘f)′(x)", d.item(), -12, { closed: "(6)·(−2) = −12" });
  }

  // ------------------------------------------------------------ S002-14: Advanced
  r.section("S002-14 (Advanced): g(z) = tanh(z), z = f(x) = xⁿ");
  for (const [nv, xv] of [[2, 0.9], [3, -0.7], [4, 1.1]] as const) {
    const f = (x: Scalar): Scalar => pow(x, nv);
    const x = scalar(xv);
    const dgdf: Matrix<1, 1> = grad((z: Scalar) => tanh(z))(f(x)); // 1 − tanh²(xⁿ)
    const dfdx: Matrix<1, 1> = grad(f)(x); // n x^(n−1)
    const closed = (1 - Math.tanh(xv ** nv) ** 2) * nv * xv ** (nv - 1);
    r.compare(`n = ${nv}, x = ${xv}: dg/df · df/dx`, chain(dgdf, dfdx), scalar(closed), { closed: "(1 − tanh²(xⁿ))·n x^(n−1)" });
    r.compare(`n = ${nv}, x = ${xv}: grad of tanh(xⁿ)`, grad((x: Scalar) => tanh(f(x)))(x), scalar(closed), { closed: "(1 − tanh²(xⁿ))·n x^(n−1)" });
  }

  // ------------------------------------------------------------ S001-10, S002-16
  r.section("S001-10 / S002-16: f(x₁, x₂) = x₁²x₂ + x₁x₂³, df/dx ∈ R^{1×2}");
  {
    const f = (x: Vector<2>): Scalar => {
      const x1 = at(x, 0), x2 = at(x, 1);
      return x1.mul(x1).mul(x2).add(x1.mul(pow(x2, 3)));
    };
    for (const [a, b] of [[1, 2], [-0.5, 1.5]] as const) {
      const g: Matrix<1, 2> = grad(f)(vec([a, b]));
      r.compare(`df/dx at x = (${a}, ${b})`, g, row([2 * a * b + b ** 3, a * a + 3 * a * b * b]), { closed: "[2x₁x₂ + x₂³, x₁² + 3x₁x₂²]" });
    }
  }

  // ------------------------------------------------------------ S001-9, S002-17
  r.section("S001-9 / S002-17: f(x₁, x₂) = (x₁ + 2x₂³)², df/dx ∈ R^{1×2}");
  {
    const f = (x: Vector<2>): Scalar => pow(at(x, 0).add(pow(at(x, 1), 3).scale(2)), 2);
    for (const [a, b] of [[1, 2], [0.3, -0.8]] as const) {
      const g: Matrix<1, 2> = grad(f)(vec([a, b]));
      const u = a + 2 * b ** 3;
      r.compare(`df/dx at x = (${a}, ${b})`, g, row([2 * u, 12 * b * b * u]), { closed: "[2(x₁ + 2x₂³), 12x₂²(x₁ + 2x₂³)]" });
    }
  }
  return r.checks;
}

if (isMain(import.meta.url)) run();
