/**
 * Derivatives with respect to matrices (seeds 000, 001, 002; numerator layout): df/dA for f = Ax is
 * an M×(M×N) tensor with xᵀ on the "diagonal" blocks; dK/dR for K = RᵀR is an (N×N)×(M×N) tensor,
 * built here entry by entry from the notes' case analysis and compared with the library's.
 *
 * Run: npx tsx examples/matrix-derivatives.ts
 */
import { fromData, jacobian, mat, vec, type Matrix, type Tensor } from "../src/index";
import { Report, columns, delta, fmtDiff, grid, isMain, maxAbsDiff, tensorFrom, type Check, type Log } from "./_report";

export function run(log: Log = console.log): Check[] {
  const r = new Report(log);
  r.title(
    "Derivatives with respect to matrices (seeds 000–002; numerator layout)",
    "The derivative of an output with dims T w.r.t. an input with dims I has shape [...T, ...I]:",
    "f ∈ R^M w.r.t. A ∈ R^{M×N} is M×(M×N); K ∈ R^{N×N} w.r.t. R ∈ R^{M×N} is (N×N)×(M×N).",
  );

  // ------------------------------------------------------------ S000-8 / S001-22 / S002-25
  r.section("S000-8 / S001-22 / S002-25: f = Ax, A ∈ R^{M×N}, x ∈ R^N (M = 3, N = 4): df/dA ∈ R^{M×(M×N)}");
  {
    const A = mat([[1, -1, 0, 2], [0, 3, 1, -2], [2, 0, -1, 1]]);
    const x = vec([1, 2, 3, 4]);
    const dfdA: Tensor<[3], [3, 4]> = jacobian((A: Matrix<3, 4>) => A.matmul(x))(A);
    const closed = tensorFrom([3], [3, 4], (i, k, q) => delta(i, k) * x.get(q)); // (df/dA)[i, k, q] = δ_ik x_q
    r.note(
      "f_i = Σ_j A_ij x_j, so ∂f_i/∂A_iq = x_q and ∂f_i/∂A_kq = 0 for k ≠ i.",
      `Picture of df/dA : ${dfdA.outDims.join("×")}×(${dfdA.inDims.join("×")}) as its 3×12 matrix toMatrix(), one row per f_i,`,
      "one block of N = 4 columns per row k of A (x = (1, 2, 3, 4)): xᵀ sits on the block diagonal.",
    );
    r.compare("df/dA", dfdA, closed, { closed: "[i, k, q] = δ_ik x_q" });
    r.note("Each row i, read as an M×N array, is ∂f_i/∂A ∈ R^{1×(M×N)}: xᵀ in row i, 0ᵀ elsewhere.");
    for (let i = 0; i < 3; i++) {
      const expected = fromData(3, 4, Array.from({ length: 12 }, (_, k) => (Math.floor(k / 4) === i ? x.get(k % 4) : 0)));
      r.compare(`∂f_${i + 1}/∂A  (dfdA.slice(${i}))`, dfdA.slice(i), expected, { closed: `xᵀ in row ${i + 1}` });
    }
  }

  // ------------------------------------------------------------ S000-9 / S001-23
  r.section("S000-9 / S001-23: K = RᵀR, R ∈ R^{M×N} (M = 3, N = 2): dK/dR ∈ R^{(N×N)×(M×N)}");
  {
    const R = mat([[1, 2], [-1, 0.5], [3, -2]]);
    const M = 3, N = 2;
    const dKdR: Tensor<[2, 2], [3, 2]> = jacobian((R: Matrix<3, 2>) => R.T.matmul(R))(R);
    const Rij = (i: number, j: number) => R.get(i, j);
    // The notes' case analysis for ∂K_pq/∂R_ij (p, q, j = 1…N, i = 1…M), with the case it used:
    const byCases = (p: number, q: number, i: number, j: number): [number, string] => {
      if (j === p && p !== q) return [Rij(i, q), "a"]; // R_iq   if j = p, p ≠ q
      if (j === q && p !== q) return [Rij(i, p), "b"]; // R_ip   if j = q, p ≠ q
      if (j === p && p === q) return [2 * Rij(i, q), "c"]; // 2R_iq  if j = p, p = q
      return [0, "0"]; // otherwise
    };
    r.note(
      "K_pq = r_pᵀr_q = Σ_t R_tp R_tq (r_p = column p of R), and by the sum rule ∂K_pq/∂R_ij is",
      "  (a) R_iq if j = p, p ≠ q    (b) R_ip if j = q, p ≠ q    (c) 2R_iq if j = p, p = q    (0) 0 otherwise.",
      "For each (p, q): ∂K_pq/∂R ∈ R^{1×(M×N)} drawn as an M×N array, the case used for each entry, the computed value and the notes':",
    );
    for (let p = 0; p < N; p++) {
      for (let q = 0; q < N; q++) {
        const cases: string[] = [], vals: number[] = [];
        for (let i = 0; i < M; i++) for (let j = 0; j < N; j++) {
          const [v, c] = byCases(p, q, i, j);
          vals.push(v);
          cases.push(c);
        }
        const caseLines = Array.from({ length: M }, (_, i) => `[ ${cases.slice(i * N, i * N + N).join(" ")} ]`);
        const computed = dKdR.slice(p * N + q); // ∂K_pq/∂R as an M×N matrix
        const closed: Matrix<3, 2> = fromData(3, 2, vals);
        r.note(`∂K_${p + 1}${q + 1}/∂R : 1×(3×2), drawn as a 3×2 array`);
        const table = columns([
          { title: "case", lines: caseLines },
          { title: "computed", lines: grid(computed) },
          { title: "closed form (by the cases)", lines: grid(closed) },
        ]);
        for (const l of table) r.note(`  ${l}`);
        const diff = maxAbsDiff(computed, closed);
        r.note(`  max |difference| = ${fmtDiff(diff)}`);
        r.record(`∂K_${p + 1}${q + 1}/∂R`, computed, closed);
      }
    }
    const closedTensor = tensorFrom([2, 2], [3, 2], (p, q, i, j) => byCases(p, q, i, j)[0]);
    r.compare("dK/dR (all entries, as the (N×N)×(M×N) = 4×6 matrix)", dKdR, closedTensor, { closed: "case analysis" });
    const compact = tensorFrom([2, 2], [3, 2], (p, q, i, j) => delta(j, p) * Rij(i, q) + delta(j, q) * Rij(i, p));
    r.compare("dK/dR vs the compact form", dKdR, compact, { closed: "δ_jp R_iq + δ_jq R_ip" });
  }

  // ------------------------------------------------------------ S002-24: the general shape
  r.section("S002-24: f : R^{M×N} → R^{P×Q} has df/dX ∈ R^{(P×Q)×(M×N)}, df[p, q, m, n] = ∂f_pq/∂X_mn");
  {
    const B = mat([[1, 0, 2], [-1, 1, 0]]); // 2×3
    const X = mat([[0.5, 1], [2, -1], [1, 1]]); // 3×2
    // f(X) = BX ∈ R^{2×2}: ∂(BX)_pq/∂X_mn = B_pm δ_qn
    const dfdX: Tensor<[2, 2], [3, 2]> = jacobian((X: Matrix<3, 2>) => B.matmul(X))(X);
    r.compare("d(BX)/dX", dfdX, tensorFrom([2, 2], [3, 2], (p, q, m, n) => B.get(p, m) * delta(q, n)), { closed: "B_pm δ_qn" });
  }
  return r.checks;
}

if (isMain(import.meta.url)) run();
