/**
 * Flattening (DESIGN.md "Flattening"; seed 000 S000-6/7: R^{m×n} ≅ R^{mn}). A `Tensor<Out, In>`
 * flattens with `toMatrix()` to the (∏Out)×(∏In) matrix, row-major on both sides; the products of
 * literal dims are computed in the type (4·2 = 8), products of symbolic dims stay symbolic
 * (`Dim<"m·n">`). Matrices flatten with `flatten` (row-major) or `vecCols` (column-stacking vec).
 */
import { expectError, expectType } from "tsd";
import {
  at, chain, dim, flatten, jacobian, mat, reshape, sin, unvecCols, vec, vecCols, zeros,
  type Dim, type Matrix, type Row, type Tensor, type Vector,
} from "../src/index";

type M = Dim<"m">;
type N = Dim<"n">;
const m = dim("m", 4);
const n = dim("n", 6);

// ---------------------------------------------------------------- Tensor.toMatrix(): (∏Out)×(∏In)

// seed 000 (S000-7): dA/dx ∈ R^{4×2×3} flattens to dÃ/dx ∈ R^{8×3}
declare const dA_dx: Tensor<[4, 2], [3]>;
expectType<Matrix<8, 3>>(dA_dx.toMatrix());
// seed 000 (S000-17): df/dX ∈ R^{1×(3×4)} flattens to a 1×12 row
declare const df_dX: Tensor<[1], [3, 4]>;
expectType<Matrix<1, 12>>(df_dX.toMatrix());
expectType<Row<12>>(df_dX.toMatrix());
// seed 000 (S000-8): df/dA ∈ R^{M×(M×N)} for f = Ax flattens to M×(M·N)
expectType<Matrix<2, 6>>(({} as Tensor<[2], [2, 3]>).toMatrix());
// seed 000 (S000-9): dK/dR ∈ R^{(N×N)×(M×N)}, N = 3, M = 4, flattens to 9×12
expectType<Matrix<9, 12>>(({} as Tensor<[3, 3], [4, 3]>).toMatrix());
// products beyond the multiplication table: (1000×1000)×(512×1024)
expectType<Matrix<1000000, 524288>>(({} as Tensor<[1000, 1000], [512, 1024]>).toMatrix());
// symbolic dims: a scalar of X ∈ R^{m×n} flattens to 1×(m·n)
declare const df_dXS: Tensor<[1], [M, N]>;
expectType<Matrix<1, Dim<"m·n">>>(df_dXS.toMatrix());
expectType<Matrix<M, Dim<"m·n">>>(({} as Tensor<[M], [M, N]>).toMatrix());
expectType<Matrix<Dim<"n·n">, Dim<"m·n">>>(({} as Tensor<[N, N], [M, N]>).toMatrix());
expectType<Matrix<Dim<"m·2">, 3>>(({} as Tensor<[M, 2], [3]>).toMatrix());
// the full shape keeps every dim: [...Out, ...In]
expectType<[4, 2, 3]>(dA_dx.shape);
expectType<[4, 2]>(dA_dx.outDims);
expectType<[3]>(dA_dx.inDims);

// ---------------------------------------------------------------- the two approaches of seed 000/002

// S000-7 / S002-26: A(x) ∈ R^{4×2} from x ∈ R^3
const Ax = (x: Vector<3>) =>
  mat([
    [at(x, 0), at(x, 1)],
    [at(x, 1).mul(at(x, 2)), at(x, 0)],
    [sin(at(x, 2)), at(x, 0).mul(at(x, 0))],
    [at(x, 2), at(x, 1)],
  ]);
const x0 = vec([1, 2, 3]);
// approach 1: the partial derivatives stacked, dA/dx ∈ R^{4×2×3}
expectType<Tensor<[4, 2], [3]>>(jacobian(Ax)(x0));
// approach 2: flatten A to Ã ∈ R^8 first, then the ordinary Jacobian dÃ/dx ∈ R^{8×3} …
expectType<Matrix<8, 3>>(jacobian((x: Vector<3>) => flatten(Ax(x)))(x0));
// … which has the type of the flattened tensor (both row-major)
expectType<Matrix<8, 3>>(jacobian(Ax)(x0).toMatrix());
// and with the column-stacking vec(A) of the literature
expectType<Matrix<8, 3>>(jacobian((x: Vector<3>) => vecCols(Ax(x)))(x0));

// ---------------------------------------------------------------- flatten / vecCols of a matrix

// R^{3×4} ≅ R^{12}
const X34 = zeros(3, 4);
expectType<Vector<12>>(flatten(X34)); // row-major: x₁₁, x₁₂, …
expectType<Matrix<12, 1>>(vecCols(X34)); // column-stacking vec(X): x₁₁, x₂₁, …
expectType<Vector<12>>(X34.flatten());
expectType<Matrix<3, 4>>(unvecCols(vecCols(X34), 3, 4));
expectType<Matrix<3, 4>>(reshape(flatten(X34), 3, 4));
// symbolic: R^{m×n} ≅ R^{m·n}
const Xmn = zeros(m, n);
expectType<Vector<Dim<"m·n">>>(flatten(Xmn));
expectType<Vector<Dim<"m·n">>>(vecCols(Xmn));
// the gradient of a scalar of X, taken through flatten, is the 1×12 row of the flattened tensor
expectType<Matrix<1, 12>>(jacobian((v: Vector<12>) => v.T.matmul(v))(flatten(X34)));
expectType<Matrix<1, 12>>(jacobian((X: Matrix<3, 4>) => flatten(X).T.matmul(flatten(X)))(X34).toMatrix());

// ---------------------------------------------------------------- negative: flattened dims are not tensor dims

// a flattened derivative composes as a matrix, a tensor composes over its split dims
declare const dL_dv: Row<8>;
expectType<Matrix<1, 3>>(chain(dL_dv, dA_dx.toMatrix()));
expectError(chain(dL_dv, dA_dx)); // the outer derivative takes 8, dA/dx produces 4×2
declare const dL_dA: Tensor<[1], [4, 2]>;
expectType<Matrix<1, 3>>(chain(dL_dA, dA_dx));
expectError(chain(dL_dA, dA_dx.toMatrix())); // takes 4×2, produces 8
// reshaping a flattened derivative must keep the number of entries: 8×3 has 24
expectType<Matrix<4, 6>>(reshape(dA_dx.toMatrix(), 4, 6));
expectError(reshape(dA_dx.toMatrix(), 4, 5));
// a flattened R^{3×4} is R^{12}, not R^{11}
expectType<Matrix<12, 1>>(flatten(X34).add(zeros(12, 1)));
expectError(flatten(X34).add(zeros(11, 1)));
// and a product of symbolic dims is not another named dim of the same size
expectError(flatten(Xmn).add(zeros(dim("nm", 24), 1)));
