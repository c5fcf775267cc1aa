/**
 * Nested differentiation: Hessians (forward over reverse, and reverse over reverse), grad of grad,
 * mixed jvp/grad nestings, functions that differentiate internally, and perturbation confusion.
 * Second derivatives go through the derivative rules themselves, so these tests check that every
 * jvp/vjp rule is written with differentiable operations.
 */
import { describe, it, expect } from "vitest";
import fc from "fast-check";
import {
  Tensor, grad, gradient, jvp, jacobian, hessian, numericJacobian,
  add, sub, mul, div, scale, addScalar, exp, log, sin, cos, tanh, sigmoid, relu, abs, sqrt, pow, softplus, logSigmoid,
  matmul, outer, transpose, det, logAbsDet, inv, solve, kron, sum, mean, max, logSumExp, softmax, logSoftmax, sumSquares, dot, norm,
  addToRows, addToCols, reshape, vecCols, sliceRows, sliceCols, at, vstack, hstack, diag, diagPart, trace, mat, vec, scalar, fromData,
} from "../src/index";
import {
  type M, type D, type AnyFn, prop, dimArb, seedArb, shapeArb, squareArb, rnd, positive, awayFromZero, distinct, wellConditioned,
  expectClose, shapeOf, flat,
} from "./calculus-helpers";

/* eslint-disable @typescript-eslint/no-explicit-any */
const G = gradient as (f: AnyFn) => (x: any) => any;
const Gr = grad as (f: AnyFn) => (x: any) => any;
const H = hessian as (f: AnyFn) => (x: M) => D;
const J = jacobian as (f: AnyFn, opts?: { mode?: "auto" | "forward" | "reverse" }) => (x: any) => any;
const JVP = jvp as (f: AnyFn, x: any, v: any) => { out: M; tangent: M };
const F = {
  matmul: matmul as any, solve: solve as any, det: det as any, logAbsDet: logAbsDet as any, inv: inv as any, kron: kron as any, dot: dot as any,
  trace: trace as any, diagPart: diagPart as any, sum: sum as any, logSumExp: logSumExp as any, addToRows: addToRows as any, addToCols: addToCols as any,
  reshape: reshape as any, sliceRows: sliceRows as any, sliceCols: sliceCols as any, vstack: vstack as any, hstack: hstack as any, mat: mat as any,
  vec: vec as any, outer: outer as any, add: add as any, mul: mul as any,
};
/* eslint-enable @typescript-eslint/no-explicit-any */

/**
 * The Hessian three ways: `hessian` (forward over reverse), the reverse-mode Jacobian of the
 * reverse-mode gradient, and central differences of the gradient; plus symmetry. Finite differences
 * of an exact gradient err by ≈ ε²|f⁗|/6 + u|∇f|/ε ≈ 1e-10 with O(1) values.
 */
function checkHessian(f: AnyFn, x: M, tol = 1e-6): D {
  const h = H(f)(x);
  const rr = J(G(f), { mode: "reverse" })(x) as D;
  const num = numericJacobian(G(f), x, { eps: 1e-5 }) as D;
  const n = x.rows * x.cols, full = h instanceof Tensor ? h.toMatrix() : h;
  expect(shapeOf(h)).toEqual(x.cols === 1 ? [x.rows, x.rows] : [x.rows, x.cols, x.rows, x.cols]);
  expectClose(h, rr, 1e-10, "forward-over-reverse vs reverse-over-reverse");
  expectClose(h, num, tol, "hessian vs finite differences of the gradient");
  for (let i = 0; i < n; i++) for (let j = 0; j < i; j++) {
    const a = full.data[i * n + j], b = full.data[j * n + i];
    if (!(Math.abs(a - b) <= 1e-10 * Math.max(1, Math.abs(a)))) throw new Error(`hessian not symmetric at (${i}, ${j}): ${a} vs ${b}`);
  }
  return h;
}

describe("Hessians with closed forms", () => {
  prop("hessian of xᵀBx is B + Bᵀ", fc.record({ n: fc.integer({ min: 1, max: 6 }), seed: seedArb }), ({ n, seed }) => {
    const B = rnd(n, n, seed), x = rnd(n, 1, seed + 1);
    const f = (x: M) => F.matmul(transpose(x), F.matmul(B, x));
    const h = checkHessian(f, x) as M;
    expectClose(h, add(B, transpose(B) as M), 1e-14, "B + Bᵀ");
  });

  prop("hessian of Σ exp(x) is diag(exp x)", fc.record({ n: dimArb, seed: seedArb }), ({ n, seed }) => {
    const x = rnd(n, 1, seed);
    expectClose(checkHessian((x: M) => sum(exp(x)), x), diag(exp(x)) as M, 1e-14, "diag(exp x)");
  });

  prop("hessian of logSumExp is diag(p) − ppᵀ with p = softmax(x)", fc.record({ n: dimArb, seed: seedArb }), ({ n, seed }) => {
    const x = rnd(n, 1, seed), p = softmax(x) as M;
    expectClose(checkHessian((x: M) => logSumExp(x), x), sub(diag(p) as M, F.outer(p, p)), 1e-14, "diag(p) − ppᵀ");
  });

  prop("hessian of log det(X) (in direction V, W: −tr(X⁻¹V X⁻¹W)) for a matrix X: a Tensor [n, n, n, n]", squareArb, ({ n, seed }) => {
    const X = wellConditioned(n, seed);
    const h = checkHessian((x: M) => F.logAbsDet(x), X) as D;
    const Xi = F.inv(X) as M;
    // ∂²/∂X_ij∂X_kl log|det X| = −(X⁻¹)_jk (X⁻¹)_li
    const hm = h instanceof Tensor ? h : null;
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) for (let k = 0; k < n; k++) for (let l = 0; l < n; l++) {
      const expected = -Xi.get(j, k) * Xi.get(l, i);
      const actual = hm ? hm.get(i, j, k, l) : (h as M).get(0, 0);
      expect(Math.abs(actual - expected)).toBeLessThanOrEqual(1e-12);
    }
  });
});

const c6 = (s: number) => rnd(6, 6, s + 100);
/** Scalar functions of x exercising every operation, and how to draw x for a shape and seed. */
const hessianCases: [string, (s: number) => AnyFn, (r: number, c: number, s: number) => M][] = [
    ["add / sub / mul / div", () => (x: M) => sum(div(mul(add(x, x), sub(x, exp(x))), addScalar(pow(x, 2), 1))), rnd],
    ["scale and addScalar by traced scalars", () => (x: M) => sum(sin(addScalar(scale(x, sum(x)), mean(x)))), rnd],
    ["exp, log (positive), sqrt (positive)", () => (x: M) => sum(add(mul(log(x), sqrt(x)), exp(x).mul(0.1))), positive],
    ["sin, cos, tanh, sigmoid", () => (x: M) => sum(mul(mul(sin(x), cos(x)), add(tanh(x), sigmoid(x)))), rnd],
    ["softplus, logSigmoid", () => (x: M) => sum(mul(softplus(x), logSigmoid(x))), rnd],
    ["relu and abs (away from 0) times a smooth function", () => (x: M) => sum(mul(add(relu(x), abs(x)), sin(x))), awayFromZero],
    ["pow 3, 0.5 (positive), −1, 1.5 (positive)", () => (x: M) => sum(add(add(pow(x, 3), pow(x, 0.5)), add(pow(x, -1), pow(x, 1.5)))), positive],
    ["max (distinct) times a smooth function", () => (x: M) => mul(max(x), sumSquares(x)), distinct],
    ["logSumExp all / axis 0 / axis 1", () => (x: M) => add(logSumExp(x), add(sumSquares(F.logSumExp(x, 0)), sumSquares(F.logSumExp(x, 1)))), rnd],
    ["softmax and logSoftmax", (s) => (x: M) => F.add(F.dot(softmax(x, 0), rnd(x.rows, x.cols, s + 9)), sum(F.mul(logSoftmax(x, 1), softmax(x)))), rnd],
    ["norms 2, 'fro', 1, 3 (away from 0)", () => (x: M) => add(add(norm(x), norm(x, "fro")), add(pow(norm(x, 1), 2), norm(x, 3))), awayFromZero],
    ["sum axes, mean", () => (x: M) => add(sumSquares(F.sum(x, 0)), mul(sumSquares(F.sum(x, 1)), mean(x))), rnd],
    ["addToRows / addToCols, sliceRows / sliceCols, vstack / hstack", () => (x: M) =>
      add(sumSquares(sin(F.vstack(F.addToRows(x, F.sliceRows(x, 0, 1)), exp(F.sliceRows(x, x.rows - 1, x.rows))))),
        sumSquares(cos(F.hstack(F.addToCols(x, F.sliceCols(x, 0, 1)), F.mul(F.sliceCols(x, x.cols - 1, x.cols), x.col(0)))))), rnd],
    ["reshape, vecCols, transpose, at, mat", () => (x: M) =>
      F.add(F.dot(vecCols(x), sin(F.reshape(transpose(x), x.rows * x.cols, 1))), sumSquares(F.mat([[F.mul(at(x, 0), at(x, x.rows * x.cols - 1)), exp(at(x, 0))]]))), rnd],
    ["matmul and outer", (s) => (x: M) => sumSquares(tanh(F.matmul(F.matmul(transpose(x), x), rnd(x.cols, 2, s + 5)))), rnd],
    ["kron", () => (x: M) => sum(sin(F.kron(x, transpose(x)))), (r, c, s) => rnd(Math.min(r, 3), Math.min(c, 3), s)],
];
/** Scalar functions of a square x, drawn well-conditioned. */
const squareHessianCases: [string, (s: number) => AnyFn][] = [
    ["det", () => (x: M) => F.det(x)],
    ["logAbsDet (negative determinant)", () => (x: M) => F.logAbsDet(x)],
    ["inv", (s) => (x: M) => F.dot(F.inv(x), c6(s).sliceRows(0, x.rows).sliceCols(0, x.cols))],
    ["solve in A", (s) => (x: M) => sumSquares(F.solve(x, rnd(x.rows, 2, s + 1)))],
    ["solve in both arguments", () => (x: M) => sumSquares(F.solve(x, sin(x)))],
    ["trace, diag, diagPart", () => (x: M) => F.add(pow(F.trace(x), 3), sumSquares(F.matmul(diag(F.diagPart(x)), x)))],
];

describe("Hessians of every operation: forward over reverse = reverse over reverse = finite differences of the gradient", () => {
  for (const [name, mkF, mkX] of hessianCases) {
    prop(name, shapeArb, ({ r, c, seed }) => void checkHessian(mkF(seed), mkX(r, c, seed)), 20);
  }
  for (const [name, mkF] of squareHessianCases) {
    prop(name, squareArb, ({ n, seed }) => void checkHessian(mkF(seed), wellConditioned(n, seed, name.includes("negative"))), 20);
  }
});

// From 4 passes on, jacobian traces the linearized function once at the fixed point and runs all
// passes as one batched pass (src/jit/batch.ts). On these cases the batched kernels add in the same
// order as separate passes, so the results agree to the last bit.
describe("Hessians of 36 entries (forward passes batched) equal separate forward passes bit for bit", () => {
  /** Column k of the Hessian is the tangent of the gradient along e_k, one eager pass each. */
  const expectSeparatePasses = (f: AnyFn, x: M) => {
    const h = H(f)(x);
    const full = h instanceof Tensor ? h.toMatrix() : h, n = x.rows * x.cols;
    for (let k = 0; k < n; k++) {
      const e = new Float64Array(n);
      e[k] = 1;
      const col = JVP(G(f), x, fromData(x.rows as any, x.cols as any, e)).tangent.data;
      for (let i = 0; i < n; i++) {
        if (!Object.is(full.data[i * n + k], col[i])) throw new Error(`entry (${i}, ${k}): ${full.data[i * n + k]} vs ${col[i]}`);
      }
    }
  };
  for (const [name, mkF, mkX] of hessianCases) {
    if (name === "kron") continue; // its x is at most 3×3
    it(name, () => expectSeparatePasses(mkF(7), mkX(6, 6, 7)));
  }
  for (const [name, mkF] of squareHessianCases) {
    it(name, () => expectSeparatePasses(mkF(8), wellConditioned(6, 8, name.includes("negative"))));
  }

  it("a batched Hessian is also right: forward over reverse = reverse over reverse = finite differences", () => {
    checkHessian(hessianCases[0][1](9), rnd(6, 6, 9));
  });

  it("under an outer gradient (the function closes over the traced variable), the passes run as they are", () => {
    const x0 = rnd(40, 1, 3), A = rnd(3, 40, 4, 0.3);
    // h(w) = ‖∂/∂x sin(w·A x)‖² at x0: 40 forward passes whose function reads the traced w
    const h = (w: M) => sumSquares(J((v: M) => sin(F.matmul(A, v).scale(w)), { mode: "forward" })(x0));
    const w = scalar(0.7) as M;
    expectClose(G(h)(w), numericJacobian(h, w, { eps: 1e-5 }) as M, 1e-6, "d/dw ‖J‖² vs finite differences");
  });
});

describe("grad of grad and other nestings (scalar t)", () => {
  const f = (t: M) => mul(sin(t), pow(t, 3)); // sin(t)·t³
  const d1 = (t: number) => Math.cos(t) * t ** 3 + 3 * t ** 2 * Math.sin(t);
  const d2 = (t: number) => -Math.sin(t) * t ** 3 + 6 * t ** 2 * Math.cos(t) + 6 * t * Math.sin(t);
  const d3 = (t: number) => -Math.cos(t) * t ** 3 - 9 * t ** 2 * Math.sin(t) + 18 * t * Math.cos(t) + 6 * Math.sin(t);
  const tArb = fc.double({ min: -3, max: 3, noNaN: true });
  const close = (a: number, b: number, what: string) => {
    if (!(Math.abs(a - b) <= 1e-12 * Math.max(1, Math.abs(b)))) throw new Error(`${what}: ${a} vs ${b}`);
  };

  prop("d/dt, d²/dt², d³/dt³ of sin(t)·t³ by grad(grad(…))", tArb, (t) => {
    const x = scalar(t);
    close(Gr(f)(x).item(), d1(t), "grad");
    close(Gr(Gr(f))(x).item(), d2(t), "grad ∘ grad");
    close(Gr(Gr(Gr(f)))(x).item(), d3(t), "grad ∘ grad ∘ grad");
  });

  prop("every nesting of jvp and grad gives the same second derivative", tArb, (t) => {
    const x = scalar(t), one = scalar(1);
    const jv = (g: AnyFn) => (s: M) => JVP(g, s, one).tangent;
    close(jv(jv(f))(x).item(), d2(t), "jvp ∘ jvp (forward over forward)");
    close(Gr(jv(f))(x).item(), d2(t), "grad ∘ jvp (reverse over forward)");
    close(jv(Gr(f))(x).item(), d2(t), "jvp ∘ grad (forward over reverse)");
    close((H(f)(x) as M).item(), d2(t), "hessian");
    close(jv(Gr(jv(f)))(x).item(), d3(t), "jvp ∘ grad ∘ jvp");
  });

  prop("second derivatives of the element-wise functions at scalars", fc.double({ min: 0.3, max: 2.5, noNaN: true }), (t) => {
    const x = scalar(t), dd = (g: AnyFn) => Gr(Gr(g))(x).item();
    const s = 1 / (1 + Math.exp(-t));
    close(dd((x: M) => exp(x)), Math.exp(t), "exp″");
    close(dd((x: M) => log(x)), -1 / t ** 2, "log″");
    close(dd((x: M) => sqrt(x)), -0.25 * t ** -1.5, "sqrt″");
    close(dd((x: M) => tanh(x)), -2 * Math.tanh(t) * (1 - Math.tanh(t) ** 2), "tanh″");
    close(dd((x: M) => sigmoid(x)), s * (1 - s) * (1 - 2 * s), "sigmoid″");
    close(dd((x: M) => softplus(x)), s * (1 - s), "softplus″");
    close(dd((x: M) => logSigmoid(x)), -s * (1 - s), "logSigmoid″");
    close(dd((x: M) => pow(x, 0.5)), -0.25 * t ** -1.5, "pow(·, ½)″");
    close(dd((x: M) => pow(x, -1)), 2 / t ** 3, "pow(·, −1)″");
    close(dd((x: M) => pow(x, 2)), 2, "pow(·, 2)″");
    close(dd((x: M) => pow(x, 1)), 0, "pow(·, 1)″");
    close(dd((x: M) => relu(x)), 0, "relu″");
    close(dd((x: M) => div(scalar(1), x)), 2 / t ** 3, "(1/x)″");
  });

  it("no perturbation confusion: d/dx [x · d/dy (x + y)] = 1, and d/dx [x · d/dy (x·y)] = 2x", () => {
    const x0 = scalar(3);
    const inner1 = (x: M) => Gr((y: M) => add(x, y))(scalar(1));
    const inner2 = (x: M) => Gr((y: M) => mul(x, y))(scalar(1));
    expect(Gr((x: M) => mul(x, inner1(x)))(x0).item()).toBe(1);
    expect(Gr((x: M) => mul(x, inner2(x)))(x0).item()).toBe(6);
    // the same with forward mode inside and outside
    const jInner = (x: M) => JVP((y: M) => mul(x, y), scalar(1), scalar(1)).tangent;
    expect(JVP((x: M) => mul(x, jInner(x)), x0, scalar(1)).tangent.item()).toBe(6);
    expect(Gr((x: M) => mul(x, jInner(x)))(x0).item()).toBe(6);
    expect(JVP((x: M) => mul(x, inner2(x)), x0, scalar(1)).tangent.item()).toBe(6);
  });
});

describe("functions that differentiate internally", () => {
  /** f(x) = logSumExp(Ax) + ¼‖x‖⁴, gradient and Hessian known in closed form through the library. */
  const mk = (n: number, seed: number) => {
    const A = rnd(4, n, seed, 0.7);
    const f = (x: M) => add(logSumExp(F.matmul(A, x)), mul(pow(sumSquares(x), 2), 0.25));
    return { A, f };
  };

  prop("gradient of ‖∇f‖² is 2·H·∇f, and matches finite differences", fc.record({ n: dimArb, seed: seedArb }), ({ n, seed }) => {
    const { f } = mk(n, seed);
    const x = rnd(n, 1, seed + 1, 0.8);
    const h = (x: M) => sumSquares(G(f)(x));
    const g = G(h)(x) as M;
    const expected = F.matmul(H(f)(x), G(f)(x)).mul(2) as M;
    expectClose(g, expected, 1e-10, "∇‖∇f‖² vs 2H∇f");
    expectClose(transpose(g) as M, numericJacobian(h, x, { eps: 1e-5 }) as M, 1e-6, "∇‖∇f‖² vs finite differences");
    // the same through grad (a 1×n row) and forward mode on the outside
    const hRow = (x: M) => sumSquares(Gr(f)(x));
    expectClose(J(hRow, { mode: "forward" })(x), transpose(expected) as M, 1e-10, "forward mode over ‖grad f‖²");
  });

  prop("a Hessian-vector product: jvp of the gradient = H·v (and grad of ⟨∇f, v⟩ = H·v)", fc.record({ n: dimArb, seed: seedArb }), ({ n, seed }) => {
    const { f } = mk(n, seed);
    const x = rnd(n, 1, seed + 1, 0.8), v = rnd(n, 1, seed + 2);
    const Hv = F.matmul(H(f)(x), v) as M;
    expectClose(JVP(G(f), x, v).tangent, Hv, 1e-10, "forward-over-reverse HVP");
    expectClose(G((x: M) => F.dot(G(f)(x), v))(x), Hv, 1e-10, "reverse-over-reverse HVP");
    expectClose(G((x: M) => JVP(f, x, v).tangent)(x), Hv, 1e-10, "reverse-over-forward HVP");
  });

  prop("gradient w.r.t. a matrix of ‖gradient(f)(W)‖² (gradient is input-shaped, so it stays traced)", shapeArb, ({ r, c, seed }) => {
    const X = rnd(c, 3, seed);
    const f = (W: M) => sumSquares(tanh(F.matmul(W, X)));
    const h = (W: M) => sumSquares(G(f)(W));
    const W = rnd(r, c, seed + 1, 0.5);
    const num = flat(numericJacobian(h, W, { eps: 1e-5 }) as D); // 1×(r·c) entries, row-major over W
    expectClose(G(h)(W), fromData(r as any, c as any, num) as M, 1e-6, "∇‖∇f‖² (matrix) vs finite differences");
  }, 20);

  prop("gradient of a function of a Matrix-shaped jacobian (R^n → R^m inside)", fc.record({ n: dimArb, seed: seedArb }), ({ n, seed }) => {
    const A = rnd(3, n, seed);
    const inner = (v: M) => sin(F.matmul(A, v));
    const x = rnd(n, 1, seed + 1);
    for (const mode of ["forward", "reverse"] as const) {
      const h = (v: M) => sumSquares(J(inner, { mode })(v));
      expectClose(transpose(G(h)(x)) as M, numericJacobian(h, x, { eps: 1e-5 }) as M, 1e-6, `∇‖J‖² (inner ${mode})`);
    }
  });

  // Tensor-shaped derivatives stay traced: differentiating through grad w.r.t. a matrix works.
  it("gradient through a Tensor-valued grad (grad w.r.t. a matrix inside gradient) matches finite differences", () => {
    const W = mat([[0.3, -0.5], [0.2, 0.7]]) as M;
    const inner = (b: M) => sum(exp(mul(b, b)));
    const viaGradient = (w: M) => sumSquares(G(inner)(w));
    const viaGrad = (w: M) => sumSquares((Gr(inner)(w) as Tensor).toMatrix() as M);
    expect(viaGrad(W).item()).toBeCloseTo(viaGradient(W).item(), 14); // same function
    const expected = G(viaGradient)(W) as M; // ≈ [[3.39, −9.89], [1.87, 29.54]], agrees with finite differences
    expectClose(G(viaGrad)(W), expected, 1e-10, "∇ through a Tensor grad");
  });
});
