/**
 * Linear algebra: matmul (inner dims agree; no union widening), matmulInto (out has the product's
 * shape), transpose, outer, kron (computed product dims), and the square-only det / logAbsDet /
 * signDet / inv / solve.
 */
import { expectError, expectType } from "tsd";
import {
  det, dim, eye, inv, kron, logAbsDet, mat, matmul, matmulInto, ones, outer, randn, signDet, solve, transpose, vec, zeros,
  type Dim, type Matrix, type Row, type Scalar, type Vector,
} from "../src/index";

const n = dim("n", 5);
const m = dim("m", 4);

const A = mat([[1, 2, 3], [4, 5, 6]]); // 2×3
const B = randn(3, 4);
const A2 = ones(2, 3);
const B54 = zeros(5, 4);
const Sq = eye(3);
declare const S2: Matrix<2, 2>;
declare const v3: Vector<3>;
declare const v4: Vector<4>;
declare const r3: Row<3>;
declare const Xn: Matrix<Dim<"n">, 3>;
declare const Yn: Matrix<3, Dim<"n">>;
declare const Ym: Matrix<Dim<"m">, 2>;
declare const Snn: Matrix<Dim<"n">, Dim<"n">>;
declare const Smm: Matrix<Dim<"m">, Dim<"m">>;
declare const ABunion: Matrix<3, 4> | Matrix<5, 4>;

// ---------------------------------------------------------------- matmul

expectType<Matrix<2, 4>>(A.matmul(B));
expectType<Matrix<2, 4>>(matmul(A, B));
expectType<Matrix<2, 2>>(A.matmul(A.T));
expectType<Matrix<2, 1>>(matmul(A, v3));
expectType<Matrix<1, 1>>(matmul(r3, v3));
expectType<Matrix<3, 3>>(matmul(v3, r3));
expectType<Matrix<Dim<"n">, 4>>(Xn.matmul(B));
expectType<Matrix<Dim<"n">, Dim<"n">>>(matmul(Xn, Yn));
expectType<Matrix<3, 3>>(Yn.matmul(Xn));
expectType<Matrix<2, Dim<"m">>>(matmul(A, ones(3, m)));

// inner dims differ: 2×3 · 2×3 (positive twin: A.matmul(A.T) above)
expectError(A.matmul(A2));
expectError(matmul(A, A2));
// the union trap: K could be inferred as 3 | 5 if both operands shared one parameter
expectError(matmul(A, B54));
expectError(A.matmul(B54));
expectError(matmul(A, ABunion));
expectError(A.matmul(ABunion));
// vectors the wrong way round
expectError(matmul(v3, v3));
expectError(matmul(r3, r3));
// symbolic inner dims: n ≠ m, n ≠ 3
expectError(matmul(Yn, Ym));
expectError(Yn.matmul(Ym));
expectError(matmul(Xn, Xn));
expectError(matmul(Yn, B));

// ---------------------------------------------------------------- matmulInto (out must be A.rows × B.cols)

declare const O24: Matrix<2, 4>;
declare const O34: Matrix<3, 4>;
declare const O23: Matrix<2, 3>;
declare const On4: Matrix<Dim<"n">, 4>;
declare const Om4: Matrix<Dim<"m">, 4>;
declare const O24or34: Matrix<2, 4> | Matrix<3, 4>;
expectType<Matrix<2, 4>>(matmulInto(O24, A, B));
expectType<Matrix<2, 4>>(matmulInto(zeros(2, 4), A, B));
expectType<Matrix<2, 1>>(matmulInto(zeros(2, 1), A, v3));
expectType<Matrix<3, 3>>(matmulInto(Sq, Sq, Sq));
expectType<Matrix<Dim<"n">, 4>>(matmulInto(On4, Xn, B));
expectType<Matrix<Dim<"n">, Dim<"n">>>(matmulInto(Snn, Xn, Yn));

// out has the wrong rows / the wrong cols / a transposed shape (positive twin: O24 above)
expectError(matmulInto(O34, A, B));
expectError(matmulInto(O23, A, B));
expectError(matmulInto(zeros(4, 2), A, B));
// the union trap: rows could be inferred as 2 | 3 from out and A
expectError(matmulInto(O24or34, A, B));
// symbolic dims: out is m×4, the product n×4
expectError(matmulInto(Om4, Xn, B));
expectError(matmulInto(O24, Xn, B));
// inner dims differ, out fitting either reading (positive twin: matmulInto(O24, A, B))
expectError(matmulInto(O24, A, B54));
expectError(matmulInto(O24, A, ABunion));
expectError(matmulInto(zeros(2, 3), A, A2));

// ---------------------------------------------------------------- transpose / outer

expectType<Matrix<3, 2>>(A.T);
expectType<Matrix<3, 2>>(A.transpose());
expectType<Matrix<3, 2>>(transpose(A));
expectType<Matrix<1, 3>>(v3.T);
expectType<Matrix<3, Dim<"n">>>(transpose(Xn));
expectType<Matrix<3, Dim<"n">>>(Xn.T);

expectType<Matrix<3, 4>>(outer(v3, v4));
expectType<Matrix<4, 3>>(outer(v4, vec([1, 2, 3])));
expectType<Matrix<Dim<"n">, 3>>(outer(zeros(n, 1), v3));
// outer takes two columns
expectError(outer(r3, v4));
expectError(outer(v3, r3));
expectError(outer(A, v3));

// ---------------------------------------------------------------- kron: computed product dims

expectType<Matrix<6, 12>>(kron(A, B)); // 2×3 ⊗ 3×4
expectType<Matrix<12, 6>>(kron(B.T, A.T));
expectType<Matrix<9, 1>>(kron(v3, v3));
expectType<Matrix<3, 3>>(kron(v3, r3));
expectType<Matrix<2, 3>>(kron(mat([[2]]), A));
expectType<Matrix<Dim<"n·3">, 9>>(kron(Xn, Sq));
expectType<Matrix<Dim<"3·n">, Dim<"n·3">>>(kron(Yn, Xn));
expectType<Matrix<Dim<"n">, 3>>(kron(Xn, mat([[1]])));
expectType<Matrix<600, 1200>>(kron(zeros(20, 30), zeros(30, 40)));
// kron has no shape rule; it still takes only matrices
expectError(kron(A, 2));

// ---------------------------------------------------------------- det / logAbsDet / signDet / inv / solve

expectType<Scalar>(det(Sq));
expectType<Matrix<1, 1>>(det(S2));
expectType<Scalar>(det(Snn));
expectType<Scalar>(logAbsDet(Sq));
expectType<Scalar>(logAbsDet(Snn));
expectType<number>(signDet(Sq));
expectType<Matrix<3, 3>>(inv(Sq));
expectType<Matrix<2, 2>>(inv(S2));
expectType<Matrix<Dim<"n">, Dim<"n">>>(inv(Snn));
expectType<Matrix<1, 1>>(inv(mat([[2]])));

// not square: 2×3
expectError(det(A));
expectError(logAbsDet(A));
expectError(signDet(A));
expectError(inv(A));
expectError(det(v3));
expectError(inv(Xn));
// n×m is not square even if n and m are equal at run time
expectError(det(ones(n, m)));

expectType<Matrix<3, 4>>(solve(Sq, B));
expectType<Matrix<3, 1>>(solve(Sq, v3));
expectType<Matrix<2, 3>>(solve(S2, A));
expectType<Matrix<Dim<"n">, 3>>(solve(Snn, Xn));
expectType<Matrix<Dim<"m">, 2>>(solve(Smm, Ym));

// b has the wrong number of rows (positive twin: solve(Sq, B) above)
expectError(solve(Sq, A));
expectError(solve(S2, B));
expectError(solve(Sq, v4));
expectError(solve(Sq, r3));
expectError(solve(Snn, Ym));
expectError(solve(Smm, Xn));
// A is not square
expectError(solve(A, A2));
expectError(solve(A, v3));

// An operand with `any` dims: the product keeps the receiver's rows (see core-arithmetic).
declare const anyM: Matrix<any, any>;
expectType<Matrix<2, any>>(A.matmul(anyM));
expectType<Matrix<2, any>>(matmul(A, anyM));
