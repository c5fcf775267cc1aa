import { describe, it, expect } from "vitest";
import {
  mat, vec, row, zeros, sum, mean, max, sumSquares, norm, logSumExp, softmax, logSoftmax, log,
  repeatRows, repeatCols, addToRows, addToCols, ShapeError, ValueError, fromData, dim,
} from "../src/index";
import { expectMat, expectNum, firstDiff, maxAbsDiff, randMat, rng, type M } from "./core-helpers";
import { expOne } from "../src/kernels/wasm/elementwise-js";

const A = mat([[1, -2, 3], [4, 5, -6]]);
const LN2 = Math.log(2);

describe("sum / mean / max / sumSquares", () => {
  it("sum of all entries is 1×1", () => {
    const s = sum(A);
    expect(s.shape).toEqual([1, 1]);
    expect(s.item()).toBe(5);
    expect(A.sum().item()).toBe(5);
  });

  it("sum along axis 0 is a 1×C row, along axis 1 an R×1 column", () => {
    expectMat(sum(A, 0), [[5, 3, -3]]);
    expectMat(sum(A, 1), [[2], [3]]);
    expectMat(A.sum(0), [[5, 3, -3]]);
    expectMat(A.sum(1), [[2], [3]]);
    expectMat(sum(zeros(3, 0), 1), [[0], [0], [0]]);
    expect(sum(zeros(0, 2)).item()).toBe(0);
  });

  it("sum along axes of random data agrees with the total", () => {
    const X = randMat(9, 13, 5);
    expectNum(sum(sum(X, 0)).item(), sum(X).item(), 1e-12);
    expectNum(sum(sum(X, 1)).item(), sum(X).item(), 1e-12);
  });

  // The documented order (sum's doc; src/ops/reduce.ts sumRange), written out here independently:
  // entry k of the summed range into partial sum k mod 4, then (s0 + s1) + (s2 + s3). Magnitudes
  // from 1e-8 to 1e16 make every other order round differently somewhere.
  it("sums add in four partial sums, entry k into partial sum k mod 4", () => {
    const partial = (xs: readonly number[]): number => {
      const s = [0, 0, 0, 0];
      xs.forEach((x, k) => (s[k % 4] += x));
      return s[0] + s[1] + (s[2] + s[3]);
    };
    const r = rng(17);
    for (const [R, C] of [[1, 1], [1, 2], [1, 3], [1, 5], [2, 3], [3, 7], [4, 4], [5, 9], [6, 2]]) {
      for (let round = 0; round < 20; round++) {
        const xs = Array.from({ length: R * C }, () => (r() - 0.5) * 10 ** Math.floor(r() * 25 - 8));
        const X = fromData(dim("R", R), dim("C", C), xs);
        expect(sum(X).item(), `sum of ${R}×${C}`).toBe(partial(xs));
        expect(sumSquares(X).item(), `sumSquares of ${R}×${C}`).toBe(partial(xs.map((x) => x * x)));
        expect(Array.from(sum(X, 1).data), `row sums of ${R}×${C}`).toEqual(Array.from({ length: R }, (_, i) => partial(xs.slice(i * C, i * C + C))));
      }
    }
  });

  // Column sums add the rows onto the result one after another, in row order (the kernel takes four
  // rows per pass, keeping that order): the same magnitudes make any other order round differently.
  it("column sums add the rows in order, row 0 first", () => {
    const r = rng(18);
    for (const [R, C] of [[1, 3], [2, 5], [3, 1], [4, 4], [5, 7], [7, 2], [8, 9], [9, 1000], [13, 3]]) {
      for (let round = 0; round < 10; round++) {
        const xs = Array.from({ length: R * C }, () => (r() - 0.5) * 10 ** Math.floor(r() * 25 - 8));
        const want = Array.from({ length: C }, (_, j) => {
          let s = 0;
          for (let i = 0; i < R; i++) s += xs[i * C + j];
          return s;
        });
        expect(Array.from(sum(fromData(dim("R", R), dim("C", C), xs), 0).data), `column sums of ${R}×${C}`).toEqual(want);
      }
    }
    // special values in any row: NaN and infinities propagate as in the row-by-row sums (which start
    // from +0, so a column of −0 sums to +0)
    const S = mat([[-0, 1, Infinity, 1, -0], [-0, NaN, -Infinity, 2, -0], [-0, 1, 1, Infinity, -0], [-0, 2, 1, 3, -0], [-0, 3, 1, 4, 0]]);
    expect(Array.from(sum(S, 0).data)).toEqual([0, NaN, NaN, Infinity, 0]);
  });

  it("mean", () => {
    expect(mean(A).item()).toBeCloseTo(5 / 6, 15);
    expect(mean(mat([[2, 4], [6, 8]])).item()).toBe(5);
    expect(mean(A).shape).toEqual([1, 1]);
  });

  it("max picks the largest entry", () => {
    expect(max(A).item()).toBe(5);
    expect(max(mat([[-3, -1, -2]])).item()).toBe(-1);
    expect(max(vec([-Infinity, -5])).item()).toBe(-5);
    expect(max(A).shape).toEqual([1, 1]);
  });

  it("max of an empty matrix throws ShapeError", () => {
    expect(() => max(zeros(0, 3))).toThrow(ShapeError);
    expect(() => max(zeros(0, 3))).toThrow(/max.*empty/);
  });

  it("sumSquares", () => {
    expect(sumSquares(A).item()).toBe(1 + 4 + 9 + 16 + 25 + 36);
    expect(sumSquares(vec([0.5, -0.5])).item()).toBe(0.5);
  });
});

describe("norm", () => {
  const v = vec([3, -4]);
  it("1, 2, Infinity, 'fro', default", () => {
    expect(norm(v, 1).item()).toBe(7);
    expect(norm(v, 2).item()).toBe(5);
    expect(norm(v).item()).toBe(5);
    expect(norm(v, Infinity).item()).toBe(4);
    expect(norm(A, "fro").item()).toBeCloseTo(Math.sqrt(91), 14);
    expect(norm(A, 1).item()).toBe(21);
    expect(norm(A, Infinity).item()).toBe(6);
  });

  it("general p = 3", () => {
    expectNum(norm(v, 3).item(), Math.cbrt(27 + 64), 1e-14);
    expectNum(norm(A, 3).item(), Math.cbrt(1 + 8 + 27 + 64 + 125 + 216), 1e-13);
  });

  it("p-norms decrease in p: ‖x‖₁ ≥ ‖x‖₂ ≥ ‖x‖₃ ≥ ‖x‖∞", () => {
    const x = randMat(20, 1, 3);
    const n1 = norm(x, 1).item(), n2 = norm(x, 2).item(), n3 = norm(x, 3).item(), ni = norm(x, Infinity).item();
    expect(n1).toBeGreaterThan(n2);
    expect(n2).toBeGreaterThan(n3);
    expect(n3).toBeGreaterThan(ni);
  });

  it("invalid p throws ValueError", () => {
    for (const p of [0, -1, -Infinity, NaN, "nuc", "x"] as any[]) {
      expect(() => norm(v, p)).toThrow(ValueError);
      expect(() => norm(v, p)).toThrow(/norm/);
    }
  });

  it("p < 1 throws ValueError (only p ≥ 1 is a norm)", () => {
    expect(() => norm(v, 0.5)).toThrow(ValueError);
  });
});

describe("logSumExp", () => {
  it("hand value and 1×1 shape", () => {
    const l = logSumExp(vec([0, 0, 0]));
    expect(l.shape).toEqual([1, 1]);
    expectNum(l.item(), Math.log(3), 1e-15);
    expectNum(logSumExp(mat([[1, 2], [3, 4]])).item(), Math.log(Math.E + Math.E ** 2 + Math.E ** 3 + Math.E ** 4), 1e-14);
  });

  it("stable at [1000, 1000] = 1000 + ln 2 and at [−1000, −1000] = −1000 + ln 2", () => {
    expectNum(logSumExp(vec([1000, 1000])).item(), 1000 + LN2, 1e-12);
    expectNum(logSumExp(vec([-1000, -1000])).item(), -1000 + LN2, 1e-12);
    expectNum(logSumExp(vec([1000, 0])).item(), 1000, 1e-12);
    expect(logSumExp(vec([-Infinity, -Infinity])).item()).toBe(-Infinity);
  });

  it("along axes: axis 0 gives 1×C, axis 1 gives R×1", () => {
    const X = mat([[1000, -1000], [1000, -1000]]);
    expectMat(logSumExp(X, 0), [[1000 + LN2, -1000 + LN2]], 1e-12);
    expectMat(logSumExp(X, 1), [[1000], [1000]], 1e-12);
    const Y = mat([[0, Math.log(3)], [Math.log(2), Math.log(2)]]);
    expectMat(logSumExp(Y, 1), [[Math.log(4)], [Math.log(4)]], 1e-15);
    expectMat(logSumExp(Y, 0), [[Math.log(3), Math.log(5)]], 1e-15);
  });

  // the shifted entries go through the exp kernel in one call (Wasm from EXP_WASM_MIN entries)
  it.each([[3, 4], [5, 40], [40, 5], [33, 17], [6, 10], [7, 31], [9, 32], [4, 4], [3, 20], [700, 7], [1500, 4], [4, 5]])("%i×%i: each run is m + log Σ exp(x − m) in order, bit for bit; runs with a ±∞ or NaN max give it", (R, C) => {
    const r = rng(R * C);
    const data = Float64Array.from({ length: R * C }, () => 60 * (r() - 0.5));
    data[C + 1] = Infinity; // row 1, column 1
    data[2 * C + 2] = NaN; // row 2, column 2
    for (let i = 0; i < R; i++) data[i * C + 3] = -Infinity; // column 3
    const X = fromData(dim("R", R), dim("C", C), data);
    const ref = (run: number[]): number => {
      const m = Math.max(...run);
      if (!Number.isFinite(m)) return m;
      let s = 0;
      for (const v of run) s += expOne(v - m);
      return m + Math.log(s);
    };
    const rowsOf = Array.from({ length: R }, (_, i) => Array.from(data.subarray(i * C, (i + 1) * C)));
    const colsOf = Array.from({ length: C }, (_, j) => rowsOf.map((row) => row[j]));
    const allBut = Array.from(data).filter((v) => Number.isFinite(v));
    expect(firstDiff(logSumExp(X, 1).data, Float64Array.from(rowsOf.map(ref)))).toBe(-1);
    expect(firstDiff(logSumExp(X, 0).data, Float64Array.from(colsOf.map(ref)))).toBe(-1);
    expect(Number.isNaN(logSumExp(X).item())).toBe(true);
    expect(firstDiff(logSumExp(fromData(1, dim("n", allBut.length), allBut)).data, Float64Array.of(ref(allBut)))).toBe(-1);
    expect(Object.is(data[C + 1], Infinity) && Number.isNaN(data[2 * C + 2]), "input not mutated").toBe(true);
  });

  // The max is taken four entries (or rows) at a time: a spike of 800 at each place of a run must
  // still be its max, else exp(800 − m) overflows and the result is +∞.
  it("finds the max at every place of a run (9 entries: two groups of four and one left over)", () => {
    for (let k = 0; k < 9; k++) {
      const run = Array.from({ length: 9 }, (_, i) => (i === k ? 800 : i / 10));
      const want = 800 + Math.log(1 + run.filter((_, i) => i !== k).reduce((s, v) => s + Math.exp(v - 800), 0));
      expectNum(logSumExp(fromData(1, 9, run)).item(), want, 1e-12);
      expectNum(logSumExp(fromData(1, 9, run), 1).item(), want, 1e-12);
      expectNum(logSumExp(fromData(9, 1, run), 0).item(), want, 1e-12);
      expectNum(logSumExp(fromData(9, 2, run.flatMap((v) => [v, -v])), 0).data[0], want, 1e-12);
    }
  });

  // Rows shorter than 32 go four at a time: a spike in any row of a group, at any place, is that
  // row's max and no other's.
  it.each([6, 20])("finds each row's max at every place in groups of four short rows (%i rows of 5)", (R) => {
    for (let row = 0; row < 6; row++) {
      for (let k = 0; k < 5; k++) {
        const data = Float64Array.from({ length: R * 5 }, (_, i) => (i === row * 5 + k ? 800 : (i % 7) / 10));
        const got = logSumExp(fromData(dim("R", R), 5, data), 1).data;
        for (let i = 0; i < R; i++) {
          const run = Array.from(data.subarray(i * 5, i * 5 + 5)), m = Math.max(...run);
          expectNum(got[i], m + Math.log(run.reduce((s, v) => s + Math.exp(v - m), 0)), 1e-12);
        }
      }
    }
  });

  it("short rows of one entry, and rows all −∞, +∞ or NaN", () => {
    for (const R of [5, 80]) {
      const data = Float64Array.from({ length: R * 3 }, (_, i) => i / 7 - 3);
      data.fill(-Infinity, 0, 3);
      data.fill(Infinity, 3, 6);
      data[7] = NaN;
      const got = logSumExp(fromData(dim("R", R), 3, data), 1).data;
      expect([got[0], got[1]]).toEqual([-Infinity, Infinity]);
      expect(got[2]).toBeNaN();
      const ones = logSumExp(fromData(dim("R", R * 3), 1, data), 1).data;
      expect(firstDiff(ones, data)).toBe(-1); // m + log(e⁰) = m
    }
  });

  it("of no entries is −∞ (an empty sum), along either axis", () => {
    expect(logSumExp(zeros(0, 3)).item()).toBe(-Infinity);
    expect(Array.from(logSumExp(zeros(0, 3), 0).data)).toEqual([-Infinity, -Infinity, -Infinity]);
    expect(Array.from(logSumExp(zeros(2, 0), 1).data)).toEqual([-Infinity, -Infinity]);
  });
});

describe("softmax", () => {
  it("hand value, sums to 1", () => {
    const s = softmax(vec([0, Math.log(3)]));
    expectMat(s, [[0.25], [0.75]], 1e-15);
    const r = softmax(randMat(6, 4, 9));
    expectNum(sum(r).item(), 1, 1e-14);
    for (const x of r.data) expect(x).toBeGreaterThan(0);
  });

  it("no NaN at large inputs", () => {
    const s = softmax(vec([1000, 1000, 999]));
    for (const x of s.data) expect(Number.isNaN(x)).toBe(false);
    const e = Math.exp(-1);
    // exp(x − lse) with lse ≈ 1000 carries an absolute error of about ulp(1000) ≈ 1e-13
    expectMat(s, [[1 / (2 + e)], [1 / (2 + e)], [e / (2 + e)]], 1e-12);
    expectNum(sum(s).item(), 1, 1e-12);
    expectMat(softmax(vec([-1000, -1000])), [[0.5], [0.5]], 1e-12);
    expectMat(softmax(vec([1e4, 0])), [[1], [0]]);
  });

  it("along axes: columns (axis 0) or rows (axis 1) sum to 1", () => {
    const X = randMat(5, 7, 13, -50, 50);
    const c = softmax(X, 0), r = softmax(X, 1);
    expectMat(sum(c, 0), [Array(7).fill(1)], 1e-14);
    expectMat(sum(r, 1), Array.from({ length: 5 }, () => [1]), 1e-14);
    expectMat(softmax(mat([[0, 0], [Math.log(3), 1000]]), 0), [[0.25, 0], [0.75, 1]], 1e-15);
    expectMat(softmax(mat([[0, Math.log(3)], [1000, 1000]]), 1), [[0.25, 0.75], [0.5, 0.5]], 1e-12);
  });

  it("is invariant to adding a constant", () => {
    const X = randMat(4, 4, 21);
    expect(maxAbsDiff(softmax(X), softmax(X.add(123.25)))).toBeLessThan(1e-14);
  });
});

describe("logSoftmax", () => {
  it("= log(softmax) where finite (all, axis 0, axis 1)", () => {
    const X = randMat(4, 5, 17, -3, 3);
    expect(maxAbsDiff(logSoftmax(X), log(softmax(X)))).toBeLessThan(1e-13);
    expect(maxAbsDiff(logSoftmax(X, 0), log(softmax(X, 0)))).toBeLessThan(1e-13);
    expect(maxAbsDiff(logSoftmax(X, 1), log(softmax(X, 1)))).toBeLessThan(1e-13);
  });

  it("stable at 1e4 (where log(softmax) would give −Infinity)", () => {
    const l = logSoftmax(vec([1e4, 0]));
    expectMat(l, [[0], [-1e4]], 1e-12);
    expect(log(softmax(vec([1e4, 0]))).data[1]).toBe(-Infinity); // shows why stability matters
    expectMat(logSoftmax(vec([1e4, 1e4])), [[-LN2], [-LN2]], 1e-12);
    expectMat(logSoftmax(mat([[1e4, 0], [0, 1e4]]), 1), [[0, -1e4], [-1e4, 0]], 1e-12);
  });
});

describe("repeatRows / repeatCols / addToRows / addToCols", () => {
  it("repeatRows stacks a row n times, repeatCols a column", () => {
    expectMat(repeatRows(row([1, 2, 3]), 2), [[1, 2, 3], [1, 2, 3]]);
    expectMat(repeatCols(vec([1, 2]), 3), [[1, 1, 1], [2, 2, 2]]);
    expect(repeatRows(row([1, 2]), 0).shape).toEqual([0, 2]);
  });

  it("repeatRows and repeatCols against the definition, rows either side of the loop/call thresholds", () => {
    const r = rng(29);
    for (const n of [1, 3, 11, 12, 13, 15, 16, 17, 40])
      for (const count of [1, 5]) {
        const v = fromData(1, dim("n", n), Array.from({ length: n }, () => r() - 0.5));
        const u = fromData(dim("n", n), 1, Array.from({ length: n }, () => r() - 0.5));
        const R = repeatRows(v, dim("k", count)), C = repeatCols(u, dim("n", n));
        expect(R.shape).toEqual([count, n]);
        for (let i = 0; i < count; i++) for (let j = 0; j < n; j++) expect(R.get(i, j), `repeatRows ${count}×${n}`).toBe(v.get(0, j));
        for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) expect(C.get(i, j), `repeatCols ${n}×${n}`).toBe(u.get(i, 0));
      }
  });

  it("repeatRows/repeatCols reject the wrong orientation and bad counts", () => {
    expect(() => repeatRows(vec([1, 2]) as any, 2)).toThrow(ShapeError);
    expect(() => repeatRows(vec([1, 2]) as any, 2)).toThrow(/repeatRows.*2×1/);
    expect(() => repeatCols(row([1, 2]) as any, 2)).toThrow(/repeatCols.*1×2/);
    expect(() => repeatRows(row([1, 2]), -1 as any)).toThrow(ShapeError);
    expect(() => repeatCols(vec([1, 2]), 1.5 as any)).toThrow(/repeatCols/);
  });

  it("addToRows adds the row to every row; addToCols the column to every column", () => {
    expectMat(addToRows(A, row([10, 20, 30])), [[11, 18, 33], [14, 25, 24]]);
    expectMat(addToCols(A, vec([100, 200])), [[101, 98, 103], [204, 205, 194]]);
  });

  it("addToRows and addToCols on random shapes (rows either side of the kernel's groups of four): entry (i, j) is a(i, j) plus the bias", () => {
    const r = rng(23);
    for (const [R, C] of [[1, 1], [1, 5], [3, 2], [4, 4], [5, 3], [7, 1], [8, 9], [9, 6], [13, 17]]) {
      const X = fromData(dim("R", R), dim("C", C), Array.from({ length: R * C }, () => r() - 0.5));
      const v = fromData(1, dim("C", C), Array.from({ length: C }, () => r() - 0.5));
      const u = fromData(dim("R", R), 1, Array.from({ length: R }, () => r() - 0.5));
      const rowsAdded = addToRows(X, v), colsAdded = addToCols(X, u);
      for (let i = 0; i < R; i++)
        for (let j = 0; j < C; j++) {
          expect(rowsAdded.get(i, j), `addToRows ${R}×${C} (${i}, ${j})`).toBe(X.get(i, j) + v.get(0, j));
          expect(colsAdded.get(i, j), `addToCols ${R}×${C} (${i}, ${j})`).toBe(X.get(i, j) + u.get(i, 0));
        }
    }
  });

  it("addToRows/addToCols reject a mismatched operand with ShapeError", () => {
    expect(() => addToRows(A, row([1, 2]) as any)).toThrow(ShapeError);
    expect(() => addToCols(A, vec([1, 2, 3]) as any)).toThrow(ShapeError);
    expect(() => addToRows(A, vec([1, 2, 3]) as any)).toThrow(ShapeError);
  });

  it("addToRows/addToCols errors name the op and the operand's shape", () => {
    expect(() => addToRows(A, row([1, 2]) as any)).toThrow(/^addToRows: .*1×2.*2×3|^addToRows: .*2×3.*1×2/);
    expect(() => addToCols(A, vec([1, 2, 3]) as any)).toThrow(/^addToCols: .*3×1.*2×3|^addToCols: .*2×3.*3×1/);
  });
});

describe("reductions return fresh 1×1 scalars usable as matrices", () => {
  it("sum(A) scales another matrix", () => {
    const s: M = sum(vec([1, 1]));
    expectMat(A.scale(s as any), [[2, -4, 6], [8, 10, -12]]);
  });
});
