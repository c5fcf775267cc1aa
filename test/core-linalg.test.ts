import { describe, it, expect } from "vitest";
import {
  mat, vec, zeros, eye, det, logAbsDet, signDet, inv, solve, trace, matmul, fromData, sub,
  ShapeError, SingularMatrixError,
} from "../src/index";
import { expectMat, expectNum, expectSame, maxAbsDiff, randMat, wellConditioned, type M } from "./core-helpers";

const d = (a: M) => det(a as any).item();

describe("det", () => {
  it("2×2 and 3×3 hand values", () => {
    expect(d(mat([[1, 2], [3, 4]]))).toBeCloseTo(-2, 14);
    expect(d(mat([[4, 7], [2, 6]]))).toBeCloseTo(10, 14);
    expect(d(mat([[2, 0, 1], [1, 3, 2], [1, 1, 1]]))).toBeCloseTo(2 * (3 - 2) - 0 + 1 * (1 - 3), 13);
    expect(d(mat([[6, 1, 1], [4, -2, 5], [2, 8, 7]]))).toBeCloseTo(-306, 11);
    expect(det(mat([[3]])).shape).toEqual([1, 1]);
    expect(d(mat([[-3.5]]))).toBe(-3.5);
  });

  it("a matrix needing a row swap (zero leading pivot)", () => {
    expect(d(mat([[0, 1], [1, 0]]))).toBe(-1);
    expect(d(mat([[0, 2, 1], [3, 0, 0], [0, 0, 4]]))).toBeCloseTo(-24, 13);
    // cyclic permutation: even, det +1
    expect(d(mat([[0, 1, 0], [0, 0, 1], [1, 0, 0]]))).toBe(1);
  });

  it("det(I) = 1, det of 0×0 = 1, det of diag = product", () => {
    expect(d(eye(1))).toBe(1);
    expect(d(eye(5))).toBe(1);
    expect(d(zeros(0, 0))).toBe(1);
    expect(d(mat([[2, 0, 0], [0, -3, 0], [0, 0, 0.5]]))).toBe(-3);
  });

  it("exactly singular matrices give 0", () => {
    expect(d(mat([[1, 2], [2, 4]]))).toBe(0);
    expect(d(zeros(3, 3))).toBe(0);
    expect(d(mat([[1, 2, 3], [0, 0, 0], [4, 5, 6]]))).toBe(0);
  });

  it("a numerically singular matrix gives det 0, consistent with signDet", () => {
    const S = mat([[1, 2, 3], [4, 5, 6], [7, 8, 9]]);
    expect(signDet(S)).toBe(0);
    expect(d(S)).toBe(0);
  });

  it("det(AB) = det(A)·det(B) and det(Aᵀ) = det(A) on random matrices (blocked sizes too)", () => {
    for (const [n, s] of [[3, 1], [6, 2], [20, 3], [60, 4]] as const) {
      const X = randMat(n, n, s * 10), Y = randMat(n, n, s * 10 + 1);
      const lhs = d(matmul(X, Y as any)), rhs = d(X) * d(Y);
      expect(Math.abs(lhs - rhs)).toBeLessThan(1e-9 * Math.abs(rhs));
      expect(Math.abs(d(X.T) - d(X))).toBeLessThan(1e-10 * Math.abs(d(X)));
    }
  });

  it("det of an upper triangular matrix is the product of its diagonal", () => {
    expect(d(mat([[2, 5, -1], [0, 3, 7], [0, 0, -4]]))).toBeCloseTo(-24, 13);
  });

  it("non-square throws ShapeError naming det and the shape", () => {
    expect(() => det(zeros(2, 3) as any)).toThrow(ShapeError);
    expect(() => det(zeros(2, 3) as any)).toThrow(/det.*2×3/);
  });
});

describe("logAbsDet / signDet", () => {
  it("logAbsDet = log|det| and signDet = sign(det) on hand values", () => {
    expectNum(logAbsDet(mat([[1, 2], [3, 4]])).item(), Math.log(2), 1e-14);
    expect(signDet(mat([[1, 2], [3, 4]]))).toBe(-1);
    expect(signDet(mat([[4, 7], [2, 6]]))).toBe(1);
    expect(signDet(mat([[0, 1], [1, 0]]))).toBe(-1);
    expect(signDet(mat([[-1, 0], [0, -1]]))).toBe(1);
    expectNum(logAbsDet(eye(4)).item(), 0, 0);
    expect(signDet(eye(4))).toBe(1);
  });

  it("matches log|det| and sign(det) on random matrices", () => {
    for (let s = 0; s < 8; s++) {
      const X = randMat(7, 7, 100 + s);
      const dv = d(X);
      expectNum(logAbsDet(X).item(), Math.log(Math.abs(dv)), 1e-10);
      expect(signDet(X)).toBe(Math.sign(dv));
    }
  });

  it("does not overflow where det does (200× identity of size 200)", () => {
    const n = 200;
    const big = fromData(n, n, eye(n).data.map((x) => x * 200));
    expect(d(big)).toBe(Infinity);
    expectNum(logAbsDet(big).item(), n * Math.log(200), 1e-9);
    expect(signDet(big)).toBe(1);
  });

  it("singular: logAbsDet = -Infinity, signDet = 0", () => {
    expect(logAbsDet(mat([[1, 2], [2, 4]])).item()).toBe(-Infinity);
    expect(signDet(mat([[1, 2], [2, 4]]))).toBe(0);
    expect(signDet(zeros(3, 3))).toBe(0);
  });

  it("non-square throws ShapeError", () => {
    expect(() => logAbsDet(zeros(2, 3) as any)).toThrow(/logAbsDet.*2×3/);
    expect(() => signDet(zeros(3, 2) as any)).toThrow(ShapeError);
    expect(() => signDet(zeros(3, 2) as any)).toThrow(/signDet.*3×2/);
  });
});

describe("inv", () => {
  it("hand-computed 2×2", () => {
    expectMat(inv(mat([[4, 7], [2, 6]])), [[0.6, -0.7], [-0.2, 0.4]], 1e-15);
    expectMat(inv(mat([[0, 1], [1, 0]])), [[0, 1], [1, 0]]);
    expectSame(inv(eye(3)), eye(3));
  });

  it("A·inv(A) = I and inv(A)·A = I to 1e-10 (small and blocked sizes)", () => {
    for (const [n, s] of [[1, 1], [3, 2], [10, 3], [50, 4], [70, 5]] as const) {
      const X = wellConditioned(n, s);
      const Xi = inv(X);
      expect(maxAbsDiff(matmul(X, Xi as any), eye(n as any))).toBeLessThan(1e-10);
      expect(maxAbsDiff(matmul(Xi, X as any), eye(n as any))).toBeLessThan(1e-10);
    }
  });

  it("a general random matrix (not diagonally dominant) with pivoting", () => {
    const X = randMat(12, 12, 77);
    expect(maxAbsDiff(matmul(X, inv(X) as any), eye(12))).toBeLessThan(1e-10);
  });

  it("inv(inv(A)) = A", () => {
    const X = wellConditioned(6, 9);
    expect(maxAbsDiff(inv(inv(X)), X)).toBeLessThan(1e-12);
  });

  it("singular throws SingularMatrixError naming inv and 'singular'", () => {
    expect(() => inv(mat([[1, 2], [2, 4]]))).toThrow(SingularMatrixError);
    expect(() => inv(mat([[1, 2], [2, 4]]))).toThrow(/inv/);
    expect(() => inv(mat([[1, 2], [2, 4]]))).toThrow(/singular/);
    expect(() => inv(zeros(3, 3))).toThrow(SingularMatrixError);
    expect(() => inv(mat([[1, 2, 3], [4, 5, 6], [7, 8, 9]]))).toThrow(SingularMatrixError);
  });

  it("the error is an Error with name SingularMatrixError and op inv", () => {
    try {
      inv(zeros(2, 2));
      expect.fail("inv of zeros did not throw");
    } catch (e) {
      expect(e).toBeInstanceOf(Error);
      expect((e as Error).name).toBe("SingularMatrixError");
      expect((e as SingularMatrixError).op).toBe("inv");
    }
  });

  it("non-square throws ShapeError", () => {
    expect(() => inv(zeros(2, 3) as any)).toThrow(ShapeError);
    expect(() => inv(zeros(2, 3) as any)).toThrow(/inv.*2×3/);
  });
});

describe("solve", () => {
  it("hand-computed, one right-hand side", () => {
    // 2x + y = 5, x + 3y = 10 → x = 1, y = 3
    expectMat(solve(mat([[2, 1], [1, 3]]), vec([5, 10])), [[1], [3]], 1e-14);
    // needs a row swap
    expectMat(solve(mat([[0, 1], [2, 0]]), vec([3, 4])), [[2], [3]]);
  });

  it("many right-hand sides: column k solves A x = b_k", () => {
    const Am = mat([[2, 1], [1, 3]]);
    expectMat(solve(Am, mat([[5, 2, 0], [10, 1, 0]])), [[1, 1, 0], [3, 0, 0]], 1e-14);
  });

  it("residual ‖AX − B‖ is tiny on random systems (1 rhs, few rhs, blocked n ≥ 48 with ≥ 8 rhs)", () => {
    for (const [n, k, s] of [[5, 1, 1], [9, 3, 2], [40, 1, 3], [60, 12, 4], [70, 70, 5]] as const) {
      const X = wellConditioned(n, s), Bm = randMat(n, k, s + 1000);
      const sol = solve(X as any, Bm as any) as M;
      expect(sol.shape).toEqual([n, k]);
      expect(maxAbsDiff(matmul(X, sol as any), Bm)).toBeLessThan(1e-10);
    }
  });

  it("solve(A, I) = inv(A), solve(A, B) = inv(A)·B", () => {
    const X = wellConditioned(8, 42), Bm = randMat(8, 3, 43);
    expect(maxAbsDiff(solve(X, eye(8) as any), inv(X))).toBeLessThan(1e-12);
    expect(maxAbsDiff(solve(X, Bm as any), matmul(inv(X), Bm as any))).toBeLessThan(1e-12);
  });

  it("singular A throws SingularMatrixError naming solve", () => {
    expect(() => solve(mat([[1, 2], [2, 4]]), vec([1, 2]))).toThrow(SingularMatrixError);
    expect(() => solve(mat([[1, 2], [2, 4]]), vec([1, 2]))).toThrow(/solve.*singular/);
  });

  it("row-count mismatch throws ShapeError naming solve and both shapes", () => {
    expect(() => solve(eye(2), vec([1, 2, 3]) as any)).toThrow(ShapeError);
    expect(() => solve(eye(2), vec([1, 2, 3]) as any)).toThrow(/solve.*2×2.*3×1/);
    expect(() => solve(zeros(2, 3) as any, vec([1, 2]) as any)).toThrow(/solve.*2×3/);
  });
});

describe("trace", () => {
  it("hand values and identities", () => {
    expect(trace(mat([[1, 2], [3, 4]])).item()).toBe(5);
    expect(trace(mat([[1, 2, 3], [4, -5, 6], [7, 8, 9.5]])).item()).toBe(5.5);
    expect(trace(eye(7)).item()).toBe(7);
    expect(trace(mat([[1, 2], [3, 4]])).shape).toEqual([1, 1]);
  });

  it("tr(AB) = tr(BA) for non-square A, B", () => {
    const X = randMat(4, 7, 1), Y = randMat(7, 4, 2);
    expectNum(trace(matmul(X, Y as any) as any).item(), trace(matmul(Y, X as any) as any).item(), 1e-13);
  });

  it("tr(A − B) = tr A − tr B", () => {
    const X = randMat(5, 5, 3), Y = randMat(5, 5, 4);
    expectNum(trace(sub(X, Y) as any).item(), trace(X as any).item() - trace(Y as any).item(), 1e-14);
  });

  it("non-square throws ShapeError", () => {
    expect(() => trace(zeros(2, 3) as any)).toThrow(ShapeError);
    expect(() => trace(zeros(2, 3) as any)).toThrow(/trace.*2×3/);
  });
});
