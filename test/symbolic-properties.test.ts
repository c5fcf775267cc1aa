/**
 * Symbolic derivatives against the numeric engine. fast-check builds random expressions from the
 * core operations as ordinary functions of matrices; the same function runs on symbols (giving an
 * expression, differentiated symbolically and evaluated) and on numbers (differentiated by the
 * engine's `gradient` / `jacobian`). They must agree to 1e-9 (relative), and the compiled form must
 * agree with `evaluate`.
 */
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import {
  Matrix, Tensor, add, sub, mul, scale, neg, exp, sin, tanh, sigmoid, relu, abs, matmul, transpose, det, inv, logAbsDet,
  sum, sumSquares, logSumExp, softmax, addToCols, eye, fromData, gradient, jacobian, trace, solve, norm, repeatCols,
} from "../src/index";
import { symbol, derivative, gradientOf, evaluate, compile } from "../src/symbolic/index";

/* eslint-disable @typescript-eslint/no-explicit-any */
type M = Matrix<any, any>;
type Env = { X: M; Y: M; x: M; c: M; C: M };
type Fn = (e: Env) => M;
interface Term {
  readonly rows: number;
  readonly cols: number;
  readonly f: Fn;
  readonly text: string;
}

const N = 3;
const A: any = { add, sub, mul, scale, matmul, solve, addToCols, repeatCols };
const I3 = eye(N) as M;

const leaf = (rows: number, cols: number): fc.Arbitrary<Term> => {
  const opts: Term[] = [];
  if (rows === N && cols === N) opts.push({ rows, cols, f: (e) => e.X, text: "X" }, { rows, cols, f: (e) => e.C, text: "C" }, { rows, cols, f: (e) => e.Y, text: "Y" });
  if (rows === N && cols === 1) opts.push({ rows, cols, f: (e) => e.x, text: "x" }, { rows, cols, f: (e) => e.c, text: "c" });
  if (rows === 1 && cols === N) opts.push({ rows, cols, f: (e) => transpose(e.x), text: "xᵀ" }, { rows, cols, f: (e) => transpose(e.c), text: "cᵀ" });
  if (rows === 1 && cols === 1) opts.push({ rows, cols, f: (e) => matmul(transpose(e.c), e.x as any), text: "cᵀx" }, { rows, cols, f: (e) => sum(e.X), text: "1ᵀX1" });
  return fc.constantFrom(...opts);
};

const SHAPES: [number, number][] = [[N, N], [N, 1], [1, N], [1, 1]];

/** A random term of the given shape, at most `depth` operations deep. */
function term(rows: number, cols: number, depth: number): fc.Arbitrary<Term> {
  if (depth <= 0) return leaf(rows, cols);
  const sub1 = (r = rows, c = cols) => term(r, c, depth - 1);
  const un = (name: string, g: (m: M) => M) => sub1().map((t) => ({ rows, cols, f: (e: Env) => g(t.f(e)), text: `${name}(${t.text})` }));
  const bin = (name: string, g: (a: M, b: M) => M) =>
    fc.tuple(sub1(), sub1()).map(([a, b]) => ({ rows, cols, f: (e: Env) => g(a.f(e), b.f(e)), text: `(${a.text} ${name} ${b.text})` }));
  const cands: fc.Arbitrary<Term>[] = [
    leaf(rows, cols),
    bin("+", (a, b) => A.add(a, b)),
    bin("−", (a, b) => A.sub(a, b)),
    bin("⊙", (a, b) => A.mul(a, b)),
    fc.tuple(sub1(), fc.constantFrom(-2, 0.5, 3)).map(([t, k]) => ({ rows, cols, f: (e: Env) => A.scale(t.f(e), k), text: `${k}·${t.text}` })),
    un("tanh", tanh),
    un("σ", sigmoid),
    un("sin", sin),
    un("neg", neg),
    un("exp∘tanh", (m) => exp(tanh(m))),
    un("relu", relu),
    un("abs", abs),
    sub1(cols, rows).map((t) => ({ rows, cols, f: (e: Env) => transpose(t.f(e)), text: `${t.text}ᵀ` })),
    fc
      .tuple(fc.constantFrom(1, N), fc.constant(0))
      .chain(([k]) => fc.tuple(sub1(rows, k), sub1(k, cols)))
      .map(([a, b]) => ({ rows, cols, f: (e: Env) => A.matmul(a.f(e), b.f(e)), text: `${a.text}·${b.text}` })),
    // a scalar factor that depends on the variable too
    fc.tuple(sub1(), sub1(1, 1)).map(([a, s]) => ({ rows, cols, f: (e: Env) => A.scale(a.f(e), s.f(e)), text: `(${s.text})·${a.text}` })),
  ];
  if (rows === N && cols === N) {
    // well-conditioned inverse, solve, and b·1ᵀ broadcasts
    cands.push(un("inv", (m) => inv(add(I3, scale(tanh(m), 0.1)) as any)));
    cands.push(fc.tuple(sub1(), sub1(N, 1)).map(([a, b]) => ({ rows, cols, f: (e: Env) => A.addToCols(a.f(e), b.f(e)), text: `(${a.text} + ${b.text}1ᵀ)` })));
  }
  if (rows === N && cols === 1) {
    cands.push(un("softmax", (m) => softmax(m)));
    cands.push(fc.tuple(sub1(N, N), sub1()).map(([a, b]) => ({ rows, cols, f: (e: Env) => A.solve(add(I3, scale(tanh(a.f(e)), 0.1)), b.f(e)), text: `solve(${a.text}, ${b.text})` })));
  }
  if (rows === 1 && cols === 1) {
    for (const [r, c] of SHAPES) {
      cands.push(term(r, c, depth - 1).map((t) => ({ rows, cols, f: (e: Env) => sum(t.f(e)), text: `Σ(${t.text})` })));
      cands.push(term(r, c, depth - 1).map((t) => ({ rows, cols, f: (e: Env) => sumSquares(t.f(e)), text: `‖${t.text}‖²` })));
      cands.push(term(r, c, depth - 1).map((t) => ({ rows, cols, f: (e: Env) => logSumExp(t.f(e)), text: `lse(${t.text})` })));
    }
    // det X·X⁻ᵀ needs an invertible X (at a singular X the engine uses the adjugate; the closed form does not)
    cands.push(sub1(N, N).map((t) => ({ rows, cols, f: (e: Env) => det(add(I3, scale(tanh(t.f(e)), 0.3)) as any), text: `det(I + 0.3tanh(${t.text}))` })));
    cands.push(fc.constant({ rows, cols, f: (e: Env) => det(e.X as any), text: "det(X)" }));
    cands.push(sub1(N, N).map((t) => ({ rows, cols, f: (e: Env) => trace(t.f(e)), text: `tr(${t.text})` })));
    cands.push(sub1(N, N).map((t) => ({ rows, cols, f: (e: Env) => logAbsDet(add(I3, scale(tanh(t.f(e)), 0.1)) as any), text: `logdet(${t.text})` })));
    cands.push(sub1(N, 1).map((t) => ({ rows, cols, f: (e: Env) => norm(add(t.f(e), 3)), text: `‖${t.text} + 3‖` })));
  }
  return fc.oneof({ depthSize: "small" }, ...cands);
}

function rng(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 4294967296 * 2 - 1;
  };
}

function numericEnv(seed: number): Env {
  const r = rng(seed);
  const m = (rows: number, cols: number) => fromData(rows as 3, cols as 3, Float64Array.from({ length: rows * cols }, r)) as M;
  return { X: m(N, N), Y: m(N, N), x: m(N, 1), c: m(N, 1), C: m(N, N) };
}

const S: Env = { X: symbol("X", N, N), Y: symbol("Y", N, N), x: symbol("x", N), c: symbol("c", N), C: symbol("C", N, N) };
const bindings = (e: Env) => ({ X: e.X, Y: e.Y, x: e.x, c: e.c, C: e.C });

function close(a: Float64Array, b: Float64Array, tol = 1e-9): string | null {
  if (a.length !== b.length) return `length ${a.length} vs ${b.length}`;
  for (let i = 0; i < a.length; i++) {
    const ok = Math.abs(a[i] - b[i]) <= tol * (1 + Math.abs(b[i])) || (Number.isNaN(a[i]) && Number.isNaN(b[i]));
    if (!ok) return `entry ${i}: symbolic ${a[i]} vs numeric ${b[i]}`;
  }
  return null;
}

const dataOf = (v: unknown): Float64Array => (v instanceof Tensor ? v.data : (v as M).data);
const RUNS = { numRuns: 300 };

describe("symbolic derivatives agree with the numeric engine (random expressions)", () => {
  it("scalar expressions: gradientOf(f, X) and derivative(f, x) = gradient / jacobian", () => {
    fc.assert(
      fc.property(term(1, 1, 3), fc.integer({ min: 1, max: 1e9 }), (t, seed) => {
        const env = numericEnv(seed);
        const fs = t.f(S);
        for (const v of ["X", "x", "C"] as const) {
          const gs = evaluate(gradientOf(fs as Matrix<1, 1>, S[v]) as M, bindings(env));
          const gn = gradient((z: M) => t.f({ ...env, [v]: z }) as Matrix<1, 1>)(env[v]);
          const err = close(gs.data, gn.data);
          if (err !== null) throw new Error(`∂/∂${v} of ${t.text} = ${String(gradientOf(fs as Matrix<1, 1>, S[v]))}: ${err}`);
        }
        const ds = evaluate(derivative(fs, S.x) as M, bindings(env));
        const dn = jacobian((z: M) => t.f({ ...env, x: z }))(env.x) as M;
        expect(close(ds.data, dn.data)).toBeNull();
        expect(ds.rows).toBe(1);
      }),
      RUNS,
    );
  });

  it("vector and matrix outputs: derivative (Kronecker form) = jacobian", () => {
    fc.assert(
      fc.property(fc.constantFrom<[number, number]>([N, 1], [N, N], [1, N]), fc.integer({ min: 1, max: 1e9 }), fc.integer({ min: 0, max: 1e9 }), (shape, seed, pick) => {
        const t = fc.sample(term(shape[0], shape[1], 2), { seed: pick, numRuns: 1 })[0];
        const env = numericEnv(seed);
        const fs = t.f(S);
        for (const v of ["x", "X"] as const) {
          const d = derivative(fs, S[v]);
          const ds = dataOf(evaluate(d as any, bindings(env)));
          const dn = dataOf(jacobian((z: M) => t.f({ ...env, [v]: z }))(env[v]));
          const err = close(ds, dn);
          if (err !== null) throw new Error(`d(${t.text})/d${v} = ${String(d)}: ${err}`);
        }
      }),
      RUNS,
    );
  });

  it("compiled expressions equal evaluate", () => {
    fc.assert(
      fc.property(term(1, 1, 3), fc.integer({ min: 1, max: 1e9 }), (t, seed) => {
        const env = numericEnv(seed);
        const fs = t.f(S) as Matrix<1, 1>;
        const g = gradientOf(fs, S.X);
        const run = compile([fs, g], [S.X, S.Y, S.x, S.c, S.C]);
        const [v, gv] = run(env.X.data, env.Y.data, env.x.data, env.c.data, env.C.data);
        expect(close(v, evaluate(fs, bindings(env)).data, 1e-12)).toBeNull();
        expect(close(gv, evaluate(g as M, bindings(env)).data, 1e-12)).toBeNull();
      }),
      RUNS,
    );
  });

  it("second derivatives: the gradient expression differentiates again (hessian of a scalar)", () => {
    fc.assert(
      fc.property(term(1, 1, 2), fc.integer({ min: 1, max: 1e9 }), (t, seed) => {
        const env = numericEnv(seed);
        const g = gradientOf(t.f(S) as Matrix<1, 1>, S.x); // N×1
        const h = evaluate(derivative(g, S.x) as M, bindings(env));
        const hn = jacobian((z: M) => gradient((w: M) => t.f({ ...env, x: w }) as Matrix<1, 1>)(z) as M)(env.x) as M;
        expect(close(h.data, hn.data, 1e-8)).toBeNull();
      }),
      { numRuns: 60 },
    );
  });
});
