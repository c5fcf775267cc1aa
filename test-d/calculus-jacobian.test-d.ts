/**
 * Jacobians in numerator layout (DESIGN.md "Conventions"): the derivative of an output with dims T
 * w.r.t. an input with dims I has shape [...T, ...I] — a Matrix when that is two dims, otherwise a
 * `Tensor<T, I>`. One assertion per row of the DESIGN.md table, with literal and symbolic dims; then
 * jvp (J·v, output-shaped) and vjp (ȳ ↦ ȳᵀJ, input-shaped).
 */
import { expectError, expectType } from "tsd";
import {
  type Denominator,
  at, cos, dim, exp, jacobian, jvp, mat, sin, sumSquares, tanh, vec, vjp, zeros, scalar,
  type Dim, type Matrix, type Scalar, type Tensor, type Vector,
} from "../src/index";

const m = dim("m", 4);
const n = dim("n", 6);

declare const A: Matrix<2, 3>;
declare const b: Vector<2>;
const x0 = vec([1, 2, 3]); // Vector<3>
const t0 = scalar(0.3);

// ---------------------------------------------------------------- R^N → R^M: Matrix<M, N>

// seed 000 (S000-3): f(x) = Ax, f: R^N → R^M, df/dx = A ∈ R^{M×N}
expectType<Matrix<2, 3>>(jacobian((x: Vector<3>) => A.matmul(x))(x0));
// seed 004 (S004-9) numerator form: f(x) = tanh(Ax + b) ∈ R^2 of x ∈ R^3 → 2×3
expectType<Matrix<2, 3>>(jacobian((x: Vector<3>) => tanh(A.matmul(x).add(b)))(x0));
expectType<Matrix<2, 3>>(jacobian((x: Vector<3>) => tanh(A.matmul(x).add(b)), { mode: "forward" })(x0));
expectType<Matrix<2, 3>>(jacobian((x: Vector<3>) => tanh(A.matmul(x).add(b)), { mode: "reverse" })(x0));
// R^N → R^N: square
expectType<Matrix<3, 3>>(jacobian((x: Vector<3>) => exp(x))(x0));
// symbolic: f(x) = Ax with A ∈ R^{m×n}: df/dx ∈ R^{m×n}
const Amn = zeros(m, n);
const xn = zeros(n, 1);
expectType<Matrix<Dim<"m">, Dim<"n">>>(jacobian((x: Vector<Dim<"n">>) => Amn.matmul(x))(xn));
// a scalar of θ ∈ R^D (the 1×D gradient) is the M = 1 case of the same rule
expectType<Matrix<1, 3>>(jacobian((x: Vector<3>) => sumSquares(x))(x0));
expectType<Matrix<1, Dim<"n">>>(jacobian((x: Vector<Dim<"n">>) => sumSquares(x))(xn));

// ---------------------------------------------------------------- R → R^M (of a scalar t): Matrix<M, 1>

// seed 001/002 (S002-23): x(t) = [sin t; cos t] ∈ R^2, dx/dt = [cos t; −sin t] ∈ R^{2×1}
expectType<Matrix<2, 1>>(jacobian((t: Scalar) => mat([[sin(t)], [cos(t)]]))(t0));
expectType<Vector<2>>(jacobian((t: Scalar) => mat([[sin(t)], [cos(t)]]))(t0));
// symbolic M: t ↦ t·a, a ∈ R^m → m×1
const am = zeros(m, 1);
expectType<Matrix<Dim<"m">, 1>>(jacobian((t: Scalar) => am.scale(t))(t0));

// ---------------------------------------------------------------- a scalar of a scalar: Matrix<1, 1>

// seed 002 (S002-14): g(z) = tanh(z), z = xⁿ: dg/dx ∈ R^{1×1}
expectType<Matrix<1, 1>>(jacobian((t: Scalar) => tanh(t.mul(t)))(t0));
expectType<Scalar>(jacobian((t: Scalar) => sin(t))(t0));

// ---------------------------------------------------------------- scalar of X ∈ R^{M×N}: Tensor<[1], [M, N]>

// seed 000 (S000-17): f(X) = aᵀXb ∈ R, df/dX ∈ R^{1×(M×N)}
declare const a2: Vector<2>;
declare const b3: Vector<3>;
const X23 = zeros(2, 3);
expectType<Tensor<[1], [2, 3]>>(jacobian((X: Matrix<2, 3>) => a2.T.matmul(X).matmul(b3))(X23));
expectType<Tensor<[1], [Dim<"m">, Dim<"n">]>>(jacobian((X: Matrix<Dim<"m">, Dim<"n">>) => sumSquares(X))(Amn));

// ---------------------------------------------------------------- R^{M×N} → R^M: f = Ax w.r.t. A, Tensor<[M], [M, N]>

// seed 000 (S000-8): f = Ax ∈ R^M, df/dA ∈ R^{M×(M×N)}
declare const x3: Vector<3>;
expectType<Tensor<[2], [2, 3]>>(jacobian((A: Matrix<2, 3>) => A.matmul(x3))(X23));
// seed 002 (S002-27): z = Ax + b, ∂z/∂A ∈ R^{M×(M×N)}, ∂z/∂b = I ∈ R^{M×M}
expectType<{ A: Tensor<[2], [2, 3]>; b: Matrix<2, 2> }>(
  jacobian(({ A, b }: { A: Matrix<2, 3>; b: Vector<2> }) => A.matmul(x3).add(b))({ A: X23, b: zeros(2, 1) }),
);
// seed 002 (S002-27): f = tanh(Ax + b): ∂f/∂A ∈ R^{M×(M×N)}, ∂f/∂b ∈ R^{M×M}, symbolic M, N
expectType<{ A: Tensor<[Dim<"m">], [Dim<"m">, Dim<"n">]>; b: Matrix<Dim<"m">, Dim<"m">> }>(
  jacobian(({ A, b }: { A: Matrix<Dim<"m">, Dim<"n">>; b: Vector<Dim<"m">> }) => tanh(A.matmul(xn).add(b)))({ A: Amn, b: am }),
);
expectType<Tensor<[Dim<"m">], [Dim<"m">, Dim<"n">]>>(jacobian((A: Matrix<Dim<"m">, Dim<"n">>) => A.matmul(xn))(Amn));

// ---------------------------------------------------------------- R^{M×N} → R^{P×Q}: Tensor<[P, Q], [M, N]>

// seed 000 (S000-9): K = RᵀR ∈ R^{N×N}, R ∈ R^{M×N}: dK/dR ∈ R^{(N×N)×(M×N)}
const R43 = zeros(4, 3);
expectType<Tensor<[3, 3], [4, 3]>>(jacobian((R: Matrix<4, 3>) => R.T.matmul(R))(R43));
expectType<Tensor<[Dim<"n">, Dim<"n">], [Dim<"m">, Dim<"n">]>>(jacobian((R: Matrix<Dim<"m">, Dim<"n">>) => R.T.matmul(R))(Amn));
// X ↦ X (R^{2×3} → R^{2×3}): the identity tensor (2×3)×(2×3)
expectType<Tensor<[2, 3], [2, 3]>>(jacobian((X: Matrix<2, 3>) => X.scale(2))(X23));

// ---------------------------------------------------------------- R^3 → R^{4×2}: Tensor<[4, 2], [3]>

// seed 000/002 (S000-7, S002-26): A(x) ∈ R^{4×2} assembled from x ∈ R^3: dA/dx ∈ R^{4×2×3}
const Ax = (x: Vector<3>) =>
  mat([
    [at(x, 0), at(x, 1)],
    [at(x, 1).mul(at(x, 2)), at(x, 0)],
    [sin(at(x, 2)), at(x, 0).mul(at(x, 0))],
    [at(x, 2), at(x, 1)],
  ]);
expectType<Matrix<4, 2>>(Ax(x0));
expectType<Tensor<[4, 2], [3]>>(jacobian(Ax)(x0));
// the same rule for a matrix of a scalar: R → R^{4×2} is 4×2×1
expectType<Tensor<[4, 2], [1]>>(jacobian((t: Scalar) => zeros(4, 2).scale(t))(t0));
// and a row output of a vector: R^3 → R^{1×2} keeps the [1, 2] output dims
expectType<Tensor<[1, 2], [3]>>(jacobian((x: Vector<3>) => A.matmul(x).T)(x0));

// ---------------------------------------------------------------- negative: the input type is fixed by f

expectType<Matrix<2, 3>>(jacobian((x: Vector<3>) => A.matmul(x))(x0));
expectError(jacobian((x: Vector<3>) => A.matmul(x))(vec([1, 2])));
expectError(jacobian((x: Vector<3>) => A.matmul(x))(x0.T));
// f itself must type-check: A ∈ R^{2×3} cannot multiply x ∈ R^4
expectError(jacobian((x: Vector<4>) => A.matmul(x)));

// ---------------------------------------------------------------- jvp: J·v, shaped like the output

// seed 000: f(x) = Ax, J·v = Av ∈ R^2 for a tangent v ∈ R^3
declare const v3: Vector<3>;
expectType<{ out: Matrix<2, 1>; tangent: Matrix<2, 1> }>(jvp((x: Vector<3>) => A.matmul(x), x0, v3));
expectType<Vector<2>>(jvp((x: Vector<3>) => A.matmul(x), x0, v3).tangent);
// dx/dt · 1 for x(t) = [sin t; cos t]: the tangent is 2×1
expectType<Matrix<2, 1>>(jvp((t: Scalar) => mat([[sin(t)], [cos(t)]]), t0, scalar(1)).tangent);
// a record input: the tangent has the record's shape
expectType<{ out: Matrix<2, 1>; tangent: Matrix<2, 1> }>(
  jvp(({ A, b }: { A: Matrix<2, 3>; b: Vector<2> }) => A.matmul(x3).add(b), { A: X23, b }, { A: X23, b }),
);
// the tangent must have the input's shape (R^3), not R^2 or 1×3
expectError(jvp((x: Vector<3>) => A.matmul(x), x0, vec([1, 2])));
expectError(jvp((x: Vector<3>) => A.matmul(x), x0, x0.T));

// ---------------------------------------------------------------- vjp: ȳ ↦ ȳᵀJ, shaped like the input

// seed 000: f(x) = Ax, the pullback of ȳ ∈ R^2 is Aᵀȳ ∈ R^3 (input-shaped, so in denominator layout)
declare const ybar: Vector<2>;
expectType<{ out: Matrix<2, 1>; pullback: (ct: Matrix<2, 1>) => Denominator<Vector<3>> }>(vjp((x: Vector<3>) => A.matmul(x), x0));
expectType<Denominator<Vector<3>>>(vjp((x: Vector<3>) => A.matmul(x), x0).pullback(ybar));
// a matrix input: the pullback gives a cotangent shaped like A ∈ R^{2×3}
expectType<Denominator<Matrix<2, 3>>>(vjp((A: Matrix<2, 3>) => A.matmul(x3), X23).pullback(ybar));
// a record input: one cotangent per parameter
expectType<{ A: Denominator<Matrix<2, 3>>; b: Denominator<Vector<2>> }>(vjp(({ A, b }: { A: Matrix<2, 3>; b: Vector<2> }) => A.matmul(x3).add(b), { A: X23, b }).pullback(ybar));
// the cotangent must have the output's shape (R^2)
expectError(vjp((x: Vector<3>) => A.matmul(x), x0).pullback(x0));
expectError(vjp((x: Vector<3>) => A.matmul(x), x0).pullback(ybar.T));
