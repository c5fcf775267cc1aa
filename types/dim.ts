/**
 * Dimensions at the type level.
 *
 * A dimension is either a numeric literal type (`3`, a size known when the code is written) or a
 * named symbolic dimension `Dim<"n">` (a size known only at run time, made by `dim("n", rows.length)`).
 * `Dim<"n">` is a branded `number`: at run time it is the size itself, in the types it carries its
 * name, so `Dim<"n">` and `Dim<"m">` never unify and neither unifies with a literal.
 */

declare const dimName: unique symbol;

/**
 * A named dimension whose size is known only at run time. At run time it is the number itself.
 * @example
 * ```ts
 * const n = dim("n", 10);                   // Dim<"n">: the value is 10
 * const X = zeros(n, 3);                    // Matrix<Dim<"n">, 3>
 * const m = dim("m", 10);
 * // X.add(zeros(m, 3)) does not compile: Dim<"m"> is not Dim<"n">, whatever the values
 * ```
 */
export type Dim<Name extends string = string> = number & Named<Name>;

/** The brand of a named dim: an interface, so that messages print `number & Named<"n">` for `Dim<"n">`. */
export interface Named<Name extends string> {
  readonly [dimName]: Name;
}

/**
 * Anything that may stand for a dimension in a type: a numeric literal or a `Dim<Name>`.
 * @example
 * ```ts
 * function rowCount<R extends DimLike, C extends DimLike>(a: Matrix<R, C>): R {
 *   return a.rows;
 * }
 * const r = rowCount(mat([[1, 2], [3, 4], [5, 6]]));   // 3
 * ```
 */
export type DimLike = number;

/**
 * The name of a symbolic dim, or the decimal text of a literal one (`3` → `"3"`). Reads the name
 * off the brand rather than matching `Dim<infer N>`: the same result, without the fresh inference
 * variable that every instantiation of an `infer` conditional makes (bench/typecheck).
 */
export type DimName<D extends number> = D extends Named<string> ? D[typeof dimName] : `${D}`;

/** True when `D` is a symbolic (named) dimension. */
export type IsSymbolic<D extends number> = D extends { readonly [dimName]: string } ? true : false;

/**
 * A readable compile-time error. The message shows up in the editor as part of the expected type.
 * @example
 * ```ts
 * type E = ShapeMismatch<"matmul: inner dimensions differ (2×3 · 2×3)">;
 * const A = mat([[1, 2, 3], [4, 5, 6]]);    // Matrix<2, 3>
 * // A.matmul(A) does not compile: its parameter type is 'Matrix<3, 3> | (Matrix<2, 3> & E)',
 * // so the compiler's message quotes the text of E
 * ```
 */
export interface ShapeMismatch<Message extends string> {
  readonly __shapeError: Message;
}

/**
 * `D` itself when it is a usable dimension; an error type naming the problem when it is bare `number`.
 * @example
 * ```ts
 * // a helper that takes a dimension: a literal or a Dim<"…"> passes, a bare number does not compile
 * function column<N extends number>(n: N & CheckDim<N>): Vector<N> {
 *   return zeros<N, 1>(n, 1);
 * }
 * const c = column(4);                      // Vector<4>
 * ```
 */
export type CheckDim<D extends number> = number extends D
  ? IsSymbolic<D> extends true
    ? D
    : ShapeMismatch<"a bare `number` is not a dimension: use a literal such as 3, or dim(\"n\", size) for a size known only at run time">
  : D;

/**
 * `T`, but not a place TypeScript infers `T` from (like `NoInfer<T>`, which editors print literally
 * for named dims): `{ v: T }[T extends unknown ? "v" : never]` is an indexed access, which inference
 * skips and which evaluates to `T` once `T` is known.
 *
 * The box is an object type, not the tuple `[T]`: reading `[T][0]` makes the compiler instantiate
 * `Array<T>` (and its bases) and resolve all their members once per dimension value, which was about
 * a third of the check time of `a.sub(b)` on dims not seen before (bench/typecheck).
 */
export type Known<T> = { v: T }[T extends unknown ? "v" : never];

/** A type indexed by any number, to `unknown`: `Deferred`'s lookup table. */
interface AnyIndex {
  readonly [k: number]: unknown;
}

/**
 * `unknown` once `D` is known (a literal, a `Dim<"n">`, `number`, `any`), which leaves an intersection
 * `T & Deferred<D>` equal to `T`; while `D` is still a type parameter it is a deferred indexed access,
 * so the intersection is not an object type. For a result type that TypeScript would otherwise
 * resolve member by member before inference (see `Matrix.matmul`). An indexed access rather than a
 * conditional type: the same effect with fewer instantiations (bench/typecheck).
 */
export type Deferred<D extends number> = AnyIndex[D];
