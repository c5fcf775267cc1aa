/**
 * Reductions (sum/mean/max/logSumExp/sumSquares/dot/norm, with axes: none → 1×1, 0 → 1×C,
 * 1 → R×1), softmax/logSoftmax (keep the shape) and the explicit broadcasts repeatRows/repeatCols,
 * addToRows/addToCols.
 */
import { expectError, expectType } from "tsd";
import {
  addToCols, addToRows, dim, dot, logSoftmax, logSumExp, mat, max, mean, norm, ones, repeatCols, repeatRows, row, softmax, sum, sumSquares, vec,
  type Axis, type Dim, type Matrix, type Row, type Scalar, type Vector,
} from "../src/index";

const n = dim("n", 5);

const A = mat([[1, 2, 3], [4, 5, 6]]); // 2×3
const C = ones(3, 2);
declare const v2: Vector<2>;
declare const v3: Vector<3>;
declare const r3: Row<3>;
declare const r2: Row<2>;
declare const ax: Axis;
declare const Xn: Matrix<Dim<"n">, 3>;
declare const Xm: Matrix<Dim<"m">, 3>;
declare const vn: Vector<Dim<"n">>;
declare const vm: Vector<Dim<"m">>;

// ---------------------------------------------------------------- sum

expectType<Scalar>(sum(A));
expectType<Matrix<1, 1>>(sum(A));
expectType<Row<3>>(sum(A, 0));
expectType<Matrix<1, 3>>(sum(A, 0));
expectType<Vector<2>>(sum(A, 1));
expectType<Matrix<2, 1>>(sum(A, 1));
expectType<Matrix<1, 1>>(sum(A, undefined));
expectType<Matrix<1, 3> | Matrix<2, 1>>(sum(A, ax));
expectType<Scalar>(A.sum());
expectType<Matrix<1, 3>>(A.sum(0));
expectType<Matrix<2, 1>>(A.sum(1));
expectType<Matrix<1, 3>>(sum(Xn, 0));
expectType<Matrix<Dim<"n">, 1>>(sum(Xn, 1));
expectType<Matrix<Dim<"n">, 1>>(Xn.sum(1));
expectType<Matrix<1, 3> | Matrix<2, 1>>(A.sum(ax));
expectError(sum(A, 2));
expectError(A.sum(2));

// ---------------------------------------------------------------- mean / max / sumSquares / norm

expectType<Scalar>(mean(A));
expectType<Scalar>(max(A));
expectType<Scalar>(sumSquares(A));
expectType<Scalar>(norm(A));
expectType<Scalar>(norm(v3, 1));
expectType<Scalar>(norm(v3, Infinity));
expectType<Scalar>(norm(A, "fro"));
expectType<Scalar>(norm(Xn, 3));
expectError(norm(A, "nuc"));

// ---------------------------------------------------------------- logSumExp / softmax / logSoftmax

expectType<Scalar>(logSumExp(A));
expectType<Matrix<1, 3>>(logSumExp(A, 0));
expectType<Matrix<2, 1>>(logSumExp(A, 1));
expectType<Matrix<Dim<"n">, 1>>(logSumExp(Xn, 1));
expectType<Matrix<2, 3>>(softmax(A));
expectType<Matrix<2, 3>>(softmax(A, 0));
expectType<Matrix<2, 3>>(softmax(A, 1));
expectType<Matrix<Dim<"n">, 3>>(softmax(Xn, 1));
expectType<Matrix<2, 3>>(logSoftmax(A));
expectType<Matrix<2, 3>>(logSoftmax(A, 1));
expectType<Matrix<3, 1>>(logSoftmax(v3, 0));
expectError(logSumExp(A, 2));
expectError(softmax(A, 2));

// ---------------------------------------------------------------- dot: same shape

expectType<Scalar>(dot(v3, v3));
expectType<Scalar>(dot(A, A));
expectType<Scalar>(dot(r3, row([1, 2, 3])));
expectType<Scalar>(dot(vn, vn));
expectError(dot(v3, r3));
expectError(dot(A, C));
expectError(dot(vn, vm));
expectError(dot(Xn, Xm));

// ---------------------------------------------------------------- repeatRows / repeatCols

expectType<Matrix<4, 3>>(repeatRows(r3, 4));
expectType<Matrix<Dim<"n">, 3>>(repeatRows(r3, n));
expectType<Matrix<3, 4>>(repeatCols(v3, 4));
expectType<Matrix<3, Dim<"n">>>(repeatCols(v3, n));
expectType<Matrix<Dim<"n">, 2>>(repeatCols(vn, 2));
// repeatRows takes a row, repeatCols a column
expectError(repeatRows(v3, 4));
expectError(repeatRows(A, 4));
expectError(repeatCols(r3, 4));
expectError(repeatCols(A, 4));

// ---------------------------------------------------------------- addToRows / addToCols

expectType<Matrix<2, 3>>(addToRows(A, r3));
expectType<Matrix<2, 3>>(addToRows(A, row([1, 2, 3])));
expectType<Matrix<Dim<"n">, 3>>(addToRows(Xn, r3));
expectType<Matrix<2, 3>>(addToCols(A, v2));
expectType<Matrix<2, 3>>(addToCols(A, vec([1, 2])));
expectType<Matrix<Dim<"n">, 3>>(addToCols(Xn, vn));

// a bias of the wrong length (positive twins just above)
expectError(addToCols(A, v3));
expectError(addToCols(A, vec([1, 2, 3])));
expectError(addToCols(Xn, vm));
expectError(addToCols(Xn, v3));
expectError(addToRows(A, r2));
expectError(addToRows(A, row([1, 2])));
expectError(addToRows(Xn, row([1, 2])));
// the wrong orientation
expectError(addToCols(A, r3));
expectError(addToRows(A, v3));

// the union trap: a bias that is 2×1 or 3×1 is not a 2×1 bias
declare const v2or3: Vector<2> | Vector<3>;
declare const r3or2: Row<3> | Row<2>;
expectError(addToCols(A, v2or3));
expectError(addToRows(A, r3or2));
