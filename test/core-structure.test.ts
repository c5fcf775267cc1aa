import { describe, it, expect } from "vitest";
import {
  mat, vec, row, zeros, eye, reshape, flatten, vecCols, unvecCols, sliceRows, sliceCols, rowOf, colOf, at,
  vstack, hstack, diagPart, diag, kron, matmul, ShapeError,
} from "../src/index";
import { expectMat, expectSame, maxAbsDiff, randMat, rng, randInt, type M } from "./core-helpers";

const A = mat([[1, 2, 3], [4, 5, 6]]);

describe("reshape / flatten", () => {
  it("reshape keeps row-major order", () => {
    expectMat(reshape(A, 3, 2), [[1, 2], [3, 4], [5, 6]]);
    expectMat(reshape(A, 1, 6), [[1, 2, 3, 4, 5, 6]]);
    expectMat(reshape(A, 6, 1), [[1], [2], [3], [4], [5], [6]]);
    expectMat(A.reshape(3, 2), [[1, 2], [3, 4], [5, 6]]);
    expectSame(reshape(reshape(A, 3, 2), 2, 3), A);
  });

  it("reshape to a different size throws ShapeError naming both shapes", () => {
    expect(() => reshape(A, 4, 2 as any)).toThrow(ShapeError);
    expect(() => reshape(A, 4, 2 as any)).toThrow(/reshape.*2×3.*4×2/);
    expect(() => reshape(A, -2 as any, -3 as any)).toThrow(ShapeError);
    expect(() => reshape(A, 1.5 as any, 4 as any)).toThrow(ShapeError);
  });

  it("flatten is the row-major column", () => {
    expectMat(flatten(A), [[1], [2], [3], [4], [5], [6]]);
    expectMat(A.flatten(), [[1], [2], [3], [4], [5], [6]]);
  });
});

describe("vecCols / unvecCols", () => {
  it("vecCols stacks columns", () => {
    expectMat(vecCols(A), [[1], [4], [2], [5], [3], [6]]);
    expectSame(vecCols(A.T), flatten(A));
  });

  it("unvecCols inverts vecCols", () => {
    expectMat(unvecCols(vec([1, 4, 2, 5, 3, 6]), 2, 3), [[1, 2, 3], [4, 5, 6]]);
    const X = randMat(5, 7, 3);
    expectSame(unvecCols(vecCols(X), 5, 7), X);
  });

  it("unvecCols rejects a wrong size", () => {
    expect(() => unvecCols(vec([1, 2, 3]), 2, 2 as any)).toThrow(ShapeError);
    expect(() => unvecCols(vec([1, 2, 3]), 2, 2 as any)).toThrow(/unvecCols.*3×1/);
  });

  it("vec(AXB) = (Bᵀ ⊗ A)·vec(X) on random seeded matrices", () => {
    const r = rng(99);
    for (let t = 0; t < 10; t++) {
      const m = randInt(r, 1, 5), n = randInt(r, 1, 5), p = randInt(r, 1, 5), q = randInt(r, 1, 5);
      const Am = randMat(m, n, 10 * t + 1), Xm = randMat(n, p, 10 * t + 2), Bm = randMat(p, q, 10 * t + 3);
      const lhs = vecCols(matmul(matmul(Am, Xm as any), Bm as any));
      const rhs = matmul(kron(Bm.T, Am) as M, vecCols(Xm) as any);
      expect(lhs.shape).toEqual([m * q, 1]);
      expect(maxAbsDiff(lhs, rhs)).toBeLessThan(1e-13);
    }
  });

  it("the identity fails with the row-major flatten (so vecCols really is column-stacking)", () => {
    const Am = randMat(2, 3, 1), Xm = randMat(3, 2, 2), Bm = randMat(2, 3, 3);
    const lhs = flatten(matmul(matmul(Am, Xm as any), Bm as any));
    const rhs = matmul(kron(Bm.T, Am) as M, flatten(Xm) as any);
    expect(maxAbsDiff(lhs, rhs)).toBeGreaterThan(1e-3);
  });
});

describe("slicing and indexing", () => {
  const B = mat([[1, 2, 3, 4], [5, 6, 7, 8], [9, 10, 11, 12]]);

  it("sliceRows / sliceCols values", () => {
    expectMat(sliceRows(B, 1, 3), [[5, 6, 7, 8], [9, 10, 11, 12]]);
    expectMat(sliceCols(B, 1, 3), [[2, 3], [6, 7], [10, 11]]);
    expectMat(B.sliceRows(0, 1), [[1, 2, 3, 4]]);
    expectMat(B.sliceCols(3, 4), [[4], [8], [12]]);
    expect(sliceRows(B, 2, 2).shape).toEqual([0, 4]);
    expectSame(sliceCols(B, 0, 4), B);
  });

  it("sliceRows / sliceCols out of range throw ShapeError", () => {
    expect(() => sliceRows(B, 2, 4 as any)).toThrow(ShapeError);
    expect(() => sliceRows(B, 2, 4 as any)).toThrow(/sliceRows.*2\.\.4.*0\.\.3/);
    expect(() => sliceRows(B, -1, 1)).toThrow(ShapeError);
    expect(() => sliceRows(B, 2, 1 as any)).toThrow(ShapeError);
    expect(() => sliceCols(B, 0, 5 as any)).toThrow(/sliceCols/);
    expect(() => sliceCols(B, 0.5, 2)).toThrow(ShapeError);
  });

  it("row() / col() values", () => {
    expectMat(B.row(1), [[5, 6, 7, 8]]);
    expectMat(B.col(2), [[3], [7], [11]]);
    expectMat(rowOf(B, 2), [[9, 10, 11, 12]]);
    expectMat(colOf(B, 0), [[1], [5], [9]]);
  });

  it("row() / col() out of range throw ShapeError", () => {
    expect(() => B.row(3)).toThrow(ShapeError);
    expect(() => B.row(-1)).toThrow(/row/);
    expect(() => B.col(4)).toThrow(ShapeError);
    expect(() => B.col(1.5)).toThrow(/col/);
  });

  it("at() as a 1×1, with (i, j) and with a row-major index", () => {
    expect(at(B, 1, 2).shape).toEqual([1, 1]);
    expect(at(B, 1, 2).item()).toBe(7);
    expect(B.at(2, 3).item()).toBe(12);
    expect(at(B, 5).item()).toBe(6);
    expect(at(vec([7, 8, 9]), 2).item()).toBe(9);
  });

  it("at() out of range throws ShapeError naming the shape", () => {
    expect(() => at(B, 3, 0)).toThrow(ShapeError);
    expect(() => at(B, 3, 0)).toThrow(/at.*3×4/);
    expect(() => at(B, 0, 4)).toThrow(ShapeError);
    expect(() => at(B, -1, 0)).toThrow(ShapeError);
    expect(() => at(B, 12)).toThrow(ShapeError);
    expect(() => at(B, 1.5)).toThrow(ShapeError);
  });

  it("get() values and out-of-range errors", () => {
    expect(B.get(2, 1)).toBe(10);
    expect(B.get(11)).toBe(12);
    expect(() => B.get(3, 0)).toThrow(ShapeError);
    expect(() => B.get(0, 4)).toThrow(/get.*3×4/);
    expect(() => B.get(12)).toThrow(ShapeError);
    expect(() => B.get(-1)).toThrow(ShapeError);
    expect(() => B.get(0.5)).toThrow(ShapeError);
    expect(() => B.get(1, -1)).toThrow(ShapeError);
  });
});

describe("vstack / hstack", () => {
  it("values", () => {
    expectMat(vstack(A, mat([[7, 8, 9]])), [[1, 2, 3], [4, 5, 6], [7, 8, 9]]);
    expectMat(hstack(A, mat([[7], [8]])), [[1, 2, 3, 7], [4, 5, 6, 8]]);
    expectMat(hstack(A, A), [[1, 2, 3, 1, 2, 3], [4, 5, 6, 4, 5, 6]]);
    expectMat(vstack(row([1]), row([2])), [[1], [2]]);
  });

  it("hstack of columns equals the matrix; vstack of rows equals the matrix", () => {
    expectSame(hstack(hstack(A.col(0), A.col(1)), A.col(2)), A);
    expectSame(vstack(A.row(0), A.row(1)), A);
  });

  it("mismatches throw ShapeError naming both shapes", () => {
    expect(() => vstack(A, mat([[1, 2]]) as any)).toThrow(ShapeError);
    expect(() => vstack(A, mat([[1, 2]]) as any)).toThrow(/vstack.*2×3.*1×2/);
    expect(() => hstack(A, vec([1, 2, 3]) as any)).toThrow(ShapeError);
    expect(() => hstack(A, vec([1, 2, 3]) as any)).toThrow(/hstack.*2×3.*3×1/);
  });
});

describe("diagPart", () => {
  it("main diagonal as a column", () => {
    expectMat(diagPart(mat([[1, 2], [3, 4]])), [[1], [4]]);
    expectMat(diagPart(mat([[1, 2, 3], [4, 5, 6], [7, 8, 9]])), [[1], [5], [9]]);
    expectSame(diagPart(eye(4)), vec([1, 1, 1, 1]));
  });

  it("diagPart(diag(v)) = v", () => {
    const v = randMat(6, 1, 5);
    expectSame(diagPart(diag(v) as any), v);
  });

  it("zero-size", () => {
    expect(diagPart(zeros(0, 0)).shape).toEqual([0, 1]);
  });
});
