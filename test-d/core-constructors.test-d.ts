/**
 * Constructors: literal arrays give literal dims, explicit dims are literals or `dim("n", …)`,
 * and anything whose size is not known at compile time (bare `number`, `number[][]`) is rejected.
 */
import { expectError, expectType } from "tsd";
import { dim, eye, fromArray, fromData, full, mat, ones, rand, randn, row, scalar, vec, zeros, type Dim, type Matrix, type Row, type Scalar, type Vector } from "../src/index";

const n = dim("n", 5);
const m = dim("m", 4);
declare const k: number;
declare const someRows: number[][];
declare const someRowsRO: readonly (readonly number[])[];
declare const someList: number[];
const flat = [1, 2, 3, 4, 5, 6];

// ---------------------------------------------------------------- mat / vec / row from literals

expectType<Matrix<2, 3>>(mat([[1, 2, 3], [4, 5, 6]]));
expectType<Matrix<1, 1>>(mat([[7]]));
expectType<Matrix<3, 2>>(mat([[1, 2], [3, 4], [5, 6]]));
expectType<Matrix<0, 0>>(mat([]));
// entries may be scalars (traced values inside a differentiated function)
expectType<Matrix<1, 2>>(mat([[scalar(1), 2]]));
// the aliases are the same types
expectType<Matrix<3, 1>>(vec([1, 2, 3]));
expectType<Vector<3>>(vec([1, 2, 3]));
expectType<Matrix<1, 2>>(row([1, 2]));
expectType<Row<2>>(row([1, 2]));
expectType<Matrix<1, 1>>(scalar(3));
expectType<Scalar>(scalar(3));
expectType<Matrix<2, 1>>(vec([scalar(1), 2]));

// a ragged literal: positive twin first, then the error
expectType<Matrix<2, 2>>(mat([[1, 2], [3, 4]]));
expectError(mat([[1, 2], [3]]));
expectError(mat([[1], [2, 3]]));
// a non-literal array: the size is not known at compile time
expectError(mat(someRows));
expectError(mat(someRowsRO));
expectError(vec(someList));
expectError(row(someList));

// ---------------------------------------------------------------- zeros / ones / full / eye / random

expectType<Matrix<2, 3>>(zeros(2, 3));
expectType<Matrix<2, 3>>(ones(2, 3));
expectType<Matrix<2, 3>>(full(2, 3, 7));
expectType<Matrix<4, 4>>(eye(4));
expectType<Matrix<2, 3>>(randn(2, 3));
expectType<Matrix<2, 3>>(randn(2, 3, { seed: 1, std: 2, mean: 1 }));
expectType<Matrix<2, 3>>(rand(2, 3, { seed: 1, low: -1, high: 1 }));

// symbolic dims
expectType<Matrix<Dim<"n">, 3>>(zeros(n, 3));
expectType<Matrix<Dim<"n">, Dim<"m">>>(ones(n, m));
expectType<Matrix<Dim<"n">, Dim<"n">>>(eye(n));
expectType<Matrix<3, Dim<"m">>>(randn(3, m));

// a bare `number` is not a dimension (positive twins: zeros(2, 3) and zeros(n, 3) above)
expectError(zeros(k, 3));
expectError(zeros(3, k));
expectError(ones(k, 3));
expectError(full(k, 3, 0));
expectError(eye(k));
expectError(randn(k, 3));
expectError(rand(2, k));

// ---------------------------------------------------------------- fromData / fromArray

expectType<Matrix<Dim<"n">, 3>>(fromData(n, 3, new Float64Array(15)));
expectType<Matrix<2, 3>>(fromData(2, 3, flat));
expectType<Matrix<2, 3>>(fromData(2, 3, flat, { finite: true }));
expectType<Matrix<Dim<"n">, 3>>(fromArray(someRows, n, 3));
expectType<Matrix<2, 3>>(fromArray(someRowsRO, 2, 3));
expectError(fromData(k, 3, flat));
expectError(fromData(2, k, flat));
expectError(fromArray(someRows, k, 3));

// ---------------------------------------------------------------- Matrix members

const A = mat([[1, 2, 3], [4, 5, 6]]);
expectType<2>(A.rows);
expectType<3>(A.cols);
expectType<[2, 3]>(A.shape);
expectType<number>(A.size);
expectType<Float64Array>(A.data);
expectType<number>(A.get(0, 1));
expectType<number>(A.item());
expectType<number[][]>(A.toArray());
expectType<number[]>(A.toFlatArray());
expectType<[Dim<"n">, 3]>(zeros(n, 3).shape);
