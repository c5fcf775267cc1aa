/**
 * Derivative shapes (numerator layout, DESIGN.md "Conventions").
 *
 * A value contributes dims to a derivative: a scalar (1×1) contributes `[1]`, a column vector N×1
 * contributes `[N]`, any other R×C matrix `[R, C]`. The derivative of an output with dims T with
 * respect to an input with dims I has shape `[...T, ...I]`. With two dims in all it is a `Matrix`;
 * otherwise a `Tensor<T, I>` that keeps the output/input split in its type.
 */
import type { SameDim } from "./shape";
import type { ShapeMismatch } from "./dim";

/**
 * The dims of one side of a derivative (`Tensor<Out, In>`): a tuple such as `[2]` or `[2, 3]`.
 * @example
 * ```ts
 * const d: Dims = [2, 3];
 * const T = tensor([2], [2, 3], new Float64Array(12));
 * const out = T.outDims;                   // [2]
 * ```
 */
export type Dims = readonly number[];

/**
 * The dims a matrix of shape R×C contributes to a derivative.
 * @example
 * ```ts
 * type S = DimsOf<1, 1>;                    // [1]
 * type V = DimsOf<3, 1>;                    // [3]
 * type M = DimsOf<2, 3>;                    // [2, 3]
 * ```
 */
export type DimsOf<R extends number, C extends number> = SameDim<C, 1> extends true ? (SameDim<R, 1> extends true ? [1] : [R]) : [R, C];

/** Text of a dims tuple for messages: `[2, 3]` → `"2×3"`. */
export type FmtDims<D extends Dims> = D extends readonly [infer H extends number]
  ? `${DimText<H>}`
  : D extends readonly [infer H extends number, ...infer T extends Dims]
    ? `${DimText<H>}×${FmtDims<T>}`
    : "()";

type DimText<D extends number> = import("./dim").DimName<D>;

/** Exact equality of two dims tuples. */
export type SameDims<A extends Dims, B extends Dims> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;

/** `unknown` when the intermediate dims of a chain product agree, else a readable error. */
export type CheckChain<Op extends string, AIn extends Dims, BOut extends Dims> =
  SameDims<AIn, BOut> extends true ? unknown : ShapeMismatch<`${Op}: intermediate dims differ (the outer derivative takes ${FmtDims<AIn>}, the inner one produces ${FmtDims<BOut>})`>;

declare const layoutBrand: unique symbol;

/**
 * A derivative in denominator layout (seeds 003–004): gradients shaped like the input, Jacobians
 * transposed, chain rules in reverse order. The brand exists only in the types; it keeps such a
 * value out of numerator-layout `chain` products (and numerator values out of `chainT`).
 * @example
 * ```ts
 * const g = gradient((v: Vector<3>) => sumSquares(v))(vec([1, 2, 3]));   // Denominator<Vector<3>>
 * const x = vec([1, 2, 3]).sub(g.scale(0.1));                            // Matrix<3, 1>
 * ```
 */
export type Denominator<M> = M & { readonly [layoutBrand]: "denominator" };

/** `unknown` for a numerator-layout derivative; an error for a denominator-layout one. */
export type CheckNumerator<Op extends string, A> = A extends { readonly [layoutBrand]: "denominator" }
  ? ShapeMismatch<`${Op}: this derivative is in denominator layout (from gradient/jacobianT); use chainT for those, or grad/jacobian for numerator layout`>
  : unknown;

/** `unknown` for a denominator-layout derivative; an error otherwise. */
export type CheckDenominator<Op extends string, A> = A extends { readonly [layoutBrand]: "denominator" }
  ? unknown
  : ShapeMismatch<`${Op}: expected a denominator-layout derivative (from gradient/jacobianT); numerator-layout ones go in chain`>;
