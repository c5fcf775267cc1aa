/**
 * Structure: reshape (entry counts must agree, computed by Mul), flatten / vecCols / unvecCols,
 * slicing (Sub<end, start> rows/cols), row/col/at, vstack / hstack (Add of the stacked dims),
 * diag / diagPart / trace.
 */
import { expectError, expectType } from "tsd";
import {
  at, colOf, diag, diagPart, dim, eye, flatten, hstack, mat, ones, reshape, row, rowOf, sliceCols, sliceRows, trace, unvecCols, vec, vecCols,
  vstack, zeros, type Dim, type Matrix, type Row, type Scalar, type Vector,
} from "../src/index";

const n = dim("n", 5);

const A = mat([[1, 2, 3], [4, 5, 6]]); // 2×3
const A26 = ones(2, 6);
const A34 = zeros(3, 4);
const X52 = zeros(5, 2);
const Sq = eye(3);
declare const k: number;
declare const v3: Vector<3>;
declare const v12: Vector<12>;
declare const r3: Row<3>;
declare const Xn: Matrix<Dim<"n">, 3>;
declare const Xm: Matrix<Dim<"m">, 3>;
declare const Yn: Matrix<2, Dim<"n">>;
declare const Ym: Matrix<2, Dim<"m">>;
declare const Snn: Matrix<Dim<"n">, Dim<"n">>;

// ---------------------------------------------------------------- reshape

expectType<Matrix<3, 4>>(reshape(A26, 3, 4));
expectType<Matrix<3, 4>>(A26.reshape(3, 4));
expectType<Matrix<12, 1>>(reshape(A26, 12, 1));
expectType<Matrix<3, 2>>(reshape(A, 3, 2));
expectType<Matrix<3, 2>>(A.reshape(3, 2));
expectType<Matrix<1, 6>>(A.reshape(1, 6));
expectType<Matrix<Dim<"n">, 3>>(reshape(flatten(Xn), n, 3));
expectType<Matrix<Dim<"n">, 3>>(reshape(Xn, n, 3));
// LIMITATION (kept on purpose): Mul is not normalised for symbolic dims (Mul<3, Dim<"n">> is Dim<"3·n">, Mul<Dim<"n">, 3> is Dim<"n·3">), so reshaping n×3 to 3×n does not compile
// expectType<Matrix<3, Dim<"n">>>(reshape(Xn, 3, n));

// a wrong entry count: 2×3 → 4×2 (positive twin: reshape(A, 3, 2) above)
expectError(reshape(A, 4, 2));
expectError(A.reshape(4, 2));
expectError(reshape(A26, 3, 5));
expectError(A26.reshape(5, 3));
expectError(reshape(Xn, 5, 3));
expectError(reshape(Xn, n, 2));
expectError(reshape(Xm, n, 3));
// a bare number as the new dim
expectError(reshape(A, k, 2));

// ---------------------------------------------------------------- flatten / vecCols / unvecCols

expectType<Vector<12>>(flatten(A34));
expectType<Matrix<12, 1>>(flatten(A34));
expectType<Matrix<12, 1>>(A34.flatten());
expectType<Matrix<6, 1>>(flatten(A));
expectType<Matrix<3, 1>>(flatten(v3));
expectType<Matrix<3, 1>>(flatten(r3));
expectType<Vector<Dim<"n·3">>>(flatten(Xn));
expectType<Matrix<Dim<"n·3">, 1>>(Xn.flatten());
expectType<Matrix<Dim<"2·n">, 1>>(flatten(Yn));
expectType<Matrix<12, 1>>(vecCols(A34));
expectType<Matrix<Dim<"n·3">, 1>>(vecCols(Xn));
expectType<Matrix<3, 4>>(unvecCols(v12, 3, 4));
expectType<Matrix<3, 4>>(unvecCols(vecCols(A34), 3, 4));
expectType<Matrix<Dim<"n">, 3>>(unvecCols(vecCols(Xn), n, 3));
expectType<Matrix<Dim<"n">, 3>>(unvecCols(vecCols(Xn), n, 3));
expectError(unvecCols(vec([1, 2, 3, 4, 5]), 3, 4));
expectError(unvecCols(A, 3, 4));

// ---------------------------------------------------------------- slicing

expectType<Matrix<2, 2>>(sliceRows(X52, 1, 3));
expectType<Matrix<2, 2>>(X52.sliceRows(1, 3));
expectType<Matrix<5, 2>>(sliceRows(X52, 0, 5));
expectType<Matrix<0, 2>>(sliceRows(X52, 2, 2));
expectType<Matrix<2, 2>>(sliceCols(A, 1, 3));
expectType<Matrix<2, 2>>(A.sliceCols(1, 3));
expectType<Matrix<2, 1>>(sliceCols(A, 0, 1));
expectType<Matrix<Dim<"n">, 3>>(sliceRows(Xn, 0, n));
expectType<Matrix<Dim<"n−1">, 3>>(sliceRows(Xn, 1, n));
expectType<Matrix<2, Dim<"n">>>(Yn.sliceCols(0, n));
expectError(sliceRows(X52, 3, 1));
expectError(X52.sliceRows(3, 1));
expectError(sliceRows(X52, 0, 7));
expectError(sliceCols(A, 0, 4));
expectError(sliceRows(X52, k, k + 1));

// ---------------------------------------------------------------- row / col / at

expectType<Matrix<1, 3>>(A.row(0));
expectType<Row<3>>(rowOf(A, 1));
expectType<Matrix<2, 1>>(A.col(2));
expectType<Vector<2>>(colOf(A, 0));
expectType<Matrix<1, 3>>(Xn.row(0));
expectType<Matrix<Dim<"n">, 1>>(Xn.col(0));
expectType<Matrix<Dim<"n">, 1>>(colOf(Xn, 1));
expectType<Scalar>(A.at(1, 2));
expectType<Matrix<1, 1>>(at(A, 1, 2));
expectType<Scalar>(v3.at(2));
expectType<Scalar>(at(Xn, 0, 0));
expectError(A.at("0"));
expectError(A.row());

// ---------------------------------------------------------------- vstack / hstack

expectType<Matrix<5, 3>>(vstack(A, Sq));
expectType<Matrix<4, 3>>(vstack(A, A));
expectType<Matrix<3, 3>>(vstack(A, r3));
expectType<Matrix<2, 1>>(vstack(mat([[1]]), mat([[2]])));
expectType<Matrix<Dim<"n+m">, 3>>(vstack(Xn, Xm));
expectType<Matrix<Dim<"n+2">, 3>>(vstack(Xn, A));
expectType<Matrix<Dim<"2+n">, 3>>(vstack(A, Xn));
expectType<Matrix<Dim<"n+n">, 3>>(vstack(Xn, Xn));

expectType<Matrix<2, 7>>(hstack(A, ones(2, 4)));
expectType<Matrix<2, 6>>(hstack(A, A));
expectType<Matrix<3, 4>>(hstack(Sq, v3));
expectType<Matrix<2, Dim<"n+m">>>(hstack(Yn, Ym));
expectType<Matrix<2, Dim<"3+n">>>(hstack(A, Yn));
expectType<Matrix<Dim<"n">, 4>>(hstack(Xn, ones(n, 1)));

// column counts differ (positive twin: vstack(A, Sq) above)
expectError(vstack(A, X52));
expectError(vstack(A, v3));
expectError(vstack(Xn, Yn));
expectError(vstack(A, ones(2, n)));
// row counts differ (positive twin: hstack(A, ones(2, 4)) above)
expectError(hstack(A, Sq));
expectError(hstack(A, r3));
expectError(hstack(Xn, Xm));
expectError(hstack(Xn, A));

// ---------------------------------------------------------------- diag / diagPart / trace

expectType<Matrix<Dim<"n">, Dim<"n">>>(diag(ones(n, 1)));
expectType<Matrix<3, 3>>(diag(v3));
expectType<Matrix<3, 3>>(diag(r3));
expectType<Matrix<3, 3>>(diag(v3));
expectType<Matrix<3, 3>>(diag(r3));
expectType<Matrix<3, 3>>(diag(vec([1, 2, 3])));
expectType<Matrix<2, 2>>(diag(row([1, 2])));
expectType<Matrix<Dim<"n">, Dim<"n">>>(diag(ones(n, 1)));
expectType<Matrix<Dim<"n">, Dim<"n">>>(diag(ones(1, n)));
expectType<Vector<3>>(diagPart(Sq));
expectType<Matrix<Dim<"n">, 1>>(diagPart(Snn));
expectType<Scalar>(trace(Sq));
expectType<Scalar>(trace(Snn));

// diag takes a vector; diagPart and trace a square matrix
expectError(diag(A));
expectError(diagPart(A));
expectError(trace(A));
expectError(trace(Xn));
expectError(trace(v3));
