/**
 * Shape rules at the type level.
 *
 * Every binary shape rule takes the dims of BOTH operands as separate type parameters and compares
 * them afterwards. Inferring one shared parameter from two arguments would let TypeScript widen it to
 * a union (`3 | 5`) and accept a mismatch; comparing two separately inferred parameters cannot.
 * A failed rule intersects the offending parameter with `ShapeMismatch<"…">`, so the editor quotes the
 * message. Two ways of offering it:
 * - the operators (`matmul`, `add`, `sub`, `mul`, `div`, `scale`, `addScalar`, `addToCols`,
 *   `addToRows`) have two signatures: the first is the shape that fits (the other operand's dims
 *   fixed by the receiver, or wrapped in `Known<…>` so that TypeScript does not infer them from the
 *   argument), which costs a well-shaped call no conditional type; the second is reached only when
 *   the first fails and takes `Matrix<R2, C2> & CheckSame<…>`, whose message the compiler prints;
 * - the other rules take one parameter type `Matrix<Known<C>, C2> | (Matrix<K2, C2> & CheckDimEq<…>)`:
 *   the first member is the shape that would fit (it also lets generic code such as `x.mul(x)` for
 *   `x: Matrix<R, C>` type-check, where the conditional rule cannot be decided).
 */
import type { DimName, ShapeMismatch } from "./dim";

/** Exact type equality of two dims (no widening: `3` ≠ `number`, `Dim<"n">` ≠ `Dim<"m">`). */
export type SameDim<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;

/** `R×C` as text, with symbolic dims by name: `Fmt<2, Dim<"n">>` is `"2×n"`. */
export type Fmt<R extends number, C extends number> = `${DimName<R>}×${DimName<C>}`;

/** `unknown` (no constraint) when the inner dims agree, else a readable error. */
export type CheckInner<Op extends string, R extends number, K extends number, K2 extends number, C extends number> =
  SameDim<K, K2> extends true ? unknown : ShapeMismatch<`${Op}: inner dimensions differ (${Fmt<R, K>} · ${Fmt<K2, C>})`>;

/** `unknown` when both operands have the same shape, else a readable error. */
export type CheckSame<Op extends string, R extends number, C extends number, R2 extends number, C2 extends number> =
  SameDim<R, R2> extends true
    ? SameDim<C, C2> extends true
      ? unknown
      : ShapeMismatch<`${Op}: shapes differ (${Fmt<R, C>} vs ${Fmt<R2, C2>})`>
    : ShapeMismatch<`${Op}: shapes differ (${Fmt<R, C>} vs ${Fmt<R2, C2>})`>;

/** `unknown` when the destination `out` (R2×C2) has the result's shape R×C, else a readable error. */
export type CheckOut<Op extends string, R extends number, C extends number, R2 extends number, C2 extends number> =
  SameDim<R, R2> extends true
    ? SameDim<C, C2> extends true
      ? unknown
      : ShapeMismatch<`${Op}: out is ${Fmt<R2, C2>}, but the result is ${Fmt<R, C>}`>
    : ShapeMismatch<`${Op}: out is ${Fmt<R2, C2>}, but the result is ${Fmt<R, C>}`>;

/** `unknown` when two dims agree, else an error naming what had to agree. */
export type CheckDimEq<Message extends string, A extends number, B extends number> =
  SameDim<A, B> extends true ? unknown : ShapeMismatch<Message>;

/** `unknown` for a square matrix, else an error. */
export type CheckSquare<Op extends string, R extends number, C extends number> =
  SameDim<R, C> extends true ? unknown : ShapeMismatch<`${Op}: matrix must be square (got ${Fmt<R, C>})`>;

/** `unknown` for a 1×1 matrix (a scalar), else an error. */
export type CheckScalar<Op extends string, R extends number, C extends number> =
  SameDim<R, 1> extends true
    ? SameDim<C, 1> extends true
      ? unknown
      : ShapeMismatch<`${Op}: expected a scalar (1×1), got ${Fmt<R, C>}`>
    : ShapeMismatch<`${Op}: expected a scalar (1×1), got ${Fmt<R, C>}`>;

