/**
 * Symbolic matrices are typed exactly like numeric ones (issue 6): `symbol` gives `Matrix<R, C>`,
 * expressions keep their shapes through the ordinary ops (the same compile-time shape rules), and
 * `derivative` is typed with the derivative's shape (numerator layout, as `jacobian`), `gradientOf`
 * with the input's (denominator layout, as `gradient`).
 */
import { expectError, expectType } from "tsd";
import { dim, inv, det, tanh, sumSquares, addToCols, type Denominator, type Dim, type Matrix, type Tensor } from "../src/index";
import { symbol, derivative, gradientOf, compile, evaluate, explain, type CompiledFn } from "../src/symbolic/index";

const X = symbol("X", 3, 3);
const A = symbol("A", 4, 3);
const x = symbol("x", 3);
const a = symbol("a", 3);
const b = symbol("b", 3);

// ---------------------------------------------------------------- symbols

expectType<Matrix<3, 3>>(X);
expectType<Matrix<4, 3>>(A);
expectType<Matrix<3, 1>>(x);
const n = dim("n", 10);
const d = dim("d", 3);
const Phi = symbol("Phi", n, d);
expectType<Matrix<Dim<"n">, Dim<"d">>>(Phi);
expectType<Matrix<Dim<"d">, 1>>(symbol("theta", d));
declare const someNumber: number;
expectError(symbol("X", someNumber, 3)); // a bare number is not a dimension

// ---------------------------------------------------------------- the same shape rules

expectType<Matrix<4, 1>>(A.matmul(x));
expectType<Matrix<1, 1>>(a.T.matmul(X).matmul(b));
expectError(A.matmul(A)); // inner dims differ (4×3 · 4×3)
expectError(X.add(A)); // shapes differ
expectError(det(A)); // not square
expectType<Matrix<Dim<"n">, 1>>(Phi.matmul(symbol("theta", d)));

// ---------------------------------------------------------------- derivative: numerator layout

// S000-17: ∂(aᵀXb)/∂X is 1×(3×3)
expectType<Tensor<[1], [3, 3]>>(derivative(a.T.matmul(X).matmul(b), X));
// S000-18: ∂(xᵀBx)/∂x is a 1×3 row
expectType<Matrix<1, 3>>(derivative(x.T.matmul(X).matmul(x), x));
// S000-3: d(Ax)/dx = A, 4×3
expectType<Matrix<4, 3>>(derivative(A.matmul(x), x));
// S000-8: d(Ax)/dA is 4×(4×3)
expectType<Tensor<[4], [4, 3]>>(derivative(A.matmul(x), A));
// d(X⁻¹)/dX is (3×3)×(3×3)
expectType<Tensor<[3, 3], [3, 3]>>(derivative(inv(X), X));
// scalar of a scalar
const s = symbol("s", 1, 1);
expectType<Matrix<1, 1>>(derivative(tanh(s), s));
// symbolic dims: seed 000 least squares, ∂L/∂θ ∈ R^{1×d}
const theta = symbol("theta", d), y = symbol("y", n);
const L = sumSquares(y.sub(Phi.matmul(theta)));
expectType<Matrix<1, Dim<"d">>>(derivative(L, theta));
// a record of variables
const W = symbol("W", 4, 3), c = symbol("c", 4);
const loss = sumSquares(tanh(addToCols(W.matmul(symbol("Xs", 3, 5)), c)));
expectType<{ W: Tensor<[1], [4, 3]>; c: Matrix<1, 4> }>(derivative(loss, { W, c }));

// ---------------------------------------------------------------- gradientOf: denominator layout

expectType<Denominator<Matrix<Dim<"d">, 1>>>(gradientOf(L, theta));
expectType<Denominator<Matrix<3, 3>>>(gradientOf(det(X), X));
expectType<{ W: Denominator<Matrix<4, 3>>; c: Denominator<Matrix<4, 1>> }>(gradientOf(loss, { W, c }));
expectError(gradientOf(A.matmul(x), x)); // not a scalar

// ---------------------------------------------------------------- evaluate, compile, explain

expectType<Matrix<4, 1>>(evaluate(A.matmul(x), { A: A, x: x }));
expectType<Tensor<[4], [4, 3]>>(evaluate(derivative(A.matmul(x), A), {}));
expectType<CompiledFn>(compile([L, gradientOf(L, theta)], [Phi, theta, y]));
expectType<(...inputs: Float64Array[]) => Float64Array[]>(compile(L, [Phi, theta, y]));
expectType<string>(explain((t: Matrix<Dim<"d">, 1>) => sumSquares(y.sub(Phi.matmul(t))), theta));
