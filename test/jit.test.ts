/**
 * jit: a traced program replayed with planned buffers must give exactly the results of calling the
 * function directly (same kernels, so bit for bit), keep earlier results intact, never mutate
 * inputs, trace once per argument structure and shapes, and refuse what it cannot compile with a
 * clear error.
 */
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import {
  Matrix, Tensor, ValueError, ShapeError, SingularMatrixError, abs, add, addToCols, checkGrad, det, eye, exp, grad, gradient, hessian, inv, jacobian,
  jit, logSumExp, mat, matmul, mul, observeKernels, relu, reshape, scale, scalar, sigmoid, softmax, solve, sub, sum, sumSquares,
  symbol, tanh, tensor, transpose, valueAndGradient, vec, vstack, zeros,
} from "../src/index";
import { randMat, type M } from "./core-helpers";
import { concatMany } from "../src/ops/structure";
import { bind, primitive } from "../src/core/primitive";

/* eslint-disable @typescript-eslint/no-explicit-any */

/** Bit-for-bit equality of two results (matrices, tensors, arrays and records of them). */
function expectIdentical(a: unknown, b: unknown, path = "result"): void {
  if (a instanceof Matrix || a instanceof Tensor) {
    expect(b, path).toBeInstanceOf(a.constructor);
    expect((b as M).shape, path).toEqual(a.shape);
    expect(Array.from((b as M).data), path).toEqual(Array.from(a.data));
  } else if (Array.isArray(a)) {
    expect((b as unknown[]).length, path).toBe(a.length);
    a.forEach((v, i) => expectIdentical(v, (b as unknown[])[i], `${path}[${i}]`));
  } else if (typeof a === "object" && a !== null) {
    expect(Object.keys(b as object), path).toEqual(Object.keys(a));
    for (const k of Object.keys(a)) expectIdentical((a as any)[k], (b as any)[k], `${path}.${k}`);
  } else expect(b, path).toBe(a);
}

const snapshot = (m: M) => Float64Array.from(m.data);

describe("jit gives the results of the function itself", () => {
  const X = randMat(4, 6, 1), Y = randMat(3, 6, 2);
  const params = { A: randMat(3, 4, 3), b: randMat(3, 1, 4) };
  const loss = (p: typeof params) => sumSquares(Y.sub(tanh(addToCols(p.A.matmul(X), p.b)))).scale(0.5);

  it("training step: value and gradient of ½‖Y − tanh(AX + b1ᵀ)‖²", () => {
    const step = valueAndGradient(loss);
    const fast = jit(step);
    expectIdentical(step(params), fast(params));
    expectIdentical(step(params), fast(params)); // the replay, not the trace
  });

  it("numerator-layout gradients (tensors), jacobians and hessians", () => {
    const f = (A: Matrix<3, 4>) => sumSquares(tanh(A.matmul(X)));
    expectIdentical(grad(f)(params.A), jit(grad(f))(params.A));
    const g = (v: Matrix<4, 1>) => softmax(params.A.matmul(v));
    const v = randMat(4, 1, 5) as Matrix<4, 1>;
    expectIdentical(jacobian(g)(v), jit(jacobian(g))(v));
    const h = (v: Matrix<4, 1>) => logSumExp(params.A.matmul(v));
    const H = jit(hessian(h));
    H(v);
    expectIdentical(hessian(h)(v), H(v));
  });

  it("rules with a symbolic form (relu, abs) and kernels that allocate (inv, solve, det, reshape)", () => {
    const S = randMat(3, 3, 6).add(eye(3).scale(4));
    const f = (A: Matrix<3, 3>) => {
      const B = relu(A).add(abs(A.T));
      return [inv(B.add(eye(3).scale(5))), solve(B.add(eye(3).scale(5)), vec([1, 2, 3])), det(B.add(S)), reshape(B, 1, 9)] as const;
    };
    const A = randMat(3, 3, 7) as Matrix<3, 3>;
    const fast = jit(f);
    fast(A);
    expectIdentical(f(A), fast(A));
    const L = (A: Matrix<3, 3>) => sum(relu(A).mul(abs(A))).add(det(A.add(S)));
    expectIdentical(gradient(L)(A), jit(gradient(L))(A));
  });

  it("random straight-line programs, plain and differentiated (buffers are shared between intermediates)", () => {
    const ops: ((a: M, b: M) => M)[] = [
      (a, b) => add(a, b),
      (a, b) => sub(a, b),
      (a, b) => mul(a, b),
      (a) => tanh(a),
      (a) => sigmoid(a),
      (a) => scale(a, -1.5),
      (a) => exp(scale(a, 0.1)),
      (a, b) => matmul(a, transpose(b)).matmul(b).scale(0.1),
    ];
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat(ops.length - 1), fc.nat(), fc.nat()), { minLength: 1, maxLength: 25 }), fc.integer({ min: 1, max: 1000 }), (prog, seed) => {
        const run = (x: M, y: M): M[] => {
          const vals = [x, y];
          for (const [op, i, j] of prog) vals.push(ops[op](vals[i % vals.length], vals[j % vals.length]));
          return vals.filter((_, k) => k % 3 === 2);
        };
        const x = randMat(4, 4, seed), y = randMat(4, 4, seed + 1);
        const before = [snapshot(x), snapshot(y)];
        const fast = jit(run);
        fast(x, y);
        expectIdentical(run(x, y), fast(x, y));
        const loss = (p: { x: M; y: M }) => run(p.x, p.y).reduce((s, v) => s.add(sumSquares(v)), scalar(0));
        expectIdentical(valueAndGradient(loss)({ x, y }), jit(valueAndGradient(loss))({ x, y }));
        expect(Array.from(x.data)).toEqual(Array.from(before[0]));
        expect(Array.from(y.data)).toEqual(Array.from(before[1]));
      }),
      { seed: 20261123, numRuns: 60 },
    );
  });

  it("runs the function's kernels in the same order, except those on constants only (done once, while tracing) and fused chains", () => {
    const step = valueAndGradient(loss);
    const fast = jit(step);
    fast(params);
    const seen = (f: () => unknown) => {
      const names: string[] = [];
      const prev = observeKernels((n, r, c) => void names.push(`${n} ${r}×${c}`));
      try {
        f();
      } finally {
        observeKernels(prev);
      }
      return names;
    };
    const eager = seen(() => step(params)), replay = seen(() => fast(params));
    expect(eager).toEqual([
      "matmul 3×6", "addBroadcast 3×6", "tanh 3×6", "sub 3×6", "sumSquares 1×1", "scale 1×1",
      "scale 1×1", "scale 1×1", "scale 3×6", "scale 3×6", "tanhGrad 3×6", "sum 3×1", "matmul 3×4",
    ]);
    // the cotangent of ·0.5 is 0.5·1, doubled by Σx²'s rule: scalars of constants, computed once while
    // tracing; element-wise chains run as fused loops named after their parts (test/jit-fusion.test.ts):
    // Y − T is not stored: the loss, G = ∂L/∂Z and the bias gradient G·1 share one pass over the
    // 3×6 entries and compute it once per entry, as in a hand-written step
    expect(replay).toEqual([
      "matmul 3×6", "addBroadcast 3×6", "tanh 3×6", "fused(sub, sumSquares, scale, scale, tanhGrad, sum) 3×6",
      "scale 1×1", "matmul 3×4",
    ]);
  });
});

describe("jacobians under jit", () => {
  it("the rows of a reverse-mode Jacobian are stacked by one concat, not a chain of copies", () => {
    const A = randMat(5, 8, 21), b = randMat(5, 1, 22);
    const f = (x: Matrix<8, 1>) => tanh(A.matmul(x).add(b));
    const J = jit(jacobian(f, { mode: "reverse" }));
    const x = randMat(8, 1, 23) as Matrix<8, 1>;
    J(x);
    const names: string[] = [];
    const prev = observeKernels((n) => void names.push(n));
    try {
      J(x);
    } finally {
      observeKernels(prev);
    }
    expect(names.filter((n) => n === "concat")).toHaveLength(1);
    expectIdentical(jacobian(f, { mode: "reverse" })(x), J(x));
    // the symbolic Jacobian (the same stacking on symbols) agrees with the numbers
    const As = symbol("A", 5, 8), xs = symbol("x", 8);
    const Js = jacobian((v: Matrix<8, 1>) => As.matmul(v).mul(As.matmul(v)), { mode: "reverse" })(xs);
    const Jn = jacobian((v: Matrix<8, 1>) => A.matmul(v).mul(A.matmul(v)), { mode: "reverse" })(x);
    const Je = (Js as any).evaluate({ A, x }) as M;
    Jn.data.forEach((v, i) => expect(Je.data[i]).toBeCloseTo(v, 12));
  });
});

describe("jit's results and inputs", () => {
  const f = (a: Matrix<2, 2>) => ({ y: tanh(a.matmul(a)), same: a, k: 3, label: "out" });

  it("results of earlier calls are not overwritten by later ones", () => {
    const g = jit((a: Matrix<2, 2>) => [exp(a), tanh(exp(a).add(a))] as const);
    const a1 = mat([[1, 2], [3, 4]]), a2 = mat([[0, -1], [5, 0.5]]);
    const r1 = g(a1), copy = r1.map(snapshot);
    g(a2);
    expect(r1.map((m) => Array.from(m.data))).toEqual(copy.map((c) => Array.from(c)));
  });

  it("a result that a kernel hands back in its argument's storage is not in a buffer the next call reuses", () => {
    // No library kernel without `writesOut` returns its argument's storage today; a test-only
    // primitive that does stands for a future one (a view, say). Its argument, tanh(a), would
    // otherwise get a planned buffer, which the next call overwrites: the plan must give it fresh
    // storage, as it does results.
    const viewP = primitive({
      name: "testView",
      shape: ([x]) => [x.rows, x.cols],
      impl: ([x]) => x.data,
      jvp: (_p, [t]) => t,
      vjp: (_p, _o, ct) => [ct],
    });
    const g = jit((a: Matrix<2, 2>) => bind(viewP, [tanh(a)], undefined) as Matrix<2, 2>);
    const a1 = mat([[1, 2], [3, 4]]), a2 = mat([[0, -1], [5, 0.5]]);
    const r1 = g(a1), first = snapshot(r1);
    expect(Array.from(first)).toEqual(Array.from(tanh(a1).data));
    g(a2);
    expect(Array.from(r1.data)).toEqual(Array.from(first));
  });

  it("returns inputs, constants and static values as the function does", () => {
    const a = mat([[1, 2], [3, 4]]);
    const r = jit(f)(a);
    expect(r.same).toBe(a);
    expect(r.k).toBe(3);
    expect(r.label).toBe("out");
    const Z = zeros(2, 2);
    expect(jit(() => Z)()).toBe(Z);
  });

  it("traces once per argument structure and shapes, again for new shapes or static values", () => {
    let traces = 0;
    const g = jit((a: M, k: number) => {
      traces++;
      return scale(a, k);
    });
    g(mat([[1, 2]]), 2);
    g(mat([[3, 4]]), 2);
    expect(traces).toBe(1);
    expectIdentical(g(mat([[5, 6]]), 2), mat([[10, 12]]));
    g(mat([[1], [2]]), 2);
    expect(traces).toBe(2);
    expectIdentical(g(mat([[1, 2]]), 3), mat([[3, 6]]));
    expect(traces).toBe(3);
  });

  it("reads closed-over values once, when it traces (pass changing data as arguments)", () => {
    let W = mat([[1, 0], [0, 1]]);
    const g = jit((x: Matrix<2, 1>) => W.matmul(x));
    const x = vec([1, 2]);
    g(x);
    W = mat([[2, 0], [0, 2]]);
    expectIdentical(g(x), vec([1, 2])); // the W of the trace
  });
});

describe("jit refuses what it cannot compile", () => {
  it("reading entries of a traced value", () => {
    const reads: ((s: M) => unknown)[] = [(s) => s.data[0], (s) => Array.from(s.data), (s) => s.data.subarray(0, 1)];
    for (const read of reads) {
      const g = jit((x: Matrix<2, 1>) => ((read(sum(x)) as number) > 0 ? x : x.scale(-1)));
      expect(() => g(vec([1, 2]))).toThrow(ValueError);
      expect(() => g(vec([1, 2]))).toThrow(/jit: the function read the entries of a traced value/);
    }
    for (const read of [(s: M) => s.item(), (s: M) => s.get(0, 0), (s: M) => s.toArray(), (s: M) => s.toFlatArray()]) {
      const g = jit((x: Matrix<2, 1>) => (read(sum(x)) ? x : x.scale(-1)));
      expect(() => g(vec([1, 2]))).toThrow(/has no entries: it is a placeholder .* traced by jit/);
    }
  });

  it("a traced value kept from an earlier call", () => {
    let kept: M | null = null;
    const g = jit((x: Matrix<2, 1>) => (kept = tanh(x)));
    g(vec([1, 2]));
    expect(() => add(kept!, vec([1, 1]))).toThrow(/jit/);
    const h = jit((x: Matrix<2, 1>) => x.add(kept!));
    expect(() => h(vec([1, 2]))).toThrow(/jit: a value traced by an earlier call/);
  });

  it("shape errors at trace time, with the operation's message, every call", () => {
    const g = jit((a: M, b: M) => matmul(a, b));
    expect(() => g(zeros(2, 3), zeros(2, 3))).toThrow(new ShapeError("matmul", "inner dimensions differ (2×3 · 2×3)"));
    expect(() => g(zeros(2, 3), zeros(2, 3))).toThrow(ShapeError);
  });

  it("run-time errors of kernels (a singular matrix) surface from the replay", () => {
    const g = jit((a: Matrix<2, 2>) => inv(a));
    expectIdentical(g(mat([[2, 0], [0, 4]])), mat([[0.5, 0], [0, 0.25]]));
    expect(() => g(mat([[1, 2], [2, 4]]))).toThrow(SingularMatrixError);
  });

  it("records keep their keys through a jitted call, an own \"__proto__\" key (from JSON.parse) included", () => {
    const params = JSON.parse('{"__proto__": 0, "w": 0}') as Record<string, unknown>;
    params["__proto__"] = vec([1, 2]);
    params.w = vec([3]);
    const step = jit((p: Record<string, M>) => valueAndGradient((q: Record<string, M>) => add(sumSquares(q["__proto__"]), sum(q.w)))(p));
    for (let call = 0; call < 2; call++) {
      const { gradient: g } = step(params as Record<string, M>) as { gradient: Record<string, M> };
      expect(Object.getPrototypeOf(g)).toBe(Object.prototype);
      expect(Object.keys(g)).toEqual(["__proto__", "w"]);
      expect(Array.from(g["__proto__"].data)).toEqual([2, 4]);
    }
  });

  it("arguments that are not matrices, tensors, numbers, strings, booleans, arrays or plain objects", () => {
    const g = jit((_f: unknown) => zeros(1, 1));
    expect(() => g(() => 1)).toThrow(/jit: arguments\[0\] is a function/);
    expect(() => g(new Map())).toThrow(/jit: arguments\[0\] is an instance of Map/);
    // the path names the first offending part, however deep
    expect(() => g({ W: zeros(1, 1), layers: [zeros(1, 1), { act: Symbol("tanh") }] })).toThrow(/jit: arguments\[0\]\.layers\[1\]\.act is a symbol/);
    expect(() => g([1, "a", [null, new Date(0)]])).toThrow(/jit: arguments\[0\]\[2\]\[1\] is an instance of Date/);
  });

  it("traces again for every change of structure, shape or static value, and only then", () => {
    let traces = 0;
    const g = jit((x: unknown) => {
      traces++;
      return zeros(1, 1);
    });
    const variants: unknown[] = [
      zeros(2, 3), zeros(3, 2), [zeros(2, 3)], [zeros(2, 3), 1], [zeros(2, 3), -0], [zeros(2, 3), 0], [zeros(2, 3), "0"], [zeros(2, 3), null],
      [zeros(2, 3), undefined], [zeros(2, 3), NaN], { a: zeros(1, 1) }, { b: zeros(1, 1) }, { a: zeros(1, 1), b: 1 }, { b: 1, a: zeros(1, 1) },
      { 'a":M1x1,"b': 1 }, { a: [zeros(1, 1)] }, [[zeros(1, 1)]], [[], zeros(1, 1)], [zeros(1, 1), []], [true], [false],
      // tensors of one flattened shape, and a matrix of it: each call is checked against the previous one's structure
      tensor([2], [3], new Float64Array(6)), tensor([2], [1, 3], new Float64Array(6)), tensor([3], [2], new Float64Array(6)), tensor([2, 3], [1], new Float64Array(6)), zeros(6, 1),
      { a: zeros(1, 1), b: 2, c: 2 }, { a: zeros(1, 1), b: 2 }, [zeros(2, 3), 0, 1], [zeros(2, 3), 0, 2], [zeros(2, 3), 0, 2, 3],
    ];
    for (const v of variants) g(v);
    expect(traces).toBe(variants.length);
    for (const v of variants) g(v); // each structure again: no new trace
    expect(traces).toBe(variants.length);
  });
});

describe("jit inside other transformations", () => {
  const f = (x: Matrix<3, 1>) => sumSquares(tanh(x.scale(2)));
  const x = vec([0.1, -0.4, 0.7]);

  it("grad(jit(f)) and jit(grad(f)) equal grad(f)", () => {
    expectIdentical(grad(f)(x), grad(jit(f))(x));
    expectIdentical(grad(f)(x), jit(grad(f))(x));
    expectIdentical(hessian(f)(x), hessian(jit(f))(x));
  });

  it("a jitted function closing over a value traced by an outer grad runs as is", () => {
    const outer = (s: Matrix<3, 1>) => jit((y: Matrix<3, 1>) => sumSquares(y.mul(s)))(x);
    expectIdentical(grad(outer)(vec([1, 2, 3])), grad((s: Matrix<3, 1>) => sumSquares(x.mul(s)))(vec([1, 2, 3])));
  });

  it("jit of jit, and symbolic inputs", () => {
    const inner = jit((y: Matrix<3, 1>) => tanh(y));
    expectIdentical(jit((y: Matrix<3, 1>) => inner(y).add(y))(x), tanh(x).add(x));
    const s = symbol("x", 3);
    expect(String(jit(f)(s))).toBe(String(f(s)));
  });

  it("vstack and records of tensors pass through", () => {
    const g = jit((p: { a: Matrix<1, 2>; b: Matrix<1, 2> }) => ({ s: vstack(p.a, p.b), t: grad((q: Matrix<2, 2>) => sumSquares(q))(vstack(p.a, p.b)) }));
    const p = { a: mat([[1, 2]]), b: mat([[3, 4]]) };
    g(p);
    expectIdentical(g(p), { s: mat([[1, 2], [3, 4]]), t: grad((q: Matrix<2, 2>) => sumSquares(q))(mat([[1, 2], [3, 4]])) });
  });
});

describe("concat of many parts (how Jacobian rows are stacked)", () => {
  it("forward mode, reverse mode and finite differences agree, for both axes and for parts that do not depend on x", () => {
    const C = randMat(3, 2, 31);
    for (const axis of [0, 1] as const) {
      const f = (x: M) => concatMany([x, tanh(x).scale(2), C.sub(C), mul(x, x)], axis);
      const rep = checkGrad(f, randMat(3, 2, 32), { eps: 1e-6 });
      expect(rep.ok, rep.report).toBe(true);
      const y = f(randMat(3, 2, 33));
      expect(y.shape).toEqual(axis === 0 ? [12, 2] : [3, 8]);
    }
  });
});
