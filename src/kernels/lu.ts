/**
 * LU factorization with partial pivoting (P·A = L·U) for dense row-major n×n float64
 * matrices, plus determinant, log-determinant, solve and inverse built on it.
 *
 * The factorization is blocked and right-looking: each NB-column panel is factored with
 * row operations on contiguous rows, then the trailing sub-matrix is updated with one product
 * (A22 -= L21·U12). The matrix being factored lives in Wasm memory when the Wasm GEMM is
 * available (`residentMatrix`), so those products copy nothing; else `gemmStrided` runs them.
 * Triangular solves with many right-hand sides are blocked the same way (row operations on
 * contiguous rows of B plus `gemmStrided`).
 */
import { alloc, allocOutput, copyOf } from "../core/alloc";
import { copyRows } from "./copy";
import { gemmStrided, residentMatrix } from "./gemm";

/**
 * Result of `luFactor`. P·A = L·U where
 *  - `lu` holds L strictly below the diagonal (unit diagonal implied) and U on and above it;
 *  - `piv` is the row permutation: row i of P·A is row `piv[i]` of A;
 *  - `sign` is det(P) = (-1)^(number of row swaps);
 *  - `singular` is true when some pivot is exactly 0 or |pivot| <= n · Number.EPSILON · max|a_ij|
 *    (a numerical-rank test relative to the largest entry of A).
 */
import { SingularMatrixError } from "../errors";

export interface LU {
  readonly n: number;
  readonly lu: Float64Array;
  readonly piv: Int32Array;
  readonly sign: 1 | -1;
  readonly singular: boolean;
}

export { SingularMatrixError };

/** Panel width of the blocked factorization (16 measured best at n = 256 once the trailing update runs on the Wasm GEMM). */
const NB = 16;
/** Row-block height of the blocked triangular solves. */
const NB_SOLVE = 16;
/** Below this order the factorization runs unblocked (one panel). */
const BLOCK_MIN_N = 48;
/** Use gemm-based blocked triangular solves from this many right-hand sides on. */
const BLOCK_MIN_RHS = 8;

/** Factors a (n×n, row-major). Copies a; never mutates it. Never throws for singular input. */
export function luFactor(a: Float64Array, n: number): LU {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`luFactor: invalid order ${n}`);
  if (a.length < n * n) throw new RangeError(`luFactor: expected ${n * n} entries, got ${a.length}`);
  // Blocked: the matrix stays in Wasm memory, so the trailing updates copy nothing in or out.
  const resident = n >= BLOCK_MIN_N ? residentMatrix(n * n) : null;
  // the copy from the library's allocator: a small one is a view into a slab, where a.slice would
  // make an ArrayBuffer of its own (about half of a whole 4×4 factorization)
  const lu = resident === null ? copyOf(a.length === n * n ? a : a.subarray(0, n * n)) : resident.data;
  if (resident !== null) lu.set(a.subarray(0, n * n));
  const piv = new Int32Array(n);
  for (let i = 0; i < n; i++) piv[i] = i;
  let maxAbs = 0;
  for (let i = 0; i < n * n; i++) {
    const v = Math.abs(lu[i]);
    if (v > maxAbs) maxAbs = v;
  }
  const tol = n * Number.EPSILON * maxAbs;
  let swaps = 0;
  let singular = false;
  const nb = n < BLOCK_MIN_N ? n : NB;

  for (let j0 = 0; j0 < n; j0 += nb) {
    const jend = Math.min(j0 + nb, n);
    // --- factor the panel lu[j0:n, j0:jend] (row swaps applied to whole rows) ---
    for (let j = j0; j < jend; j++) {
      let p = j;
      let best = Math.abs(lu[j * n + j]);
      for (let i = j + 1; i < n; i++) {
        const v = Math.abs(lu[i * n + j]);
        if (v > best) {
          best = v;
          p = i;
        }
      }
      if (p !== j) {
        const rj = j * n;
        const rp = p * n;
        for (let c = 0; c < n; c++) {
          const t = lu[rj + c];
          lu[rj + c] = lu[rp + c];
          lu[rp + c] = t;
        }
        const t = piv[j];
        piv[j] = piv[p];
        piv[p] = t;
        swaps++;
      }
      const pv = lu[j * n + j];
      if (!(Math.abs(pv) > tol)) singular = true; // also catches pv === 0 and NaN-free zero matrices
      if (pv === 0) continue; // whole column below is 0: nothing to eliminate
      const rj = j * n;
      // Two rows per pass over the pivot row's panel entries (each entry still gets its one update
      // from column j, so the results are those of the one-row loop, bit for bit).
      let i = j + 1;
      for (; i + 1 < n; i += 2) {
        const ri = i * n, ri1 = ri + n;
        const l0 = lu[ri + j] / pv, l1 = lu[ri1 + j] / pv;
        lu[ri + j] = l0;
        lu[ri1 + j] = l1;
        if (l0 !== 0 && l1 !== 0) {
          for (let c = j + 1; c < jend; c++) {
            const u = lu[rj + c];
            lu[ri + c] -= l0 * u;
            lu[ri1 + c] -= l1 * u;
          }
        } else {
          if (l0 !== 0) for (let c = j + 1; c < jend; c++) lu[ri + c] -= l0 * lu[rj + c];
          if (l1 !== 0) for (let c = j + 1; c < jend; c++) lu[ri1 + c] -= l1 * lu[rj + c];
        }
      }
      if (i < n) {
        const ri = i * n;
        const l = lu[ri + j] / pv;
        lu[ri + j] = l;
        if (l !== 0) for (let c = j + 1; c < jend; c++) lu[ri + c] -= l * lu[rj + c];
      }
    }
    if (jend >= n) break;
    // --- U12 = L11⁻¹ · A12 (rows j0:jend, cols jend:n), row-wise ---
    // Four rows of U12 at a time go into row r: ((x − l₀u₀) − l₁u₁) − … is the order of four
    // separate updates, so the results are bit for bit those of one row at a time. A zero multiplier
    // is skipped (0·∞ would be NaN), as the one-row loop does.
    for (let r = j0 + 1; r < jend; r++) {
      const rr = r * n;
      let q = j0;
      for (; q + 3 < r; q += 4) {
        const l0 = lu[rr + q], l1 = lu[rr + q + 1], l2 = lu[rr + q + 2], l3 = lu[rr + q + 3];
        if (l0 === 0 || l1 === 0 || l2 === 0 || l3 === 0) break;
        const r0 = q * n, r1 = r0 + n, r2 = r1 + n, r3 = r2 + n;
        for (let c = jend; c < n; c++) lu[rr + c] = lu[rr + c] - l0 * lu[r0 + c] - l1 * lu[r1 + c] - l2 * lu[r2 + c] - l3 * lu[r3 + c];
      }
      for (; q < r; q++) {
        const l = lu[rr + q];
        if (l === 0) continue;
        const rq = q * n;
        for (let c = jend; c < n; c++) lu[rr + c] -= l * lu[rq + c];
      }
    }
    // --- A22 -= L21 · U12 ---
    const rest = n - jend;
    if (resident !== null) resident.update(false, false, rest, rest, jend - j0, -1, jend * n + j0, n, j0 * n + jend, n, jend * n + jend, n, true);
    else gemmStrided(false, false, rest, rest, jend - j0, -1, lu, jend * n + j0, n, lu, j0 * n + jend, n, lu, jend * n + jend, n, true);
  }
  const factors = resident === null ? lu : lu.slice();
  resident?.release();
  // `!(x > tol)` also flags NaN pivots as singular; keep that conservative behaviour.
  return { n, lu: factors, piv, sign: swaps % 2 === 0 ? 1 : -1, singular };
}

/** det(A) = sign · ∏ u_ii (the plain product of pivots; exactly 0 when a pivot is exactly 0). */
export function luDet(f: LU): number {
  const { n, lu } = f;
  let d: number = f.sign;
  for (let i = 0; i < n; i++) d *= lu[i * n + i];
  return d === 0 ? 0 : d; // no -0
}

/**
 * sign(det A) and log|det A|, computed as a sum of logs (no overflow/underflow).
 * When the factorization is flagged `singular` this returns { sign: 0, logAbsDet: -Infinity }.
 */
export function luLogAbsDet(f: LU): { sign: number; logAbsDet: number } {
  if (f.singular) return { sign: 0, logAbsDet: -Infinity };
  const { n, lu } = f;
  let sign: number = f.sign;
  let s = 0;
  for (let i = 0; i < n; i++) {
    const u = lu[i * n + i];
    if (u < 0) sign = -sign;
    s += Math.log(Math.abs(u));
  }
  return { sign, logAbsDet: s };
}

function throwSingular(f: LU, op: string): never {
  const { n, lu } = f;
  let idx = 0;
  let best = Infinity;
  for (let i = 0; i < n; i++) {
    const v = Math.abs(lu[i * n + i]);
    if (!(v >= best)) {
      best = v;
      idx = i;
    }
  }
  throw new SingularMatrixError(op, `matrix is singular (${n}×${n}, pivot ${idx} is ${lu[idx * n + idx]})`);
}

/** Solves A·X = B; B is n×nrhs row-major (not mutated). Returns X as a new array. */
export function luSolve(f: LU, b: Float64Array, nrhs: number, op = "solve"): Float64Array {
  if (f.singular) throwSingular(f, op);
  const { n, lu, piv } = f;
  if (!Number.isInteger(nrhs) || nrhs < 0) throw new RangeError(`${op}: invalid column count ${nrhs}`);
  if (b.length < n * nrhs) throw new RangeError(`${op}: expected ${n * nrhs} right-hand-side entries, got ${b.length}`);
  const x = allocOutput(n * nrhs); // every row is written below
  if (n === 0 || nrhs === 0) return x;
  for (let i = 0; i < n; i++) copyRows(b, piv[i] * nrhs, 0, x, i * nrhs, 0, 1, nrhs);
  if (nrhs === 1) {
    solveVector(lu, n, x);
    return x;
  }
  forwardUnitLower(lu, n, x, nrhs, false);
  backwardUpper(lu, n, x, nrhs);
  return x;
}

/** A⁻¹ (new n×n array) = U⁻¹·L⁻¹·P, with L⁻¹ formed exploiting its triangular structure. */
export function luInverse(f: LU, op = "inv"): Float64Array {
  if (f.singular) throwSingular(f, op);
  const { n, lu, piv } = f;
  const x = alloc(n * n);
  for (let i = 0; i < n; i++) x[i * n + i] = 1;
  forwardUnitLower(lu, n, x, n, true); // x = L⁻¹
  backwardUpper(lu, n, x, n); // x = U⁻¹·L⁻¹
  // A⁻¹ = x·P: column k of x goes to column piv[k].
  const out = allocOutput(n * n); // piv is a permutation: every entry is written
  for (let i = 0; i < n; i++) {
    const r = i * n;
    for (let k = 0; k < n; k++) out[r + piv[k]] = x[r + k];
  }
  return out;
}

/** One right-hand side: forward then back substitution with dot products along rows of lu. */
function solveVector(lu: Float64Array, n: number, x: Float64Array): void {
  for (let i = 1; i < n; i++) {
    const r = i * n;
    let s = x[i];
    for (let q = 0; q < i; q++) s -= lu[r + q] * x[q];
    x[i] = s;
  }
  for (let i = n - 1; i >= 0; i--) {
    const r = i * n;
    let s = x[i];
    for (let q = i + 1; q < n; q++) s -= lu[r + q] * x[q];
    x[i] = s / lu[r + i];
  }
}

/**
 * x ← L⁻¹·x for unit-lower L (from lu), x n×nrhs. When `identityRhs`, x starts as the
 * identity (nrhs = n) and row i of the result is known to vanish beyond column i.
 */
function forwardUnitLower(lu: Float64Array, n: number, x: Float64Array, nrhs: number, identityRhs: boolean): void {
  const nb = nrhs < BLOCK_MIN_RHS || n < BLOCK_MIN_N ? n : NB_SOLVE;
  for (let i0 = 0; i0 < n; i0 += nb) {
    const i1 = Math.min(i0 + nb, n);
    if (i0 > 0) {
      // X[i0:i1, :] -= L[i0:i1, 0:i0] · X[0:i0, :]   (only the first i0 columns when identityRhs)
      const cols = identityRhs ? i0 : nrhs;
      gemmStrided(false, false, i1 - i0, cols, i0, -1, lu, i0 * n, n, x, 0, nrhs, x, i0 * nrhs, nrhs, true);
    }
    for (let i = i0 + 1; i < i1; i++) {
      const ri = i * nrhs;
      const li = i * n;
      for (let q = i0; q < i; q++) {
        const l = lu[li + q];
        if (l === 0) continue;
        const rq = q * nrhs;
        const end = identityRhs ? q + 1 : nrhs;
        for (let c = 0; c < end; c++) x[ri + c] -= l * x[rq + c];
      }
    }
  }
}

/** x ← U⁻¹·x for upper U (from lu), x n×nrhs. */
function backwardUpper(lu: Float64Array, n: number, x: Float64Array, nrhs: number): void {
  const nb = nrhs < BLOCK_MIN_RHS || n < BLOCK_MIN_N ? n : NB_SOLVE;
  for (let i1 = n; i1 > 0; i1 -= nb) {
    const i0 = Math.max(0, i1 - nb);
    if (i1 < n) {
      // X[i0:i1, :] -= U[i0:i1, i1:n] · X[i1:n, :]
      gemmStrided(false, false, i1 - i0, nrhs, n - i1, -1, lu, i0 * n + i1, n, x, i1 * nrhs, nrhs, x, i0 * nrhs, nrhs, true);
    }
    for (let i = i1 - 1; i >= i0; i--) {
      const ri = i * nrhs;
      const li = i * n;
      for (let q = i + 1; q < i1; q++) {
        const u = lu[li + q];
        if (u === 0) continue;
        const rq = q * nrhs;
        for (let c = 0; c < nrhs; c++) x[ri + c] -= u * x[rq + c];
      }
      const d = lu[li + i];
      for (let c = 0; c < nrhs; c++) x[ri + c] /= d;
    }
  }
}
