/**
 * Dimensions at the type level.
 *
 * A dimension is either a numeric literal type (`3`, a size known when the code is written) or a
 * named symbolic dimension `Dim<"n">` (a size known only at run time, made by `dim("n", rows.length)`).
 * `Dim<"n">` is a branded `number`: at run time it is the size itself, in the types it carries its
 * name, so `Dim<"n">` and `Dim<"m">` never unify and neither unifies with a literal.
 */

declare const dimName: unique symbol;

/** A named dimension whose size is known only at run time. At run time it is the number itself. */
export type Dim<Name extends string = string> = number & { readonly [dimName]: Name };

/** Anything that may stand for a dimension in a type: a numeric literal or a `Dim<Name>`. */
export type DimLike = number;

/** The name of a symbolic dim, or the decimal text of a literal one (`3` → `"3"`). */
export type DimName<D extends number> = D extends Dim<infer N> ? N : `${D}`;

/** True when `D` is a symbolic (named) dimension. */
export type IsSymbolic<D extends number> = D extends { readonly [dimName]: string } ? true : false;

/** A readable compile-time error. The message shows up in the editor as part of the expected type. */
export interface ShapeMismatch<Message extends string> {
  readonly __shapeError: Message;
}

/** `D` itself when it is a usable dimension; an error type naming the problem when it is bare `number`. */
export type CheckDim<D extends number> = number extends D
  ? IsSymbolic<D> extends true
    ? D
    : ShapeMismatch<"a bare `number` is not a dimension: use a literal such as 3, or dim(\"n\", size) for a size known only at run time">
  : D;
