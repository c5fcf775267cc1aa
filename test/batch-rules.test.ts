// Batching rules of solve, concat (vstack/hstack/concatMany), assemble, diag and diagPart: a traced
// program run once on K stacked members (src/jit/batch.ts) must give what running the function on
// each member gives, for every way the rule's inputs can be batched or single; and the rule itself
// must have computed it (a spy on the primitive's `batch` sees a result, not null: the member-by-
// member fallback would give the same values). Then `jacobian` through solve, and a singular A.
import { afterEach, describe, expect, it, vi } from "vitest";
import fc from "fast-check";
import { SingularMatrixError, diag, diagPart, hstack, jacobian, numericJacobian, solve, vstack } from "../src/index";
import type { Primitive } from "../src/core/primitive";
import { traceMatrices } from "../src/jit/jit";
import { batchProgram } from "../src/jit/batch";
import { tanh } from "../src/ops/elementwise";
import { matmulT } from "../src/ops/linalg";
import { assemble, concatMany } from "../src/ops/structure";
import { AD_TOL, TOL, dimArb, expectClose, m, prop, rnd, seedArb, wellConditioned, type M } from "./calculus-helpers";
import { kernelRuns } from "./core-helpers";

const any = (x: unknown) => x as any; // the ops' dimension types do not matter here

type Make = (seed: number) => M;
interface Expect {
  /** The primitive whose rule is under test. */
  readonly rule: string;
  /** True: its rule computes the batched output; false: it returns null (member by member). */
  readonly taken: boolean;
  /** Relative tolerance against the member-by-member results (0: bit for bit). */
  readonly tol?: number;
}

/** The first primitive named `name` in the traced program of f on inputs of these shapes. */
function primitiveOf(name: string, f: (xs: M[]) => M, shapes: readonly (readonly [number, number])[]): Primitive<unknown> {
  const traced = traceMatrices((xs) => [f(xs)], shapes.map(([rows, cols]) => ({ rows, cols })))!;
  const e = traced.program.equations.find((q) => q.prim.name === name);
  if (e === undefined) throw new Error(`no ${name} in the traced program`);
  return e.prim;
}

let spies: { mockRestore(): void }[] = [];
afterEach(() => {
  for (const s of spies) s.mockRestore();
  spies = [];
});

/** Watches a primitive's batching rule: what it returned on each call. */
function spyRule(prim: Primitive<unknown>) {
  const spy = vi.spyOn(prim as unknown as { batch: (...a: unknown[]) => Float64Array | null }, "batch");
  spies.push(spy);
  return spy;
}

/**
 * Runs f on `size` members, batched (the inputs with batched[i] stacked, the others single) and one
 * by one (single inputs the same in every member); throws where they differ, or where the rule of
 * `want.rule` was not (or, for `taken: false`, was) what computed the batched output.
 */
function expectBatchedAsMembers(f: (xs: M[]) => M, make: readonly Make[], batched: readonly boolean[], size: number, seed: number, want: Expect): void {
  const singles = make.map((mk, i) => mk(seed + 1000 * i));
  const members = Array.from({ length: size }, (_, k) => make.map((mk, i) => (batched[i] ? mk(seed + 1000 * i + k + 1) : singles[i])));
  const shapes = singles.map((x) => [x.rows, x.cols] as const);
  const traced = traceMatrices((xs) => [f(xs)], shapes.map(([rows, cols]) => ({ rows, cols })));
  if (traced === null) throw new Error("not traceable");
  const prim = traced.program.equations.find((e) => e.prim.name === want.rule)?.prim;
  if (prim === undefined) throw new Error(`no ${want.rule} in the traced program`);
  const spy = spyRule(prim);
  const inputs = singles.map((x, i) => {
    if (!batched[i]) return { single: x.data };
    const n = x.rows * x.cols, data = new Float64Array(size * n);
    members.forEach((xs, k) => data.set(xs[i].data, k * n));
    return data;
  });
  const [out] = batchProgram(traced.program, traced.outputs)(inputs, size);
  const returned = spy.mock.results.map((r) => r.value as Float64Array | null);
  spy.mockRestore();
  if (returned.length === 0) throw new Error(`${want.rule}'s rule was not called`);
  if (want.taken && !returned.every((r) => r instanceof Float64Array)) throw new Error(`${want.rule}'s rule fell back to member by member`);
  if (!want.taken && !returned.every((r) => r === null)) throw new Error(`${want.rule}'s rule did not fall back`);

  const each = members.map(f);
  const n = each[0].rows * each[0].cols, tol = want.tol ?? 0;
  expect(out.length).toBe(size * n);
  each.forEach((y, k) => {
    for (let i = 0; i < n; i++) {
      const got = out[k * n + i], w = y.data[i];
      if (!(tol === 0 ? Object.is(got, w) : Math.abs(got - w) <= tol * Math.max(1, Math.abs(w)))) {
        throw new Error(`member ${k} of ${size}, entry ${i}: ${got} vs ${w}`);
      }
    }
  });
}

/** Every batched/single pattern of `count` inputs with at least one batched (the rule runs only then). */
function patterns(count: number): boolean[][] {
  const out: boolean[][] = [];
  for (let mask = 1; mask < 1 << count; mask++) out.push(Array.from({ length: count }, (_, i) => ((mask >> i) & 1) === 1));
  return out;
}

const sizeArb = fc.integer({ min: 1, max: 7 });
/** Each property runs with batch size 1 and a random one. */
const sizesOf = (size: number) => (size === 1 ? [1] : [1, size]);
const label = (b: readonly boolean[]) => b.map((x) => (x ? "batched" : "single")).join("/");

describe("batching rules equal running each member", () => {
  describe("solve", () => {
    const solveArb = fc.record({ n: dimArb, m: dimArb, size: sizeArb, seed: seedArb });
    prop("shared A, batched B: one factorization for all right-hand sides", solveArb, ({ n, m: cols, size, seed }) => {
      for (const K of sizesOf(size)) {
        const make: Make[] = [(s) => wellConditioned(n, s), (s) => rnd(n, cols, s)];
        expectBatchedAsMembers(([a, b]) => solve(any(a), any(b)), make, [false, true], K, seed, { rule: "solve", taken: true, tol: 1e-12 });
      }
    });
    prop("batched A (with B single or batched): member by member", solveArb, ({ n, m: cols, size, seed }) => {
      for (const K of sizesOf(size)) {
        for (const bBatched of [false, true]) {
          const make: Make[] = [(s) => wellConditioned(n, s), (s) => rnd(n, cols, s)];
          expectBatchedAsMembers(([a, b]) => solve(any(a), any(b)), make, [true, bBatched], K, seed, { rule: "solve", taken: false });
        }
      }
    });
    it("a large system with many right-hand sides (the LU kernels' blocked solves)", () => {
      const make: Make[] = [(s) => wellConditioned(60, s), (s) => rnd(60, 3, s)];
      expectBatchedAsMembers(([a, b]) => solve(any(a), any(b)), make, [false, true], 5, 7, { rule: "solve", taken: true, tol: 1e-12 });
    });
    it("a singular shared A throws the impl's SingularMatrixError from the rule, not NaNs", () => {
      const A = m([[1, 2, 0], [2, 4, 0], [0, 1, 1]]); // row 2 = 2·row 1
      const traced = traceMatrices(([b]) => [solve(any(A), any(b))], [{ rows: 3, cols: 1 }])!;
      const spy = spyRule(primitiveOf("solve", ([a, b]) => solve(any(a), any(b)), [[3, 3], [3, 1]]));
      const run = () => batchProgram(traced.program, traced.outputs)([rnd(4, 3, 8).data], 4);
      expect(run).toThrow(SingularMatrixError);
      expect(spy.mock.results.map((r) => r.type)).toEqual(["throw"]); // thrown by the rule itself
      let direct: unknown, batchedErr: unknown;
      try {
        solve(any(A), any(rnd(3, 1, 9)));
      } catch (e) {
        direct = e;
      }
      try {
        run();
      } catch (e) {
        batchedErr = e;
      }
      expect((batchedErr as Error).message).toBe((direct as Error).message);
    });
  });

  describe("concat", () => {
    const partsArb = fc.record({ along: fc.array(dimArb, { minLength: 1, maxLength: 4 }), across: dimArb, size: sizeArb, seed: seedArb });
    for (const axis of [0, 1] as const) {
      prop(`concatMany along axis ${axis}: every pattern of batched and single parts`, partsArb, ({ along, across, size, seed }) => {
        const make = along.map((d): Make => (axis === 0 ? (s) => rnd(d, across, s) : (s) => rnd(across, d, s)));
        for (const K of sizesOf(size)) {
          for (const b of patterns(along.length)) {
            try {
              expectBatchedAsMembers((xs) => concatMany(xs, axis) as M, make, b, K, seed, { rule: "concat", taken: true });
            } catch (e) {
              throw new Error(`${label(b)}: ${(e as Error).message}`);
            }
          }
        }
      });
    }
    prop("vstack and hstack", fc.record({ r: dimArb, c: dimArb, k: dimArb, size: sizeArb, seed: seedArb }), ({ r, c, k, size, seed }) => {
      for (const K of sizesOf(size)) {
        for (const b of patterns(2)) {
          expectBatchedAsMembers(([x, y]) => vstack(any(x), any(y)), [(s) => rnd(r, c, s), (s) => rnd(k, c, s)], b, K, seed, { rule: "concat", taken: true });
          expectBatchedAsMembers(([x, y]) => hstack(any(x), any(y)), [(s) => rnd(r, c, s), (s) => rnd(r, k, s)], b, K, seed, { rule: "concat", taken: true });
        }
      }
    });
  });

  prop(
    "assemble: random patterns of batched and single scalars",
    fc.record({ r: dimArb, c: dimArb, size: sizeArb, seed: seedArb, mask: fc.array(fc.boolean(), { minLength: 25, maxLength: 25 }) }),
    ({ r, c, size, seed, mask }) => {
      const n = r * c, make = Array.from({ length: n }, (): Make => (s) => rnd(1, 1, s));
      const random = mask.slice(0, n);
      random[seed % n] = true;
      const one = Array.from({ length: n }, (_, i) => i === seed % n);
      for (const K of sizesOf(size)) {
        for (const b of [random, one, new Array<boolean>(n).fill(true)]) {
          expectBatchedAsMembers((xs) => assemble(xs, r, c) as M, make, b, K, seed, { rule: "assemble", taken: true });
        }
      }
    },
  );

  prop("diag of a column and of a row", fc.record({ n: dimArb, size: sizeArb, seed: seedArb }), ({ n, size, seed }) => {
    for (const K of sizesOf(size)) {
      expectBatchedAsMembers(([v]) => diag(any(v)), [(s) => rnd(n, 1, s)], [true], K, seed, { rule: "diag", taken: true });
      expectBatchedAsMembers(([v]) => diag(any(v)), [(s) => rnd(1, n, s)], [true], K, seed, { rule: "diag", taken: true });
    }
  });

  prop("diagPart of square and rectangular members", fc.record({ r: dimArb, c: dimArb, size: sizeArb, seed: seedArb }), ({ r, c, size, seed }) => {
    for (const K of sizesOf(size)) {
      expectBatchedAsMembers(([a]) => diagPart(any(a)), [(s) => rnd(r, r, s)], [true], K, seed, { rule: "diagPart", taken: true });
      expectBatchedAsMembers(([a]) => diagPart(any(a)), [(s) => rnd(r, c, s)], [true], K, seed, { rule: "diagPart", taken: true });
    }
  });
});

describe("jacobian through the rules: batched passes, right values", () => {
  /** The Jacobian in `mode`, the kernels seen (`name entries`) and what the named rules returned. */
  function observed(f: (v: M) => M, x: M, mode: "forward" | "reverse", rules: readonly Primitive<unknown>[]) {
    const ss = rules.map(spyRule);
    try {
      const { result: J, runs } = kernelRuns(() => jacobian(f, { mode })(any(x)) as M);
      const seen = runs.map((k) => `${k.name} ${k.entries}`);
      return { J, seen, returned: ss.map((s) => s.mock.results.map((r) => r.value as Float64Array | null)) };
    } finally {
      for (const s of ss) s.mockRestore();
    }
  }

  it("x ↦ solve(A, tanh(Bx)) in forward mode (16 passes) and reverse mode (17 passes)", () => {
    const n = 17, A = wellConditioned(n, 41), B = rnd(n, 16, 42, 0.5), x = rnd(16, 1, 43);
    const f = (v: M) => solve(any(A), any(tanh(any(matmulT(B, v, false, false))))) as M;
    const solveP = primitiveOf("solve", ([a, b]) => solve(any(a), any(b)), [[2, 2], [2, 1]]);
    const Jn = numericJacobian(f, any(x), { eps: 1e-6 }) as M;
    const Js: M[] = [];
    for (const [mode, passes] of [["forward", 16], ["reverse", 17]] as const) {
      const { J, seen, returned } = observed(f, x, mode, [solveP]);
      expect(seen).toContain(`solve ${passes * n}`); // K·n·m entries: every pass's solve at once
      expect(seen.filter((s) => s.startsWith("solve ") && s !== `solve ${n}`)).toEqual([`solve ${passes * n}`]);
      expect(returned[0].filter((r) => r !== null).map((r) => r!.length)).toEqual([passes * n]); // by the rule
      expectClose(J, Jn, TOL, `${mode} vs finite differences`);
      Js.push(J);
    }
    expectClose(Js[0], Js[1], AD_TOL, "forward vs reverse");
  });

  it("x ↦ vstack(diag(x)·c, diagPart(x·wᵀ)) with assembled entries: basis seeds straight into the rules", () => {
    const c = rnd(16, 1, 51), w = rnd(16, 1, 52), x = rnd(16, 1, 53);
    const f = (v: M) => {
      const t = tanh(any(v)) as M;
      const corner = assemble([any(matmulT(v, w, true, false)), any(matmulT(t, c, true, false))], 2, 1) as M;
      return concatMany([matmulT(diag(any(v)), c, false, false) as M, diagPart(any(matmulT(t, w, false, true))) as M, corner], 0) as M;
    };
    const rules = ["diag", "diagPart", "concat", "assemble"].map((name) =>
      primitiveOf(name, ([v]) => concatMany([diag(any(v)) as M, diagPart(any(assemble([v], 1, 1)))], 1) as M, [[1, 1]]),
    );
    const Jn = numericJacobian(f, any(x), { eps: 1e-6 }) as M;
    for (const mode of ["forward", "reverse"] as const) {
      const { J, returned } = observed(f, x, mode, rules);
      returned.forEach((rs, i) => {
        // reverse mode's pullback has the adjoints (pad/slice/reshape) in place of some of these
        if (mode === "forward") expect(rs.length, `${rules[i].name} in forward mode`).toBeGreaterThan(0);
        expect(rs.every((r) => r !== null), `${rules[i].name} fell back`).toBe(true);
      });
      expectClose(J, Jn, TOL, `${mode} vs finite differences`);
    }
  });
});
