/**
 * Element-wise arithmetic: add/sub/mul/div need equal shapes (or a number), scale/addScalar need a
 * number or a 1×1, unary functions keep the shape. Methods and free functions alike.
 */
import { expectError, expectType } from "tsd";
import {
  abs, add, addScalar, cos, dim, div, exp, log, logSigmoid, mat, mul, neg, ones, pow, relu, row, scalar, scale, sigmoid, sign, sin,
  softplus, sqrt, sub, sum, tanh, vec, zeros, type Dim, type Matrix, type Row, type Scalar, type Vector,
} from "../src/index";

const n = dim("n", 5);
const m = dim("m", 4);

const A = mat([[1, 2, 3], [4, 5, 6]]); // 2×3
const B = ones(2, 3);
const C = ones(3, 2);
declare const v3: Vector<3>;
declare const r3: Row<3>;
declare const v4: Vector<4>;
declare const s: Scalar;
declare const S2: Matrix<2, 2>;
declare const Xn: Matrix<Dim<"n">, 3>;
declare const Xn2: Matrix<Dim<"n">, 3>;
declare const Xm: Matrix<Dim<"m">, 3>;
declare const X5: Matrix<5, 3>;
declare const Xnum: Matrix<number, 3>;

// ---------------------------------------------------------------- add / sub / mul / div: same shape

expectType<Matrix<2, 3>>(A.add(B));
expectType<Matrix<2, 3>>(A.sub(B));
expectType<Matrix<2, 3>>(A.mul(B));
expectType<Matrix<2, 3>>(A.div(B));
expectType<Matrix<2, 3>>(add(A, B));
expectType<Matrix<2, 3>>(sub(A, B));
expectType<Matrix<2, 3>>(mul(A, B));
expectType<Matrix<2, 3>>(div(A, B));
// with a number
expectType<Matrix<2, 3>>(A.add(1));
expectType<Matrix<2, 3>>(A.sub(1));
expectType<Matrix<2, 3>>(A.mul(2));
expectType<Matrix<2, 3>>(A.div(2));
expectType<Matrix<2, 3>>(add(A, 1));
expectType<Matrix<2, 3>>(sub(A, 1));
expectType<Matrix<2, 3>>(mul(A, 2));
expectType<Matrix<2, 3>>(div(A, 2));
// vectors and rows of the same orientation
expectType<Matrix<3, 1>>(v3.add(vec([1, 2, 3])));
expectType<Matrix<3, 1>>(add(v3, v3));
expectType<Matrix<1, 3>>(r3.sub(row([1, 2, 3])));
expectType<Matrix<1, 3>>(sub(r3, r3));
expectType<Matrix<1, 1>>(s.add(s));

// shapes differ: 2×3 vs 3×2
expectError(A.add(C));
expectError(add(A, C));
expectError(A.sub(C));
expectError(sub(A, C));
expectError(A.mul(C));
expectError(mul(A, C));
expectError(A.div(C));
expectError(div(A, C));
// column vs row: 3×1 + 1×3 (positive twins: add(v3, v3), sub(r3, r3) above)
expectError(add(v3, r3));
expectError(v3.add(r3));
expectError(add(r3, v3));
// a Row<3> subtracted from a Vector<3>
expectError(v3.sub(r3));
expectError(sub(v3, r3));
expectError(mul(v3, r3));
expectError(div(v3, r3));
// lengths differ
expectError(add(v3, v4));
// a scalar is not broadcast by add (use addScalar)
expectError(A.add(s));
expectError(add(A, s));

// ---------------------------------------------------------------- symbolic dims

expectType<Matrix<Dim<"n">, 3>>(add(Xn, Xn2));
expectType<Matrix<Dim<"n">, 3>>(Xn.sub(Xn2));
expectType<Matrix<Dim<"n">, 3>>(mul(Xn, zeros(n, 3)));
expectType<Matrix<Dim<"n">, Dim<"m">>>(div(ones(n, m), ones(n, m)));
// n ≠ m, n ≠ 5, n ≠ number
expectError(add(Xn, Xm));
expectError(Xn.add(Xm));
expectError(sub(Xn, Xm));
expectError(add(Xn, X5));
expectError(Xn.add(X5));
expectError(add(X5, Xn));
expectError(add(Xn, Xnum));
expectError(add(X5, Xnum));

// ---------------------------------------------------------------- scale / addScalar / neg

expectType<Matrix<2, 3>>(A.scale(2));
expectType<Matrix<2, 3>>(A.scale(s));
expectType<Matrix<2, 3>>(A.scale(scalar(2)));
expectType<Matrix<2, 3>>(A.scale(sum(A)));
expectType<Matrix<2, 3>>(scale(A, 2));
expectType<Matrix<2, 3>>(scale(A, s));
expectType<Matrix<2, 3>>(scale(A, mat([[2]])));
expectType<Matrix<Dim<"n">, 3>>(scale(Xn, s));
expectType<Matrix<2, 3>>(A.addScalar(1));
expectType<Matrix<2, 3>>(A.addScalar(s));
expectType<Matrix<2, 3>>(addScalar(A, 1));
expectType<Matrix<2, 3>>(addScalar(A, s));
expectType<Matrix<2, 3>>(A.neg());
expectType<Matrix<2, 3>>(neg(A));
expectType<Matrix<Dim<"n">, 3>>(neg(Xn));

// the factor must be a 1×1
expectError(A.scale(S2));
expectError(scale(A, S2));
expectError(scale(A, v3));
expectError(scale(A, r3));
expectError(A.addScalar(S2));
expectError(addScalar(A, v3));

// ---------------------------------------------------------------- unary functions keep the shape

expectType<Matrix<2, 3>>(exp(A));
expectType<Matrix<2, 3>>(log(A));
expectType<Matrix<2, 3>>(sin(A));
expectType<Matrix<2, 3>>(cos(A));
expectType<Matrix<2, 3>>(tanh(A));
expectType<Matrix<2, 3>>(sigmoid(A));
expectType<Matrix<2, 3>>(relu(A));
expectType<Matrix<2, 3>>(abs(A));
expectType<Matrix<2, 3>>(sign(A));
expectType<Matrix<2, 3>>(sqrt(A));
expectType<Matrix<2, 3>>(softplus(A));
expectType<Matrix<2, 3>>(logSigmoid(A));
expectType<Matrix<2, 3>>(pow(A, 3));
expectType<Matrix<3, 1>>(exp(v3));
expectType<Matrix<1, 1>>(tanh(s));
expectType<Matrix<Dim<"n">, 3>>(sigmoid(Xn));
expectType<Matrix<Dim<"n">, 3>>(pow(Xn, 2));
expectType<Matrix<1, 1>>(scalar(2));
// a unary function takes a matrix, not a number
expectError(exp(2));

// ---------------------------------------------------------------- the union trap, and generic code

// An operand whose shape is only known as 2×3 OR 5×3 must not be accepted as "2×3 | 5×3": the
// operators' first signature takes its dims from the receiver (or the first operand), not from b.
declare const AorX5: Matrix<2, 3> | Matrix<5, 3>;
declare const v3or4: Vector<3> | Vector<4>;
declare const sOrS2: Scalar | Matrix<2, 2>;
expectError(A.add(AorX5));
expectError(add(A, AorX5));
expectError(A.sub(AorX5));
expectError(sub(A, AorX5));
expectError(A.mul(AorX5));
expectError(mul(A, AorX5));
expectError(A.div(AorX5));
expectError(div(A, AorX5));
expectError(v3.add(v3or4));
expectError(A.scale(sOrS2));
expectError(scale(A, sOrS2));
expectError(A.addScalar(sOrS2));
expectError(addScalar(A, sOrS2));

// Generic code: equal shapes by construction type-check without knowing them.
function residual<R extends number, C extends number>(x: Matrix<R, C>, y: Matrix<R, C>, s: Scalar) {
  return add(x.mul(x), sub(y, x)).div(y).scale(s).addScalar(1);
}
expectType<Matrix<2, 3>>(residual(A, B, s));
expectType<Matrix<Dim<"n">, 3>>(residual(Xn, Xn2, s));

// An operand with `any` dims (untyped code) is accepted and the result keeps the receiver's shape.
// (TypeScript's subtype-only first pass picks the second, message-carrying signature here, so its
// result type must be right too.)
declare const anyM: Matrix<any, any>;
expectType<Matrix<2, 3>>(A.add(anyM));
expectType<Matrix<2, 3>>(A.sub(anyM));
expectType<Matrix<2, 3>>(A.mul(anyM));
expectType<Matrix<2, 3>>(A.div(anyM));
expectType<Matrix<2, 3>>(sub(A, anyM));
expectType<Matrix<2, 3>>(A.scale(anyM));
expectType<Matrix<2, 3>>(A.addScalar(anyM));
