/**
 * The fast path of `A.matmul(B)` for tiny plain products (every dimension ≤ 8, no trace), and the
 * unrolled 4×4 kernel behind `gemm`: same numbers as the generic loops, same errors, same observer
 * calls, inputs untouched, traced inputs still differentiated. Also the JS kernel for small
 * transposed and strided products (the backward pass of small models), bit for bit.
 */
import { afterEach, describe, expect, it } from "vitest";
import { Matrix, ShapeError, fromData, gradient, jvp, matmul, observeKernels, sum, type KernelObserver } from "../src/index";
import { gemm, gemmJs, gemmStridedJs, gemmTiny, setGemmBackend } from "../src/kernels/gemm";
import { matmul4x4 } from "../src/kernels/small";
import { randArray, rng } from "./core-helpers";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type M = Matrix<any, any>;

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const mk = (rows: number, cols: number, data: Float64Array): M => fromData(rows as any, cols as any, data);
const rand = (rows: number, cols: number, r: () => number): M => mk(rows, cols, randArray(rows * cols, r));
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const method = (a: M, b: M): M => (a.matmul as (b: any) => M)(b);
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const free = (a: M, b: M): M => (matmul as (a: any, b: any) => M)(a, b);

/** The product by the naive loop, each entry summed left to right from 0 (the rounding of gemm's tiny path). */
function reference(a: M, b: M): number[] {
  const m = a.rows, k = a.cols, n = b.cols, c: number[] = [];
  for (let i = 0; i < m; i++)
    for (let j = 0; j < n; j++) {
      let s = 0;
      for (let p = 0; p < k; p++) s += a.data[i * k + p] * b.data[p * n + j];
      c.push(s);
    }
  return c;
}

/** The generic JS GEMM (gemmJs never takes the tiny path or the 4×4 kernel). */
function generic(a: M, b: M): Float64Array {
  const c = new Float64Array(a.rows * b.cols);
  gemmJs(false, false, a.rows, b.cols, a.cols, a.data, b.data, c);
  return c;
}

function record(fn: () => void): string[] {
  const seen: string[] = [];
  const obs: KernelObserver = (name, rows, cols) => void seen.push(`${name} ${rows}×${cols}`);
  const prev = observeKernels(obs);
  try {
    fn();
  } finally {
    expect(observeKernels(prev)).toBe(obs); // still installed: the fast path puts it back
  }
  return seen;
}

afterEach(() => setGemmBackend("auto"));

describe("matmul4x4 kernel", () => {
  it("equals the generic loops bit for bit, −0 included", () => {
    const r = rng(1);
    for (let t = 0; t < 200; t++) {
      const a = randArray(16, r), b = randArray(16, r);
      if (t % 10 === 0) a.fill(0, 0, 4); // a zero row: gives 0 + (−0)… sums
      if (t % 10 === 1) b.fill(-0);
      const c = new Float64Array(16), ref = new Float64Array(16);
      matmul4x4(a, b, c);
      gemmJs(false, false, 4, 4, 4, a, b, ref);
      expect(Array.from(c)).toEqual(Array.from(ref));
      for (let i = 0; i < 16; i++) expect(Object.is(c[i], -0)).toBe(false);
    }
  });

  it("is what gemm runs for 4×4·4×4; accumulate still adds", () => {
    const r = rng(2);
    const a = randArray(16, r), b = randArray(16, r), c0 = randArray(16, r);
    const ref = new Float64Array(16);
    gemmJs(false, false, 4, 4, 4, a, b, ref);
    const c = new Float64Array(16);
    gemm(false, false, 4, 4, 4, a, b, c);
    expect(Array.from(c)).toEqual(Array.from(ref));
    const acc = c0.slice();
    gemm(false, false, 4, 4, 4, a, b, acc, true);
    for (let i = 0; i < 16; i++) expect(acc[i]).toBeCloseTo(c0[i] + ref[i], 14);
  });

  it("gemmTiny (matmul's entry for tiny products) gives gemm's bits for every shape up to 8, on every backend", () => {
    const r = rng(7);
    try {
      for (const backend of ["auto", "js", "wasm"] as const) {
        setGemmBackend(backend);
        for (let m = 1; m <= 8; m++)
          for (let k = 1; k <= 8; k++)
            for (const n of [1, 3, 4, 8]) {
              const a = randArray(m * k, r), b = randArray(k * n, r);
              const c = new Float64Array(m * n).fill(NaN), ref = new Float64Array(m * n);
              gemmTiny(m, n, k, a, b, c);
              gemm(false, false, m, n, k, a, b, ref);
              expect(Array.from(c), `${backend} ${m}×${k}·${k}×${n}`).toEqual(Array.from(ref));
            }
      }
    } finally {
      setGemmBackend("auto");
    }
  });

  it("accumulating tiny products (under 256 multiply-adds: the JS loop) add each entry's terms to C in order, bit for bit, at every width", () => {
    const r = rng(6);
    for (const [m, k, n] of [[1, 1, 1], [2, 5, 3], [3, 8, 4], [8, 3, 8], [5, 2, 7], [7, 6, 5], [4, 4, 4], [8, 3, 6]]) {
      const a = randArray(m * k, r), b = randArray(k * n, r), c0 = randArray(m * n, r);
      const ref = Array.from(c0);
      for (let i = 0; i < m; i++)
        for (let j = 0; j < n; j++) {
          let s = c0[i * n + j];
          for (let p = 0; p < k; p++) s += a[i * k + p] * b[p * n + j];
          ref[i * n + j] = s;
        }
      const c = c0.slice();
      gemm(false, false, m, n, k, a, b, c, true);
      expect(Array.from(c), `${m}×${k}·${k}×${n}`).toEqual(ref);
    }
  });
});

describe("small strided products in JS (m or n ≤ 8)", () => {
  it("every transpose, alpha, accumulate and width: each entry's terms summed in order, scaled, then stored or added", () => {
    const r = rng(8);
    for (const [m, n, k] of [[1, 9, 3], [3, 5, 7], [8, 8, 8], [6, 7, 2], [2, 12, 5], [5, 4, 1]])
      for (const ta of [false, true])
        for (const tb of [false, true])
          for (const [alpha, acc] of [[1, false], [-1.5, false], [1, true], [0.75, true]] as const) {
            const lda = (ta ? m : k) + 2, ldb = (tb ? k : n) + 3, ldc = n + 1, aOff = 3, bOff = 1, cOff = 2;
            const a = randArray(aOff + (ta ? k : m) * lda, r), b = randArray(bOff + (tb ? n : k) * ldb, r);
            const c0 = randArray(cOff + m * ldc + 2, r);
            const ref = Array.from(c0);
            for (let i = 0; i < m; i++)
              for (let j = 0; j < n; j++) {
                let s = 0;
                for (let p = 0; p < k; p++) s += (ta ? a[aOff + p * lda + i] : a[aOff + i * lda + p]) * (tb ? b[bOff + j * ldb + p] : b[bOff + p * ldb + j]);
                if (alpha !== 1) s *= alpha;
                ref[cOff + i * ldc + j] = acc ? c0[cOff + i * ldc + j] + s : s;
              }
            const c = c0.slice();
            gemmStridedJs(ta, tb, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, c, cOff, ldc, acc);
            expect(Array.from(c), `${m}×${k}·${k}×${n} ta=${ta} tb=${tb} alpha=${alpha} acc=${acc}`).toEqual(ref);
          }
  });
});

describe("A.matmul(B) on tiny plain matrices", () => {
  it("random 4×4: the generic result, bit for bit, and the same as matmul(A, B)", () => {
    const r = rng(3);
    for (let t = 0; t < 50; t++) {
      const a = rand(4, 4, r), b = rand(4, 4, r);
      const c = method(a, b);
      expect(c).toBeInstanceOf(Matrix);
      expect(c.shape).toEqual([4, 4]);
      expect(c._box).toBe(null);
      expect(Array.from(c.data)).toEqual(reference(a, b));
      expect(Array.from(c.data)).toEqual(Array.from(generic(a, b)));
      expect(Array.from(c.data)).toEqual(Array.from(free(a, b).data));
    }
  });

  it("every shape with dims 0…9 (9: the general path), square or not: the same as matmul(A, B) and the generic GEMM", () => {
    const r = rng(4);
    for (let m = 0; m <= 9; m++)
      for (let k = 0; k <= 9; k++)
        for (const n of [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]) {
          const what = `${m}×${k}·${k}×${n}`;
          const a = rand(m, k, r), b = rand(k, n, r);
          const c = method(a, b);
          expect(c.shape, what).toEqual([m, n]);
          expect(Array.from(c.data), what).toEqual(Array.from(free(a, b).data));
          if (m <= 8 && n <= 8 && k <= 8) expect(Array.from(c.data), what).toEqual(reference(a, b));
          const g = generic(a, b); // vector shapes sum in another order there: equal up to rounding
          for (let i = 0; i < g.length; i++) expect(Math.abs(c.data[i] - g[i]), what).toBeLessThanOrEqual(1e-14 * k);
        }
  });

  it("1×4·4×1 is the dot product, 4×1·1×4 the outer product", () => {
    const u = mk(1, 4, Float64Array.of(1, 2, 3, 4)), v = mk(4, 1, Float64Array.of(5, 6, 7, 8));
    const d = method(u, v);
    expect(d.shape).toEqual([1, 1]);
    expect(d.item()).toBe(70);
    expect(method(v, u).toArray()).toEqual([[5, 10, 15, 20], [6, 12, 18, 24], [7, 14, 21, 28], [8, 16, 24, 32]]);
  });

  it("does not mutate its inputs, and every result has storage of its own", () => {
    const r = rng(5);
    const a = rand(4, 4, r), b = rand(4, 4, r);
    const a0 = Array.from(a.data), b0 = Array.from(b.data);
    const c1 = method(a, b), c2 = method(a, b), c3 = method(a, a);
    expect(Array.from(a.data)).toEqual(a0);
    expect(Array.from(b.data)).toEqual(b0);
    const ref = reference(a, b);
    c1.data.fill(7);
    expect(Array.from(c2.data)).toEqual(ref); // no shared memory between results…
    expect(Array.from(a.data)).toEqual(a0); // …or with the inputs
    expect(Array.from(b.data)).toEqual(b0);
    expect(Array.from(c3.data)).toEqual(reference(a, a));
  });

  it("shape errors: the primitive's ShapeError and message", () => {
    const r = rng(6);
    const cases: [number, number, number, number][] = [[4, 4, 3, 4], [1, 4, 1, 4], [4, 1, 4, 1], [2, 3, 2, 3], [8, 8, 7, 8]];
    for (const [m, k, k2, n] of cases) {
      const a = rand(m, k, r), b = rand(k2, n, r);
      const msg = `matmul: inner dimensions differ (${m}×${k} · ${k2}×${n})`;
      expect(() => method(a, b)).toThrow(ShapeError);
      expect(() => method(a, b)).toThrow(msg);
      let e: unknown;
      try {
        method(a, b);
      } catch (err) {
        e = err;
      }
      expect((e as ShapeError).op).toBe("matmul");
      expect((e as Error).message).toBe(msg);
      expect(() => free(a, b)).toThrow(msg); // the same as the free function
    }
  });

  it("tells the kernel observer once per product, with the output shape, like matmul(A, B)", () => {
    const r = rng(7);
    const a = rand(4, 4, r), b = rand(4, 4, r), p = rand(2, 4, r), q = rand(4, 3, r), qT = q.T, pT = p.T;
    const big = rand(9, 9, r);
    expect(record(() => void method(a, b))).toEqual(["matmul 4×4"]);
    expect(record(() => void free(a, b))).toEqual(["matmul 4×4"]);
    expect(record(() => void (method(a, b), method(p, q), method(qT, pT)))).toEqual(["matmul 4×4", "matmul 2×3", "matmul 3×2"]);
    expect(record(() => void method(big, big))).toEqual(["matmul 9×9"]);
    expect(record(() => expect(() => method(a, qT)).toThrow(ShapeError))).toEqual([]);
  });

  it("an observer that throws: the error reaches the caller and the observer stays installed", () => {
    const r = rng(8);
    const a = rand(4, 4, r), b = rand(4, 4, r);
    let calls = 0;
    const obs: KernelObserver = () => {
      calls++;
      throw new Error("observer");
    };
    const prev = observeKernels(obs);
    try {
      expect(() => method(a, b)).toThrow("observer");
      expect(() => free(a, b)).toThrow("observer");
    } finally {
      expect(observeKernels(prev)).toBe(obs);
    }
    expect(calls).toBe(2);
  });

  it("follows the gemm backend: 'wasm' and 'js' give the same product", () => {
    const r = rng(9);
    const a = rand(4, 4, r), b = rand(4, 4, r);
    const ref = reference(a, b);
    for (const be of ["js", "wasm", "auto"] as const) {
      setGemmBackend(be);
      const c = method(a, b);
      for (let i = 0; i < 16; i++) expect(c.data[i]).toBeCloseTo(ref[i], 14);
    }
  });

  it("traced inputs are still differentiated (reverse and forward mode)", () => {
    const r = rng(10);
    const a = rand(4, 4, r), b = rand(4, 4, r), v = rand(4, 4, r);
    // d/dB Σ(AB) = Aᵀ·11ᵀ: entry (p, j) is the p-th column sum of A; d/dA Σ(AB) = 11ᵀ·Bᵀ: entry (i, p) is the p-th row sum of B
    const gB = (gradient as (f: (x: M) => M) => (x: M) => M)((x) => sum(method(a, x)))(b);
    const gA = (gradient as (f: (x: M) => M) => (x: M) => M)((x) => sum(method(x, b)))(a);
    for (let p = 0; p < 4; p++)
      for (let j = 0; j < 4; j++) {
        expect(gB.get(p, j)).toBeCloseTo(a.get(0, p) + a.get(1, p) + a.get(2, p) + a.get(3, p), 14);
        expect(gA.get(j, p)).toBeCloseTo(b.get(p, 0) + b.get(p, 1) + b.get(p, 2) + b.get(p, 3), 14);
      }
    // forward mode: the tangent of B ↦ AB along V is AV
    const { out, tangent } = (jvp as (f: (x: M) => M, x: M, v: M) => { out: M; tangent: M })((x) => method(a, x), b, v);
    expect(Array.from(out.data)).toEqual(reference(a, b));
    expect(Array.from(tangent.data)).toEqual(reference(a, v));
    // the kernels a gradient runs are seen by the observer as before
    const seen = record(() => void (gradient as (f: (x: M) => M) => (x: M) => M)((x) => sum(method(a, x)))(b));
    expect(seen).toContain("matmul 4×4");
  });
});
