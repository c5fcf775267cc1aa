import { describe, it, expect } from "vitest";
import {
  mat, vec, row, zeros, eye, scalar, add, sub, mul, div, scale, addScalar, neg, matmul, transpose, outer, kron, dot, fromData, sum, dim, valueAndGrad,
  ShapeError,
} from "../src/index";
import { expectMat, expectSame, maxAbsDiff, naiveMatmul, randMat, randInt, rng, type M } from "./core-helpers";

const A = mat([[1, 2, 3], [4, 5, 6]]);
const B = mat([[6, -5, 4], [-3, 2, 0.5]]);

describe("add / sub / mul / div", () => {
  it("matrix operands, entry by entry", () => {
    expectMat(add(A, B), [[7, -3, 7], [1, 7, 6.5]]);
    expectMat(sub(A, B), [[-5, 7, -1], [7, 3, 5.5]]);
    expectMat(mul(A, B), [[6, -10, 12], [-12, 10, 3]]);
    expectMat(div(A, B), [[1 / 6, -2 / 5, 3 / 4], [-4 / 3, 5 / 2, 12]]);
  });

  it("number operands", () => {
    expectMat(add(A, 10), [[11, 12, 13], [14, 15, 16]]);
    expectMat(sub(A, 1), [[0, 1, 2], [3, 4, 5]]);
    expectMat(mul(A, -2), [[-2, -4, -6], [-8, -10, -12]]);
    expectMat(div(A, 2), [[0.5, 1, 1.5], [2, 2.5, 3]]);
    expectMat(div(A, 3), [[1 / 3, 2 / 3, 1], [4 / 3, 5 / 3, 2]], 1e-15);
  });

  it("div by a number is correctly rounded (A / c, not A · (1/c))", () => {
    expectMat(div(vec([49, 3, 7]), 49), [[1], [3 / 49], [7 / 49]]);
    expectMat(div(vec([3, 1]), 10), [[0.3], [0.1]]);
  });

  it("methods agree with the functions", () => {
    expectSame(A.add(B), add(A, B));
    expectSame(A.sub(B), sub(A, B));
    expectSame(A.mul(B), mul(A, B));
    expectSame(A.div(B), div(A, B));
    expectSame(A.add(1), add(A, 1));
    expectSame(A.sub(1), sub(A, 1));
    expectSame(A.mul(3), mul(A, 3));
    expectSame(A.div(4), div(A, 4));
  });

  it("division by zero follows IEEE (±Infinity, NaN)", () => {
    expectMat(div(vec([1, -1, 0]), vec([0, 0, 0])), [[Infinity], [-Infinity], [NaN]]);
  });

  it("identities: A + B − B = A, A ⊙ B / B = A, A − A = 0 on random data", () => {
    const X = randMat(7, 5, 11), Y = randMat(7, 5, 12, 1, 2);
    expect(maxAbsDiff(sub(add(X, Y), Y), X)).toBeLessThan(1e-14);
    expect(maxAbsDiff(div(mul(X, Y), Y), X)).toBeLessThan(1e-14);
    expect(maxAbsDiff(sub(X, X), zeros(7 as number as 7, 5))).toBe(0);
    expectSame(add(X, Y), add(Y, X));
  });

  it("shape mismatches throw ShapeError naming the op and both shapes", () => {
    for (const [name, f] of [["add", add], ["sub", sub], ["mul", mul], ["div", div]] as const) {
      expect(() => (f as any)(A, A.T)).toThrow(ShapeError);
      expect(() => (f as any)(A, A.T)).toThrow(new RegExp(`^${name}: .*2×3.*3×2`));
    }
  });
});

describe("scale / addScalar / neg", () => {
  it("scale by a number and by a 1×1 scalar", () => {
    expectMat(scale(A, 2), [[2, 4, 6], [8, 10, 12]]);
    expectMat(scale(A, scalar(-0.5)), [[-0.5, -1, -1.5], [-2, -2.5, -3]]);
    expectMat(scale(A, mat([[3]])), [[3, 6, 9], [12, 15, 18]]);
    expectSame(A.scale(2), scale(A, 2));
    expectSame(A.scale(scalar(2)), scale(A, 2));
  });

  it("addScalar with a number and a 1×1 scalar", () => {
    expectMat(addScalar(A, 0.5), [[1.5, 2.5, 3.5], [4.5, 5.5, 6.5]]);
    expectMat(addScalar(A, scalar(-1)), [[0, 1, 2], [3, 4, 5]]);
    expectSame(A.addScalar(scalar(2)), addScalar(A, 2));
  });

  it("neg", () => {
    expectMat(neg(B), [[-6, 5, -4], [3, -2, -0.5]]);
    expectSame(B.neg(), neg(B));
    expectSame(neg(neg(B)), B);
  });

  it("scale rejects a non-scalar factor", () => {
    expect(() => scale(A, zeros(2, 2) as any)).toThrow(ShapeError);
    expect(() => scale(A, zeros(2, 2) as any)).toThrow(/^scale: .*1×1.*2×2/);
    expect(() => scale(A, vec([1, 2]) as any)).toThrow(/2×1/);
  });

  it("addScalar rejects a non-scalar term (ShapeError with the 1×1 and actual shapes)", () => {
    expect(() => addScalar(A, zeros(2, 2) as any)).toThrow(ShapeError);
    expect(() => addScalar(A, zeros(2, 2) as any)).toThrow(/1×1.*2×2/);
  });

  it("addScalar's ShapeError names addScalar", () => {
    let err: unknown;
    try {
      addScalar(A, zeros(2, 2) as any);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ShapeError);
    expect((err as ShapeError).op).toBe("addScalar");
    expect((err as Error).message).toMatch(/^addScalar: /);
  });
});

describe("matmul", () => {
  it("hand-computed square product", () => {
    const P = mat([[1, 2], [3, 4]]), Q = mat([[5, 6], [7, 8]]);
    expectMat(matmul(P, Q), [[19, 22], [43, 50]]);
    expectMat(matmul(Q, P), [[23, 34], [31, 46]]);
    expectMat(P.matmul(Q), [[19, 22], [43, 50]]);
  });

  it("hand-computed non-square product (2×3 · 3×2 and 3×2 · 2×3)", () => {
    const C = mat([[7, 8], [9, 10], [11, 12]]);
    expectMat(matmul(A, C), [[58, 64], [139, 154]]);
    expectMat(matmul(C, A), [[39, 54, 69], [49, 68, 87], [59, 82, 105]]);
  });

  it("1×N · N×1 is the inner product, N×1 · 1×N the outer product", () => {
    expectMat(matmul(row([1, 2, 3]), vec([4, 5, 6])), [[32]]);
    expectMat(matmul(vec([1, 2, 3]), row([4, 5])), [[4, 5], [8, 10], [12, 15]]);
  });

  it("matrix–vector and vector–matrix", () => {
    expectMat(matmul(A, vec([1, 0, -1])), [[-2], [-2]]);
    expectMat(matmul(row([1, -1]), A), [[-3, -3, -3]]);
  });

  it("identity is neutral and zero-size inner dims give zeros", () => {
    expectSame(matmul(eye(2), A), A);
    expectSame(matmul(A, eye(3)), A);
    expectMat(matmul(zeros(2, 0), zeros(0, 3)), [[0, 0, 0], [0, 0, 0]]);
  });

  it("agrees with a naive triple loop on random seeded sizes up to 70", () => {
    const r = rng(2024);
    const sizes: [number, number, number][] = [[1, 1, 1], [70, 70, 70], [1, 70, 1], [70, 1, 70], [9, 9, 9], [33, 65, 17], [64, 3, 64]];
    for (let t = 0; t < 25; t++) sizes.push([randInt(r, 1, 70), randInt(r, 1, 70), randInt(r, 1, 70)]);
    for (const [m, k, n] of sizes) {
      const X = randMat(m, k, m * 1000 + k), Y = randMat(k, n, n * 7 + 3);
      const ref = naiveMatmul(X.toArray(), Y.toArray());
      expectMat(matmul(X, Y as any), ref, 1e-12);
      // through transposes too: (XY)ᵀ = YᵀXᵀ
      expectMat(matmul(Y.T, X.T as any), naiveMatmul(Y.T.toArray(), X.T.toArray()), 1e-12);
    }
  });

  it("associativity (AB)C = A(BC) on random matrices", () => {
    const X = randMat(13, 21, 1), Y = randMat(21, 17, 2), Z = randMat(17, 11, 3);
    expect(maxAbsDiff(matmul(matmul(X, Y as any), Z as any), matmul(X, matmul(Y, Z as any) as any))).toBeLessThan(1e-12);
  });

  it("inner mismatch throws ShapeError naming matmul and both shapes", () => {
    expect(() => matmul(A, A as any)).toThrow(ShapeError);
    expect(() => matmul(A, A as any)).toThrow(/matmul/);
    expect(() => matmul(A, A as any)).toThrow(/2×3 · 2×3/);
    expect(() => A.matmul(vec([1, 2]) as any)).toThrow(/matmul.*2×3.*2×1/);
  });
});

describe("transpose", () => {
  it("hand-computed, .T, .transpose(), involution", () => {
    expectMat(transpose(A), [[1, 4], [2, 5], [3, 6]]);
    expectSame(A.T, transpose(A));
    expectSame(A.transpose(), transpose(A));
    expectSame(A.T.T, A);
    expectMat(vec([1, 2, 3]).T, [[1, 2, 3]]);
  });

  it("random large (blocked path): entry (i, j) of Aᵀ is A(j, i)", () => {
    const X = randMat(67, 45, 5);
    const T = X.T;
    expect(T.shape).toEqual([45, 67]);
    for (let i = 0; i < 45; i++) for (let j = 0; j < 67; j++) expect(T.get(i, j)).toBe(X.get(j, i));
  });

  it("(AB)ᵀ = BᵀAᵀ", () => {
    const X = randMat(5, 4, 8), Y = randMat(4, 6, 9);
    expect(maxAbsDiff(matmul(X, Y as any).T, matmul(Y.T, X.T as any))).toBeLessThan(1e-14);
  });
});

describe("outer", () => {
  it("hand-computed a·bᵀ", () => {
    expectMat(outer(vec([1, 2, 3]), vec([4, -5])), [[4, -5], [8, -10], [12, -15]]);
    expectSame(outer(vec([1, 2]), vec([3, 4])), matmul(vec([1, 2]), row([3, 4])));
  });

  it("outer rejects non-column-vector inputs with ShapeError", () => {
    expect(() => outer(mat([[1, 2], [3, 4]]) as any, mat([[1, 0], [0, 1]]) as any)).toThrow(ShapeError);
    expect(() => outer(row([1, 2, 3]) as any, row([1, 2, 3]) as any)).toThrow(/outer/);
  });
});

describe("kron", () => {
  it("hand-computed", () => {
    const P = mat([[1, 2], [3, 4]]), Q = mat([[0, 5], [6, 7]]);
    expectMat(kron(P, Q), [
      [0, 5, 0, 10],
      [6, 7, 12, 14],
      [0, 15, 0, 20],
      [18, 21, 24, 28],
    ]);
  });

  it("hand-computed non-square (2×1 ⊗ 1×3, 1×2 ⊗ 2×2)", () => {
    expectMat(kron(vec([1, -2]), row([3, 4, 5])), [[3, 4, 5], [-6, -8, -10]]);
    expectMat(kron(row([2, 3]), eye(2)), [[2, 0, 3, 0], [0, 2, 0, 3]]);
  });

  it("I ⊗ I = I and shape (m·p)×(n·q)", () => {
    expectSame(kron(eye(2), eye(3)), eye(6));
    expect(kron(zeros(2, 3), zeros(4, 5)).shape).toEqual([8, 15]);
  });

  it("mixed-product property (A⊗B)(C⊗D) = (AC)⊗(BD) on random matrices", () => {
    const Am = randMat(2, 3, 21), Bm = randMat(3, 2, 22), Cm = randMat(3, 4, 23), Dm = randMat(2, 3, 24);
    const lhs = matmul(kron(Am, Bm) as M, kron(Cm, Dm) as any);
    const rhs = kron(matmul(Am, Cm as any), matmul(Bm, Dm as any));
    expect(lhs.shape).toEqual([6, 12]);
    expect(maxAbsDiff(lhs, rhs)).toBeLessThan(1e-12);
  });

  it("(A⊗B)ᵀ = Aᵀ⊗Bᵀ", () => {
    const Am = randMat(2, 3, 31), Bm = randMat(4, 2, 32);
    expectSame((kron(Am, Bm) as M).T, kron(Am.T, Bm.T));
  });
});

describe("dot", () => {
  it("hand-computed for vectors and for matrices (Frobenius inner product)", () => {
    expect(dot(vec([1, 2, 3]), vec([4, -5, 6])).item()).toBe(12);
    expect(dot(A, B).shape).toEqual([1, 1]);
    expect(dot(A, B).item()).toBe(6 - 10 + 12 - 12 + 10 + 3);
  });

  // plain values take one fused pass; it must give sum(mul(a, b)) bit for bit (the products added
  // in sum's order: entry k into partial sum k mod 4), whatever the length and magnitudes
  it("dot(a, b) is sum(mul(a, b)) bit for bit, traced or not", () => {
    const r = rng(41);
    for (const n of [1, 2, 3, 4, 5, 7, 8, 13, 100])
      for (let round = 0; round < 20; round++) {
        // products from 1e-8 to 1e16, so that any other order of the additions rounds differently somewhere
        const xs = Array.from({ length: n }, () => (r() - 0.5) * 10 ** Math.floor(r() * 25 - 8));
        const ys = Array.from({ length: n }, () => 0.5 + r());
        const x = fromData(dim("n", n), 1, xs), y = fromData(dim("n", n), 1, ys);
        const want = sum(mul(x, y)).item();
        expect(dot(x, y).item(), `n = ${n}`).toBe(want);
        expect(Object.is(valueAndGrad((v: typeof x) => dot(v, y))(x).value.item(), want), `n = ${n}, traced`).toBe(true);
      }
    expect(Object.is(dot(vec([-0]), vec([1])).item(), 0), "−0·1 added to the +0 start: +0").toBe(true);
    expect(Number.isNaN(dot(vec([1, NaN, 2]), vec([1, 1, 1])).item())).toBe(true);
  });

  it("dot(a, b) = aᵀb on random vectors", () => {
    const x = randMat(30, 1, 41), y = randMat(30, 1, 42);
    expect(Math.abs(dot(x, y).item() - matmul(x.T, y as any).item())).toBeLessThan(1e-13);
  });

  it("shape mismatch throws ShapeError naming both shapes", () => {
    expect(() => dot(vec([1, 2]), vec([1, 2, 3]) as any)).toThrow(ShapeError);
    expect(() => dot(vec([1, 2]), vec([1, 2, 3]) as any)).toThrow(/2×1.*3×1/);
  });

  it("dot's ShapeError names dot", () => {
    expect(() => dot(vec([1, 2]), vec([1, 2, 3]) as any)).toThrow(/^dot: /);
  });
});

describe("fromData-built operands behave like literals", () => {
  it("add on fromData matrices", () => {
    expectMat(add(fromData(1, 2, [1, 2]), fromData(1, 2, [3, 4])), [[4, 6]]);
  });
});
