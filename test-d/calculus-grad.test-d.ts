/**
 * Gradients of scalar functions (numerator layout, DESIGN.md "Conventions"): `grad` of L(θ), θ ∈ R^D,
 * is a 1×D row; of L(X), X ∈ R^{M×N}, a 1×(M×N) `Tensor<[1], [M, N]>`; of L(t), t a scalar, 1×1.
 * `gradient` is the input-shaped (denominator-layout) gradient that an update θ ← θ − α∇L needs.
 * Also valueAndGrad / valueAndGradient, records of parameters, hessian, and symbolic dims.
 */
import { expectError, expectType } from "tsd";
import {
  at, dim, exp, grad, gradient, hessian, jacobian, jacobianT, jvp, mat, pow, scalar, sin, sub, sum, sumSquares, tanh, valueAndGrad, valueAndGradient, vec, zeros,
  type Denominator, type Dim, type Matrix, type Row, type Scalar, type Tensor, type Vector,
} from "../src/index";

const d = dim("d", 7);
const n = dim("n", 20);

// seed 000 (S000-4): y = Φθ + noise, θ ∈ R^3, Φ ∈ R^{5×3}, y ∈ R^5
declare const Phi: Matrix<5, 3>;
declare const y: Vector<5>;
const theta = vec([0.1, -0.2, 0.3]); // Vector<3>
const L = (th: Vector<3>) => sumSquares(y.sub(Phi.matmul(th)));

// symbolic sizes: Φ ∈ R^{n×d}, y ∈ R^n, θ ∈ R^d
const PhiS = zeros(n, d);
const yS = zeros(n, 1);
const thetaS = zeros(d, 1);
const LS = (th: Vector<Dim<"d">>) => sumSquares(yS.sub(PhiS.matmul(th)));

// ---------------------------------------------------------------- grad: scalar of θ ∈ R^D

// seed 000: ∂L/∂θ = −2eᵀΦ ∈ R^{1×D} (a row, not a column)
expectType<Matrix<1, 3>>(grad(L)(theta));
expectType<Row<3>>(grad(L)(theta));
// the derivative of the function itself: θ ↦ ∂L/∂θ
expectType<(x: Vector<3>) => Matrix<1, 3>>(grad(L));
// seed 000 with symbolic D: ∂L/∂θ ∈ R^{1×d}
expectType<Matrix<1, Dim<"d">>>(grad(LS)(thetaS));
expectType<Matrix<1, Dim<"d">>>(grad((th: Vector<Dim<"d">>) => sum(tanh(th)))(thetaS));

// seed 001 (S001-10): f(x₁, x₂) = x₁²x₂ + x₁x₂³, ∂f/∂x = [2x₁x₂ + x₂³, x₁² + 3x₁x₂²] ∈ R^{1×2}
const f2 = (x: Vector<2>) => pow(at(x, 0), 2).mul(at(x, 1)).add(at(x, 0).mul(pow(at(x, 1), 3)));
expectType<Matrix<1, 2>>(grad(f2)(vec([1, 2])));

// ---------------------------------------------------------------- grad: scalar of a scalar, scalar of a matrix

// seed 002 (S002-3): d sin(t)/dt = cos t ∈ R^{1×1}
expectType<Matrix<1, 1>>(grad((t: Scalar) => sin(t))(scalar(0.5)));
expectType<Scalar>(grad((t: Scalar) => exp(t.mul(t)))(scalar(0.5)));

// seed 000 (S000-17): ∂(aᵀXb)/∂X = abᵀ, in numerator layout a 1×(M×N) object: Tensor<[1], [M, N]>
declare const a2: Vector<2>;
declare const b3: Vector<3>;
const X23 = zeros(2, 3);
expectType<Tensor<[1], [2, 3]>>(grad((X: Matrix<2, 3>) => a2.T.matmul(X).matmul(b3))(X23));
// symbolic: scalar of X ∈ R^{n×d} → Tensor<[1], [n, d]>
expectType<Tensor<[1], [Dim<"n">, Dim<"d">]>>(grad((X: Matrix<Dim<"n">, Dim<"d">>) => sumSquares(X))(PhiS));

// ---------------------------------------------------------------- grad: a record of parameters

// seed 002 (S002-28): L(A, b) = ½‖y − tanh(Ax + b)‖², x ∈ R^3, y ∈ R^2
//   ∂L/∂A ∈ R^{1×(2×3)} (Tensor<[1], [2, 3]>), ∂L/∂b ∈ R^{1×2}
declare const x3: Vector<3>;
declare const y2: Vector<2>;
const layer = ({ A, b }: { A: Matrix<2, 3>; b: Vector<2> }) => sumSquares(y2.sub(tanh(A.matmul(x3).add(b)))).scale(0.5);
const params = { A: zeros(2, 3), b: zeros(2, 1) };
expectType<{ A: Tensor<[1], [2, 3]>; b: Matrix<1, 2> }>(grad(layer)(params));
expectType<Tensor<[1], [2, 3]>>(grad(layer)(params).A);
expectType<Matrix<1, 2>>(grad(layer)(params).b);
// the input-shaped form: ∇_A L ∈ R^{2×3}, ∇_b L ∈ R^2
expectType<{ A: Denominator<Matrix<2, 3>>; b: Denominator<Vector<2>> }>(gradient(layer)(params));

// ---------------------------------------------------------------- gradient: the input's own shape

// seed 004 (S004-1): ∇_θ L ∈ R^D, the shape of θ (branded as denominator layout)
expectType<Denominator<Vector<3>>>(gradient(L)(theta));
expectType<Denominator<Vector<Dim<"d">>>>(gradient(LS)(thetaS));
// seed 004 (S004-10): ∇_X f ∈ R^{M×N}, the shape of X
expectType<Denominator<Matrix<2, 3>>>(gradient((X: Matrix<2, 3>) => a2.T.matmul(X).matmul(b3))(X23));
// seed 004: a gradient-descent step θ ← θ − α∇L(θ) keeps θ's shape
expectType<Matrix<3, 1>>(theta.sub(gradient(L)(theta).scale(0.1)));
expectType<Vector<3>>(theta.sub(gradient(L)(theta)));
expectType<Matrix<3, 1>>(sub(theta, gradient(L)(theta)));
expectType<Matrix<5, 1>>(Phi.matmul(gradient(L)(theta)));
expectType<Matrix<Dim<"d">, 1>>(thetaS.sub(gradient(LS)(thetaS).scale(0.1)));
expectType<Matrix<2, 3>>(sub(X23, gradient((X: Matrix<2, 3>) => sumSquares(X))(X23).scale(0.1)));
// a numerator-layout row gradient is subtracted after transposing it: θ − α(∂L/∂θ)ᵀ
expectType<Matrix<3, 1>>(theta.sub(grad(L)(theta).T.scale(0.1)));

// ---------------------------------------------------------------- negative: row gradient from a column parameter

// ∂L/∂θ ∈ R^{1×3} is a row; θ ∈ R^{3×1} is a column: θ − ∂L/∂θ is a shape error, not a broadcast
expectError(theta.sub(grad(L)(theta)));
expectError(theta.sub(grad(L)(theta).scale(0.1)));
expectError(thetaS.sub(grad(LS)(thetaS)));

// ---------------------------------------------------------------- negative: grad needs a scalar function

// grad is for scalar outputs (1×1); a vector output (R^3 → R^5) needs jacobian
expectType<Matrix<1, 3>>(grad((th: Vector<3>) => sumSquares(Phi.matmul(th)))(theta));
expectError(grad((th: Vector<3>) => Phi.matmul(th)));
expectType<Denominator<Vector<3>>>(gradient((th: Vector<3>) => sumSquares(Phi.matmul(th)))(theta));
expectError(gradient((th: Vector<3>) => Phi.matmul(th)));
// a 1×N row is not a scalar either
expectType<Matrix<1, 3>>(grad((th: Vector<3>) => sum(th.T))(theta));
expectError(grad((th: Vector<3>) => th.T));

// ---------------------------------------------------------------- valueAndGrad, valueAndGradient

// one reverse pass: L(θ) ∈ R^{1×1} and ∂L/∂θ ∈ R^{1×D}
expectType<{ value: Scalar; grad: Matrix<1, 3> }>(valueAndGrad(L)(theta));
expectType<Scalar>(valueAndGrad(L)(theta).value);
expectType<Matrix<1, 3>>(valueAndGrad(L)(theta).grad);
expectType<{ value: Scalar; grad: Matrix<1, Dim<"d">> }>(valueAndGrad(LS)(thetaS));
expectType<{ value: Scalar; grad: { A: Tensor<[1], [2, 3]>; b: Matrix<1, 2> } }>(valueAndGrad(layer)(params));
// the training-loop form: L(θ) and ∇_θ L ∈ R^D
expectType<{ value: Scalar; gradient: Denominator<Vector<3>> }>(valueAndGradient(L)(theta));
expectType<Matrix<3, 1>>(theta.sub(valueAndGradient(L)(theta).gradient.scale(0.1)));
expectType<{ value: Scalar; gradient: { A: Denominator<Matrix<2, 3>>; b: Denominator<Vector<2>> } }>(valueAndGradient(layer)(params));
expectError(theta.sub(valueAndGrad(L)(theta).grad));
expectError(valueAndGrad((th: Vector<3>) => Phi.matmul(th)));
expectError(valueAndGradient((th: Vector<3>) => Phi.matmul(th)));

// ---------------------------------------------------------------- hessian

// seed 003 (S003-4): ∂²(xᵀAx)/∂x∂x = A + Aᵀ ∈ R^{N×N}
declare const A33: Matrix<3, 3>;
expectType<Matrix<3, 3>>(hessian((x: Vector<3>) => x.T.matmul(A33).matmul(x))(theta));
expectType<Matrix<3, 3>>(hessian(L)(theta));
expectType<Matrix<Dim<"d">, Dim<"d">>>(hessian(LS)(thetaS));
// a scalar of a scalar: d²f/dt² ∈ R^{1×1}
expectType<Matrix<1, 1>>(hessian((t: Scalar) => sin(t))(scalar(1)));
// a scalar of X ∈ R^{2×3}: (2×3)×(2×3)
expectType<Tensor<[2, 3], [2, 3]>>(hessian((X: Matrix<2, 3>) => sumSquares(X))(X23));
expectError(hessian((th: Vector<3>) => Phi.matmul(th)));
// the Hessian as the derivative of the gradient: ∇²L = ∂(∇L)/∂θ ∈ R^{N×N} (symmetric, so both layouts agree)
expectType<Denominator<Matrix<3, 3>>>(jacobianT(gradient(L))(theta));
// Hessian–vector product by forward mode over the gradient: (∇²L)v ∈ R^N, shaped like θ
expectType<Denominator<Vector<3>>>(jvp(gradient(L), theta, theta).tangent);
expectType<Matrix<3, 3>>(jacobian(gradient(L))(theta));
expectType<Matrix<3, 3>>(jacobian((th: Vector<3>) => gradient(L)(th))(theta));

// literal data infers the dims: θ₀ = (1, 2, 3) ∈ R^3
expectType<Matrix<1, 3>>(grad((th: Vector<3>) => sumSquares(th))(mat([[1], [2], [3]])));
