// Batched evaluation (src/jit/batch.ts): a traced program run once on K stacked members must give
// what running the function on each member gives. Each batching rule is checked on random shapes
// and data, for every way its inputs can be batched or single; then `jacobian`'s use of it.
import { describe, expect, it, vi } from "vitest";
import fc from "fast-check";
import { fromData, grad, hessian, jacobian, jit, vjp, numericJacobian } from "../src/index";
import { traceMatrices } from "../src/jit/jit";
import { evaluate, symbol } from "../src/symbolic/index";
import { batchProgram } from "../src/jit/batch";
import { add, div, exp, fill, mul, scale, sub, tanh } from "../src/ops/elementwise";
import { kron, matmulT } from "../src/ops/linalg";
import { transpose } from "../src/ops/transpose";
import { addToCols, addToRows, repeatCols, repeatRows, sum, sumSquares } from "../src/ops/reduce";
import { reshape, sliceCols, sliceRows, unvecCols, vecCols } from "../src/ops/structure";
import { dimArb, prop, rnd, seedArb, type M } from "./calculus-helpers";
import { kernelRuns } from "./core-helpers";

const any = (x: unknown) => x as any; // the ops' dimension types do not matter here

/** Runs f on `size` random members of shape r×c, batched and one by one; throws where they differ. */
function expectBatchedAsMembers(f: (v: M) => M, r: number, c: number, size: number, seed: number): void {
  const traced = traceMatrices(([v]) => [f(v)], [{ rows: r, cols: c }]);
  if (traced === null) throw new Error("not traceable");
  const members = Array.from({ length: size }, (_, k) => rnd(r, c, seed + k));
  const stackedIn = new Float64Array(size * r * c);
  members.forEach((m, k) => stackedIn.set(m.data, k * r * c));
  const [out] = batchProgram(traced.program, traced.outputs)([stackedIn], size);
  const each = members.map(f);
  const n = each[0].rows * each[0].cols;
  expect(out.length).toBe(size * n);
  each.forEach((y, k) => {
    for (let i = 0; i < n; i++) {
      const got = out[k * n + i], want = y.data[i];
      if (!(Math.abs(got - want) <= 1e-13 * (1 + Math.abs(want)))) throw new Error(`member ${k}, entry ${i}: ${got} vs ${want}`);
    }
  });
}

const caseArb = fc.record({ r: dimArb, c: dimArb, k: dimArb, size: fc.integer({ min: 1, max: 6 }), seed: seedArb });

describe("batching rules equal running each member", () => {
  describe("matmul", () => {
    prop("A·V (batched right, matrix members: side by side)", caseArb, ({ r, c, k, size, seed }) => {
      const A = rnd(k, r, seed + 100);
      expectBatchedAsMembers((v) => matmulT(A, v, false, false) as M, r, c, size, seed);
    });
    prop("op(A)·op(V) for every transpose flag (batched right)", caseArb, ({ r, c, k, size, seed }) => {
      for (const ta of [false, true]) {
        for (const tb of [false, true]) {
          const A = ta ? rnd(r, k, seed + 1) : rnd(k, r, seed + 1); // op(A) is k×r; op(V) is r×c
          expectBatchedAsMembers((v) => matmulT(A, v, ta, tb) as M, tb ? c : r, tb ? r : c, size, seed);
        }
      }
    });
    prop("A·v for vectors (batched right: one product with the members as rows)", caseArb, ({ r, k, size, seed }) => {
      const A = rnd(k, r, seed + 2);
      expectBatchedAsMembers((v) => matmulT(A, v, false, false) as M, r, 1, size, seed);
      expectBatchedAsMembers((v) => matmulT(A, v, false, true) as M, 1, r, size, seed); // vᵀ stored 1×r
      expectBatchedAsMembers((v) => matmulT(rnd(r, k, seed + 3), v, true, false) as M, r, 1, size, seed);
    });
    prop("op(V)·op(B) for every transpose flag (batched left: stacked rows)", caseArb, ({ r, c, k, size, seed }) => {
      for (const ta of [false, true]) {
        for (const tb of [false, true]) {
          const B = tb ? rnd(k, c, seed + 4) : rnd(c, k, seed + 4); // op(V) is r×c; op(B) is c×k
          expectBatchedAsMembers((v) => matmulT(v, B, ta, tb) as M, ta ? c : r, ta ? r : c, size, seed);
        }
      }
    });
    prop("V·Vᵀ (both batched: member by member)", caseArb, ({ r, c, size, seed }) => {
      expectBatchedAsMembers((v) => matmulT(v, v, false, true) as M, r, c, size, seed);
    });
  });

  prop("transposes (linalg's and structure's)", caseArb, ({ r, c, size, seed }) => {
    expectBatchedAsMembers((v) => transpose(any(v)) as M, r, c, size, seed);
    expectBatchedAsMembers((v) => unvecCols(any(v), any(r), any(c)) as M, r * c, 1, size, seed);
  });

  prop("sums: all entries, down columns, along rows", caseArb, ({ r, c, size, seed }) => {
    expectBatchedAsMembers((v) => sum(any(v)) as M, r, c, size, seed);
    expectBatchedAsMembers((v) => sum(any(v), 0) as M, r, c, size, seed);
    expectBatchedAsMembers((v) => sum(any(v), 1) as M, r, c, size, seed);
  });

  prop("broadcasts: batched matrix or batched bias, column and row", caseArb, ({ r, c, size, seed }) => {
    const C = rnd(r, c, seed + 5), col = rnd(r, 1, seed + 6), row = rnd(1, c, seed + 7);
    expectBatchedAsMembers((v) => addToCols(any(v), any(col)) as M, r, c, size, seed);
    expectBatchedAsMembers((b) => addToCols(any(C), any(b)) as M, r, 1, size, seed);
    expectBatchedAsMembers((v) => addToCols(any(v), any(sum(any(v), 1))) as M, r, c, size, seed);
    expectBatchedAsMembers((v) => addToRows(any(v), any(row)) as M, r, c, size, seed);
    expectBatchedAsMembers((b) => addToRows(any(C), any(b)) as M, 1, c, size, seed);
  });

  prop("element-wise: with single operands of the same shape, 1×1 factors, per-member factors", caseArb, ({ r, c, size, seed }) => {
    const C = rnd(r, c, seed + 8), s = rnd(1, 1, seed + 9);
    expectBatchedAsMembers((v) => add(any(v), any(C)) as M, r, c, size, seed);
    expectBatchedAsMembers((v) => sub(any(C), any(v)) as M, r, c, size, seed);
    expectBatchedAsMembers((v) => div(any(mul(any(v), any(C))), any(exp(any(C)))) as M, r, c, size, seed);
    expectBatchedAsMembers((v) => tanh(any(mul(any(v), any(v)))) as M, r, c, size, seed);
    expectBatchedAsMembers((v) => scale(any(v), any(s)) as M, r, c, size, seed);
    expectBatchedAsMembers((t) => scale(any(C), any(t)) as M, 1, 1, size, seed); // per-member factor
    expectBatchedAsMembers((t) => fill(t, r, c) as M, 1, 1, size, seed);
  });

  it("element-wise steps on large members (256 entries and more) with single inputs, run member by member into place", () => {
    const r = 16, c = 20, C = rnd(r, c, 40), s = rnd(1, 1, 41);
    for (const size of [1, 3]) {
      expectBatchedAsMembers((v) => add(any(v), any(C)) as M, r, c, size, 42);
      expectBatchedAsMembers((v) => div(any(C), any(mul(any(v), any(v)))) as M, r, c, size, 43); // one batched input twice
      expectBatchedAsMembers((v) => scale(any(sub(any(v), any(C))), any(s)) as M, r, c, size, 44);
      expectBatchedAsMembers((v) => tanh(any(v)) as M, r, c, size, 45);
    }
  });

  prop("structure: reshape, repeat, slice and its adjoint pad", caseArb, ({ r, c, k, size, seed }) => {
    expectBatchedAsMembers((v) => reshape(any(v), c, r) as M, r, c, size, seed);
    expectBatchedAsMembers((v) => vecCols(any(v)) as M, r, c, size, seed);
    expectBatchedAsMembers((v) => repeatCols(any(v), any(k)) as M, r, 1, size, seed);
    expectBatchedAsMembers((v) => repeatRows(any(v), any(k)) as M, 1, c, size, seed);
    expectBatchedAsMembers((v) => sliceRows(any(v), 0, 1) as M, r, c, size, seed);
    expectBatchedAsMembers((v) => sliceCols(any(v), any(c - 1), any(c)) as M, r, c, size, seed);
    // pad is slice's vjp: the pullback of a slice, traced, holds it
    const window = (v: M) => sliceCols(any(sliceRows(any(v), any(r - 1), any(r))), any(c - 1), any(c)) as M;
    expectBatchedAsMembers((u) => vjp(window, rnd(r, c, seed + 10)).pullback(u) as unknown as M, 1, 1, size, seed);
  });

  prop("primitives without a rule run member by member", caseArb, ({ r, c, size, seed }) => {
    expectBatchedAsMembers((v) => sumSquares(any(v)) as M, r, c, size, seed);
    expectBatchedAsMembers((v) => kron(any(v), any(rnd(2, 1, seed + 11))) as M, r, c, size, seed);
  });

  it("a basis input gives the materialized basis's results, bit for bit, through the seed shortcuts and otherwise", () => {
    const r = 5, size = 5, A = rnd(3, r, 11), At = rnd(r, 3, 12);
    const cPos = fromData(r, 1, [0.5, 2, 1, 3, 0.25]), cMixed = fromData(r, 1, [0.5, -2, 1, -3, 0.25]);
    const Ainf = fromData(3, r, [1, 2, Infinity, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15]);
    const cases: [string, (v: M) => unknown, number][] = [
      ["product with the seeds", (v) => matmulT(A, v, false, false), 0],
      ["transposed product with the seeds", (v) => matmulT(At, v, true, false), 0],
      ["seeds scaled by t ⊙ (1 − y²), then a product", (v) => matmulT(A, tanh(any(mul(any(v), any(cPos)))), false, false), 0],
      ["seeds through mul and div by positive constants, left as seeds", (v) => div(any(mul(any(cPos), any(v))), any(cPos)), 0],
      ["a negative factor makes −0 off the seeds: stacked instead", (v) => matmulT(A, mul(any(v), any(cMixed)) as M, false, false), 1],
      ["a negative scalar factor", (v) => scale(any(v), any(fromData(1, 1, [-2]))), 1],
      ["an added constant is not zero off the seeds", (v) => tanh(any(add(any(v), any(rnd(r, 1, 13))))), 1],
      ["a product with an infinite entry (0·∞ = NaN, as in the stacked product)", (v) => matmulT(Ainf, v, false, false), 0],
    ];
    for (const [what, f] of cases) {
      const traced = traceMatrices(([v]) => [f(v) as M], [{ rows: r, cols: 1 }])!;
      const run = batchProgram(traced.program, traced.outputs);
      for (const first of [0, 2]) {
        const k = size - first, eye = new Float64Array(k * r);
        for (let j = 0; j < k; j++) eye[j * r + first + j] = 1;
        const seeded = Array.from(run([{ basis: first }], k)[0]), stackedOut = Array.from(run([eye], k)[0]);
        stackedOut.forEach((x, n) => expect(Object.is(seeded[n], x), `${what}, entry ${n}: ${seeded[n]} vs ${x}`).toBe(true));
      }
    }
  });

  it("element-wise steps on seeds compute only the seed entries (and one check off them), not the stacked array", () => {
    const r = 6, W = rnd(4, r, 14), y = rnd(r, 1, 15), y2 = mul(any(y), any(y)) as M;
    const traced = traceMatrices(([u]) => [matmulT(W, mul(any(u), any(y2)) as M, false, false) as M], [{ rows: r, cols: 1 }])!;
    const mulStep = traced.program.equations.find((e) => e.prim.name === "mul")!.prim;
    const spy = vi.spyOn(mulStep, "impl");
    try {
      // seeds e_2 … e_5: the kernel ran on one r×1 member of zeros (the check) and on the 4 seed
      // entries, never on the 4·r stacked entries
      batchProgram(traced.program, traced.outputs)([{ basis: 2 }], 4);
      expect(spy.mock.calls.map((c) => [c[2], c[3]])).toEqual([[r, 1], [4, 1]]);
      spy.mockClear();
      const eye = new Float64Array(4 * r);
      for (let k = 0; k < 4; k++) eye[k * r + 2 + k] = 1;
      batchProgram(traced.program, traced.outputs)([eye], 4); // a stacked input: one call on the stacked array
      expect(spy.mock.calls.map((c) => [c[2], c[3]])).toEqual([[4 * r, 1]]);
    } finally {
      spy.mockRestore();
    }
  });
});

describe("jacobian runs its passes batched", () => {
  const W = rnd(16, 16, 21), f = (v: M) => tanh(any(matmulT(W, v, false, false))) as M;
  const x = rnd(16, 1, 22);

  it("one kernel call per step for all 16 forward passes (and 16 reverse ones)", () => {
    for (const [mode, size] of [["forward", 16], ["reverse", 16]] as const) {
      const { runs } = kernelRuns(() => jacobian(f, { mode })(any(x)));
      // one tanhGrad: the 16-entry tangent (or cotangent) of every pass at once
      expect(runs.filter((k) => k.name === "tanhGrad").map((k) => k.entries)).toEqual([16 * size]);
    }
  });

  it("batches from 12 forward passes (a Hessian's too) and from 16 reverse ones, runs fewer one by one", () => {
    const tanhGradRuns = (g: () => unknown) => kernelRuns(g).runs.filter((k) => k.name === "tanhGrad").map((k) => k.entries);
    for (const [n, batched] of [[11, false], [12, true]] as const) {
      const Wn = rnd(4, n, 23), xn = rnd(n, 1, 24), fn = (v: M) => tanh(any(matmulT(Wn, v, false, false))) as M;
      // a tangent of 4 entries per pass, all passes at once or one per pass
      expect(tanhGradRuns(() => jacobian(fn, { mode: "forward" })(any(xn))), `forward, ${n} passes`).toEqual(batched ? [4 * n] : Array(n).fill(4));
      const A = rnd(n, n, 25), h = (v: M) => sumSquares(tanh(any(matmulT(A, v, false, false)))) as never;
      const hessianRuns = tanhGradRuns(() => hessian(h)(any(xn)));
      if (batched) expect(hessianRuns.some((e) => e === n * n), `Hessian, ${n} passes: one run for all`).toBe(true);
      else expect(hessianRuns.every((e) => e === n), `Hessian, ${n} passes: one run each`).toBe(true);
    }
    for (const [m, batched] of [[15, false], [16, true]] as const) {
      const Wm = rnd(m, 4, 26), x4 = rnd(4, 1, 27), fm = (v: M) => tanh(any(matmulT(Wm, v, false, false))) as M;
      expect(tanhGradRuns(() => jacobian(fm, { mode: "reverse" })(any(x4))), `reverse, ${m} passes`).toEqual(batched ? [m * m] : Array(m).fill(m));
    }
  });

  it("forward and reverse agree, and match finite differences", () => {
    const Jf = jacobian(f, { mode: "forward" })(any(x)) as M, Jr = jacobian(f, { mode: "reverse" })(any(x)) as M;
    const Jn = numericJacobian(f, any(x), { eps: 1e-6 }) as M;
    for (let i = 0; i < Jf.data.length; i++) {
      expect(Math.abs(Jf.data[i] - Jr.data[i])).toBeLessThanOrEqual(1e-14);
      expect(Math.abs(Jf.data[i] - Jn.data[i])).toBeLessThanOrEqual(1e-8);
    }
  });

  it("many passes over large values are split into batches with the same result", () => {
    // v·cᵀ is 64×1024 per pass: at most 2^21 / 2^16 = 32 members per batch, so the 64 forward passes
    // run as 2 batches, and the 64 reverse ones too (the cotangent spreads to 64×1024)
    const c = rnd(1024, 1, 23, 0.1), x0 = rnd(64, 1, 25);
    const g = (v: M) => sum(any(tanh(any(matmulT(v, c, false, true)))), 1) as M;
    const batches = (mode: "forward" | "reverse") => {
      const { result, runs } = kernelRuns(() => jacobian(g, { mode })(any(x0)) as M);
      return { J: result, sizes: runs.filter((k) => k.name === "tanhGrad").map((k) => k.entries) };
    };
    const f = batches("forward"), r = batches("reverse");
    expect(f.sizes).toEqual([32 * 65536, 32 * 65536]);
    expect(r.sizes).toEqual([32 * 65536, 32 * 65536]);
    expect(f.J.shape).toEqual([64, 64]);
    let worst = 0;
    for (let i = 0; i < f.J.data.length; i++) worst = Math.max(worst, Math.abs(f.J.data[i] - r.J.data[i]));
    expect(worst).toBeLessThan(1e-12);
    const Jn = numericJacobian(g, any(x0), { eps: 1e-6 }) as M;
    for (let i = 0; i < f.J.data.length; i += 13) expect(Math.abs(f.J.data[i] - Jn.data[i])).toBeLessThan(1e-6);
  });

  it("identity and constant functions: the seed itself, or zeros, come out", () => {
    const x0 = rnd(16, 1, 28), C = rnd(16, 1, 29);
    for (const mode of ["forward", "reverse"] as const) {
      const I = jacobian((v: M) => v, { mode })(any(x0)) as M, Z = jacobian((_v: M) => C, { mode })(any(x0)) as M;
      expect(I.shape).toEqual([16, 16]);
      for (let i = 0; i < 16; i++) for (let j = 0; j < 16; j++) expect(I.data[i * 16 + j]).toBe(i === j ? 1 : 0);
      expect(Array.from(Z.data)).toEqual(new Array(256).fill(0));
    }
  });

  it("a record of inputs in forward mode: each input's passes batched with the others fixed", () => {
    const Wa = rnd(20, 16, 46), Wb = rnd(20, 18, 47), a0 = rnd(16, 1, 48), b0 = rnd(18, 1, 49);
    const h = ({ a, b }: { a: M; b: M }) => tanh(any(add(any(matmulT(Wa, a, false, false)), any(matmulT(Wb, b, false, false))))) as M;
    const J = jacobian(h, { mode: "forward" })({ a: any(a0), b: any(b0) }) as unknown as { a: M; b: M };
    const Ja = numericJacobian((a: M) => h({ a, b: b0 }), any(a0), { eps: 1e-6 }) as M;
    const Jb = numericJacobian((b: M) => h({ a: a0, b }), any(b0), { eps: 1e-6 }) as M;
    expect(J.a.shape).toEqual([20, 16]);
    expect(J.b.shape).toEqual([20, 18]);
    for (let i = 0; i < Ja.data.length; i++) expect(Math.abs(J.a.data[i] - Ja.data[i])).toBeLessThan(1e-7);
    for (let i = 0; i < Jb.data.length; i++) expect(Math.abs(J.b.data[i] - Jb.data[i])).toBeLessThan(1e-7);
  });

  it("a symbolic input runs the passes one by one (its values live in the symbolic trace) and evaluates right", () => {
    const W = rnd(12, 16, 50), xs = symbol("x", 16, 1), xv = rnd(16, 1, 51);
    const f = (v: M) => tanh(any(matmulT(W, v, false, false))) as M;
    const Js = evaluate(jacobian(f)(any(xs)) as M, { x: xv } as never) as M, Je = jacobian(f)(any(xv)) as M;
    for (let i = 0; i < Je.data.length; i++) expect(Math.abs(Js.data[i] - Je.data[i])).toBeLessThan(1e-12);
  });

  it("two inputs receiving the same cotangent get separate storage", () => {
    const h = ({ a, b }: { a: M; b: M }) => add(any(a), any(b)) as M; // 16 outputs: batched
    const J = jacobian(h, { mode: "reverse" })({ a: any(rnd(16, 1, 26)), b: any(rnd(16, 1, 27)) }) as unknown as { a: { data: Float64Array }; b: { data: Float64Array } };
    expect(J.a.data).not.toBe(J.b.data);
    expect(Array.from(J.a.data)).toEqual(Array.from(J.b.data));
  });
});


describe("jacobian inside jit: the batched passes are one step of the jitted program", () => {
  const x1 = rnd(16, 1, 31), x2 = rnd(16, 1, 32), W1 = rnd(16, 16, 33), W2 = rnd(16, 16, 34);
  const close = (a: M, b: M, tol = 1e-14) => {
    expect(a.shape).toEqual(b.shape);
    for (let i = 0; i < a.data.length; i++) expect(Math.abs(a.data[i] - b.data[i])).toBeLessThanOrEqual(tol);
  };
  const stepsOf = (fn: () => unknown): string[] => kernelRuns(fn).runs.map((k) => k.name);

  for (const mode of ["forward", "reverse"] as const) {
    it(`${mode}: values the function takes as arguments flow in on every call`, () => {
      const J = (W: M, x: M) => jacobian((v: M) => tanh(any(matmulT(W, v, false, false))) as M, { mode })(any(x)) as M;
      const fast = jit(J);
      close(fast(W1, x1), J(W1, x1));
      let got: M | undefined;
      const steps = stepsOf(() => (got = fast(W2, x2))); // the same program, new W and x
      close(got!, J(W2, x2));
      expect(steps).toContain("batchedJacobian");
      expect(steps.filter((s) => s === "tanhGrad")).toHaveLength(1); // inside the one batched step
    });
  }

  it("reverse mode with two inputs: each input's columns of the one step", () => {
    const f = ({ a, b }: { a: M; b: M }) => tanh(any(add(any(matmulT(W1, a, false, false)), any(mul(any(b), any(b)))))) as M;
    const J = (a: M, b: M) => jacobian(f, { mode: "reverse" })({ a: any(a), b: any(b) }) as unknown as { a: M; b: M };
    const fast = jit(J);
    const b = rnd(16, 1, 35);
    for (const [a, bb] of [[x1, b], [x2, rnd(16, 1, 36)]]) {
      const want = J(a, bb), got = fast(a, bb);
      close(got.a, want.a);
      close(got.b, want.b);
    }
  });

  it("a Hessian under jit equals the eager one", () => {
    const f = (v: M) => sum(any(tanh(any(matmulT(W1, v, false, false))))) as M;
    const H = (x: M) => hessian(f)(any(x)) as M;
    const fast = jit(H);
    close(fast(x1), H(x1), 1e-13);
    close(fast(x2), H(x2), 1e-13);
  });

  it("a differentiation inside the jitted function around the Jacobian: passes one by one, still right", () => {
    // d/dw Σ J(w) where J = ∂/∂v tanh(w·W1 v) at x1: w is traced by grad inside jit
    const h = (w: M) => sum(any(jacobian((v: M) => tanh(any(scale(any(matmulT(W1, v, false, false)), any(w)))) as M)(any(x1)))) as M;
    const g = (w: M) => grad(h)(any(w)) as M;
    const w = rnd(1, 1, 37);
    close(jit(g)(w), g(w), 1e-13);
    const at = (t: number) => h(any(fromData(1, 1, [t]))).data[0];
    const fd = (at(w.data[0] + 1e-6) - at(w.data[0] - 1e-6)) / 2e-6;
    expect(Math.abs(g(w).data[0] - fd)).toBeLessThan(1e-6);
  });
});
