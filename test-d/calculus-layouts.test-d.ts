/**
 * The two layouts, kept apart by the types (DESIGN.md "Conventions"). Numerator layout (seeds
 * 000–002, the default): `grad`, `jacobian`, `chain(outer, inner)`. Denominator layout (seeds
 * 003–004): `gradient` is input-shaped, `jacobianT` is N×M for R^N → R^M, and `chainT` multiplies in
 * the reversed order ∂z/∂x = ∂y/∂x · ∂z/∂y. Denominator values carry a type-only brand
 * (`Denominator<…>`), so mixing the layouts in one chain product does not compile.
 */
import { expectError, expectType } from "tsd";
import {
  asDenominator, chain, chainT, dim, eye, grad, gradient, jacobian, jacobianT, sigmoid, sin, sumSquares, scalar, tanh, vec, zeros,
  type Denominator, type Dim, type Matrix, type Scalar, type Vector,
} from "../src/index";

// g: R^3 → R^2, g(x) = Aᵀx with A ∈ R^{3×2} (seed 004, S004-6); f: R^2 → R, f(y) = ‖y‖² (S004-3)
declare const A: Matrix<3, 2>;
const g = (x: Vector<3>) => A.T.matmul(x);
const f = (y: Vector<2>) => sumSquares(y);
const k = (y: Vector<2>) => tanh(y); // R^2 → R^2
const x0 = vec([1, 2, 3]);
const y0 = g(x0);

// ---------------------------------------------------------------- jacobianT: N×M for R^N → R^M

// seed 004 (S004-6): f(x) = Aᵀx, A ∈ R^{d×n}: ∂f/∂x = A ∈ R^{d×n} (the transpose of numerator d f/dx ∈ R^{n×d})
expectType<Denominator<Matrix<3, 2>>>(jacobianT(g)(x0));
expectType<Matrix<2, 3>>(jacobian(g)(x0));
// a denominator Jacobian is still a matrix; its transpose is the numerator-layout Jacobian (unbranded)
expectType<Matrix<2, 3>>(jacobianT(g)(x0).T);
// a scalar output (M = 1): the N×1 input-shaped gradient
expectType<Denominator<Matrix<3, 1>>>(jacobianT((x: Vector<3>) => sumSquares(x))(x0));
// symbolic: R^n → R^m gives n×m
const n = dim("n", 5);
declare const Amn: Matrix<Dim<"m">, Dim<"n">>;
expectType<Denominator<Matrix<Dim<"n">, Dim<"m">>>>(jacobianT((x: Vector<Dim<"n">>) => Amn.matmul(x))(zeros(n, 1)));
// jacobianT is only for vector inputs and outputs
expectType<Denominator<Matrix<3, 2>>>(jacobianT(g)(x0));
expectError(jacobianT((X: Matrix<3, 2>) => X.T.matmul(x0)));
expectError(jacobianT((x: Vector<3>) => x.matmul(x0.T)));

// ---------------------------------------------------------------- chainT: ∂z/∂x = ∂y/∂x · ∂z/∂y

// seed 004 (S004-7, S004-8): z = ‖Aᵀx‖², ∂z/∂x (R^3) = ∂y/∂x (R^{3×2}) · ∂z/∂y (R^2) = 2AAᵀx
expectType<Denominator<Vector<3>>>(chainT(jacobianT(g)(x0), gradient(f)(y0)));
expectType<Denominator<Matrix<3, 1>>>(chainT(jacobianT(g)(x0), gradient(f)(y0)));
expectType<Denominator<Vector<3>>>(gradient((x: Vector<3>) => f(g(x)))(x0)); // the same shape, by autodiff
// and the update θ ← θ − α∇L with it
expectType<Matrix<3, 1>>(x0.sub(chainT(jacobianT(g)(x0), gradient(f)(y0)).scale(0.1)));
// seed 004 (S004-9): f(x) = Bᵀσ(Aᵀx), ∂f/∂x = (∂u/∂x)(∂σ/∂u)(∂f/∂σ): d×n · n×n · n×m → d×m
declare const B: Matrix<2, 4>;
const u0 = A.T.matmul(x0);
const du_dx = jacobianT(g)(x0); // A ∈ R^{3×2}
const dsig_du = jacobianT((u: Vector<2>) => sigmoid(u))(u0); // diag(σ′(u)) ∈ R^{2×2}
const df_dsig = jacobianT((s: Vector<2>) => B.T.matmul(s))(sigmoid(u0)); // B ∈ R^{2×4}
expectType<Denominator<Matrix<2, 2>>>(dsig_du);
expectType<Denominator<Matrix<2, 4>>>(df_dsig);
expectType<Denominator<Matrix<3, 4>>>(chainT(chainT(du_dx, dsig_du), df_dsig));
expectType<Denominator<Matrix<3, 4>>>(jacobianT((x: Vector<3>) => B.T.matmul(sigmoid(A.T.matmul(x))))(x0));
// hand-written factors enter through asDenominator
expectType<Denominator<Matrix<3, 2>>>(asDenominator(A));
expectType<Denominator<Matrix<3, 4>>>(chainT(chainT(asDenominator(A), asDenominator(eye(2))), asDenominator(B)));
// symbolic: n×m · m×1 → n×1
declare const dy_dxS: Denominator<Matrix<Dim<"n">, Dim<"m">>>;
declare const dz_dyS: Denominator<Vector<Dim<"m">>>;
expectType<Denominator<Vector<Dim<"n">>>>(chainT(dy_dxS, dz_dyS));

// ---------------------------------------------------------------- negative: chainT with mismatched dims

// ∂y/∂x ∈ R^{3×2} needs ∂z/∂y ∈ R^2, not R^3
expectType<Denominator<Vector<3>>>(chainT(jacobianT(g)(x0), gradient(f)(y0)));
expectError(chainT(jacobianT(g)(x0), gradient((x: Vector<3>) => f(g(x)))(x0)));
// the numerator order does not type-check in chainT: ∂z/∂y (2×1) · ∂y/∂x (3×2)
expectError(chainT(gradient(f)(y0), jacobianT(g)(x0)));
// symbolic names must agree
expectError(chainT(dy_dxS, {} as Denominator<Vector<Dim<"n">>>));

// ---------------------------------------------------------------- the same chain in both layouts

// numerator: ∂z/∂x = ∂z/∂y · ∂y/∂x = (1×2)(2×3) ∈ R^{1×3}; denominator: (3×2)(2×1) ∈ R^3
expectType<Matrix<1, 3>>(chain(grad(f)(y0), jacobian(g)(x0)));
expectType<Denominator<Matrix<3, 1>>>(chainT(jacobianT(g)(x0), gradient(f)(y0)));
// transposing a denominator-layout factor gives its numerator-layout form (an ordinary Matrix)
expectType<Matrix<1, 3>>(chain(gradient(f)(y0).T, jacobianT(g)(x0).T));

// ---------------------------------------------------------------- negative: mixing layouts in chain

// the outer factor from gradient: ∂L/∂s for a scalar s is 1×1 in both layouts, yet only grad's may enter chain
const Ls = (s: Scalar) => sin(s);
const s0 = scalar(0.2);
const ds_dx = jacobian((x: Vector<3>) => sumSquares(x))(x0); // 1×3
expectType<Matrix<1, 3>>(chain(grad(Ls)(s0), ds_dx));
expectError(chain(gradient(Ls)(s0), ds_dx));
// the outer factor from jacobianT: k: R^2 → R^2 has a 2×2 Jacobian in both layouts
expectType<Matrix<2, 3>>(chain(jacobian(k)(y0), jacobian(g)(x0)));
expectError(chain(jacobianT(k)(y0), jacobian(g)(x0)));
// the inner factor from jacobianT or gradient
expectType<Matrix<2, 2>>(chain(jacobian(k)(y0), jacobian(k)(y0)));
expectError(chain(jacobian(k)(y0), jacobianT(k)(y0)));
expectType<Matrix<1, 1>>(chain(grad(Ls)(s0), grad(Ls)(s0)));
expectError(chain(grad(Ls)(s0), gradient(Ls)(s0)));
// a branded value stays branded through asDenominator
expectType<Matrix<2, 4>>(chain(jacobian(k)(y0), B));
expectError(chain(jacobian(k)(y0), asDenominator(B)));

// ---------------------------------------------------------------- negative: mixing layouts in chainT

// chainT takes denominator-layout factors only
// (NOTE: the message is TypeScript's "Property '[layoutBrand]' is missing in type 'Matrix<2, 2>'": chainT's
// CheckDenominator<"chainT", Denominator<Matrix<M2, K>>> tests the declared type, which is always branded, so
// its readable "chainT: expected a denominator-layout derivative …" never appears, and dydx has no check at all)
expectType<Denominator<Matrix<2, 2>>>(chainT(jacobianT(k)(y0), jacobianT(k)(y0)));
expectError(chainT(jacobian(k)(y0), jacobianT(k)(y0)));
expectError(chainT(jacobianT(k)(y0), jacobian(k)(y0)));
expectError(chainT(jacobian(k)(y0), jacobian(k)(y0)));
// a numerator gradient, even transposed to the right shape, must be marked before it enters chainT
expectType<Denominator<Matrix<3, 1>>>(chainT(jacobianT(g)(x0), asDenominator(grad(f)(y0).T)));
expectError(chainT(jacobianT(g)(x0), grad(f)(y0).T));
