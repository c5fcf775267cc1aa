/**
 * The multivariate chain rule in numerator layout (seeds 001, 002): df/dt = (∂f/∂x)(∂x/∂t) as a
 * 1×2 row times a 2×1 column, combined with `chain`; and the (s, t) case, a 1×2 row times a 2×2
 * Jacobian.
 *
 * Run: npx tsx examples/multivariate-chain-rule.ts
 */
import { at, chain, cos, exp, grad, jacobian, mat, pow, row, scalar, sin, vec, type Matrix, type Scalar, type Vector } from "../src/index";
import { Report, isMain, type Check, type Log } from "./_report";

export function run(log: Log = console.log): Check[] {
  const r = new Report(log);
  r.title(
    "The multivariate chain rule (seeds 001, 002; numerator layout)",
    "d(f∘x)/dt = (∂f/∂x)(∂x/∂t): the outer derivative's input dims must equal the inner one's output dims,",
    "which `chain` checks at compile time (1×2 · 2×1 → 1×1, 1×2 · 2×2 → 1×2).",
  );

  // ------------------------------------------------------------ S001-15 / S002-23
  r.section("S001-15 / S002-23: f(x) = x₁² + 2x₂, x(t) = (sin t, cos t)");
  {
    const f = (x: Vector<2>): Scalar => pow(at(x, 0), 2).add(at(x, 1).scale(2));
    const x = (t: Scalar): Vector<2> => mat([[sin(t)], [cos(t)]]);
    for (const tv of [0.7, 2.5]) {
      const t = scalar(tv);
      const dfdx: Matrix<1, 2> = grad(f)(x(t)); // 1×2
      const dxdt: Matrix<2, 1> = jacobian(x)(t); // 2×1
      const dfdt: Matrix<1, 1> = chain(dfdx, dxdt); // (1×2)(2×1) = 1×1
      const s = Math.sin(tv), c = Math.cos(tv);
      r.compare(`∂f/∂x at t = ${tv}`, dfdx, row([2 * s, 2]), { closed: "[2 sin t, 2]" });
      r.compare(`∂x/∂t at t = ${tv}`, dxdt, vec([c, -s]), { closed: "[cos t; −sin t]" });
      r.compare(`df/dt = chain(∂f/∂x, ∂x/∂t) at t = ${tv}`, dfdt, scalar(2 * s * (c - 1)), { closed: "2 sin t (cos t − 1)" });
      r.compare(`df/dt = grad(f∘x) at t = ${tv}`, grad((t: Scalar) => f(x(t)))(t), scalar(2 * s * (c - 1)), { closed: "2 sin t (cos t − 1)" });
    }
  }

  // ------------------------------------------------------------ S001-19
  r.section("S001-19: h(t) = f(g(t)), f(x) = exp(x₁x₂²), x = g(t) = (t cos t, t sin t)");
  {
    const f = (x: Vector<2>): Scalar => exp(at(x, 0).mul(pow(at(x, 1), 2)));
    const g = (t: Scalar): Vector<2> => mat([[t.mul(cos(t))], [t.mul(sin(t))]]);
    const tv = 0.9, t = scalar(tv);
    const x1 = tv * Math.cos(tv), x2 = tv * Math.sin(tv), E = Math.exp(x1 * x2 * x2);
    const dfdx: Matrix<1, 2> = grad(f)(g(t)); // ∂f/∂x ∈ R^{1×2}
    const dgdt: Matrix<2, 1> = jacobian(g)(t); // ∂g/∂t ∈ R^{2×1}
    const dhdt: Matrix<1, 1> = chain(dfdx, dgdt);
    r.note(`t = ${tv}, x = (${x1.toFixed(4)}, ${x2.toFixed(4)})`);
    r.compare("∂f/∂x", dfdx, row([E * x2 * x2, 2 * E * x1 * x2]), { closed: "[exp(x₁x₂²)x₂², 2exp(x₁x₂²)x₁x₂]" });
    r.compare("∂g/∂t", dgdt, vec([Math.cos(tv) - tv * Math.sin(tv), Math.sin(tv) + tv * Math.cos(tv)]), { closed: "[cos t − t sin t; sin t + t cos t]" });
    const closed = E * (x2 * x2 * (Math.cos(tv) - tv * Math.sin(tv)) + 2 * x1 * x2 * (Math.sin(tv) + tv * Math.cos(tv)));
    r.compare("dh/dt = chain(∂f/∂x, ∂g/∂t)", dhdt, scalar(closed), { closed: "exp(x₁x₂²)(x₂²(cos t − t sin t) + 2x₁x₂(sin t + t cos t))" });
    r.compare("dh/dt = grad(f∘g)", grad((t: Scalar) => f(g(t)))(t), scalar(closed));
  }

  // ------------------------------------------------------------ S001-16
  r.section("S001-16: x₁(s, t), x₂(s, t): df/d(s,t) = (∂f/∂x)(∂x/∂(s,t)), a 1×2 · 2×2 product");
  r.note(
    "The notes leave x(s, t) and f abstract; here f(x) = x₁² + 2x₂ (as in S001-15) and x = (s cos t, s sin t),",
    "so f(s, t) = s² cos²t + 2s sin t, with ∂f/∂s = 2s cos²t + 2 sin t and ∂f/∂t = −2s² cos t sin t + 2s cos t.",
  );
  {
    const f = (x: Vector<2>): Scalar => pow(at(x, 0), 2).add(at(x, 1).scale(2));
    const x = (st: Vector<2>): Vector<2> => {
      const s = at(st, 0), t = at(st, 1);
      return mat([[s.mul(cos(t))], [s.mul(sin(t))]]);
    };
    const sv = 1.3, tv = 0.4, st = vec([sv, tv]);
    const c = Math.cos(tv), sn = Math.sin(tv), x1 = sv * c;
    const dfdx: Matrix<1, 2> = grad(f)(x(st)); // [∂f/∂x₁, ∂f/∂x₂]
    const dxdst: Matrix<2, 2> = jacobian(x)(st); // [[∂x₁/∂s, ∂x₁/∂t], [∂x₂/∂s, ∂x₂/∂t]]
    const dfdst: Matrix<1, 2> = chain(dfdx, dxdst); // (1×2)(2×2) = 1×2
    r.note(`s = ${sv}, t = ${tv}`);
    r.compare("∂f/∂x", dfdx, row([2 * x1, 2]), { closed: "[2x₁, 2]" });
    r.compare("∂x/∂(s,t)", dxdst, mat([[c, -sv * sn], [sn, sv * c]]), { closed: "[[cos t, −s sin t], [sin t, s cos t]]" });
    const closed = row([2 * sv * c * c + 2 * sn, -2 * sv * sv * c * sn + 2 * sv * c]);
    r.compare("df/d(s,t) = chain(∂f/∂x, ∂x/∂(s,t))", dfdst, closed, { closed: "[∂f/∂s, ∂f/∂t]" });
    r.compare("df/d(s,t) = grad(f∘x)", grad((st: Vector<2>) => f(x(st)))(st), closed);
    // The order matters (matrix products do not commute); the reversed product does not compile:
    const reversed = () =>
      // @ts-expect-error chain: intermediate dims differ (the outer derivative takes 2, the inner one produces 1)
      chain(dxdst, dfdx);
    void reversed;
  }
  return r.checks;
}

if (isMain(import.meta.url)) run();
