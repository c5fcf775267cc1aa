/**
 * Dense row-major float64 matrix multiply (GEMM) in plain TypeScript.
 *
 * Strategy (Goto/BLIS-style, scalar JS):
 *  - tiny problems (any dimension <= 8 … see `SMALL`) use a simple loop, no scratch (4×4·4×4: the
 *    unrolled kernel in ./small);
 *  - m === 1 or n === 1 use vector paths (dot/axpy over contiguous data);
 *  - everything else packs op(B) into KC×NR column panels and op(A) into MR×KC row
 *    panels inside one module-level scratch array, then runs a 4×4 register-tiled
 *    micro-kernel over the packed panels. Packing absorbs the transposes, so all four
 *    (transA, transB) combinations share one kernel.
 *
 * `gemm` dispatches: problems with enough work (see `WASM_MIN_WORK`) go to the WebAssembly
 * SIMD kernel in ./wasm (about 4× faster); small ones and vector shapes stay on the JS code
 * below (`gemmJs`), which is also the fallback when WebAssembly SIMD is unavailable.
 *
 * The scratch array has a fixed power-of-two length and the micro-kernel masks its
 * indices with `& MASK`: V8 then knows the array length is a constant and the index is
 * an int32, which makes each load much cheaper (no overflow checks / sign extension).
 * The mask never changes a valid index (all packed offsets are < SCRATCH_LEN).
 */

import { getWasmGemm, trimSharedWasmGemm, wasmGemmStrided, wasmGemv } from "./wasm/gemm-wasm";
import { threadedGemm } from "./wasm/gemm-threads";
import { matmul4x4 } from "./small";

const MR = 4;
const NR = 4;
/** k-block (depth of packed panels). */
const KC = 256;
/** n-block (columns of op(B) packed at once). */
const NC = 128;
/** m-block (rows of op(A) packed at once). */
const MC = 128;
const B_OFF = 0; // packed B block: KC × NC
const A_OFF = KC * NC; // packed A block: MC × KC
const SCRATCH_LEN = 65536; // = KC*NC + MC*KC, power of two
const MASK = SCRATCH_LEN - 1;

/** Module-level packing scratch (512 KiB), reused by every call. Never escapes. */
const W = new Float64Array(SCRATCH_LEN);

/** Use the simple loop when some dimension is at most this, or the product is tiny. */
const SMALL = 8;

export type GemmBackend = "auto" | "js" | "wasm";
let backend: GemmBackend = "auto";

/**
 * Use Wasm from this many multiply-adds (m·n·k) on, when m, n > 1 (products with a vector: see
 * WASM_MIN_GEMV), tiny ones included. Measured on Node 20 / x86-64 (best of 40,
 * µs per call, JS vs Wasm incl. copies): 4³ 0.17 vs 0.25, 16³ 2.5 vs 0.8, 20³ 4.4 vs 1.3,
 * 24³ 7.2 vs 2.0, 32³ 17 vs 3.9 (model code multiplies 16×16 matrices in about a microsecond).
 * Around the threshold (2026-12-07, ns, JS — the four-sums loops — vs Wasm, medians of 15): from
 * 256 multiply-adds on Wasm wins, 8³ 716 vs 457, 7³ 737 vs 517, 8·6·8 550 vs 467, 16·4·4 665 vs
 * 454, 12·6·6 1027 vs 561; below, it is a draw or JS wins, 8·3·8 289 vs 424, 6³ 447 vs 487,
 * 16·2·4 544 vs 739.
 */
const WASM_MIN_WORK = 256;
/**
 * Products with a vector (m = 1 or n = 1, not both) use the Wasm gemv kernel from this many
 * matrix entries on. Measured on Node 20 / x86-64 (plain SIMD, µs per call incl. copies, JS vs
 * Wasm, A·x / Aᵀ·x): 8×64 0.72/1.17 vs 0.38/0.37, 32×32 1.4/2.3 vs 0.58/0.49, 100×100 14/22 vs
 * 3.8/3.4, 256×256 87/143 vs 23/21. Near the threshold, with the four-at-a-time JS kernels
 * (2026-12-07, ns): 8×8 249/108 vs 301/259, 16×16 332–430/332–486 vs 385–522/336–515, 18×18
 * 659/451 vs 627/363, 24×24 754/852 vs 554/434. With plain SIMD the results are the JS kernels'
 * bit for bit.
 */
const WASM_MIN_GEMV = 256;
/** Same for gemmStrided (used by LU); its operand windows are copied row by row. */
const WASM_MIN_WORK_STRIDED = 6144;

/**
 * Use two threads (main + one worker, see wasm/gemm-threads.ts) from this many multiply-adds on,
 * when n ≥ THREADS_MIN_N. Measured on a 2-core Node 20 machine with the shared packing of op(B)
 * (`npm run bench:gemm -- --relaxed`, medians): 256³ 31.6 vs 17.6 GFLOP/s on one thread (41 vs 23.6
 * alternating in one process when both cores are free), 512³ 34–44 vs 21; below 256³ the hand-off
 * does not pay. A model's own layers (128×128 times a batch of 256: 4.2M) stay on one thread.
 */
export const THREADS_MIN_WORK = 256 * 256 * 256;
const THREADS_MIN_N = 64;
let maxThreads = 2;

/**
 * Allow `gemm` to use up to this many threads (1 or 2; default 2) for large products. With 2, the
 * first large product starts one worker thread (unref'd: it never keeps the process alive).
 */
export function setGemmThreads(t: 1 | 2): void {
  maxThreads = t === 1 ? 1 : 2;
}

export function getGemmThreads(): 1 | 2 {
  return maxThreads === 1 ? 1 : 2;
}

/**
 * Choose the GEMM implementation: "auto" (default: Wasm SIMD for large enough problems when
 * available, JS otherwise), "js" (always the JS kernel), "wasm" (Wasm for every non-empty
 * problem, falling back to JS only if Wasm SIMD is unavailable). For tests and benchmarks.
 */
export function setGemmBackend(b: GemmBackend): void {
  backend = b;
}

export function getGemmBackend(): GemmBackend {
  return backend;
}

/**
 * C (m×n) = op(A)·op(B), or C += op(A)·op(B) when accumulate. Row-major.
 * op(A) is m×k: A is stored m×k, or k×m when transA.
 * op(B) is k×n: B stored k×n, or n×k when transB.
 * Only the first m·n entries of c are written. a and b are never mutated.
 * c must not alias a or b.
 */
export function gemm(
  transA: boolean,
  transB: boolean,
  m: number,
  n: number,
  k: number,
  a: Float64Array,
  b: Float64Array,
  c: Float64Array,
  accumulate?: boolean,
): void {
  if (!transA && !transB && tinyInJs(m, n, k)) {
    if (m === 4 && n === 4 && k === 4 && accumulate !== true) matmul4x4(a, b, c); // unrolled: no loop set-up
    else gemmTinyNN(m, n, k, a, b, c, accumulate === true);
    return;
  }
  if (backend !== "js" && m > 0 && n > 0 && k > 0) {
    if ((m === 1) !== (n === 1) && (backend === "wasm" || m * n * k >= WASM_MIN_GEMV)) {
      // n = 1: c = op(A)·b. m = 1: c = a·op(B), i.e. op(B)ᵀ·a, where B stored n×k (transB) is Bᵀ's rows
      if (n === 1 ? wasmGemv(transA, m, k, a, b, c, accumulate === true) : wasmGemv(!transB, n, k, b, a, c, accumulate === true)) return;
    }
    if (backend === "wasm" || (m * n * k >= WASM_MIN_WORK && m > 1 && n > 1)) {
      if (maxThreads > 1 && m * n * k >= THREADS_MIN_WORK && n >= THREADS_MIN_N) {
        const w = getWasmGemm();
        if (w !== null && threadedGemm(w.variant, transA, transB, m, n, k, a, b, c, accumulate === true)) return;
      }
      if (wasmGemmStrided(transA, transB, m, n, k, 1, a, 0, transA ? m : k, b, 0, transB ? k : n, c, 0, n, accumulate === true)) return;
    }
  }
  gemmJs(transA, transB, m, n, k, a, b, c, accumulate);
}

/** Does `gemm` run an untransposed m×k·k×n product on its tiny JS path (every dim ≤ 8, too little work for Wasm unless Wasm is forced)? */
function tinyInJs(m: number, n: number, k: number): boolean {
  return m <= 8 && n <= 8 && k <= 8 && backend !== "wasm" && (backend === "js" || m * n * k < WASM_MIN_WORK);
}

/**
 * C = A·B for untransposed operands, every dim ≤ 8: exactly `gemm`'s result, for callers that know
 * the product is tiny (`matmul`'s fast path). A 4×4 product goes straight to the unrolled kernel,
 * where `gemm` would send it too, without `gemm`'s dispatch, which costs ~10% of a whole 4×4 `matmul`.
 */
export function gemmTiny(m: number, n: number, k: number, a: Float64Array, b: Float64Array, c: Float64Array): void {
  if (m === 4 && n === 4 && k === 4 && tinyInJs(4, 4, 4)) matmul4x4(a, b, c);
  else gemm(false, false, m, n, k, a, b, c);
}

/** C (=|+=) A·B for tiny untransposed operands (each dim ≤ 8): plain dot products, no set-up. */
function gemmTinyNN(m: number, n: number, k: number, a: Float64Array, b: Float64Array, c: Float64Array, acc: boolean): void {
  if (!acc && (k === 4 || k === 3)) {
    // rows of A held in locals, the dot product unrolled: 3×3 and 4×4 transforms are the common case
    const n2 = 2 * n, n3 = 3 * n;
    for (let i = 0; i < m; i++) {
      const ai = i * k, ci = i * n;
      const a0 = a[ai], a1 = a[ai + 1], a2 = a[ai + 2];
      if (k === 4) {
        const a3 = a[ai + 3];
        for (let j = 0; j < n; j++) c[ci + j] = 0 + a0 * b[j] + a1 * b[n + j] + a2 * b[n2 + j] + a3 * b[n3 + j]; // 0 + : no −0, like the other paths
      } else {
        for (let j = 0; j < n; j++) c[ci + j] = 0 + a0 * b[j] + a1 * b[n + j] + a2 * b[n2 + j];
      }
    }
    return;
  }
  // each row of C: row i of A times the rows of B (four entries at a time, see vectorTimesRows)
  for (let i = 0; i < m; i++) vectorTimesRows(n, k, a, i * k, b, c, i * n, acc);
}

/** The pure-JS GEMM (same contract as `gemm`); always available. */
export function gemmJs(
  transA: boolean,
  transB: boolean,
  m: number,
  n: number,
  k: number,
  a: Float64Array,
  b: Float64Array,
  c: Float64Array,
  accumulate?: boolean,
): void {
  const acc = accumulate === true;
  if (m <= 0 || n <= 0) return;
  if (k <= 0) {
    if (!acc) c.fill(0, 0, m * n);
    return;
  }
  if (n === 1) {
    gemvN1(transA, m, k, a, b, c, acc);
    return;
  }
  if (m === 1) {
    gemvM1(transB, n, k, a, b, c, acc);
    return;
  }
  const lda = transA ? m : k;
  const ldb = transB ? k : n;
  if (m <= SMALL || n <= SMALL || k <= 2) {
    gemmSmall(transA, transB, m, n, k, 1, a, 0, lda, b, 0, ldb, c, 0, n, acc);
    return;
  }
  gemmBlocked(transA, transB, m, n, k, 1, a, 0, lda, b, 0, ldb, c, 0, n, acc);
}

/**
 * General strided form used by other kernels (e.g. blocked LU):
 * C = alpha·op(A)·op(B), or C += alpha·op(A)·op(B) when accumulate, on sub-matrices of
 * larger row-major arrays. Element (i, p) of op(A) is a[aOff + i*lda + p], or
 * a[aOff + p*lda + i] when transA; element (p, j) of op(B) is b[bOff + p*ldb + j], or
 * b[bOff + j*ldb + p] when transB; element (i, j) of C is c[cOff + i*ldc + j].
 * Only C's m×n window is written; the C window must not overlap A's or B's.
 */
export function gemmStrided(
  transA: boolean,
  transB: boolean,
  m: number,
  n: number,
  k: number,
  alpha: number,
  a: Float64Array,
  aOff: number,
  lda: number,
  b: Float64Array,
  bOff: number,
  ldb: number,
  c: Float64Array,
  cOff: number,
  ldc: number,
  accumulate: boolean,
): void {
  if (stridedOnWasm(m, n, k) && wasmGemmStrided(transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, c, cOff, ldc, accumulate)) return;
  gemmStridedJs(transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, c, cOff, ldc, accumulate);
}

/** A matrix kept in Wasm memory across several strided products on its own windows (see `residentMatrix`). */
export interface ResidentMatrix {
  /** The matrix (a view of Wasm memory): read and write it freely between products. */
  readonly data: Float64Array;
  /** `gemmStrided` with every operand a window of `data` (offsets into `data`); same kernel choice. */
  update(
    transA: boolean, transB: boolean, m: number, n: number, k: number, alpha: number,
    aOff: number, lda: number, bOff: number, ldb: number, cOff: number, ldc: number, accumulate: boolean,
  ): void;
  /** Ends its use: `data` must not be touched afterwards. */
  release(): void;
}

/**
 * A matrix of `length` entries that lives in the shared Wasm GEMM's memory, so that products on its
 * own windows (LU's trailing updates) copy nothing in or out; the results are those of
 * `gemmStrided`, which picks the same kernel for the same sizes. Null when products would not run
 * on Wasm (backend "js", no SIMD) or the memory cannot grow that far. No other product may run
 * until `release()`: they use the same memory.
 */
export function residentMatrix(length: number): ResidentMatrix | null {
  if (backend === "js") return null;
  const w = getWasmGemm();
  const data = w?.residentView(length) ?? null;
  if (w === null || data === null) return null;
  return {
    data,
    update(transA, transB, m, n, k, alpha, aOff, lda, bOff, ldb, cOff, ldc, accumulate) {
      if (stridedOnWasm(m, n, k)) {
        w.gemmResident(transA, transB, m, n, k, alpha, aOff, lda, bOff, ldb, cOff, ldc, accumulate);
      } else {
        gemmStridedJs(transA, transB, m, n, k, alpha, data, aOff, lda, data, bOff, ldb, data, cOff, ldc, accumulate);
      }
    },
    release: trimSharedWasmGemm,
  };
}

/** Whether `gemmStrided` runs an m×n×k product on the Wasm kernel (`residentMatrix` chooses alike). */
function stridedOnWasm(m: number, n: number, k: number): boolean {
  return backend !== "js" && m > 0 && n > 0 && k > 0 && (backend === "wasm" || (m * n * k >= WASM_MIN_WORK_STRIDED && m > 1 && n > 1));
}

/** The pure-JS strided GEMM (same contract as `gemmStrided`). */
export function gemmStridedJs(
  transA: boolean,
  transB: boolean,
  m: number,
  n: number,
  k: number,
  alpha: number,
  a: Float64Array,
  aOff: number,
  lda: number,
  b: Float64Array,
  bOff: number,
  ldb: number,
  c: Float64Array,
  cOff: number,
  ldc: number,
  accumulate: boolean,
): void {
  if (m <= 0 || n <= 0) return;
  if (k <= 0) {
    if (!accumulate) for (let i = 0; i < m; i++) c.fill(0, cOff + i * ldc, cOff + i * ldc + n);
    return;
  }
  if (m <= SMALL || n <= SMALL || k <= 2) {
    gemmSmall(transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, c, cOff, ldc, accumulate);
    return;
  }
  gemmBlocked(transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, c, cOff, ldc, accumulate);
}

/** Simple i-j-p loop with strided access; used for tiny problems (no scratch). */
function gemmSmall(
  transA: boolean,
  transB: boolean,
  m: number,
  n: number,
  k: number,
  alpha: number,
  a: Float64Array,
  aOff: number,
  lda: number,
  b: Float64Array,
  bOff: number,
  ldb: number,
  c: Float64Array,
  cOff: number,
  ldc: number,
  acc: boolean,
): void {
  // A(i,p) = a[aOff + i*ars + p*acs]; B(p,j) = b[bOff + p*brs + j*bcs]
  const ars = transA ? 1 : lda;
  const acs = transA ? lda : 1;
  const brs = transB ? 1 : ldb;
  const bcs = transB ? ldb : 1;
  // Four entries of a row of C at a time, as in gemmTinyNN; each sums its terms in order p = 0…k−1.
  const n4 = n - (n & 3);
  for (let i = 0; i < m; i++) {
    const ai = aOff + i * ars;
    const ci = cOff + i * ldc;
    let j = 0;
    for (; j < n4; j += 4) {
      let s0 = 0, s1 = 0, s2 = 0, s3 = 0;
      for (let p = 0, ap = ai, bp = bOff + j * bcs; p < k; p++, ap += acs, bp += brs) {
        const x = a[ap];
        s0 += x * b[bp];
        s1 += x * b[bp + bcs];
        s2 += x * b[bp + 2 * bcs];
        s3 += x * b[bp + 3 * bcs];
      }
      if (alpha !== 1) {
        s0 *= alpha;
        s1 *= alpha;
        s2 *= alpha;
        s3 *= alpha;
      }
      if (acc) {
        c[ci + j] += s0;
        c[ci + j + 1] += s1;
        c[ci + j + 2] += s2;
        c[ci + j + 3] += s3;
      } else {
        c[ci + j] = s0;
        c[ci + j + 1] = s1;
        c[ci + j + 2] = s2;
        c[ci + j + 3] = s3;
      }
    }
    for (; j < n; j++) {
      let s = 0;
      for (let p = 0, ap = ai, bp = bOff + j * bcs; p < k; p++, ap += acs, bp += brs) s += a[ap] * b[bp];
      if (alpha !== 1) s *= alpha;
      if (acc) c[ci + j] += s;
      else c[ci + j] = s;
    }
  }
}

/** n === 1: c (m) = op(A) (m×k) · b (k), b contiguous in both layouts. */
function gemvN1(
  transA: boolean,
  m: number,
  k: number,
  a: Float64Array,
  b: Float64Array,
  c: Float64Array,
  acc: boolean,
): void {
  if (!transA) {
    rowsTimesVector(m, k, a, b, c, acc);
  } else {
    vectorTimesRows(m, k, b, 0, a, c, 0, acc); // A stored k×m: c (=|+=) Σ_p b[p]·(row p of A)
  }
}

/** m === 1: c (n) = a (k) · op(B) (k×n), a contiguous in both layouts. */
function gemvM1(
  transB: boolean,
  n: number,
  k: number,
  a: Float64Array,
  b: Float64Array,
  c: Float64Array,
  acc: boolean,
): void {
  if (transB) {
    rowsTimesVector(n, k, b, a, c, acc); // B stored n×k: c[j] = (row j of B)·a
  } else {
    vectorTimesRows(n, k, a, 0, b, c, 0, acc);
  }
}

/**
 * c[i] (=|+=) Σ_p M[i·k + p]·x[p] for i < m, M m×k row-major: the rows of a matrix times a vector.
 * Each dot product keeps two sums, of the even and of the odd terms, added at the end (the lanes
 * of the Wasm gemv, which therefore gives the same bits); four rows at a time, so that eight
 * independent sums keep the FPU busy (1.6–1.7× faster than a row at a time at 8×8 to 30×5).
 */
function rowsTimesVector(m: number, k: number, M: Float64Array, x: Float64Array, c: Float64Array, acc: boolean): void {
  const m4 = m - (m & 3);
  let i = 0;
  for (; i < m4; i += 4) {
    const r0 = i * k, r1 = r0 + k, r2 = r1 + k, r3 = r2 + k;
    let s00 = 0, s01 = 0, s10 = 0, s11 = 0, s20 = 0, s21 = 0, s30 = 0, s31 = 0;
    let p = 0;
    for (; p + 1 < k; p += 2) {
      const x0 = x[p], x1 = x[p + 1];
      s00 += M[r0 + p] * x0;
      s01 += M[r0 + p + 1] * x1;
      s10 += M[r1 + p] * x0;
      s11 += M[r1 + p + 1] * x1;
      s20 += M[r2 + p] * x0;
      s21 += M[r2 + p + 1] * x1;
      s30 += M[r3 + p] * x0;
      s31 += M[r3 + p + 1] * x1;
    }
    if (p < k) {
      const x0 = x[p];
      s00 += M[r0 + p] * x0;
      s10 += M[r1 + p] * x0;
      s20 += M[r2 + p] * x0;
      s30 += M[r3 + p] * x0;
    }
    if (acc) {
      c[i] += s00 + s01;
      c[i + 1] += s10 + s11;
      c[i + 2] += s20 + s21;
      c[i + 3] += s30 + s31;
    } else {
      c[i] = s00 + s01;
      c[i + 1] = s10 + s11;
      c[i + 2] = s20 + s21;
      c[i + 3] = s30 + s31;
    }
  }
  for (; i < m; i++) {
    const r = i * k;
    let s0 = 0, s1 = 0, p = 0;
    for (; p + 1 < k; p += 2) {
      s0 += M[r + p] * x[p];
      s1 += M[r + p + 1] * x[p + 1];
    }
    if (p < k) s0 += M[r + p] * x[p];
    if (acc) c[i] += s0 + s1;
    else c[i] = s0 + s1;
  }
}

/**
 * c[cOff + j] (=|+=) Σ_p x[xOff + p]·M[p·n + j] for j < n, M k×n row-major: a vector times the
 * rows of a matrix (a row of a small product, Aᵀ·x, xᵀ·B). Four entries of c at a time, each adding
 * its terms in order p = 0…k−1 onto 0 (or onto c), so the bits are those of one sum per entry, or
 * of the row-by-row update c += x[p]·(row p); four independent sums keep the FPU busy where one
 * waits on each addition (8×8: 2–3× faster than either).
 */
function vectorTimesRows(n: number, k: number, x: Float64Array, xOff: number, M: Float64Array, c: Float64Array, cOff: number, acc: boolean): void {
  const n4 = n - (n & 3);
  let j = 0;
  for (; j < n4; j += 4) {
    const o = cOff + j;
    let s0 = 0, s1 = 0, s2 = 0, s3 = 0;
    if (acc) {
      s0 = c[o];
      s1 = c[o + 1];
      s2 = c[o + 2];
      s3 = c[o + 3];
    }
    for (let p = 0, q = j; p < k; p++, q += n) {
      const xp = x[xOff + p];
      s0 += xp * M[q];
      s1 += xp * M[q + 1];
      s2 += xp * M[q + 2];
      s3 += xp * M[q + 3];
    }
    c[o] = s0;
    c[o + 1] = s1;
    c[o + 2] = s2;
    c[o + 3] = s3;
  }
  for (; j < n; j++) {
    let s = acc ? c[cOff + j] : 0;
    for (let p = 0, q = j; p < k; p++, q += n) s += x[xOff + p] * M[q];
    c[cOff + j] = s;
  }
}

/** Packed, cache-blocked path: loops jc (NC) → pc (KC) → ic (MC) → jr (NR) → ir (MR). */
function gemmBlocked(
  transA: boolean,
  transB: boolean,
  m: number,
  n: number,
  k: number,
  alpha: number,
  a: Float64Array,
  aOff: number,
  lda: number,
  b: Float64Array,
  bOff: number,
  ldb: number,
  c: Float64Array,
  cOff: number,
  ldc: number,
  acc: boolean,
): void {
  for (let jc = 0; jc < n; jc += NC) {
    const nc = Math.min(NC, n - jc);
    for (let pc = 0; pc < k; pc += KC) {
      const kc = Math.min(KC, k - pc);
      packPanels(!transB, 1, b, bOff, ldb, B_OFF, jc, nc, pc, kc);
      const add = acc || pc > 0;
      for (let ic = 0; ic < m; ic += MC) {
        const mc = Math.min(MC, m - ic);
        packPanels(transA, alpha, a, aOff, lda, A_OFF, ic, mc, pc, kc);
        for (let jr = 0; jr < nc; jr += NR) {
          const nr = nc - jr < NR ? nc - jr : NR;
          const bq = B_OFF + jr * kc;
          for (let ir = 0; ir < mc; ir += MR) {
            const mr = mc - ir < MR ? mc - ir : MR;
            kernel4x4(kc, A_OFF + ir * kc, bq, c, cOff + (ic + ir) * ldc + jc + jr, ldc, add, mr, nr);
          }
        }
      }
    }
  }
}

/**
 * Pack rows i0 … i0+count−1 of an operand x, depths pc … pc+kc−1, into W at `dst` as consecutive
 * panels MR (= NR) wide, times alpha (entry (p, r) of the panel of rows i0+q … at dst + q·kc + p·MR + r),
 * zero-padding the last panel. `across`: one depth's entries of neighbouring rows are adjacent,
 * x(i, p) = src[off + p·ld + i]; otherwise each row runs along the depth, x(i, p) = src[off + i·ld + p].
 * op(A)'s row blocks are packed with across = transA. op(B)'s column blocks are the row blocks of
 * op(B)ᵀ, so they are packed with across = not transB and alpha = 1 (which multiplies exactly).
 */
function packPanels(
  across: boolean,
  alpha: number,
  src: Float64Array,
  off: number,
  ld: number,
  dst: number,
  i0: number,
  count: number,
  pc: number,
  kc: number,
): void {
  const w = W;
  for (let q = 0; q < count; q += MR) {
    const rows = count - q < MR ? count - q : MR;
    const panel = dst + q * kc;
    if (across) {
      let s = off + pc * ld + i0 + q;
      let d = panel;
      if (rows === MR) {
        for (let p = 0; p < kc; p++) {
          w[d] = alpha * src[s];
          w[d + 1] = alpha * src[s + 1];
          w[d + 2] = alpha * src[s + 2];
          w[d + 3] = alpha * src[s + 3];
          s += ld;
          d += MR;
        }
      } else {
        for (let p = 0; p < kc; p++) {
          for (let r = 0; r < MR; r++) w[d + r] = r < rows ? alpha * src[s + r] : 0;
          s += ld;
          d += MR;
        }
      }
    } else {
      // each packed row is a contiguous run of src
      for (let r = 0; r < MR; r++) {
        let d = panel + r;
        if (r < rows) {
          const s = off + (i0 + q + r) * ld + pc;
          for (let p = 0; p < kc; p++) {
            w[d] = alpha * src[s + p];
            d += MR;
          }
        } else {
          for (let p = 0; p < kc; p++) {
            w[d] = 0;
            d += MR;
          }
        }
      }
    }
  }
}

/**
 * 4×4 micro-kernel: tile = Apanel(4×kc) · Bpanel(kc×4), with 16 accumulators in locals.
 * Writes (add ? += : =) the top-left mr×nr part of the tile to c at ci (row stride ldc).
 */
function kernel4x4(
  kc: number,
  ao: number,
  bq: number,
  c: Float64Array,
  ci: number,
  ldc: number,
  add: boolean,
  mr: number,
  nr: number,
): void {
  const w = W;
  let c00 = 0, c01 = 0, c02 = 0, c03 = 0;
  let c10 = 0, c11 = 0, c12 = 0, c13 = 0;
  let c20 = 0, c21 = 0, c22 = 0, c23 = 0;
  let c30 = 0, c31 = 0, c32 = 0, c33 = 0;
  const aend = (ao + kc * MR) | 0;
  for (; ao < aend; ao = (ao + 4) | 0, bq = (bq + 4) | 0) {
    const a0 = w[ao & MASK];
    const a1 = w[((ao + 1) | 0) & MASK];
    const a2 = w[((ao + 2) | 0) & MASK];
    const a3 = w[((ao + 3) | 0) & MASK];
    const b0 = w[bq & MASK];
    const b1 = w[((bq + 1) | 0) & MASK];
    const b2 = w[((bq + 2) | 0) & MASK];
    const b3 = w[((bq + 3) | 0) & MASK];
    c00 += a0 * b0; c01 += a0 * b1; c02 += a0 * b2; c03 += a0 * b3;
    c10 += a1 * b0; c11 += a1 * b1; c12 += a1 * b2; c13 += a1 * b3;
    c20 += a2 * b0; c21 += a2 * b1; c22 += a2 * b2; c23 += a2 * b3;
    c30 += a3 * b0; c31 += a3 * b1; c32 += a3 * b2; c33 += a3 * b3;
  }
  if (mr === MR && nr === NR) {
    let o = ci;
    if (add) {
      c[o] += c00; c[o + 1] += c01; c[o + 2] += c02; c[o + 3] += c03; o += ldc;
      c[o] += c10; c[o + 1] += c11; c[o + 2] += c12; c[o + 3] += c13; o += ldc;
      c[o] += c20; c[o + 1] += c21; c[o + 2] += c22; c[o + 3] += c23; o += ldc;
      c[o] += c30; c[o + 1] += c31; c[o + 2] += c32; c[o + 3] += c33;
    } else {
      c[o] = c00; c[o + 1] = c01; c[o + 2] = c02; c[o + 3] = c03; o += ldc;
      c[o] = c10; c[o + 1] = c11; c[o + 2] = c12; c[o + 3] = c13; o += ldc;
      c[o] = c20; c[o + 1] = c21; c[o + 2] = c22; c[o + 3] = c23; o += ldc;
      c[o] = c30; c[o + 1] = c31; c[o + 2] = c32; c[o + 3] = c33;
    }
    return;
  }
  // Edge tile: write only the valid mr×nr corner.
  const t = EDGE;
  t[0] = c00; t[1] = c01; t[2] = c02; t[3] = c03;
  t[4] = c10; t[5] = c11; t[6] = c12; t[7] = c13;
  t[8] = c20; t[9] = c21; t[10] = c22; t[11] = c23;
  t[12] = c30; t[13] = c31; t[14] = c32; t[15] = c33;
  for (let r = 0; r < mr; r++) {
    const o = ci + r * ldc;
    for (let j = 0; j < nr; j++) {
      if (add) c[o + j] += t[r * NR + j];
      else c[o + j] = t[r * NR + j];
    }
  }
}

const EDGE = new Float64Array(MR * NR);
