import { describe, it, expect } from "vitest";
import {
  mat, vec, row, fromData, fromArray, zeros, ones, full, eye, randn, rand, diag, dim, expectDim,
  isMatrix, Matrix, ShapeError, ValueError, scalar,
} from "../src/index";
import { expectMat } from "./core-helpers";

describe("mat / vec / row", () => {
  it("mat gives the values row-major with rows/cols/shape/size", () => {
    const a = mat([[1, 2, 3], [4, 5, 6]]);
    expect(a.rows).toBe(2);
    expect(a.cols).toBe(3);
    expect(a.shape).toEqual([2, 3]);
    expect(a.size).toBe(6);
    expect(Array.from(a.data)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(a.toArray()).toEqual([[1, 2, 3], [4, 5, 6]]);
    expect(a.toFlatArray()).toEqual([1, 2, 3, 4, 5, 6]);
    expect(a.data).toBeInstanceOf(Float64Array);
    expect(isMatrix(a)).toBe(true);
    expect(isMatrix({ rows: 1, cols: 1, data: new Float64Array(1) })).toBe(false);
  });

  it("mat accepts 1×1 scalars as entries", () => {
    expectMat(mat([[scalar(2), 3], [4, scalar(-5)]]), [[2, 3], [4, -5]]);
  });

  it("mat of an empty array is 0×0", () => {
    const a = mat([]);
    expect(a.shape).toEqual([0, 0]);
    expect(a.data.length).toBe(0);
  });

  it("mat rejects ragged rows, non-array rows, non-number and non-scalar entries", () => {
    expect(() => mat([[1, 2], [3]] as any)).toThrow(ShapeError);
    expect(() => mat([[1, 2], [3]] as any)).toThrow(/ragged/);
    expect(() => mat([[1, 2], 3] as any)).toThrow(ShapeError);
    expect(() => mat([[1, "a"]] as any)).toThrow(ValueError);
    expect(() => mat([[1, zeros(2, 2)]] as any)).toThrow(/2×2/);
  });

  it("vec is N×1 and row is 1×N", () => {
    const v = vec([1, 2, 3]);
    expect(v.shape).toEqual([3, 1]);
    expect(Array.from(v.data)).toEqual([1, 2, 3]);
    const r = row([4, 5]);
    expect(r.shape).toEqual([1, 2]);
    expect(Array.from(r.data)).toEqual([4, 5]);
  });

  it("vec and row reject non-arrays and non-number entries", () => {
    expect(() => vec(3 as any)).toThrow(ShapeError);
    expect(() => row("ab" as any)).toThrow(ShapeError);
    expect(() => vec([1, null] as any)).toThrow(ValueError);
    expect(() => row([undefined] as any)).toThrow(ValueError);
  });

  it("scalar is 1×1", () => {
    const s = scalar(7.5);
    expect(s.shape).toEqual([1, 1]);
    expect(s.item()).toBe(7.5);
  });

  it("mat copies its input (later edits of the source do not leak in)", () => {
    const src = [[1, 2], [3, 4]];
    const a = mat(src as [[number, number], [number, number]]);
    src[0][0] = 99;
    expect(a.get(0, 0)).toBe(1);
  });
});

describe("fromData", () => {
  it("builds a row-major matrix from an array or Float64Array", () => {
    expectMat(fromData(2, 3, [1, 2, 3, 4, 5, 6]), [[1, 2, 3], [4, 5, 6]]);
    expectMat(fromData(3, 1, Float64Array.of(7, 8, 9)), [[7], [8], [9]]);
  });

  it("copies the data", () => {
    const src = Float64Array.of(1, 2, 3, 4);
    const a = fromData(2, 2, src);
    expect(a.data).not.toBe(src);
    src[0] = 100;
    expect(a.get(0, 0)).toBe(1);
    const arr = [1, 2];
    const b = fromData(1, 2, arr);
    arr[1] = -1;
    expect(b.get(0, 1)).toBe(2);
  });

  it("copies a Float64Array of any size, a view into a larger one, and other numeric typed arrays", () => {
    for (const n of [3, 100, 5000]) {
      const big = Float64Array.from({ length: n + 7 }, (_, k) => k / 3 - 1);
      const src = big.subarray(5, 5 + n);
      const a = fromData(dim("n", n), 1, src);
      expect(Array.from(a.data)).toEqual(Array.from(src));
      src.fill(42);
      expect(a.get(n - 1, 0), `${n} entries: a copy`).toBe((n - 1 + 5) / 3 - 1);
    }
    expect(Array.from(fromData(1, 3, Float32Array.of(0.5, -2, 3) as unknown as Float64Array).data)).toEqual([0.5, -2, 3]);
    expect(Array.from(fromData(1, 2, Int32Array.of(-7, 9) as unknown as Float64Array).data)).toEqual([-7, 9]);
  });

  it("rejects a length mismatch naming the shape and the count", () => {
    expect(() => fromData(2, 2, [1, 2, 3])).toThrow(ShapeError);
    expect(() => fromData(2, 2, [1, 2, 3])).toThrow(/fromData.*3 entries.*2×2/);
    expect(() => fromData(1, 2, [1, 2, 3])).toThrow(ShapeError);
  });

  it("rejects bad dims", () => {
    expect(() => fromData(-1 as any, 2, [])).toThrow(ShapeError);
    expect(() => fromData(1.5 as any, 2, [1, 2, 3])).toThrow(ShapeError);
    expect(() => fromData(2, NaN as any, [])).toThrow(ShapeError);
  });

  it("keeps NaN/Infinity by default and rejects them with finite: true, naming the entry", () => {
    const a = fromData(1, 2, [NaN, Infinity]);
    expect(a.get(0)).toBeNaN();
    expect(a.get(1)).toBe(Infinity);
    expect(() => fromData(2, 2, [1, 2, 3, -Infinity], { finite: true })).toThrow(ValueError);
    expect(() => fromData(2, 2, [1, 2, 3, -Infinity], { finite: true })).toThrow(/\(1, 1\).*-Infinity/);
    expect(fromData(1, 2, [1, 2], { finite: true }).toFlatArray()).toEqual([1, 2]);
  });
});

describe("fromArray", () => {
  it("builds from nested arrays", () => {
    expectMat(fromArray([[1, 2], [3, 4], [5, 6]], 3, 2), [[1, 2], [3, 4], [5, 6]]);
  });

  it("copies the data", () => {
    const src = [[1, 2]];
    const a = fromArray(src, 1, 2);
    src[0][0] = 5;
    expect(a.get(0, 0)).toBe(1);
  });

  it("rejects ragged rows naming the row", () => {
    expect(() => fromArray([[1, 2], [3]], 2, 2)).toThrow(ShapeError);
    expect(() => fromArray([[1, 2], [3]], 2, 2)).toThrow(/row 1 has 1 entries/);
    expect(() => fromArray([[1, 2], [3, 4, 5]], 2, 2)).toThrow(/ragged/);
  });

  it("rejects a wrong row count naming the expected shape", () => {
    expect(() => fromArray([[1, 2]], 2, 2)).toThrow(ShapeError);
    expect(() => fromArray([[1, 2]], 2, 2)).toThrow(/2×2.*1 rows/);
    expect(() => fromArray([[1], [2], [3]], 2, 1)).toThrow(ShapeError);
  });

  it("rejects non-arrays and non-array rows", () => {
    expect(() => fromArray("x" as any, 1, 1)).toThrow(ShapeError);
    expect(() => fromArray([1, 2] as any, 2, 1)).toThrow(/row 0 is not an array/);
  });

  it("rejects a non-number entry naming its position", () => {
    expect(() => fromArray([[1, 2], [3, "4"]] as any, 2, 2)).toThrow(ValueError);
    expect(() => fromArray([[1, 2], [3, "4"]] as any, 2, 2)).toThrow(/\(1, 1\).*string/);
    expect(() => fromArray([[1, null]] as any, 1, 2)).toThrow(/\(0, 1\)/);
  });

  it("with finite: true rejects NaN and ±Infinity naming the entry; without, keeps them", () => {
    expect(() => fromArray([[1, NaN]], 1, 2, { finite: true })).toThrow(ValueError);
    expect(() => fromArray([[1, NaN]], 1, 2, { finite: true })).toThrow(/entry \(0, 1\) is NaN/);
    expect(() => fromArray([[1, 2], [Infinity, 0]], 2, 2, { finite: true })).toThrow(/entry \(1, 0\) is Infinity/);
    expect(() => fromArray([[1, 2], [0, -Infinity]], 2, 2, { finite: true })).toThrow(/entry \(1, 1\) is -Infinity/);
    const a = fromArray([[1, NaN]], 1, 2);
    expect(a.get(0, 1)).toBeNaN();
    expect(fromArray([[1, 2]], 1, 2, { finite: true }).toFlatArray()).toEqual([1, 2]);
  });

  it("rejects bad dims", () => {
    expect(() => fromArray([], -1 as any, 0)).toThrow(ShapeError);
    expect(() => fromArray([[1]], 1, 0.5 as any)).toThrow(ShapeError);
  });
});

describe("zeros / ones / full / eye", () => {
  it("zeros, ones and full fill the shape", () => {
    expectMat(zeros(2, 3), [[0, 0, 0], [0, 0, 0]]);
    expectMat(ones(3, 2), [[1, 1], [1, 1], [1, 1]]);
    expectMat(full(2, 2, -2.5), [[-2.5, -2.5], [-2.5, -2.5]]);
    expect(zeros(0, 4).shape).toEqual([0, 4]);
  });

  it("eye is the identity", () => {
    expectMat(eye(3), [[1, 0, 0], [0, 1, 0], [0, 0, 1]]);
    expectMat(eye(1), [[1]]);
    expect(eye(0).shape).toEqual([0, 0]);
  });

  it("reject negative / non-integer dims", () => {
    expect(() => zeros(-1 as any, 2)).toThrow(ShapeError);
    expect(() => ones(2, 1.5 as any)).toThrow(ShapeError);
    expect(() => full(2, -3 as any, 0)).toThrow(/full/);
    expect(() => eye(2.5 as any)).toThrow(ShapeError);
    expect(() => eye(-1 as any)).toThrow(/eye/);
  });
});

describe("randn / rand", () => {
  it("randn is reproducible by seed and different seeds differ", () => {
    const a = randn(4, 5, { seed: 42 });
    const b = randn(4, 5, { seed: 42 });
    const c = randn(4, 5, { seed: 43 });
    expect(a.shape).toEqual([4, 5]);
    expect(Array.from(a.data)).toEqual(Array.from(b.data));
    let differ = 0;
    for (let i = 0; i < a.data.length; i++) if (a.data[i] !== c.data[i]) differ++;
    expect(differ).toBe(a.data.length);
    expect(new Set(a.data).size).toBe(a.data.length);
  });

  it("randn with an odd number of entries fills every entry", () => {
    const a = randn(3, 3, { seed: 7 });
    for (const x of a.data) expect(Number.isFinite(x)).toBe(true);
    expect(new Set(a.data).size).toBe(9);
  });

  it("randn sample mean and std are about 0 and 1 over 10^4 samples", () => {
    const a = randn(100, 100, { seed: 1 });
    const n = a.data.length;
    let s = 0;
    for (const x of a.data) s += x;
    const m = s / n;
    let v = 0;
    for (const x of a.data) v += (x - m) ** 2;
    const sd = Math.sqrt(v / (n - 1));
    expect(Math.abs(m)).toBeLessThan(0.04); // standard error 0.01
    expect(Math.abs(sd - 1)).toBeLessThan(0.03);
    // roughly normal: about 68% within one std
    let within = 0;
    for (const x of a.data) if (Math.abs(x) < 1) within++;
    expect(within / n).toBeGreaterThan(0.66);
    expect(within / n).toBeLessThan(0.70);
  });

  it("randn honours mean and std", () => {
    const a = randn(100, 100, { seed: 3, mean: 5, std: 2 });
    let s = 0;
    for (const x of a.data) s += x;
    const m = s / a.data.length;
    let v = 0;
    for (const x of a.data) v += (x - m) ** 2;
    expect(Math.abs(m - 5)).toBeLessThan(0.08);
    expect(Math.abs(Math.sqrt(v / (a.data.length - 1)) - 2)).toBeLessThan(0.06);
  });

  it("rand lies in [low, high), is reproducible and spreads over the range", () => {
    const a = rand(50, 40, { seed: 9, low: -2, high: 3 });
    let lo = Infinity, hi = -Infinity, s = 0;
    for (const x of a.data) {
      expect(x).toBeGreaterThanOrEqual(-2);
      expect(x).toBeLessThan(3);
      lo = Math.min(lo, x);
      hi = Math.max(hi, x);
      s += x;
    }
    expect(lo).toBeLessThan(-1.9);
    expect(hi).toBeGreaterThan(2.9);
    expect(Math.abs(s / a.data.length - 0.5)).toBeLessThan(0.1);
    expect(Array.from(rand(50, 40, { seed: 9, low: -2, high: 3 }).data)).toEqual(Array.from(a.data));
    expect(Array.from(rand(2, 2, { seed: 10 }).data)).not.toEqual(Array.from(rand(2, 2, { seed: 11 }).data));
    for (const x of rand(10, 10).data) {
      expect(x).toBeGreaterThanOrEqual(0);
      expect(x).toBeLessThan(1);
    }
  });

  it("randn / rand reject bad dims", () => {
    expect(() => randn(-1 as any, 2)).toThrow(ShapeError);
    expect(() => rand(2, 0.5 as any)).toThrow(ShapeError);
  });
});

describe("diag", () => {
  it("puts a column or a row on the diagonal", () => {
    expectMat(diag(vec([1, 2, 3])), [[1, 0, 0], [0, 2, 0], [0, 0, 3]]);
    expectMat(diag(row([4, -5])), [[4, 0], [0, -5]]);
  });

  it("rejects a non-vector", () => {
    expect(() => diag(zeros(2, 2) as any)).toThrow(ShapeError);
    expect(() => diag(zeros(2, 3) as any)).toThrow(/diag.*2×3/);
  });
});

describe("dim / expectDim", () => {
  it("dim returns the number", () => {
    const n = dim("n", 5);
    expect(n).toBe(5);
    expect(typeof n).toBe("number");
    expect(dim("zero", 0)).toBe(0);
    const z = zeros(n, 2);
    expect(z.shape).toEqual([5, 2]);
  });

  it("dim rejects negative, non-integer, NaN sizes and an empty or non-string name", () => {
    expect(() => dim("n", -1)).toThrow(ShapeError);
    expect(() => dim("n", -1)).toThrow(/"n".*-1/);
    expect(() => dim("n", 2.5)).toThrow(/2.5/);
    expect(() => dim("n", NaN)).toThrow(ShapeError);
    expect(() => dim("", 3)).toThrow(ShapeError);
    expect(() => dim("", 3)).toThrow(/name/);
    expect(() => dim(3 as any, 3)).toThrow(ShapeError);
  });

  it("expectDim returns the dim when sizes agree, throws naming both otherwise", () => {
    const n = dim("batch", 4);
    expect(expectDim(n, 4)).toBe(4);
    expect(() => expectDim(n, 5)).toThrow(ShapeError);
    expect(() => expectDim(n, 5, "rows")).toThrow(/expectDim: rows is 5.*4/);
  });
});

describe("Matrix basics", () => {
  it("get by (i, j) and by flat index", () => {
    const a = mat([[1, 2, 3], [4, 5, 6]]);
    expect(a.get(1, 2)).toBe(6);
    expect(a.get(0, 1)).toBe(2);
    expect(a.get(4)).toBe(5);
  });

  it("item returns the value of a 1×1", () => {
    expect(mat([[3]]).item()).toBe(3);
  });

  it("Matrix is a class with rows, cols, data", () => {
    const a = new Matrix(1, 2, Float64Array.of(1, 2));
    expect(a.toArray()).toEqual([[1, 2]]);
  });
});
