/**
 * Structured 0/1 constants of the Kronecker forms of the structural operations (row-major vec_r):
 *
 *  - selections: S ∈ R^{p×m} with S[i, o + i·s] = 1 picks p of m entries, from o with stride s.
 *    vec_r(X[r0:r0+p, c0:c0+q]) = (S ⊗ T)·vec_r(X) (S, T selections of rows and columns); the
 *    transposed selection Sᵀ (m×p) embeds (pad, vstack/hstack, assemble); diagPart(X) of an m×n X
 *    is the selection of every (n+1)-th entry, diag(v) its transpose. A selection prints as the rows
 *    of the identity it is, in the slice notation of `print` (Python ranges, 0-based, end exclusive):
 *    `I[1:3, :]` (rows 1, 2 of I), `I[2, :]` (row 2, i.e. e₂ᵀ), `I[::4, :]` (every 4th row, the
 *    diagPart selection of a 3×3), and its transpose `I[:, 1:3]` (columns of I);
 *  - the perfect shuffle P = I_m ⊗ K_{n,p} ⊗ I_q (mnpq square) reordering (i, j, k, l) to
 *    (i, k, j, l): vec_r(A ⊗ B) = P·(vec_r A ⊗ vec_r B) for A ∈ R^{m×n}, B ∈ R^{p×q}, so
 *    vec_r(dA ⊗ B) = P(I ⊗ vec B)·vec_r(dA). It prints `I ⊗ K ⊗ I` (K is the commutation matrix).
 *
 * They keep no entries until asked (evaluation), and are never folded into numeric constants, so
 * the derivatives print with their structure.
 */
import { commNode, identityNode, structConst, zeroNode, type ConstNode, type Expr } from "./expr";

export type StructSpec =
  /** p×m (t: m×p, the transpose) with S[i, o + i·s] = 1 for i < p. */
  | { readonly kind: "select"; readonly o: number; readonly p: number; readonly s: number; readonly m: number; readonly t: boolean }
  /** I_m ⊗ K_{n,p} ⊗ I_q: entry (i, j, k, l) of the input goes to (i, k, j, l). */
  | { readonly kind: "shuffle"; readonly m: number; readonly n: number; readonly p: number; readonly q: number };

/** The selection of p of m entries from o with stride s (its transpose for t); I and 0 when trivial. */
export function selectNode(o: number, p: number, s: number, m: number, t = false): Expr {
  if (p === 0 || m === 0) return t ? zeroNode(m, p) : zeroNode(p, m);
  if (p === m) return identityNode(m); // all m entries, in order
  const spec: StructSpec = { kind: "select", o, p, s: p === 1 ? 1 : s, m, t };
  const [rows, cols] = t ? [m, p] : [p, m];
  return structConst(spec, rows, cols, () => {
    const d = new Float64Array(rows * cols);
    for (let i = 0; i < p; i++) {
      const k = o + i * spec.s;
      d[t ? k * p + i : i * m + k] = 1;
    }
    return d;
  });
}

/** I_m ⊗ K_{n,p} ⊗ I_q (I, or K alone, when those are what it is). */
export function shuffleNode(m: number, n: number, p: number, q: number): Expr {
  const N = m * n * p * q;
  if (n === 1 || p === 1) return identityNode(N);
  if (m === 1 && q === 1) return commNode(n, p);
  const spec: StructSpec = { kind: "shuffle", m, n, p, q };
  return structConst(spec, N, N, () => {
    const d = new Float64Array(N * N);
    for (let i = 0; i < m; i++)
      for (let j = 0; j < n; j++)
        for (let k = 0; k < p; k++)
          for (let l = 0; l < q; l++) d[(((i * p + k) * n + j) * q + l) * N + ((i * n + j) * p + k) * q + l] = 1;
    return d;
  });
}

/** The transpose of a structured constant. */
export function transposeStruct(spec: StructSpec): Expr {
  if (spec.kind === "select") return selectNode(spec.o, spec.p, spec.s, spec.m, !spec.t);
  return shuffleNode(spec.m, spec.p, spec.n, spec.q); // (I ⊗ K_{n,p} ⊗ I)ᵀ = I ⊗ K_{p,n} ⊗ I
}

/** A selection spec of a node, else null. */
export function selectionOf(e: Expr): (StructSpec & { kind: "select" }) | null {
  return e.kind === "const" && e.tag === "struct" && e.spec?.kind === "select" ? e.spec : null;
}

/**
 * Products of structured constants that are structured again: S₁S₂ (a selection of a selection),
 * S₁ᵀS₂ᵀ, SSᵀ = I, and P·Pᵀ = I for the shuffle; null otherwise.
 */
export function composeStruct(a: ConstNode, b: ConstNode): Expr | null {
  const x = a.spec!, y = b.spec!;
  if (x.kind === "select" && y.kind === "select") {
    if (!x.t && !y.t && x.m === y.p) return selectNode(y.o + x.o * y.s, x.p, x.s * y.s, y.m);
    if (x.t && y.t && x.p === y.m) return selectNode(x.o + y.o * x.s, y.p, y.s * x.s, x.m, true);
    if (!x.t && y.t && x.o === y.o && x.p === y.p && x.s === y.s && x.m === y.m) return identityNode(x.p);
    return null;
  }
  if (x.kind === "shuffle" && y.kind === "shuffle" && x.m === y.m && x.q === y.q && x.n === y.p && x.p === y.n) return identityNode(a.rows);
  return null;
}

/** Python-style range text of o, o + s, …, (p of them) within 0..m. */
function rangeText(o: number, p: number, s: number, m: number): string {
  if (p === 1) return String(o);
  if (s === 1) return o === 0 && p === m ? ":" : `${o}:${o + p}`;
  const last = o + (p - 1) * s;
  const stop = last + s >= m ? "" : String(last + 1);
  return `${o === 0 ? "" : o}:${stop}:${s}`;
}

/**
 * How a structured constant prints, given the style's identity, commutation and Kronecker marks;
 * `kron` says whether the text is a Kronecker product (it binds like ⊗).
 */
export function structText(spec: StructSpec, I: string, K: string, kronMark: string): { s: string; kron: boolean } {
  if (spec.kind === "select") {
    const r = rangeText(spec.o, spec.p, spec.s, spec.m);
    return { s: spec.t ? `${I}[:, ${r}]` : `${I}[${r}, :]`, kron: false };
  }
  const parts = [spec.m > 1 ? I : null, K, spec.q > 1 ? I : null].filter((x): x is string => x !== null);
  return { s: parts.join(kronMark), kron: parts.length > 1 };
}
