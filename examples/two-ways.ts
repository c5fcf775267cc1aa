/**
 * The two ways to differentiate a matrix-valued function (seeds 000, 001, 002: "Gradient Computation:
 * Two Alternatives", after MML §5.4 Fig. 5.7): for A(x) ∈ R^{4×2} and x ∈ R^3, dA/dx ∈ R^{4×2×3}
 * (1) by stacking the partials ∂A/∂x_k ∈ R^{4×2} along a last axis, and (2) by flattening A to
 * Ã ∈ R^8, taking the 8×3 Jacobian, and reshaping back. Both agree with the library's Tensor<[4, 2], [3]>.
 *
 * Run: npx tsx examples/two-ways.ts
 */
import { Tensor, add, at, exp, flatten, jacobian, jvp, mat, pow, sin, vec, vecCols, type Matrix, type Vector } from "../src/index";
import { Report, columns, fmtDiff, grid, isMain, maxAbsDiff, tensorFrom, type Check, type Log } from "./_report";

/** A(x) ∈ R^{4×2}, built from traced scalars x.at(i) with `mat`. */
function A(x: Vector<3>): Matrix<4, 2> {
  const x1 = at(x, 0), x2 = at(x, 1), x3 = at(x, 2);
  return mat([
    [x1, x2],
    [x1.mul(x2), pow(x3, 2)],
    [sin(x1), x2.mul(x3)],
    [exp(x3), add(x1, x2).add(x3)],
  ]);
}

export function run(log: Log = console.log): Check[] {
  const r = new Report(log);
  r.title(
    "dA(x)/dx for A(x) ∈ R^{4×2}, x ∈ R^3: two equivalent ways (seeds 000–002; numerator layout)",
    "A(x) = [[x₁, x₂], [x₁x₂, x₃²], [sin x₁, x₂x₃], [exp x₃, x₁ + x₂ + x₃]]",
  );
  const xv = [0.5, -1.2, 0.8] as const;
  const x = vec([xv[0], xv[1], xv[2]]);
  const [x1, x2, x3] = xv;
  // The notes' partials, written by hand: ∂A/∂x_k ∈ R^{4×2}.
  const closedPartials: Matrix<4, 2>[] = [
    mat([[1, 0], [x2, 0], [Math.cos(x1), 0], [0, 1]]),
    mat([[0, 1], [x1, 0], [0, x3], [0, 1]]),
    mat([[0, 0], [0, 2 * x3], [0, x2], [Math.exp(x3), 1]]),
  ];
  const closed = tensorFrom([4, 2], [3], (i, j, k) => closedPartials[k].get(i, j)); // [i, j, k] = ∂A_ij/∂x_k
  r.note(`x = (${xv.join(", ")}), A(x) =`);
  for (const l of grid(A(x))) r.note(`  ${l}`);

  // ------------------------------------------------------------ way 1
  r.section("Way 1: the partial derivatives ∂A/∂x₁, ∂A/∂x₂, ∂A/∂x₃ ∈ R^{4×2}, stacked along a last axis");
  const basis: Vector<3>[] = [vec([1, 0, 0]), vec([0, 1, 0]), vec([0, 0, 1])];
  // ∂A/∂x_k is the directional derivative along e_k: one forward-mode pass each.
  const partials: Matrix<4, 2>[] = basis.map((e) => jvp(A, x, e).tangent);
  r.note("computed (jvp(A, x, e_k).tangent) and the closed form by hand:");
  const cols = partials.flatMap((p, k) => [
    { title: `∂A/∂x${"₁₂₃"[k]}`, lines: grid(p) },
    { title: "(closed form)", lines: grid(closedPartials[k]) },
  ]);
  for (const l of columns(cols, 3)) r.note(`  ${l}`);
  partials.forEach((p, k) => r.record(`∂A/∂x${k + 1}`, p, closedPartials[k]));
  r.note(`max |difference| over the three partials = ${fmtDiff(Math.max(...partials.map((p, k) => maxAbsDiff(p, closedPartials[k]))))}`);
  const stacked: Tensor<[4, 2], [3]> = tensorFrom([4, 2], [3], (i, j, k) => partials[k].get(i, j));
  r.compare("dA/dx, stacked  (drawn as 8×3: rows A_11, A_12 │ A_21, A_22 │ …; column k is ∂/∂x_k)", stacked, closed, { closed: "[i, j, k] = ∂A_ij/∂x_k" });

  // ------------------------------------------------------------ way 2
  r.section("Way 2: flatten A to Ã ∈ R^8 (row-major: A_11, A_12, A_21, …), take the 8×3 Jacobian, reshape to 4×2×3");
  const Atilde = (x: Vector<3>): Vector<8> => flatten(A(x));
  const J8: Matrix<8, 3> = jacobian(Atilde)(x);
  r.show("dÃ/dx", J8);
  const reshaped: Tensor<[4, 2], [3]> = tensorFrom([4, 2], [3], (i, j, k) => J8.get(i * 2 + j, k)); // row i·2 + j of J8 is Ã's entry A_ij
  r.compare("dA/dx, flattened and reshaped", reshaped, closed, { closed: "[i, j, k] = ∂A_ij/∂x_k" });
  r.compare("way 1 (stacked)", stacked, reshaped, { closed: "way 2", brief: true });

  // ------------------------------------------------------------ the library
  r.section("The library: jacobian(A)(x) is the Tensor<[4, 2], [3]> directly");
  const dAdx: Tensor<[4, 2], [3]> = jacobian(A)(x);
  r.compare("jacobian(A)(x)", dAdx, closed, { closed: "the closed form [i, j, k] = ∂A_ij/∂x_k", brief: true });
  r.note(`shape ${JSON.stringify(dAdx.shape)}; dAdx.toMatrix() is the 8×3 Jacobian of way 2 (row-major flattening):`);
  r.compare("dAdx.toMatrix()", dAdx.toMatrix(), J8, { closed: "dÃ/dx of way 2", brief: true });

  // ------------------------------------------------------------ the flattening order matters
  r.section("The reshape must use the flattening order: column-stacking vec(A) = (A_11, A_21, A_31, A_41, A_12, …)");
  const Jcols: Matrix<8, 3> = jacobian((x: Vector<3>) => vecCols(A(x)))(x);
  const wrong = new Tensor([4, 2] as [4, 2], [3] as [3], Jcols.data); // reshaped as if it were row-major
  const right = tensorFrom([4, 2], [3], (i, j, k) => Jcols.get(j * 4 + i, k)); // vec index of A_ij is j·4 + i
  r.note(`reshaping d vec(A)/dx row-major (the wrong order): max |difference| from dA/dx = ${maxAbsDiff(wrong, closed).toFixed(4)} (not equal)`);
  r.compare("d vec(A)/dx reshaped column-major (the matching order)", right, closed, { closed: "the closed form", brief: true });
  return r.checks;
}

if (isMain(import.meta.url)) run();
