import { describe, it, expect } from "vitest";
import { gemm, gemmStrided, residentMatrix, setGemmBackend } from "../src/kernels/gemm";
import {
  luFactor,
  luDet,
  luLogAbsDet,
  luSolve,
  luInverse,
  SingularMatrixError,
} from "../src/kernels/lu";
import { transposeInto } from "../src/kernels/transpose";
import { copyRows, MIN_SET_ENTRIES } from "../src/kernels/copy";
import { randArray, rng } from "./core-helpers";


/** Reference: naive triple loop on op(A)(i,p), op(B)(p,j). */
function naive(ta: boolean, tb: boolean, m: number, n: number, k: number, a: Float64Array, b: Float64Array): Float64Array {
  const c = new Float64Array(m * n);
  for (let i = 0; i < m; i++)
    for (let j = 0; j < n; j++) {
      let s = 0;
      for (let p = 0; p < k; p++) s += (ta ? a[p * m + i] : a[i * k + p]) * (tb ? b[j * k + p] : b[p * n + j]);
      c[i * n + j] = s;
    }
  return c;
}

function maxAbsDiff(x: Float64Array, y: Float64Array): number {
  expect(x.length).toBe(y.length);
  let e = 0;
  for (let i = 0; i < x.length; i++) e = Math.max(e, Math.abs(x[i] - y[i]));
  return e;
}

function matmul(a: Float64Array, b: Float64Array, m: number, k: number, n: number): Float64Array {
  return naive(false, false, m, n, k, a, b);
}

const COMBOS: [boolean, boolean][] = [
  [false, false],
  [true, false],
  [false, true],
  [true, true],
];

describe("gemm", () => {
  const dims = [0, 1, 2, 3, 4, 5, 7, 8, 9, 17, 33, 64, 65];
  const r = rng(12345);
  const shapes: [number, number, number][] = [];
  for (const d of dims) shapes.push([d, d, d]);
  // non-square, and random combinations of the listed sizes
  shapes.push([1, 65, 9], [65, 1, 33], [33, 64, 1], [2, 3, 300], [300, 5, 2], [130, 67, 260], [7, 129, 17], [257, 9, 10]);
  // products with a vector (dot products and the axpy form), odd and even depths
  for (const [p, k] of [[4, 8], [5, 7], [6, 300], [7, 3], [9, 1], [11, 2]]) shapes.push([p, 1, k], [1, p, k]);
  for (let t = 0; t < 40; t++) {
    const pick = () => dims[Math.floor(r() * dims.length)];
    shapes.push([pick(), pick(), pick()]);
  }

  for (const [ta, tb] of COMBOS) {
    it(`matches the naive triple loop (transA=${ta}, transB=${tb})`, () => {
      for (const [m, n, k] of shapes) {
        const a = randArray(m * k, r);
        const b = randArray(k * n, r);
        const a0 = a.slice();
        const b0 = b.slice();
        const ref = naive(ta, tb, m, n, k, a, b);
        const tol = 1e-13 * Math.max(1, k);

        // overwrite mode: c starts with garbage (incl. NaN) that must not leak through
        const c = new Float64Array(m * n).fill(Number.NaN);
        gemm(ta, tb, m, n, k, a, b, c);
        expect(maxAbsDiff(c, ref), `m=${m} n=${n} k=${k}`).toBeLessThanOrEqual(tol);
        gemm(ta, tb, m, n, k, a, b, c, false);
        expect(maxAbsDiff(c, ref), `m=${m} n=${n} k=${k}`).toBeLessThanOrEqual(tol);

        // accumulate mode
        const c0 = randArray(m * n, r);
        const c2 = c0.slice();
        gemm(ta, tb, m, n, k, a, b, c2, true);
        const want = c0.map((v, i) => v + ref[i]);
        expect(maxAbsDiff(c2, want), `acc m=${m} n=${n} k=${k}`).toBeLessThanOrEqual(tol);

        expect(a).toEqual(a0);
        expect(b).toEqual(b0);
      }
    });
  }

  it("k = 0 gives zeros, or leaves C unchanged when accumulating", () => {
    for (const [m, n] of [[3, 4], [20, 30], [1, 5], [5, 1]] as const) {
      const c = new Float64Array(m * n).fill(7);
      gemm(false, false, m, n, 0, new Float64Array(0), new Float64Array(0), c);
      expect(Array.from(c)).toEqual(new Array(m * n).fill(0));
      const d = new Float64Array(m * n).fill(7);
      gemm(true, true, m, n, 0, new Float64Array(0), new Float64Array(0), d, true);
      expect(Array.from(d)).toEqual(new Array(m * n).fill(7));
    }
  });

  it("does not write past m·n entries of C", () => {
    const r2 = rng(7);
    for (const [m, n, k] of [[3, 3, 3], [33, 17, 9], [64, 64, 64], [1, 9, 4], [9, 1, 4]] as const) {
      const c = new Float64Array(m * n + 5).fill(3);
      gemm(false, false, m, n, k, randArray(m * k, r2), randArray(k * n, r2), c);
      expect(Array.from(c.subarray(m * n))).toEqual([3, 3, 3, 3, 3]);
    }
  });

  it("exact small product", () => {
    const a = Float64Array.of(1, 2, 3, 4, 5, 6); // 2×3
    const b = Float64Array.of(7, 8, 9, 10, 11, 12); // 3×2
    const c = new Float64Array(4);
    gemm(false, false, 2, 2, 3, a, b, c);
    expect(Array.from(c)).toEqual([58, 64, 139, 154]);
    const d = new Float64Array(9);
    gemm(true, true, 3, 3, 2, a, b, d); // aᵀ (3×2) · bᵀ (2×3)
    expect(Array.from(d)).toEqual([39, 49, 59, 54, 68, 82, 69, 87, 105]);
  });

  it("large sizes across cache blocks (k > 256, n > 128, m > 128)", () => {
    const r2 = rng(99);
    for (const [ta, tb] of COMBOS) {
      const m = 150, n = 270, k = 530;
      const a = randArray(m * k, r2);
      const b = randArray(k * n, r2);
      const c = new Float64Array(m * n);
      gemm(ta, tb, m, n, k, a, b, c);
      expect(maxAbsDiff(c, naive(ta, tb, m, n, k, a, b))).toBeLessThan(1e-11);
    }
  });

  it("gemmStrided works on sub-blocks with alpha", () => {
    const r2 = rng(5);
    const ld = 50;
    const big = randArray(ld * ld, r2);
    const orig = big.slice();
    // C = big[30:45, 20:40] += -2 · big[0:15, 0:12] · big[12:24, 20:40]
    gemmStrided(false, false, 15, 20, 12, -2, big, 0, ld, big, 12 * ld + 20, ld, big, 30 * ld + 20, ld, true);
    for (let i = 0; i < ld; i++)
      for (let j = 0; j < ld; j++) {
        let want = orig[i * ld + j];
        if (i >= 30 && i < 45 && j >= 20 && j < 40) {
          let s = 0;
          for (let p = 0; p < 12; p++) s += orig[(i - 30) * ld + p] * orig[(12 + p) * ld + j];
          want += -2 * s;
        }
        expect(Math.abs(big[i * ld + j] - want)).toBeLessThan(1e-12);
      }
  });
});

function identity(n: number): Float64Array {
  const x = new Float64Array(n * n);
  for (let i = 0; i < n; i++) x[i * n + i] = 1;
  return x;
}

/** Random matrix made comfortably nonsingular by a diagonal shift. */
function randWellConditioned(n: number, r: () => number): Float64Array {
  const a = randArray(n * n, r);
  for (let i = 0; i < n; i++) a[i * n + i] += i % 2 === 0 ? 3 : -3;
  return a;
}

describe("residentMatrix (a matrix kept in Wasm memory for products on its own windows)", () => {
  it("gives gemmStrided's results bit for bit, on windows of one matrix, for sizes on both sides of the Wasm threshold", () => {
    const r = rng(41);
    for (const [n, k] of [[40, 4], [200, 16], [257, 33]] as const) {
      const m = n - k; // the LU shape: C (m×m) −= A (m×k) · B (k×m), all windows of one n×n matrix
      const base = randArray(n * n, r);
      const res = residentMatrix(n * n);
      if (res === null) return; // no Wasm here: LU uses gemmStrided, covered elsewhere
      res.data.set(base);
      res.update(false, false, m, m, k, -1, k * n, n, k, n, k * n + k, n, true);
      const got = res.data.slice();
      res.release();
      const want = base.slice();
      gemmStrided(false, false, m, m, k, -1, want, k * n, n, want, k, n, want, k * n + k, n, true);
      expect(got.every((v, i) => Object.is(v, want[i])), `n=${n} k=${k}`).toBe(true);
    }
  });

  it("is null under the JS backend, and ordinary products work after a release", () => {
    setGemmBackend("js");
    try {
      expect(residentMatrix(16)).toBeNull();
    } finally {
      setGemmBackend("auto");
    }
    const res = residentMatrix(64 * 64);
    res?.release();
    const a = Float64Array.from({ length: 64 * 64 }, (_, i) => (i % 7) - 3);
    const c = new Float64Array(64 * 64);
    gemm(false, false, 64, 64, 64, a, a, c);
    expect(maxAbsDiff(c, naive(false, false, 64, 64, 64, a, a))).toBe(0);
  });
});

describe("transposeInto", () => {
  // rows and cols around the 32×32 blocks and the four-row groups inside them (rows mod 4 = 0…3),
  // and rows and columns (a copy: by a loop below 64 entries, by `set` from 64 on)
  const shapes = [[2, 2], [3, 5], [4, 4], [5, 3], [6, 33], [7, 31], [31, 7], [32, 32], [33, 65], [67, 45], [130, 9],
    [1, 1], [1, 7], [7, 1], [1, 63], [63, 1], [1, 64], [64, 1], [1, 1000], [1000, 1]] as const;

  it("writes the transpose of the block at the given offsets, and nothing else", () => {
    const r = rng(91);
    for (const [rows, cols] of shapes)
      for (const [xOff, outOff] of [[0, 0], [3, 5]]) {
        const n = rows * cols;
        const x = randArray(xOff + n + 4, r), x0 = x.slice();
        const out = new Float64Array(outOff + n + 4).fill(-7);
        transposeInto(x, xOff, rows, cols, out, outOff);
        const want = new Float64Array(outOff + n + 4).fill(-7);
        for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) want[outOff + j * rows + i] = x[xOff + i * cols + j];
        expect(Array.from(out), `${rows}×${cols} at ${xOff} → ${outOff}`).toEqual(Array.from(want));
        expect(Array.from(x), "input unchanged").toEqual(Array.from(x0));
      }
  });
});

describe("copyRows", () => {
  it("copies runs between strided windows, by a loop or by set, and nothing else", () => {
    const r = rng(92);
    for (const len of [0, 1, 3, MIN_SET_ENTRIES - 1, MIN_SET_ENTRIES, 100])
      for (const [rows, sOff, sStride, dOff, dStride] of [[1, 0, 0, 0, 0], [1, 5, 0, 2, 0], [3, 1, len + 2, 4, len + 3], [4, 0, len, 0, len + 1], [5, 7, len + 9, 3, len]]) {
        const src = randArray(sOff + rows * (sStride || len) + len + 2, r), src0 = src.slice();
        const dst = new Float64Array(dOff + rows * (dStride || len) + len + 2).fill(-3);
        const want = dst.slice();
        for (let i = 0; i < rows; i++) for (let j = 0; j < len; j++) want[dOff + i * dStride + j] = src[sOff + i * sStride + j];
        copyRows(src, sOff, sStride, dst, dOff, dStride, rows, len);
        expect(Array.from(dst), `len ${len}, rows ${rows}, ${sOff}+${sStride}·i → ${dOff}+${dStride}·i`).toEqual(Array.from(want));
        expect(Array.from(src), "source unchanged").toEqual(Array.from(src0));
      }
  });

  it("repeats one run (source stride 0), from the whole source array or a part of it", () => {
    const r = rng(93);
    for (const len of [5, MIN_SET_ENTRIES, 100])
      for (const [src, sOff] of [[randArray(len, r), 0], [randArray(len + 9, r), 4]] as const) {
        const dst = new Float64Array(3 * (len + 2) + 1).fill(-3), want = dst.slice();
        for (let i = 0; i < 3; i++) for (let j = 0; j < len; j++) want[1 + i * (len + 2) + j] = src[sOff + j];
        copyRows(src, sOff, 0, dst, 1, len + 2, 3, len);
        expect(Array.from(dst), `len ${len} from ${sOff} of ${src.length}`).toEqual(Array.from(want));
      }
  });
});

describe("LU", () => {
  it("det of hand-computed 2×2 and 3×3", () => {
    expect(luDet(luFactor(Float64Array.of(3, 8, 4, 6), 2))).toBeCloseTo(-14, 12);
    expect(luDet(luFactor(Float64Array.of(6, 1, 1, 4, -2, 5, 2, 8, 7), 3))).toBeCloseTo(-306, 10);
    expect(luDet(luFactor(Float64Array.of(2, 0, 0, 0, 3, 0, 0, 0, 4), 3))).toBe(24);
    expect(luDet(luFactor(new Float64Array(0), 0))).toBe(1);
    expect(luDet(luFactor(Float64Array.of(-5), 1))).toBe(-5);
  });

  it("permutation sign is right for a matrix needing row swaps", () => {
    // [[0,1],[1,0]]: det -1, one swap
    const f = luFactor(Float64Array.of(0, 1, 1, 0), 2);
    expect(f.sign).toBe(-1);
    expect(luDet(f)).toBe(-1);
    // cyclic permutation (even): det +1 but needs swaps
    const p3 = Float64Array.of(0, 1, 0, 0, 0, 1, 1, 0, 0);
    expect(luDet(luFactor(p3, 3))).toBe(1);
    // [[1,2,3],[4,5,6],[7,8,10]] det = -3, pivoting picks row 3 first
    const g = luFactor(Float64Array.of(1, 2, 3, 4, 5, 6, 7, 8, 10), 3);
    expect(g.piv[0]).toBe(2);
    expect(luDet(g)).toBeCloseTo(-3, 12);
    const la = luLogAbsDet(g);
    expect(la.sign).toBe(-1);
    expect(la.logAbsDet).toBeCloseTo(Math.log(3), 12);
  });

  it.each([
    ["dense", 0],
    ["with many exact zeros (zero multipliers: the unrolled loops fall back to one row)", 0.6],
  ] as const)("P·A = L·U reconstructs A, %s", (_label, zeros) => {
    const r = rng(31);
    for (const n of [1, 2, 5, 47, 48, 70, 100, 131]) {
      const a = randArray(n * n, r);
      for (let i = 0; i < a.length; i++) if (r() < zeros) a[i] = 0;
      for (let i = 0; i < n; i++) a[i * n + ((i * 7) % n)] += 3; // keep it far from singular
      const a0 = a.slice();
      const f = luFactor(a, n);
      expect(a).toEqual(a0); // input untouched
      const L = new Float64Array(n * n);
      const U = new Float64Array(n * n);
      for (let i = 0; i < n; i++)
        for (let j = 0; j < n; j++) {
          if (j < i) L[i * n + j] = f.lu[i * n + j];
          else U[i * n + j] = f.lu[i * n + j];
          if (i === j) L[i * n + j] = 1;
        }
      const LU = matmul(L, U, n, n, n);
      const PA = new Float64Array(n * n);
      for (let i = 0; i < n; i++) PA.set(a.subarray(f.piv[i] * n, f.piv[i] * n + n), i * n);
      expect(maxAbsDiff(LU, PA), `n=${n}`).toBeLessThan(1e-12 * n);
      // partial pivoting bounds multipliers by 1
      for (let i = 0; i < n; i++) for (let j = 0; j < i; j++) expect(Math.abs(f.lu[i * n + j])).toBeLessThanOrEqual(1);
      // sign matches the parity of piv
      const seen = new Uint8Array(n);
      let parity = 0;
      for (let i = 0; i < n; i++) {
        if (seen[i]) continue;
        let len = 0;
        for (let j = i; !seen[j]; j = f.piv[j]) {
          seen[j] = 1;
          len++;
        }
        parity += len - 1;
      }
      expect(f.sign).toBe(parity % 2 === 0 ? 1 : -1);
    }
  });

  it("det(AB) = det(A)·det(B)", () => {
    const r = rng(2024);
    for (const n of [2, 3, 6, 20, 60]) {
      const a = randArray(n * n, r);
      const b = randArray(n * n, r);
      const dab = luDet(luFactor(matmul(a, b, n, n, n), n));
      const prod = luDet(luFactor(a, n)) * luDet(luFactor(b, n));
      expect(Math.abs(dab - prod)).toBeLessThan(1e-9 * Math.max(1, Math.abs(prod)));
    }
  });

  it("A·inv(A) = I", () => {
    const r = rng(77);
    for (const n of [1, 2, 3, 7, 33, 48, 64, 100, 130]) {
      const a = randWellConditioned(n, r);
      const inv = luInverse(luFactor(a, n));
      expect(maxAbsDiff(matmul(a, inv, n, n, n), identity(n)), `n=${n}`).toBeLessThan(1e-11);
      expect(maxAbsDiff(matmul(inv, a, n, n, n), identity(n)), `n=${n}`).toBeLessThan(1e-11);
    }
  });

  it("inverse of a matrix needing pivoting", () => {
    const a = Float64Array.of(0, 2, 1, 1, 1, 0, 3, 0, 1); // det = 2·(1·... ) nonzero
    const inv = luInverse(luFactor(a, 3));
    expect(maxAbsDiff(matmul(a, inv, 3, 3, 3), identity(3))).toBeLessThan(1e-14);
  });

  it("solve residual is small for one and many right-hand sides", () => {
    const r = rng(555);
    for (const n of [1, 4, 17, 48, 64, 129]) {
      const a = randWellConditioned(n, r);
      const f = luFactor(a, n);
      for (const nrhs of [1, 2, 7, 8, 40, 200]) {
        const b = randArray(n * nrhs, r);
        const b0 = b.slice();
        const x = luSolve(f, b, nrhs);
        expect(b).toEqual(b0);
        const ax = matmul(a, x, n, n, nrhs);
        expect(maxAbsDiff(ax, b), `n=${n} nrhs=${nrhs}`).toBeLessThan(1e-11);
      }
    }
  });

  it("singular matrices: solve/inverse throw SingularMatrixError, det is 0", () => {
    const cases: [Float64Array, number][] = [
      [Float64Array.of(1, 2, 2, 4), 2],
      [Float64Array.of(1, 2, 3, 4, 5, 6, 7, 8, 9), 3],
      [new Float64Array(16), 4],
    ];
    // rank-deficient random matrices: last row = sum of two other rows (pivot is roundoff-sized)
    const r = rng(8);
    for (const n of [10, 30]) {
      const m = randArray(n * n, r);
      for (let j = 0; j < n; j++) m[(n - 1) * n + j] = m[3 * n + j] + m[5 * n + j];
      cases.push([m, n]);
    }
    // a 60×60 (blocked path) matrix with a duplicated row: elimination gives an exact 0 pivot
    const big = randArray(60 * 60, r);
    big.copyWithin(59 * 60, 7 * 60, 8 * 60);
    cases.push([big, 60]);
    for (const [a, n] of cases) {
      const f = luFactor(a, n);
      expect(f.singular, `n=${n}`).toBe(true);
      // |det| is roundoff-sized relative to Hadamard's bound ∏ ‖row_i‖
      let hadamard = 1;
      for (let i = 0; i < n; i++) {
        let s = 0;
        for (let j = 0; j < n; j++) s += a[i * n + j] ** 2;
        hadamard *= Math.sqrt(s);
      }
      expect(Math.abs(luDet(f))).toBeLessThanOrEqual(1e-12 * hadamard);
      expect(luLogAbsDet(f)).toEqual({ sign: 0, logAbsDet: -Infinity });
      expect(() => luSolve(f, new Float64Array(n), 1)).toThrow(SingularMatrixError);
      expect(() => luInverse(f)).toThrow(SingularMatrixError);
      expect(() => luInverse(f)).toThrow(/^inv: matrix is singular/);
      expect(() => luSolve(f, new Float64Array(n * 2), 2, "mySolve")).toThrow(/^mySolve: matrix is singular \(\d+×\d+, pivot \d+ is /);
    }
    expect(luDet(luFactor(Float64Array.of(1, 2, 2, 4), 2))).toBe(0);
  });

  it("a nonsingular matrix is not flagged", () => {
    const f = luFactor(Float64Array.of(1e-3, 0, 0, 1e-3), 2);
    expect(f.singular).toBe(false);
    expect(luDet(f)).toBeCloseTo(1e-6, 18);
  });

  it("logAbsDet agrees with log|det| and sign(det)", () => {
    const r = rng(4242);
    for (const n of [1, 2, 3, 10, 50, 90]) {
      const a = randArray(n * n, r);
      const f = luFactor(a, n);
      const d = luDet(f);
      const { sign, logAbsDet } = luLogAbsDet(f);
      expect(sign).toBe(Math.sign(d));
      expect(Math.abs(logAbsDet - Math.log(Math.abs(d)))).toBeLessThan(1e-10 * Math.max(1, Math.abs(logAbsDet)));
    }
    // huge matrix whose det overflows: logAbsDet stays finite
    const n = 200;
    const a = identity(n).map((v) => v * 1e3);
    a[1] = 5; // stays triangular
    const { sign, logAbsDet } = luLogAbsDet(luFactor(a, n));
    expect(luDet(luFactor(a, n))).toBe(Infinity);
    expect(sign).toBe(1);
    expect(logAbsDet).toBeCloseTo(n * Math.log(1e3), 8);
  });
});
