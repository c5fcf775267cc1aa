/**
 * Symbolic dimensions: `dim("n", size)` is a `Dim<"n">`, a branded number that unifies with neither
 * another name nor a literal; shapes built from it compute symbolic names (n·3, n+m, n−1) and a
 * whole model's shapes flow through. Bare `number` is never a dimension.
 */
import { expectAssignable, expectError, expectNotAssignable, expectType } from "tsd";
import {
  add, dim, expectDim, flatten, fromArray, isMatrix, kron, matmul, ones, randn, relu, repeatRows, reshape, sliceRows, softmax, sum, vstack, zeros,
  type Add, type Dim, type DimLike, type Matrix, type Mul, type Product, type Scalar, type Sub, type Vector,
} from "../src/index";

const n = dim("n", 32);
const m = dim("m", 8);
declare const k: number;
declare const name: string;
declare const data: number[][];
declare function takesN(d: Dim<"n">): void;
declare function takes5(d: 5): void;

// ---------------------------------------------------------------- dim / expectDim

expectType<Dim<"n">>(n);
expectType<Dim<"batch">>(dim("batch", 4));
expectType<Dim<"n">>(expectDim(n, 32));
expectType<Dim<"n">>(expectDim(n, k, "rows"));
expectError(expectDim(5, 5));
expectError(dim(3, 5));

// a Dim is a number, but no number is a Dim, and names do not unify
expectAssignable<number>(n);
expectAssignable<DimLike>(n);
expectNotAssignable<Dim<"n">>(5);
expectNotAssignable<Dim<"n">>(k);
expectNotAssignable<Dim<"n">>(m);
expectNotAssignable<5>(n);
takesN(n);
expectError(takesN(m));
expectError(takesN(5));
expectError(takesN(k));
takes5(5);
expectError(takes5(n));

expectError(dim(name, 4));

// ---------------------------------------------------------------- the arithmetic types (re-exported)

expectType<Dim<"n·3">>(0 as unknown as Mul<Dim<"n">, 3>);
expectType<Dim<"n">>(0 as unknown as Mul<Dim<"n">, 1>);
expectType<12>(0 as unknown as Mul<3, 4>);
expectType<Dim<"n+m">>(0 as unknown as Add<Dim<"n">, Dim<"m">>);
expectType<7>(0 as unknown as Add<3, 4>);
expectType<Dim<"n−1">>(0 as unknown as Sub<Dim<"n">, 1>);
expectType<0>(0 as unknown as Sub<Dim<"n">, Dim<"n">>);
expectType<2>(0 as unknown as Sub<3, 1>);
expectType<24>(0 as unknown as Product<[2, 3, 4]>);
expectType<Dim<"n·3">>(0 as unknown as Product<[Dim<"n">, 3]>);

// ---------------------------------------------------------------- symbolic shapes through operations

const X = randn(n, 3);
expectType<Matrix<Dim<"n">, 3>>(X);
expectType<Vector<Dim<"n·3">>>(flatten(X));
expectType<Matrix<Dim<"n·3">, 1>>(X.flatten());
expectType<Matrix<Dim<"n+m">, 3>>(vstack(X, zeros(m, 3)));
expectType<Matrix<Dim<"n+m+n">, 3>>(vstack(vstack(X, zeros(m, 3)), X));
expectType<Matrix<Dim<"n−1">, 3>>(sliceRows(X, 1, n));
expectType<Matrix<Dim<"n·m">, 9>>(kron(X, zeros(m, 3)));
expectType<Matrix<Dim<"n">, Dim<"m">>>(repeatRows(ones(1, m), n));
expectType<Matrix<Dim<"n">, 3>>(reshape(flatten(X), n, 3));
expectType<Matrix<Dim<"n">, 3>>(fromArray(data, n, 3));

// a two-layer network over a batch of n samples (samples as rows)
const W1 = randn(3, 16);
const b1 = zeros(1, 16);
const W2 = randn(16, 4);
const H = relu(X.matmul(W1).add(repeatRows(b1, n)));
expectType<Matrix<Dim<"n">, 16>>(H);
const P = softmax(matmul(H, W2), 1);
expectType<Matrix<Dim<"n">, 4>>(P);
expectType<Matrix<Dim<"n">, 1>>(sum(P, 1));
expectType<Scalar>(sum(P));
// the same network on a batch of m samples cannot be mixed with the n-batch
const Hm = relu(zeros(m, 3).matmul(W1));
expectType<Matrix<Dim<"m">, 16>>(Hm);
expectType<Matrix<Dim<"n">, 16>>(add(H, H));
expectError(add(H, Hm));
expectError(H.sub(Hm));
expectError(matmul(H, W1));
// a literal that happens to equal n at run time is still not n
expectError(add(H, zeros(32, 16)));

// ---------------------------------------------------------------- bare `number` is not a dimension

expectType<Matrix<Dim<"n">, 3>>(zeros(n, 3));
expectError(zeros(k, 3));
expectError(ones(3, k));
expectError(randn(k, k));
expectError(fromArray(data, k, 3));
expectError(repeatRows(b1, k));

// ---------------------------------------------------------------- the untyped view

declare const u: unknown;
if (isMatrix(u)) {
  expectType<Matrix<number, number>>(u);
  expectType<Matrix>(u);
}
