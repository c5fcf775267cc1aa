/**
 * Linear algebra: products (transpose is in ./transpose.ts), and the LU-based det / log|det| / inverse / solve.
 * Derivative identities used here (numerator layout, seeds 000/001/003):
 *   d(AB) = dA·B + A·dB;   d(X⁻¹) = −X⁻¹ dX X⁻¹;   d det X = det X · tr(X⁻¹dX);   d log|det X| = tr(X⁻¹dX).
 */
import { alloc, allocOutput, scalarData } from "../core/alloc";
import type { Known } from "../../types/dim";
import type { CheckInner, CheckOut, CheckSquare, CheckDimEq, Fmt } from "../../types/shape";
import { ShapeError, ValueError, fmtShape } from "../errors";
import { Matrix, type Scalar, type Vector } from "../matrix";
import { bind, kernelRan, liveBox, primitive, toPlain, type AnyMatrix, type Primitive } from "../core/primitive";
import { fromSideBySide, toSideBySide, transposeMembers } from "../core/batching";
import { gemm, gemmTiny } from "../kernels/gemm";
import { luFactor, luDet, luInverse, luLogAbsDet, luSolve } from "../kernels/lu";
import { add, mul, neg, scale } from "./elementwise";
import { sum } from "./reduce";
import { transpose } from "./transpose";
import type { Mul } from "../../types/arith";

// ---------------------------------------------------------------- matmul

/** C = op(A)·op(B), where op transposes when the flag is set (so backprop never copies a transpose). */
interface GemmFlags {
  readonly ta: boolean;
  readonly tb: boolean;
}
const NN: GemmFlags = { ta: false, tb: false };

const matmulP: Primitive<GemmFlags> = primitive<GemmFlags>({
  name: "matmul",
  writesOut: true,
  shape([a, b], { ta, tb }) {
    const m = ta ? a.cols : a.rows, k = ta ? a.rows : a.cols;
    const k2 = tb ? b.cols : b.rows, n = tb ? b.rows : b.cols;
    if (k !== k2) {
      const sa = fmtShape(m, k) + (ta ? " (transposed)" : "");
      const sb = fmtShape(k2, n) + (tb ? " (transposed)" : "");
      throw new ShapeError("matmul", `inner dimensions differ (${sa} · ${sb})`);
    }
    return [m, n];
  },
  impl([a, b], { ta, tb }, m, n, dest) {
    const k = ta ? a.rows : a.cols;
    const out = k === 0 ? (dest ?? alloc(m * n)).fill(0) : (dest ?? allocOutput(m * n));
    gemm(ta, tb, m, n, k, a.data, b.data, out);
    return out;
  },
  // One product for all members. Batched A: [A₁; …; A_K]·op(B) is the stacked A read as (K·m)×k.
  // Batched vectors b: the k-th row of [b₁ … b_K]ᵀ·op(A)ᵀ is (op(A)·b_k)ᵀ. Batched matrices B:
  // op(A)·[B₁ … B_K], with the members laid side by side and back. Transposed members are
  // transposed first.
  batch([a, b], { ta, tb }, size, m, n) {
    if (a.batched === b.batched) return null;
    const k = ta ? a.rows : a.cols;
    const out = alloc(size * m * n);
    if (a.batched) {
      gemm(false, tb, size * m, n, k, ta ? transposeMembers(a.data, a.rows, a.cols, size) : a.data, b.data, out);
      return out;
    }
    if (n === 1 && b.basis !== undefined && allFinite(a.data)) {
      // op(A)·(s·e_j) is s times column j of op(A): no product needed for a Jacobian's seeds (with
      // A finite, the other terms are zeros; 0 + … as the kernels write it)
      const A = a.data, scale = b.scale;
      for (let j = 0; j < size; j++) {
        const col = b.basis + j, s = scale === undefined ? 1 : scale[j], o = j * m;
        if (ta) for (let i = 0, r = col * m; i < m; i++) out[o + i] = 0 + A[r + i] * s;
        else for (let i = 0, r = col; i < m; i++, r += k) out[o + i] = 0 + A[r] * s;
      }
      return out;
    }
    if (n === 1) {
      gemm(false, !ta, size, m, k, b.data, a.data, out); // each member b_k (k×1 or 1×k) is a row of b.data
      return out;
    }
    gemm(ta, false, m, size * n, k, a.data, toSideBySide(tb ? transposeMembers(b.data, b.rows, b.cols, size) : b.data, k, n, size), out);
    return fromSideBySide(out, m, n, size);
  },
  jvp([a, b], [da, db], _o, f) {
    const x = da === null ? null : bind(matmulP, [da, b], f);
    const y = db === null ? null : bind(matmulP, [a, db], f);
    return x === null ? y : y === null ? x : add(x, y);
  },
  // With C = op(A)op(B) and cotangent G: d op(A) = G·op(B)ᵀ, d op(B) = op(A)ᵀ·G; transpose back when op did.
  vjp([a, b], _o, g, { ta, tb }, [na, nb]) {
    const ga = !na ? null : ta ? bind(matmulP, [b, g], { ta: tb, tb: true }) : bind(matmulP, [g, b], { ta: false, tb: !tb });
    const gb = !nb ? null : tb ? bind(matmulP, [g, a], { ta: true, tb: ta }) : bind(matmulP, [a, g], { ta: !ta, tb: false });
    return [ga, gb];
  },
});

function allFinite(x: Float64Array): boolean {
  for (let i = 0; i < x.length; i++) if (!Number.isFinite(x[i])) return false;
  return true;
}

/** `matmul` runs the kernel directly when every dimension is at most this (gemm's tiny path). */
const TINY = 8;

/**
 * The matrix product A·B (inner dimensions must agree).
 * @example
 * ```ts
 * const A = mat([[1, 2, 3], [4, 5, 6]]);
 * const y = matmul(A, vec([1, 0, -1]));     // Matrix<2, 1>
 * const G = matmul(A, A.T);                 // Matrix<2, 2>
 * ```
 */
export function matmul<R extends number, K extends number, C extends number>(a: Matrix<R, K>, b: Matrix<Known<K>, C>): Matrix<R, C>;
/** @internal Reached only when the inner dimensions differ: the parameter type carries the message. */
export function matmul<R extends number, K extends number, K2 extends number, C extends number>(
  a: Matrix<R, K>,
  b: Matrix<K2, C> & CheckInner<"matmul", R, K, K2, C>,
): Matrix<R, C>;
export function matmul(a: AnyMatrix, b: AnyMatrix): AnyMatrix {
  const m = a.rows, k = a.cols, n = b.cols;
  // Tiny plain products (the 4×4 transforms of graphics code) skip bind's generic dispatch and the
  // primitive's impl, which together cost as much as the product: the shape rule is `k === b.rows`,
  // checked here (a mismatch goes to bind, whose shape rule reports it), and the kernel is impl's
  // (gemmTiny: gemm's result without gemm's dispatch).
  if (a._box === null && b._box === null && k === b.rows && m <= TINY && n <= TINY && k <= TINY) {
    const out = allocOutput(m * n);
    gemmTiny(m, n, k, a.data, b.data, out);
    kernelRan(matmulP.name, m, n);
    return new Matrix(m, n, out, null);
  }
  return bind(matmulP, [a, b], NN);
}

/**
 * A·B written into `out` (which must be A.rows × B.cols), for hot loops that reuse one result
 * matrix instead of allocating a new one per product (like gl-matrix's `multiply(out, a, b)` or
 * numpy's `out=`). Returns `out`, whose previous entries are overwritten; every other operation
 * leaves its inputs alone. `out` may be `a` or `b` (the product then goes through a temporary).
 * Not for differentiated or jitted code: writing into a matrix cannot be traced, so there it throws;
 * use `matmul`.
 * @example
 * ```ts
 * const T = mat([[0, -1], [1, 0]]);          // a quarter turn
 * const pose = eye(2);
 * for (let i = 0; i < 4; i++) matmulInto(pose, T, pose);   // pose ← T·pose, no allocation
 * const same = matmulInto(zeros(2, 3), T, ones(2, 3));     // Matrix<2, 3>
 * ```
 */
export function matmulInto<R extends number, K extends number, C extends number>(out: Matrix<Known<R>, Known<C>>, a: Matrix<R, K>, b: Matrix<Known<K>, C>): Matrix<R, C>;
/** @internal Reached only when a shape is wrong: the offending parameter's type carries the message. */
export function matmulInto<R extends number, K extends number, C extends number, K2 extends number, R3 extends number, C3 extends number>(
  out: Matrix<R3, C3> & CheckOut<"matmulInto", R, C, R3, C3>,
  a: Matrix<R, K>,
  b: Matrix<K2, C> & CheckInner<"matmulInto", R, K, K2, C>,
): Matrix<R, C>;
export function matmulInto(out: AnyMatrix, a: AnyMatrix, b: AnyMatrix): AnyMatrix {
  const m = a.rows, k = a.cols, n = b.cols;
  const c = out.data;
  // tiny plain products skip the checks below, as `matmul`'s tiny path does
  if (a._box === null && b._box === null && out._box === null && k === b.rows && out.rows === m && out.cols === n &&
      m <= TINY && n <= TINY && k <= TINY) {
    const aliased = c === a.data || c === b.data; // the kernel must not read what it writes
    const dest = aliased ? allocOutput(m * n) : c;
    gemmTiny(m, n, k, a.data, b.data, dest);
    if (aliased) c.set(dest);
    kernelRan(matmulP.name, m, n);
    return out;
  }
  for (const x of [out, a, b]) {
    if (liveBox(x) !== null) {
      throw new ValueError("matmulInto", "cannot write into a matrix inside gradient, jacobian or jit (writes are not traced): use matmul there");
    }
  }
  if (k !== b.rows) throw new ShapeError("matmulInto", `inner dimensions differ (${fmtShape(m, k)} · ${fmtShape(b.rows, n)})`);
  if (out.rows !== m || out.cols !== n) {
    throw new ShapeError("matmulInto", `out is ${fmtShape(out.rows, out.cols)}, but the result is ${fmtShape(m, n)} (${fmtShape(m, k)} · ${fmtShape(k, n)})`);
  }
  const pa = toPlain(a), pb = toPlain(b), dest = toPlain(out).data;
  const aliased = dest === pa.data || dest === pb.data; // then into fresh storage, and copied
  const result = matmulP.impl([pa, pb], NN, m, n, aliased ? undefined : dest);
  if (aliased) dest.set(result);
  kernelRan(matmulP.name, m, n);
  return out;
}

/** Internal: op(A)·op(B) without materializing a transpose. */
export function matmulT(a: AnyMatrix, b: AnyMatrix, ta: boolean, tb: boolean): AnyMatrix {
  return bind(matmulP, [a, b], { ta, tb });
}

/**
 * The outer product a·bᵀ of two column vectors (M×1, N×1) → M×N.
 * @example
 * ```ts
 * const P = outer(vec([1, 2]), vec([3, 4, 5]));   // Matrix<2, 3>
 * ```
 */
export function outer<M extends number, N extends number>(a: Vector<M>, b: Vector<N>): Matrix<M, N> {
  for (const v of [a, b] as AnyMatrix[]) {
    if (v.cols !== 1) throw new ShapeError("outer", `expected two column vectors, got ${fmtShape(a.rows, a.cols)} and ${fmtShape(b.rows, b.cols)}`);
  }
  return bind(matmulP, [a, b], { ta: false, tb: true }) as Matrix<M, N>;
}

// ---------------------------------------------------------------- LU-based

function checkSquare(op: string, a: AnyMatrix): void {
  if (a.rows !== a.cols) throw new ShapeError(op, `matrix must be square (got ${fmtShape(a.rows, a.cols)})`);
}

const detP: Primitive = primitive({
  name: "det",
  shape([a]) {
    checkSquare("det", a);
    return [1, 1];
  },
  impl([a]) {
    if (a.rows === 0) return scalarData(1);
    const f = luFactor(a.data, a.rows);
    return scalarData(f.singular ? 0 : luDet(f)); // numerically singular (see luFactor) → exactly 0
  },
  // d det X = tr(adj(X) dX); for invertible X, adj(X) = det X · X⁻¹ (seed 001: ∂det X/∂X = det X · X⁻ᵀ)
  jvp: ([a], [t], out) => (t === null ? null : isSingular(a) ? traceOfProduct(adjugate(a), t) : mul(out, traceOfProduct(inv(a), t))),
  vjp: ([a], out, g) => [isSingular(a) ? scale(transpose(adjugate(a)), g) : scale(transpose(inv(a)), mul(g, out))],
});

function plainOf(a: AnyMatrix): AnyMatrix {
  while (a._box !== null) a = a._box.primal;
  return a;
}

function isSingular(a: AnyMatrix): boolean {
  const d = plainOf(a).data;
  return a.rows > 0 && d.length === a.rows * a.cols && luFactor(d, a.rows).singular; // (a symbolic X has no entries: not singular)
}

/**
 * adj(X), the transposed cofactor matrix, from the n² minors (O(n⁵)): the derivative of det at a
 * singular X, where det X · X⁻¹ is undefined but adj(X) ≠ 0 when rank X = n − 1. Returned as a
 * constant, so second derivatives at a singular point are not available.
 */
function adjugate(a: AnyMatrix): AnyMatrix {
  const n = a.rows, x = plainOf(a).data, out = alloc(n * n);
  if (n === 1) out[0] = 1;
  const minor = alloc((n - 1) * (n - 1));
  for (let i = 0; i < n && n > 1; i++)
    for (let j = 0; j < n; j++) {
      let k = 0;
      for (let r = 0; r < n; r++) {
        if (r === i) continue;
        for (let c = 0; c < n; c++) if (c !== j) minor[k++] = x[r * n + c];
      }
      const f = luFactor(minor, n - 1);
      const cofactor = ((i + j) % 2 === 0 ? 1 : -1) * luDet(f);
      out[j * n + i] = cofactor === 0 ? 0 : cofactor; // adj = Cᵀ (and no −0)
    }
  return new Matrix(n, n, out, null);
}

/** tr(A·B) = Σᵢⱼ Aᵢⱼ Bⱼᵢ as a 1×1. */
function traceOfProduct(a: AnyMatrix, b: AnyMatrix): AnyMatrix {
  return sum(mul(a, transpose(b)));
}

/**
 * The determinant (by LU with partial pivoting). A numerically singular matrix (a pivot ≤ n·ε·max|aᵢⱼ|) gives exactly 0.
 * @example
 * ```ts
 * const d = det(mat([[1, 2], [3, 4]]));     // Scalar: -2
 * const g = grad((X: Matrix<2, 2>) => det(X))(eye(2));   // Tensor<[1], [2, 2]>: det X · X⁻ᵀ
 * ```
 */
export function det<R extends number, C extends number>(a: Matrix<R, C> & CheckSquare<"det", R, C>): Scalar {
  return bind(detP, [a], undefined) as Scalar;
}

const logAbsDetP: Primitive = primitive({
  name: "logAbsDet",
  shape([a]) {
    checkSquare("logAbsDet", a);
    return [1, 1];
  },
  impl: ([a]) => scalarData(a.rows === 0 ? 0 : luLogAbsDet(luFactor(a.data, a.rows)).logAbsDet),
  jvp: ([a], [t]) => (t === null ? null : traceOfProduct(inv(a), t)),
  // ∂ log|det X|/∂X = X⁻ᵀ
  vjp: ([a], _o, g) => [scale(transpose(inv(a)), g)],
});

/**
 * log|det X|, computed from the LU factors without overflow (−Infinity for a singular X).
 * @example
 * ```ts
 * const l = logAbsDet(mat([[2, 0], [0, 3]]));   // Scalar: log 6
 * ```
 */
export function logAbsDet<R extends number, C extends number>(a: Matrix<R, C> & CheckSquare<"logAbsDet", R, C>): Scalar {
  return bind(logAbsDetP, [a], undefined) as Scalar;
}

/**
 * The sign of det X (−1, 0 or 1), not differentiable.
 * @example
 * ```ts
 * const s = signDet(mat([[0, 1], [1, 0]]));     // -1, a plain number
 * ```
 */
export function signDet<R extends number, C extends number>(a: Matrix<R, C> & CheckSquare<"signDet", R, C>): number {
  checkSquare("signDet", a);
  let plain: AnyMatrix = a;
  while (plain._box !== null) plain = plain._box.primal;
  return a.rows === 0 ? 1 : luLogAbsDet(luFactor(plain.data, plain.rows)).sign;
}

const invP: Primitive = primitive({
  name: "inv",
  shape([a]) {
    checkSquare("inv", a);
    return [a.rows, a.rows];
  },
  impl: ([a]) => luInverse(luFactor(a.data, a.rows), "inv"),
  jvp: (_, [t], y) => (t === null ? null : neg(matmul(matmul(y, t), y))),
  // X̄ = −X⁻ᵀ Ȳ X⁻ᵀ
  vjp: (_p, y, g) => [neg(matmulT(matmulT(y, g, true, false), y, false, true))],
});

/**
 * X⁻¹ by LU with partial pivoting; throws `SingularMatrixError` for a singular X.
 * @example
 * ```ts
 * const Ai = inv(mat([[2, 0], [0, 4]]));        // Matrix<2, 2>: [[0.5, 0], [0, 0.25]]
 * ```
 */
export function inv<R extends number, C extends number>(a: Matrix<R, C> & CheckSquare<"inv", R, C>): Matrix<R, R> {
  return bind(invP, [a], undefined) as Matrix<R, R>;
}

const solveP: Primitive = primitive({
  name: "solve",
  shape([a, b]) {
    checkSquare("solve", a);
    if (b.rows !== a.rows) throw new ShapeError("solve", `A is ${fmtShape(a.rows, a.cols)} but b has ${b.rows} rows (${fmtShape(b.rows, b.cols)})`);
    return [b.rows, b.cols];
  },
  impl: ([a, b]) => luSolve(luFactor(a.data, a.rows), b.data, b.cols, "solve"),
  // A shared A: one LU, and A·[X₁ … X_K] = [B₁ … B_K] solves every member's B side by side (a
  // singular A throws as impl does). A batched A: member by member.
  batch: ([a, b], _p, size, n, m) =>
    a.batched ? null : fromSideBySide(luSolve(luFactor(a.data, n), toSideBySide(b.data, n, m, size), size * m, "solve"), n, m, size),
  // X = A⁻¹B: dX = A⁻¹(dB − dA·X)
  jvp([a], [ta, tb], x) {
    const rhs = ta === null ? tb : tb === null ? neg(matmul(ta, x)) : add(tb, neg(matmul(ta, x)));
    return rhs === null ? null : solve(a, rhs);
  },
  // B̄ = A⁻ᵀX̄,  Ā = −B̄Xᵀ
  vjp([a], x, g, _p, [na]) {
    const gb = solve(transpose(a), g);
    return [na ? neg(matmulT(gb, x, false, true)) : null, gb];
  },
});

/**
 * Solves A·X = B for X (B may have several columns), by LU with partial pivoting.
 * @example
 * ```ts
 * const A = mat([[3, 1], [1, 2]]);
 * const x = solve(A, vec([9, 8]));              // Matrix<2, 1>: [2, 3]
 * const X = solve(A, eye(2));                   // Matrix<2, 2>: A⁻¹
 * ```
 */
export function solve<N extends number, N2 extends number, N3 extends number, K extends number>(
  a: Matrix<N, N2> & CheckSquare<"solve", N, N2>,
  b: Matrix<N3, K> & CheckDimEq<`solve: A is ${Fmt<N, N2>} but b is ${Fmt<N3, K>}`, N, N3>,
): Matrix<N, K> {
  return bind(solveP, [a, b], undefined) as Matrix<N, K>;
}

// ---------------------------------------------------------------- kron

/** (A ⊗ B)[(i,k),(j,l)] = A_ij · B_kl with A m×n, B p×q. */
const kronP: Primitive = primitive({
  name: "kron",
  shape: ([a, b]) => [a.rows * b.rows, a.cols * b.cols],
  impl([a, b], _p, r, c) {
    const m = a.rows, n = a.cols, p = b.rows, q = b.cols, x = a.data, y = b.data, out = alloc(r * c);
    for (let i = 0; i < m; i++)
      for (let j = 0; j < n; j++) {
        const s = x[i * n + j];
        for (let k = 0; k < p; k++) {
          const o = (i * p + k) * c + j * q;
          for (let l = 0; l < q; l++) out[o + l] = s * y[k * q + l];
        }
      }
    return out;
  },
  jvp([a, b], [ta, tb]) {
    const x = ta === null ? null : kron(ta, b);
    const y = tb === null ? null : kron(a, tb);
    return x === null ? y : y === null ? x : add(x, y);
  },
  vjp: ([a, b], _o, g, _p, [na, nb]) => [na ? kronContract(g, b, "left") : null, nb ? kronContract(g, a, "right") : null],
});

/**
 * The adjoints of kron, contracting a (mp)×(nq) G with one factor:
 * left:  Ā_ij = Σ_kl G[(i,k),(j,l)] B_kl (G against B, shape of A);
 * right: B̄_kl = Σ_ij G[(i,k),(j,l)] A_ij (G against A, shape of B).
 * Both are bilinear, so their own derivatives are kron and kronContract again.
 */
const kronContractP: Primitive<"left" | "right"> = primitive<"left" | "right">({
  name: "kronContract",
  shape([g, f], side) {
    void side;
    if (g.rows % Math.max(f.rows, 1) !== 0 || g.cols % Math.max(f.cols, 1) !== 0) {
      throw new ShapeError("kronContract", `${fmtShape(g.rows, g.cols)} is not a multiple of ${fmtShape(f.rows, f.cols)}`);
    }
    return [g.rows / f.rows, g.cols / f.cols];
  },
  impl([g, f], side, r, c) {
    const out = alloc(r * c);
    const G = g.data, F = f.data, gc = g.cols;
    // left: out=A-shaped (m×n), F=B (p×q).  right: out=B-shaped (p×q), F=A (m×n).
    const [m, n, p, q] = side === "left" ? [r, c, f.rows, f.cols] : [f.rows, f.cols, r, c];
    for (let i = 0; i < m; i++)
      for (let j = 0; j < n; j++)
        for (let k = 0; k < p; k++) {
          const o = (i * p + k) * gc + j * q;
          if (side === "left") {
            let s = 0;
            for (let l = 0; l < q; l++) s += G[o + l] * F[k * q + l];
            out[i * n + j] += s;
          } else {
            const a = F[i * n + j];
            for (let l = 0; l < q; l++) out[k * q + l] += G[o + l] * a;
          }
        }
    return out;
  },
  jvp([g, f], [tg, tf], _o, side) {
    const x = tg === null ? null : kronContract(tg, f, side);
    const y = tf === null ? null : kronContract(g, tf, side);
    return x === null ? y : y === null ? x : add(x, y);
  },
  vjp([g, f], _o, h, side, [ng, nf]) {
    const gg = !ng ? null : side === "left" ? kron(h, f) : kron(f, h);
    return [gg, nf ? kronContract(g, h, side === "left" ? "right" : "left") : null];
  },
});

function kronContract(g: AnyMatrix, f: AnyMatrix, side: "left" | "right"): AnyMatrix {
  return bind(kronContractP, [g, f], side);
}

/**
 * The Kronecker product A ⊗ B: (m·p)×(n·q), block (i, j) is A_ij·B.
 * @example
 * ```ts
 * const K = kron(eye(2), mat([[1, 2, 3]]));     // Matrix<2, 6>
 * ```
 */
export function kron<M extends number, N extends number, P extends number, Q extends number>(
  a: Matrix<M, N>,
  b: Matrix<P, Q>,
): Matrix<Mul<M, P>, Mul<N, Q>> {
  return bind(kronP, [a, b], undefined) as Matrix<Mul<M, P>, Mul<N, Q>>;
}
