/**
 * `jit` changes how a function runs, never what it means: the compiled function has exactly the
 * type of the original — parameters, records, tuples and the derivative shapes inside the result —
 * so shape errors are still reported at the call, as they would be without jit.
 */
import { expectError, expectType } from "tsd";
import {
  addToCols, dim, grad, hessian, jacobian, jit, sumSquares, tanh, valueAndGradient, vec, zeros,
  type Denominator, type Dim, type Matrix, type Scalar, type Tensor, type Vector,
} from "../src/index";

type P = { W: Matrix<2, 3>; b: Vector<2> };
declare const p: P;
declare const X: Matrix<3, 8>;
declare const Y: Matrix<2, 8>;
const loss = (q: P, x: Matrix<3, 8>, y: Matrix<2, 8>) => sumSquares(y.sub(tanh(addToCols(q.W.matmul(x), q.b))));

// a training step: value and input-shaped gradients, per parameter
const step = jit((q: P, x: Matrix<3, 8>, y: Matrix<2, 8>) => valueAndGradient((r: P) => loss(r, x, y))(q));
expectType<(q: P, x: Matrix<3, 8>, y: Matrix<2, 8>) => { value: Scalar; gradient: { W: Denominator<Matrix<2, 3>>; b: Denominator<Vector<2>> } }>(step);
expectType<Denominator<Matrix<2, 3>>>(step(p, X, Y).gradient.W);

// numerator layout: d(scalar)/dW is a Tensor<[1], [2, 3]>, a Jacobian R^3 → R^2 is 2×3, a Hessian 3×3
expectType<Tensor<[1], [2, 3]>>(jit(grad((W: Matrix<2, 3>) => sumSquares(tanh(W.matmul(X)))))(p.W));
expectType<Matrix<2, 3>>(jit(jacobian((v: Vector<3>) => tanh(p.W.matmul(v))))(vec([1, 2, 3])));
expectType<Matrix<3, 3>>(jit(hessian((v: Vector<3>) => sumSquares(tanh(p.W.matmul(v)))))(vec([1, 2, 3])));

// tuples and symbolic dims pass through
const n = dim("n", 5);
const pair = jit((a: Matrix<Dim<"n">, 3>) => [a.matmul(zeros(3, 2)), a.T] as const);
expectType<readonly [Matrix<Dim<"n">, 2>, Matrix<3, Dim<"n">>]>(pair(zeros(n, 3)));

// shape errors stay at the call: wrong argument shapes, a row gradient subtracted from the column W
expectError(step(p, Y, Y));
expectError(step({ W: zeros(3, 2), b: zeros(2, 1) }, X, Y));
expectError(jit((v: Vector<3>) => tanh(v))(vec([1, 2])));
expectError(p.b.sub(jit(grad((b: Vector<2>) => sumSquares(b)))(p.b)));
