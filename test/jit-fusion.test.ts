/**
 * jit's element-wise fusion (src/jit/fuse.ts): chains become one generated loop whose expressions
 * are the primitives' `pointwise` forms. The fused results must be bit-for-bit those of the separate
 * kernels — including NaN, ±∞, −0 and broadcasts — and a value read twice must not be inlined.
 */
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import {
  Matrix, abs, add, addScalar, addToCols, addToRows, cos, dim, div, exp, fromData, grad, jit, log, logSigmoid, mul, pow, relu,
  scale, sigmoid, sign, sin, softmax, logSoftmax, softplus, sqrt, sub, sum, sumSquares, tanh, valueAndGradient,
} from "../src/index";
import { kernelRuns } from "./core-helpers";
import { EXP_WASM_MIN } from "../src/kernels/wasm/elementwise-wasm";

/* eslint-disable @typescript-eslint/no-explicit-any */
type M = Matrix<any, any>;

const SPECIAL = [0, -0, 1, -1, 0.5, -2.5, 1e-300, -1e300, 710, -745, Infinity, -Infinity, NaN];

/** Same entries bit for bit (Object.is: −0 ≠ 0, NaN = NaN). */
function expectBitwise(a: M, b: M): void {
  expect(b.shape).toEqual(a.shape);
  a.data.forEach((v, i) => expect(Object.is(v, b.data[i]), `entry ${i}: ${v} vs ${b.data[i]}`).toBe(true));
}

function kernelsOf(f: () => unknown): string[] {
  return kernelRuns(f).runs.map((k) => k.name);
}

const unaries: [string, (m: M) => M][] = [
  ["exp", exp], ["log", log], ["sin", sin], ["cos", cos], ["sqrt", sqrt], ["abs", abs], ["sign", sign],
  ["sigmoid", sigmoid], ["relu", relu], ["softplus", softplus], ["logSigmoid", logSigmoid],
  // pow's exponent is written into the generated source: every kind of number must come out exact
  ...[2, 3, -2, 4, -7, 32, 33, 0.5, -1, -0.5, 0, -0, 1e-300, 1 / 3, NaN, Infinity, -Infinity].map((p): [string, (m: M) => M] => ["pow", (m) => pow(m, p)]),
];
const binaries: [string, (a: M, b: M) => M][] = [
  ["add", add], ["sub", sub], ["mul", mul], ["div", div],
  ["scale", (a) => scale(a, 2.5)],
  ["scale", (a, b) => scale(a, sumSquares(b))], // by a traced scalar
  ["divScalar", (a) => div(a, 3)],
  ["addScalar", (a) => addScalar(a, -0.25)],
];

describe("fused chains equal the separate kernels bit for bit", () => {
  // 3×5: the kernels and the fused loops take 4 entries per pass, so 15 leaves 3 over
  const entries = fc.array(fc.oneof(fc.constantFrom(...SPECIAL), fc.double({ noDefaultInfinity: false })), { minLength: 15, maxLength: 15 });
  // magnitudes from 1e-8 to 1e8: a sum taken in another order would round differently
  const cell = fc.oneof(fc.double({ min: -1e8, max: 1e8, noNaN: true }), fc.double({ min: -1e-8, max: 1e-8, noNaN: true }));

  it.each(unaries)("%s inside a chain", (_name, f) => {
    fc.assert(
      fc.property(entries, entries, (xs, ys) => {
        const x = fromData(3, 5, xs), y = fromData(3, 5, ys);
        const g = (a: M, b: M) => mul(f(add(a, b)), b).sub(a);
        const fast = jit(g);
        fast(x, y);
        expect(kernelsOf(() => fast(x, y))).toEqual([`fused(add, ${_name}, mul, sub)`]);
        expectBitwise(g(x, y), fast(x, y));
      }),
      { seed: 11, numRuns: 30 },
    );
  });

  it.each(binaries)("%s inside a chain", (_name, f) => {
    fc.assert(
      fc.property(entries, entries, (xs, ys) => {
        const x = fromData(3, 5, xs), y = fromData(3, 5, ys);
        const g = (a: M, b: M) => f(exp(a), b).add(b);
        const fast = jit(g);
        fast(x, y);
        expect(kernelsOf(() => fast(x, y)).filter((n) => n.startsWith("fused("))).toEqual([`fused(exp, ${_name}, add)`]);
        expectBitwise(g(x, y), fast(x, y));
      }),
      { seed: 12, numRuns: 30 },
    );
  });

  // The generated loops handle 4 entries per pass and write the leftover entries out once; these
  // shapes leave 0–3 over in a row (C) and in the whole matrix (R·C), with every kind of sum.
  it.each([[1, 1], [1, 3], [2, 5], [3, 7], [5, 9], [4, 8], [7, 2]])("sums and broadcasts over %i×%i entries", (R, C) => {
    fc.assert(
      fc.property(fc.array(cell, { minLength: R * C, maxLength: R * C }), fc.array(cell, { minLength: R, maxLength: R }), fc.array(cell, { minLength: C, maxLength: C }), (xs, col, rowv) => {
        const rows = dim("R", R), cols = dim("C", C);
        const x = fromData(rows, cols, xs), b = fromData(rows, 1, col), r = fromData(1, cols, rowv);
        const g = (a: M, c: M, w: M) => {
          const z = addToRows(addToCols(a, c), w).mul(a);
          return [z.scale(-0.5), sum(z), sum(z, 0), sum(z, 1), sumSquares(z.sub(a))] as const;
        };
        const fast = jit(g);
        fast(x, b, r);
        expect(kernelsOf(() => fast(x, b, r))).toEqual(["fused(addBroadcast, addBroadcast, mul, scale, sum, sum, sum, sub, sumSquares)"]);
        const got = fast(x, b, r), want = g(x, b, r);
        want.forEach((m, i) => expectBitwise(m, got[i]));
      }),
      { seed: 15, numRuns: 25 },
    );
  });

  // Without broadcasts or sums along an axis the loop runs over the flat entries: its sums must
  // still give entry i to the kernels' accumulator i mod 4 (src/ops/reduce.ts, sumRange).
  it.each([[1, 1], [1, 6], [2, 5], [3, 3], [4, 4], [5, 7]])("sums of all entries in a flat loop over %i×%i entries", (R, C) => {
    const matrix = fc.array(cell, { minLength: R * C, maxLength: R * C });
    fc.assert(
      fc.property(matrix, matrix, (xs, ys) => {
        const x = fromData(dim("R", R), dim("C", C), xs), y = fromData(dim("R", R), dim("C", C), ys);
        const g = (a: M, b: M) => {
          const z = a.mul(b).sub(a);
          return [sum(z), sumSquares(z.add(b))] as const;
        };
        const fast = jit(g);
        fast(x, y);
        expect(kernelsOf(() => fast(x, y))).toEqual(["fused(mul, sub, sum, add, sumSquares)"]);
        const got = fast(x, y), want = g(x, y);
        want.forEach((m, i) => expectBitwise(m, got[i]));
      }),
      { seed: 16, numRuns: 25 },
    );
  });

  // repeat and fill (the spread of a row, a column or a 1×1 over a matrix: softmax's x − lse(x), the
  // adjoint of a sum) are read as broadcasts inside the loop that uses them, not stored first
  it("repeated rows, columns and 1×1 values inside a loop (softmax, log-softmax, their gradients)", () => {
    fc.assert(
      fc.property(entries, (xs) => {
        const x = fromData(3, 5, xs.map((v) => (Number.isFinite(v) ? v % 50 : v)));
        for (const axis of [0, 1, undefined] as const) {
          const g = (a: M) => [softmax(a, axis), logSoftmax(a, axis), grad((b: M) => sum(mul(logSoftmax(b, axis), b)))(a)] as const;
          const fast = jit(g);
          fast(x);
          const names = kernelsOf(() => fast(x));
          const spread = axis === undefined ? "fill" : "repeat";
          expect(names.some((n) => n.startsWith(`fused(${spread}, sub`)), names.join(" | ")).toBe(true);
          expect(names.includes(spread), names.join(" | ")).toBe(false);
          const got = fast(x), want = g(x);
          want.forEach((m, i) => expectBitwise(m as M, got[i] as M));
        }
      }),
      { seed: 17, numRuns: 25 },
    );
  });

  it("broadcasts of a column and of a row", () => {
    fc.assert(
      fc.property(entries, fc.array(fc.double(), { minLength: 3, maxLength: 3 }), fc.array(fc.double(), { minLength: 5, maxLength: 5 }), (xs, col, rowv) => {
        const x = fromData(3, 5, xs), b = fromData(3, 1, col), r = fromData(1, 5, rowv);
        const g = (a: M, c: M, w: M) => sigmoid(addToRows(addToCols(a, c), w)).mul(a);
        const fast = jit(g);
        fast(x, b, r);
        expect(kernelsOf(() => fast(x, b, r))).toEqual(["fused(addBroadcast, addBroadcast, sigmoid, mul)"]);
        expectBitwise(g(x, b, r), fast(x, b, r));
      }),
      { seed: 13, numRuns: 40 },
    );
  });

  it("the fused derivative kernels (tanhGrad, sigmoidGrad) in gradients", () => {
    const X = fromData(2, 3, [0.1, -2, 3, 0, -0, 40]);
    for (const act of [tanh, sigmoid]) {
      const L = (W: Matrix<2, 2>) => sumSquares(act(W.matmul(X)).scale(3).sub(X));
      const W = fromData(2, 2, [0.5, -1, 2, 0.25]);
      const fast = jit(valueAndGradient(L));
      fast(W);
      expect(kernelsOf(() => fast(W)).some((n) => n.startsWith("fused(") && n.includes("Grad"))).toBe(true);
      const a = valueAndGradient(L)(W), b = fast(W);
      expectBitwise(a.value, b.value);
      expectBitwise(a.gradient, b.gradient);
    }
  });
});

describe("sums take the chain they sum into their loop", () => {
  const entries = fc.array(fc.oneof(fc.constantFrom(...SPECIAL), fc.double({ noDefaultInfinity: false })), { minLength: 12, maxLength: 12 });

  it.each([
    ["sum", (m: M) => sum(m)],
    ["sum", (m: M) => sum(m, 0)],
    ["sum", (m: M) => sum(m, 1)],
    ["sumSquares", (m: M) => sumSquares(m)],
  ] as const)("%s (all entries, down columns, along rows)", (name, reduce) => {
    fc.assert(
      fc.property(entries, entries, (xs, ys) => {
        const x = fromData(3, 4, xs), y = fromData(3, 4, ys);
        const g = (a: M, b: M) => reduce(sigmoid(a.sub(b)).mul(b));
        const fast = jit(g);
        fast(x, y);
        expect(kernelsOf(() => fast(x, y))).toEqual([`fused(sub, sigmoid, mul, ${name})`]);
        expectBitwise(g(x, y), fast(x, y));
      }),
      { seed: 14, numRuns: 30 },
    );
  });

  it("a cheap value read by a sum and by another chain is never stored; both share one pass and compute it once", () => {
    const g = (a: M, b: M) => {
      const d = a.sub(b);
      return [sumSquares(d), exp(d.scale(2))] as const;
    };
    const x = fromData(2, 3, [1, -2, 3, 0.5, NaN, -0]), y = fromData(2, 3, [0, 1, 1, -1, 2, 0]);
    const fast = jit(g);
    fast(x, y);
    expect(kernelsOf(() => fast(x, y))).toEqual(["fused(sub, sumSquares, scale, exp)"]);
    const [s1, e1] = fast(x, y), [s2, e2] = g(x, y);
    expectBitwise(s2, s1);
    expectBitwise(e2, e1);
  });

  it("a costly value (a function call) read twice is computed once, in the pass that reads it, and not stored", () => {
    const g = (a: M) => {
      const e = exp(a);
      return [sum(e), e.scale(2).add(a)] as const;
    };
    const x = fromData(1, 3, [0, 1, 2]);
    const fast = jit(g);
    fast(x);
    expect(kernelsOf(() => fast(x))).toEqual(["fused(exp, sum, scale, add)"]);
    const [s1, t1] = fast(x), [s2, t2] = g(x);
    expectBitwise(s2, s1);
    expectBitwise(t2, t1);
  });
});

describe("loops over the same entries share a pass only when nothing in between is needed", () => {
  it("a loop that reads a product computed after an earlier loop keeps its own pass", () => {
    const g = (a: M) => {
      const u = exp(a); // stored: the product reads it
      return sum(u.matmul(a).add(u).mul(a));
    };
    const x = fromData(3, 3, [0.1, -0.2, 0.3, 1, 2, -1, 0, 0.5, -0.5]);
    const fast = jit(g);
    fast(x);
    expect(kernelsOf(() => fast(x))).toEqual(["exp", "matmul", "fused(add, mul, sum)"]);
    expectBitwise(g(x), fast(x));
  });

  it("independent loops over the same entries run as one", () => {
    const g = (a: M, b: M) => [a.mul(b), sumSquares(a.sub(b)), sum(a.add(b), 1)] as const;
    const x = fromData(2, 3, [1, 2, 3, 4, 5, 6]), y = fromData(2, 3, [0.5, -1, 2, 0, -0, 3]);
    const fast = jit(g);
    fast(x, y);
    expect(kernelsOf(() => fast(x, y))).toEqual(["fused(mul, sub, sumSquares, add, sum)"]);
    const r1 = fast(x, y), r2 = g(x, y);
    r1.forEach((m, i) => expectBitwise(r2[i], m));
  });
});

describe("what fusion leaves alone", () => {
  const x = fromData(2, 2, [1, 2, 3, 4]);

  it("a value read twice is computed once (a temporary of the loop that reads it)", () => {
    const g = (a: M) => {
      const t = exp(a);
      return add(mul(t, t), sin(t));
    };
    const fast = jit(g);
    fast(x);
    expect(kernelsOf(() => fast(x))).toEqual(["fused(exp, mul, sin, add)"]);
    expectBitwise(g(x), fast(x));
  });

  // exp and sigmoid run Wasm SIMD kernels from EXP_WASM_MIN entries on; tanh is never fused
  it.each([
    ["below EXP_WASM_MIN", 2, 2, ["fused(exp, add, sigmoid, add)", "tanh"]],
    ["from EXP_WASM_MIN on: exp and sigmoid keep their Wasm kernels", 4, 5, ["exp", "add", "sigmoid", "add", "tanh"]],
  ] as const)("exp, sigmoid and tanh %s", (_what, R, C, kernels) => {
    expect(R * C >= EXP_WASM_MIN).toBe(R === 4);
    const a0 = fromData(R, C, Array.from({ length: R * C }, (_, i) => Math.sin(i) * 3));
    const g = (a: M) => tanh(sigmoid(exp(a).add(a)).add(a));
    const fast = jit(g);
    fast(a0);
    expect(kernelsOf(() => fast(a0))).toEqual(kernels);
    expectBitwise(g(a0), fast(a0));
  });

  it("a result of a function is not inlined away", () => {
    const g = (a: M) => [exp(a), tanh(exp(a).add(a))] as const;
    const fast = jit(g);
    fast(x);
    expect(kernelsOf(() => fast(x))).toEqual(["fused(exp, exp, add)", "tanh"]); // the first exp is a result: stored
    const [e1, t1] = fast(x), [e2, t2] = g(x);
    expectBitwise(e2, e1);
    expectBitwise(t2, t1);
  });

  it("a scalar gradient chain (1×1 values) fuses too", () => {
    const f = (s: Matrix<1, 1>) => sumSquares(exp(s).mul(s).add(s));
    expectBitwise(grad(f)(fromData(1, 1, [0.3])), jit(grad(f))(fromData(1, 1, [0.3])));
  });
});
