/**
 * The compiled backward pass of eager reverse mode (src/autodiff/compiled-backward.ts): from the
 * second call on a tape structure seen before runs as one cached, fused program. Its cotangents
 * must be bit-for-bit those of the vjp rules run one by one, on every call's new values, and it
 * must stay out of the way where it does not apply (small tapes, outer differentiation, jit).
 */
import { describe, expect, it } from "vitest";
import {
  Matrix, addToCols, exp, fromData, grad, gradient, jacobian, jit, log, matmul, mul, pow, relu, sigmoid, sliceCols, sliceRows, sum,
  sumSquares, tanh, valueAndGradient,
} from "../src/index";
import { MIN_FUSED_ENTRIES, compiledBackwardSettings, paramsKey } from "../src/autodiff/compiled-backward";
import { releaseScratch, scratchIdleBytes } from "../src/core/scratch";
import { symbol } from "../src/symbolic/index";
import { kernelRuns, randMat } from "./core-helpers";

/* eslint-disable @typescript-eslint/no-explicit-any */
type M = Matrix<any, any>;

/** `f` with the rules run one by one: the reference. */
function uncompiled<T>(f: () => T): T {
  compiledBackwardSettings.enabled = false;
  try {
    return f();
  } finally {
    compiledBackwardSettings.enabled = true;
  }
}

/** Same entries bit for bit (Object.is: −0 ≠ 0, NaN = NaN). */
function expectBitwise(actual: M, expected: M, label: string): void {
  expect(actual.shape, label).toEqual(expected.shape);
  for (let i = 0; i < expected.data.length; i++) {
    if (!Object.is(actual.data[i], expected.data[i])) expect.fail(`${label}: entry ${i} is ${actual.data[i]}, expected ${expected.data[i]}`);
  }
}

function expectSameGradients(actual: Record<string, M>, expected: Record<string, M>, label: string): void {
  expect(Object.keys(actual).sort()).toEqual(Object.keys(expected).sort());
  for (const k of Object.keys(expected)) expectBitwise(actual[k], expected[k], `${label}, ∂/∂${k}`);
}

const fusedRan = (runs: { name: string }[]) => runs.some((r) => r.name.startsWith("fused("));

/** How many backward passes `f` ran compiled. */
function compiledRuns(f: () => unknown): number {
  const before = compiledBackwardSettings.runs;
  f();
  return compiledBackwardSettings.runs - before;
}

/** The training step of the benchmark, L = ½‖Y − tanh(AX + b·1ᵀ)‖², with h×s activations. */
function trainingLoss(h: number, s: number, seed: number) {
  const x = randMat(h, s, seed), y = randMat(h, s, seed + 1);
  const loss = (p: { A: M; b: M }) => sumSquares(y.sub(tanh(addToCols(p.A.matmul(x), p.b)))).scale(0.5);
  const params = (k: number) => ({ A: randMat(h, h, seed + 10 + k, -0.3, 0.3), b: randMat(h, 1, seed + 20 + k) });
  return { loss, params };
}

describe("compiled backward pass", () => {
  // 64×72: a shape no other test uses, so first sight here; 64×67: rows whose length leaves 3
  // entries after the fused loop's groups of 4 (the row sums' tail)
  it.each([[64, 72], [64, 67]])("compiles a structure that a second recording shows, and gives the rules' bits on every call (%i×%i)", (h, s) => {
    const { loss, params } = trainingLoss(h, s, 100);
    const step = valueAndGradient(loss), p = params(0);
    const expected = uncompiled(() => step(p));
    const calls = [1, 2, 3].map(() => kernelRuns(() => step(p)));
    expect(calls.map((c) => fusedRan(c.runs))).toEqual([false, true, true]);
    calls.forEach((c, k) => {
      expect(c.result.value.item()).toBe(expected.value.item());
      expectSameGradients(c.result.gradient, expected.gradient, `call ${k + 1}`);
    });
  });

  it("runs the cached program on each call's own values, without touching the inputs", () => {
    const { loss, params } = trainingLoss(64, 64, 200);
    const step = gradient(loss);
    step(params(0));
    step(params(0)); // compiled now
    for (let k = 1; k <= 3; k++) {
      const p = params(k), before = { A: Float64Array.from(p.A.data), b: Float64Array.from(p.b.data) };
      const { result, runs } = kernelRuns(() => step(p));
      expect(fusedRan(runs)).toBe(true);
      expectSameGradients(result as any, uncompiled(() => step(p)) as any, `parameters ${k}`);
      expect(p.A.data).toEqual(before.A);
      expect(p.b.data).toEqual(before.b);
    }
  });

  it("takes its intermediates from the shared scratch arrays, and earlier results stay as they were", () => {
    const { loss, params } = trainingLoss(64, 64, 250);
    const step = valueAndGradient(loss);
    step(params(0)); // seen
    releaseScratch();
    const results = [1, 2, 3].map((k) => step(params(k))); // compiled: each call reuses the last one's scratch
    expect(scratchIdleBytes()).toBeGreaterThanOrEqual(64 * 64 * 8); // the 64×64 cotangent, given back
    results.forEach((r, k) => {
      const expected = uncompiled(() => step(params(k + 1)));
      expect(r.value.item()).toBe(expected.value.item());
      expectSameGradients(r.gradient, expected.gradient, `call ${k + 1}, read after the later calls`);
    });
  });

  it("agrees with central finite differences on sampled entries", () => {
    const { loss, params } = trainingLoss(64, 64, 300);
    const p = params(0), g = gradient(loss);
    g(p);
    const { A: gA } = g(p) as { A: M; b: M };
    const eps = 1e-6, picks = [0, 17, 1000, 2047, 4095];
    for (const i of picks) {
      const shifted = (d: number) => {
        const a = Float64Array.from(p.A.data);
        a[i] += d;
        return loss({ A: fromData(64 as any, 64 as any, a), b: p.b }).item();
      };
      const fd = (shifted(eps) - shifted(-eps)) / (2 * eps);
      expect(Math.abs(gA.data[i] - fd), `∂L/∂A entry ${i}`).toBeLessThanOrEqual(1e-5 * Math.max(1, Math.abs(fd)));
    }
  });

  const n = 64, c = 80; // 5120 entries per element-wise step
  const X = randMat(n, c, 400), W = randMat(n, n, 401, -0.2, 0.2);
  const cases: [string, (p: { U: M; V: M }) => M][] = [
    ["a value read twice (fan-out: cotangents add)", ({ U }) => sum(mul(tanh(U), tanh(U)).add(tanh(U)))],
    ["pow 2", ({ U }) => sum(pow(sigmoid(U).mul(U), 2))],
    ["pow 3 (same structure, another parameter)", ({ U }) => sum(pow(sigmoid(U).mul(U), 3))],
    ["column sums", ({ U }) => sumSquares(sum(exp(U.scale(0.1)), 0))],
    ["row sums (same structure, another axis)", ({ U }) => sumSquares(sum(exp(U.scale(0.1)), 1))],
    ["an input the loss does not read (zero gradient)", ({ U }) => sumSquares(relu(U.sub(X)))],
    ["two inputs multiplied, a product and a log", ({ U, V }) => sum(log(mul(sigmoid(U), sigmoid(V)))).add(sumSquares(matmul(W, tanh(V))))],
    ["slices of a large element-wise value", ({ U }) => sumSquares(sliceRows(tanh(U), 0, 32)).add(sum(sliceCols(exp(U.scale(-0.5)), 8, 40)))],
  ];
  for (const [name, f] of cases) {
    it(`${name}: the rules' bits, compiled`, () => {
      const p = { U: randMat(n, c, 410), V: randMat(n, c, 411) };
      const expected = uncompiled(() => gradient(f)(p)) as any;
      const compiled = [1, 2, 3].map((call) => compiledRuns(() => expectSameGradients(gradient(f)(p) as any, expected, `call ${call}`)));
      expect(compiled).toEqual([0, 1, 1]);
    });
  }

  it("does not cache a program whose rules made large constants (pow(x, 0): zeros of x's shape)", () => {
    const U = randMat(n, c, 425);
    const f = (u: M) => sum(pow(sigmoid(u).mul(u), 0)).add(sum(pow(sigmoid(u).mul(u), 1)));
    const expected = uncompiled(() => gradient(f)(U));
    const compiled = [1, 2, 3].map((call) => compiledRuns(() => expectBitwise(gradient(f)(U), expected, `call ${call}`)));
    expect(compiled).toEqual([0, 0, 0]);
  });

  it("keeps parameters that differ apart (pow 2 and pow 3 alternating)", () => {
    const U = randMat(n, n, 420);
    const f2 = (u: M) => sum(pow(tanh(u).mul(u), 2)), f3 = (u: M) => sum(pow(tanh(u).mul(u), 3));
    const e2 = uncompiled(() => gradient(f2)(U)), e3 = uncompiled(() => gradient(f3)(U));
    expect(e2.data).not.toEqual(e3.data);
    let compiled = 0;
    for (let k = 0; k < 3; k++) {
      compiled += compiledRuns(() => expectBitwise(gradient(f2)(U), e2, `pow 2, round ${k}`));
      compiled += compiledRuns(() => expectBitwise(gradient(f3)(U), e3, `pow 3, round ${k}`));
    }
    expect(compiled).toBe(4); // each compiled on its second call
  });

  it("serves a pullback called once per output entry (a reverse-mode Jacobian's passes)", () => {
    const V = randMat(4, n, 430);
    const f = (u: M) => matmul(V, sum(tanh(u).mul(sigmoid(u)), 1)); // R^{64×80} → R^4: four passes
    const U = randMat(n, c, 431);
    const expected = uncompiled(() => jacobian(f)(U)) as any;
    // one recording per call: the first call's passes only see the structure, the next ones compile it
    const compiled = [1, 2, 3].map((call) => compiledRuns(() => expectBitwise(jacobian(f)(U) as any, expected, `call ${call}`)));
    expect(compiled).toEqual([0, 4, 4]);
  });

  it("stays out of small tapes, outer differentiation and jit, which keep their results", () => {
    const small = (u: M) => sumSquares(tanh(u)); // 16 entries per step: below MIN_FUSED_ENTRIES
    const u4 = randMat(4, 4, 440);
    expect(16).toBeLessThan(MIN_FUSED_ENTRIES);
    for (let k = 0; k < 3; k++) expect(compiledRuns(() => gradient(small)(u4))).toBe(0);

    // gradient inside grad: the inner backward runs under the outer trace, rule by rule; only the
    // outer backward (of a tape holding the inner one's steps) compiles, from its second call
    const inner = (u: M) => sumSquares(tanh(u.mul(u)));
    const outer = (u: M) => sum(gradient(inner)(u) as M);
    const U = randMat(n, n, 441, -0.5, 0.5);
    const expected = uncompiled(() => grad(outer)(U)) as any;
    const compiled = [1, 2, 3].map(() => compiledRuns(() => expectBitwise(grad(outer)(U) as any, expected, "grad of gradient")));
    expect(compiled).toEqual([0, 1, 1]);

    const { loss, params } = trainingLoss(64, 64, 500);
    const p = params(0);
    const jitted = jit((q: { A: M; b: M }) => valueAndGradient(loss)(q));
    const e = uncompiled(() => jitted(p));
    for (let k = 0; k < 3; k++) expect(compiledRuns(() => expectSameGradients(jitted(p).gradient, e.gradient, `jit call ${k}`))).toBe(0);
  });

  it("leaves symbolic values (placeholders, no entries) to the rules, and their results unchanged", () => {
    // 5120 entries per step; symbolic values are boxed by their own trace (and have no entries), so
    // both the live-trace and the placeholder checks keep them out
    const S = symbol("S", n, c);
    const f = (u: M) => sum(sigmoid(u).mul(u));
    const expected = String(uncompiled(() => gradient(f)(S)));
    for (let k = 0; k < 3; k++) expect(compiledRuns(() => expect(String(gradient(f)(S))).toBe(expected))).toBe(0);
  });
});

describe("paramsKey", () => {
  it("tells apart every two parameters a rule could treat differently", () => {
    const values: unknown[] = [undefined, null, 0, -0, 1, "1", NaN, Infinity, -Infinity, true, false, [1, 2], [[1], 2], { axis: 0 }, { axis: 1 }, { n: 0 }, { a: 1, b: 2 }];
    const keys = values.map(paramsKey);
    expect(keys.every((k) => k !== null)).toBe(true);
    expect(new Set(keys).size).toBe(values.length);
    expect(paramsKey({ rows: 2, cols: 3 })).toBe(paramsKey({ rows: 2, cols: 3 }));
  });

  it("refuses what it cannot compare by value", () => {
    for (const v of [() => 1, new Float64Array(2), new Map(), Symbol("s"), 1n, { f: () => 1 }, [new Date(0)]]) expect(paramsKey(v)).toBeNull();
  });
});
