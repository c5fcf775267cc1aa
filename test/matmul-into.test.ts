/**
 * `matmulInto(out, A, B)`: the explicit out form of `matmul` for hot loops. It writes exactly
 * `matmul`'s numbers into `out` (bit for bit, at every size class: the tiny path, the general
 * kernels, the two-thread products), returns `out`, accepts `out` aliasing an operand, leaves the
 * operands alone, rejects wrong shapes before writing anything, and refuses traced values.
 */
import { afterEach, describe, expect, it } from "vitest";
import { ShapeError, ValueError, gradient, jit, matmul, matmulInto, observeKernels, sum, type Matrix } from "../src/index";
import { setGemmBackend } from "../src/kernels/gemm";
import { randMat, type M } from "./core-helpers";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const into = matmulInto as (out: M, a: M, b: M) => M;
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const product = matmul as (a: M, b: M) => M;

/** A matrix of the given shape full of NaN, so that an entry left unwritten shows. */
function poisoned(rows: number, cols: number, seed: number): M {
  const x = randMat(rows, cols, seed);
  x.data.fill(NaN);
  return x;
}

afterEach(() => setGemmBackend("auto"));

describe("matmulInto", () => {
  // (m, k, n): the tiny path (4×4 unrolled, 3×3, vectors), the JS and Wasm kernels, gemv, and
  // a 256³ product (two threads when available)
  const shapes: [number, number, number][] = [
    [4, 4, 4], [3, 3, 3], [2, 5, 1], [1, 6, 7], [8, 8, 8], [9, 7, 11], [1, 40, 30], [40, 30, 1], [33, 65, 17], [256, 256, 256],
  ];
  for (const [m, k, n] of shapes) {
    it(`writes matmul's exact result into out and returns out (${m}×${k} · ${k}×${n})`, () => {
      const a = randMat(m, k, m * 101 + k), b = randMat(k, n, n * 7 + 3);
      const a0 = a.data.slice(), b0 = b.data.slice();
      const out = poisoned(m, n, 5);
      const expected = product(a, b).data;
      const r = into(out, a, b);
      expect(r).toBe(out);
      expect(Array.from(out.data)).toEqual(Array.from(expected));
      expect(a.data).toEqual(a0);
      expect(b.data).toEqual(b0);
    });
  }

  it("gives the same numbers on the JS kernels alone", () => {
    setGemmBackend("js");
    const a = randMat(20, 30, 1), b = randMat(30, 10, 2);
    const out = poisoned(20, 10, 3);
    into(out, a, b);
    expect(Array.from(out.data)).toEqual(Array.from(product(a, b).data));
  });

  // 3×3 and 9×9 read rows of B after writing rows of out, so writing in place would be wrong there
  for (const n of [2, 3, 4, 9, 70]) {
    it(`accepts out = A, out = B and out = A = B (${n}×${n})`, () => {
      const a = randMat(n, n, 10 + n), b = randMat(n, n, 20 + n);
      const ab = product(a, b).data, aa = product(a, a).data;
      const b0 = b.data.slice();
      into(a, a, b); // A ← A·B
      expect(Array.from(a.data)).toEqual(Array.from(ab));
      expect(b.data).toEqual(b0);
      const a2 = randMat(n, n, 10 + n);
      into(b, a2, b); // B ← A·B
      expect(Array.from(b.data)).toEqual(Array.from(ab));
      into(a2, a2, a2); // A ← A·A
      expect(Array.from(a2.data)).toEqual(Array.from(aa));
    });
  }

  it("fills out with zeros when the inner dimension is 0", () => {
    const out = poisoned(3, 2, 1);
    into(out, randMat(3, 0, 1), randMat(0, 2, 2));
    expect(Array.from(out.data)).toEqual([0, 0, 0, 0, 0, 0]);
  });

  it("tells the kernel observer about the product, like matmul", () => {
    const seen: string[] = [];
    const prev = observeKernels((name, rows, cols) => void seen.push(`${name} ${rows}×${cols}`));
    try {
      into(randMat(2, 3, 1), randMat(2, 4, 2), randMat(4, 3, 3));
      into(randMat(20, 3, 1), randMat(20, 4, 2), randMat(4, 3, 3));
    } finally {
      observeKernels(prev);
    }
    expect(seen).toEqual(["matmul 2×3", "matmul 20×3"]);
  });

  it("rejects a wrong out shape or mismatched operands with a ShapeError, before writing anything", () => {
    for (const [m, k, n] of [[2, 3, 4], [20, 30, 10]]) {
      const a = randMat(m, k, 1), b = randMat(k, n, 2);
      const wrong = [randMat(m + 1, n, 3), randMat(m, n + 1, 4), randMat(n, m, 5)];
      for (const out of wrong) {
        const before = out.data.slice();
        expect(() => into(out, a, b)).toThrow(ShapeError);
        expect(() => into(out, a, b)).toThrow(`matmulInto: out is ${out.rows}×${out.cols}, but the result is ${m}×${n} (${m}×${k} · ${k}×${n})`);
        expect(out.data).toEqual(before);
      }
      const out = randMat(m, n, 6), before = out.data.slice();
      const b2 = randMat(k + 1, n, 7);
      expect(() => into(out, a, b2)).toThrow(`matmulInto: inner dimensions differ (${m}×${k} · ${k + 1}×${n})`);
      expect(out.data).toEqual(before);
    }
  });

  it("refuses to write inside gradient or jit, where writes are not traced", () => {
    const w = randMat(3, 3, 1);
    const out = randMat(3, 1, 2);
    const message = "matmulInto: cannot write into a matrix inside gradient, jacobian or jit";
    const viaOperand = (x: Matrix<3, 1>) => sum(into(out, w, x) as Matrix<3, 1>);
    expect(() => gradient(viaOperand)(randMat(3, 1, 3) as Matrix<3, 1>)).toThrow(ValueError);
    expect(() => gradient(viaOperand)(randMat(3, 1, 3) as Matrix<3, 1>)).toThrow(message);
    const viaOut = (x: Matrix<3, 1>) => sum(into(x, w, out) as Matrix<3, 1>);
    expect(() => gradient(viaOut)(randMat(3, 1, 3) as Matrix<3, 1>)).toThrow(message);
    expect(() => jit((x: Matrix<3, 1>) => into(out, w, x) as Matrix<3, 1>)(randMat(3, 1, 4) as Matrix<3, 1>)).toThrow(message);
    // a plain out with plain operands is fine inside a differentiated function (a constant)
    const constant = (x: Matrix<3, 1>) => sum(x.mul(into(out, w, w.matmul(randMat(3, 1, 5) as Matrix<3, 1>) as Matrix<3, 1>)));
    expect(() => gradient(constant)(randMat(3, 1, 6) as Matrix<3, 1>)).not.toThrow();
  });
});
