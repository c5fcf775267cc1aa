/**
 * Type-level arithmetic on dimensions: `Mul`, `Add`, `Sub`, `Product`.
 *
 * Literal dimensions are computed exactly, digit by digit, on their decimal text (schoolbook
 * addition, subtraction and multiplication driven by the small digit tables below). No tuple
 * lengths are involved, so the cost grows with the number of digits (about len(A) × len(B) table
 * look-ups for a product), not with the size of the numbers: `Mul<1000000, 1000000>` is as cheap
 * as `Mul<3, 4>` give or take a few dozen steps, and nothing recurses deeper than ~20 levels.
 *
 * Symbolic dimensions (`Dim<"n">`) cannot be computed, so they produce a new named dimension whose
 * name spells the expression (`Mul<Dim<"n">, 3>` is `Dim<"n·3">`). A bare `number` (a size that is
 * neither a literal nor a named dim) makes the result `number`.
 *
 * All four types distribute over unions (`Mul<2 | 3, 4>` is `8 | 12`).
 */

import type { Dim, DimName, IsSymbolic } from "./dim";

// ---------------------------------------------------------------------------------------------
// Digit tables. Every entry is a two-character string: a carry/borrow digit, then a result digit.
// ---------------------------------------------------------------------------------------------

type Digit = "0" | "1" | "2" | "3" | "4" | "5" | "6" | "7" | "8" | "9";
type Bit = "0" | "1";

/** `AddT[carry][a][b]` is a + b + carry as "<carry out><digit>". */
type AddT = {
  "0": {
    "0": { "0": "00", "1": "01", "2": "02", "3": "03", "4": "04", "5": "05", "6": "06", "7": "07", "8": "08", "9": "09" };
    "1": { "0": "01", "1": "02", "2": "03", "3": "04", "4": "05", "5": "06", "6": "07", "7": "08", "8": "09", "9": "10" };
    "2": { "0": "02", "1": "03", "2": "04", "3": "05", "4": "06", "5": "07", "6": "08", "7": "09", "8": "10", "9": "11" };
    "3": { "0": "03", "1": "04", "2": "05", "3": "06", "4": "07", "5": "08", "6": "09", "7": "10", "8": "11", "9": "12" };
    "4": { "0": "04", "1": "05", "2": "06", "3": "07", "4": "08", "5": "09", "6": "10", "7": "11", "8": "12", "9": "13" };
    "5": { "0": "05", "1": "06", "2": "07", "3": "08", "4": "09", "5": "10", "6": "11", "7": "12", "8": "13", "9": "14" };
    "6": { "0": "06", "1": "07", "2": "08", "3": "09", "4": "10", "5": "11", "6": "12", "7": "13", "8": "14", "9": "15" };
    "7": { "0": "07", "1": "08", "2": "09", "3": "10", "4": "11", "5": "12", "6": "13", "7": "14", "8": "15", "9": "16" };
    "8": { "0": "08", "1": "09", "2": "10", "3": "11", "4": "12", "5": "13", "6": "14", "7": "15", "8": "16", "9": "17" };
    "9": { "0": "09", "1": "10", "2": "11", "3": "12", "4": "13", "5": "14", "6": "15", "7": "16", "8": "17", "9": "18" };
  };
  "1": {
    "0": { "0": "01", "1": "02", "2": "03", "3": "04", "4": "05", "5": "06", "6": "07", "7": "08", "8": "09", "9": "10" };
    "1": { "0": "02", "1": "03", "2": "04", "3": "05", "4": "06", "5": "07", "6": "08", "7": "09", "8": "10", "9": "11" };
    "2": { "0": "03", "1": "04", "2": "05", "3": "06", "4": "07", "5": "08", "6": "09", "7": "10", "8": "11", "9": "12" };
    "3": { "0": "04", "1": "05", "2": "06", "3": "07", "4": "08", "5": "09", "6": "10", "7": "11", "8": "12", "9": "13" };
    "4": { "0": "05", "1": "06", "2": "07", "3": "08", "4": "09", "5": "10", "6": "11", "7": "12", "8": "13", "9": "14" };
    "5": { "0": "06", "1": "07", "2": "08", "3": "09", "4": "10", "5": "11", "6": "12", "7": "13", "8": "14", "9": "15" };
    "6": { "0": "07", "1": "08", "2": "09", "3": "10", "4": "11", "5": "12", "6": "13", "7": "14", "8": "15", "9": "16" };
    "7": { "0": "08", "1": "09", "2": "10", "3": "11", "4": "12", "5": "13", "6": "14", "7": "15", "8": "16", "9": "17" };
    "8": { "0": "09", "1": "10", "2": "11", "3": "12", "4": "13", "5": "14", "6": "15", "7": "16", "8": "17", "9": "18" };
    "9": { "0": "10", "1": "11", "2": "12", "3": "13", "4": "14", "5": "15", "6": "16", "7": "17", "8": "18", "9": "19" };
  };
};
/** `SubT[borrow][a][b]` is a − b − borrow as "<borrow out><digit>" (the digit taken mod 10). */
type SubT = {
  "0": {
    "0": { "0": "00", "1": "19", "2": "18", "3": "17", "4": "16", "5": "15", "6": "14", "7": "13", "8": "12", "9": "11" };
    "1": { "0": "01", "1": "00", "2": "19", "3": "18", "4": "17", "5": "16", "6": "15", "7": "14", "8": "13", "9": "12" };
    "2": { "0": "02", "1": "01", "2": "00", "3": "19", "4": "18", "5": "17", "6": "16", "7": "15", "8": "14", "9": "13" };
    "3": { "0": "03", "1": "02", "2": "01", "3": "00", "4": "19", "5": "18", "6": "17", "7": "16", "8": "15", "9": "14" };
    "4": { "0": "04", "1": "03", "2": "02", "3": "01", "4": "00", "5": "19", "6": "18", "7": "17", "8": "16", "9": "15" };
    "5": { "0": "05", "1": "04", "2": "03", "3": "02", "4": "01", "5": "00", "6": "19", "7": "18", "8": "17", "9": "16" };
    "6": { "0": "06", "1": "05", "2": "04", "3": "03", "4": "02", "5": "01", "6": "00", "7": "19", "8": "18", "9": "17" };
    "7": { "0": "07", "1": "06", "2": "05", "3": "04", "4": "03", "5": "02", "6": "01", "7": "00", "8": "19", "9": "18" };
    "8": { "0": "08", "1": "07", "2": "06", "3": "05", "4": "04", "5": "03", "6": "02", "7": "01", "8": "00", "9": "19" };
    "9": { "0": "09", "1": "08", "2": "07", "3": "06", "4": "05", "5": "04", "6": "03", "7": "02", "8": "01", "9": "00" };
  };
  "1": {
    "0": { "0": "19", "1": "18", "2": "17", "3": "16", "4": "15", "5": "14", "6": "13", "7": "12", "8": "11", "9": "10" };
    "1": { "0": "00", "1": "19", "2": "18", "3": "17", "4": "16", "5": "15", "6": "14", "7": "13", "8": "12", "9": "11" };
    "2": { "0": "01", "1": "00", "2": "19", "3": "18", "4": "17", "5": "16", "6": "15", "7": "14", "8": "13", "9": "12" };
    "3": { "0": "02", "1": "01", "2": "00", "3": "19", "4": "18", "5": "17", "6": "16", "7": "15", "8": "14", "9": "13" };
    "4": { "0": "03", "1": "02", "2": "01", "3": "00", "4": "19", "5": "18", "6": "17", "7": "16", "8": "15", "9": "14" };
    "5": { "0": "04", "1": "03", "2": "02", "3": "01", "4": "00", "5": "19", "6": "18", "7": "17", "8": "16", "9": "15" };
    "6": { "0": "05", "1": "04", "2": "03", "3": "02", "4": "01", "5": "00", "6": "19", "7": "18", "8": "17", "9": "16" };
    "7": { "0": "06", "1": "05", "2": "04", "3": "03", "4": "02", "5": "01", "6": "00", "7": "19", "8": "18", "9": "17" };
    "8": { "0": "07", "1": "06", "2": "05", "3": "04", "4": "03", "5": "02", "6": "01", "7": "00", "8": "19", "9": "18" };
    "9": { "0": "08", "1": "07", "2": "06", "3": "05", "4": "04", "5": "03", "6": "02", "7": "01", "8": "00", "9": "19" };
  };
};
/** `MulT[a][b]` is a × b as "<tens><units>". */
type MulT = {
  "0": { "0": "00", "1": "00", "2": "00", "3": "00", "4": "00", "5": "00", "6": "00", "7": "00", "8": "00", "9": "00" };
  "1": { "0": "00", "1": "01", "2": "02", "3": "03", "4": "04", "5": "05", "6": "06", "7": "07", "8": "08", "9": "09" };
  "2": { "0": "00", "1": "02", "2": "04", "3": "06", "4": "08", "5": "10", "6": "12", "7": "14", "8": "16", "9": "18" };
  "3": { "0": "00", "1": "03", "2": "06", "3": "09", "4": "12", "5": "15", "6": "18", "7": "21", "8": "24", "9": "27" };
  "4": { "0": "00", "1": "04", "2": "08", "3": "12", "4": "16", "5": "20", "6": "24", "7": "28", "8": "32", "9": "36" };
  "5": { "0": "00", "1": "05", "2": "10", "3": "15", "4": "20", "5": "25", "6": "30", "7": "35", "8": "40", "9": "45" };
  "6": { "0": "00", "1": "06", "2": "12", "3": "18", "4": "24", "5": "30", "6": "36", "7": "42", "8": "48", "9": "54" };
  "7": { "0": "00", "1": "07", "2": "14", "3": "21", "4": "28", "5": "35", "6": "42", "7": "49", "8": "56", "9": "63" };
  "8": { "0": "00", "1": "08", "2": "16", "3": "24", "4": "32", "5": "40", "6": "48", "7": "56", "8": "64", "9": "72" };
  "9": { "0": "00", "1": "09", "2": "18", "3": "27", "4": "36", "5": "45", "6": "54", "7": "63", "8": "72", "9": "81" };
};

// ---------------------------------------------------------------------------------------------
// Digit strings. Internally numbers are kept least significant digit first ("reversed"), which
// lets every loop below walk both operands from the left with one template-literal match.
// ---------------------------------------------------------------------------------------------

/**
 * Reverse a string of decimal digits. `never` when `S` holds anything but
 * digits (a negative, fractional or exponent-notation literal such as `-1`, `2.5`, `1e+21`).
 */
type Reverse<S extends string, Acc extends string = ""> =
  S extends `${infer D extends Digit}${infer Rest extends string}`
    ? Reverse<Rest, `${D}${Acc}`>
    : S extends ""
      ? Acc
      : never;

/** Drop leading zeros of a digit string (normal order); "000" becomes "0". */
type TrimZeros<S extends string> = S extends `0${infer Rest extends string}`
  ? Rest extends ""
    ? "0"
    : TrimZeros<Rest>
  : S;

/**
 * Decimal text → numeric literal. When the text has no exact `number` (beyond 2^53 the nearest
 * double prints differently), TypeScript infers plain `number`, which is what we want.
 */
type ToNumber<S extends string> = S extends `${infer N extends number}` ? N : number;

/** Sum of two reversed digit strings, reversed. */
type AddRev<A extends string, B extends string, Carry extends Bit = "0", Acc extends string = ""> =
  A extends `${infer DA extends Digit}${infer RA extends string}`
    ? B extends `${infer DB extends Digit}${infer RB extends string}`
      ? AddT[Carry][DA][DB] extends `${infer C extends Bit}${infer D extends Digit}`
        ? AddRev<RA, RB, C, `${Acc}${D}`>
        : never
      : Carry extends "0"
        ? `${Acc}${A}`
        : AddRev<A, "0", Carry, Acc>
    : B extends ""
      ? Carry extends "0"
        ? Acc
        : `${Acc}1`
      : Carry extends "0"
        ? `${Acc}${B}`
        : AddRev<"0", B, Carry, Acc>;

/** A − B for reversed digit strings with A ≥ B, reversed (may end in zeros); `never` if A < B. */
type SubRev<A extends string, B extends string, Borrow extends Bit = "0", Acc extends string = ""> =
  A extends `${infer DA extends Digit}${infer RA extends string}`
    ? B extends `${infer DB extends Digit}${infer RB extends string}`
      ? SubT[Borrow][DA][DB] extends `${infer C extends Bit}${infer D extends Digit}`
        ? SubRev<RA, RB, C, `${Acc}${D}`>
        : never
      : Borrow extends "0"
        ? `${Acc}${A}`
        : SubRev<A, "0", Borrow, Acc>
    : B extends ""
      ? Borrow extends "0"
        ? Acc
        : never
      : never; // B has more digits than A (both are free of leading zeros), so B > A

/** Reversed digit string × one digit, reversed. */
type MulDigitRev<A extends string, M extends Digit, Carry extends Digit = "0", Acc extends string = ""> =
  A extends `${infer DA extends Digit}${infer RA extends string}`
    ? MulT[DA][M] extends `${infer T extends Digit}${infer U extends Digit}`
      ? AddT["0"][U][Carry] extends `${infer X extends Bit}${infer D extends Digit}`
        ? AddT[X][T]["0"] extends `0${infer C extends Digit}` // T + X ≤ 9: never carries
          ? MulDigitRev<RA, M, C, `${Acc}${D}`>
          : never
        : never
      : never
    : Carry extends "0"
      ? Acc
      : `${Acc}${Carry}`;

/**
 * Reversed digit string `A` × digit string `B` (normal order), reversed. Horner's scheme over the
 * digits of B: Acc ← Acc·10 + A·digit. `never` if B holds a non-digit.
 */
type MulRev<A extends string, B extends string, Acc extends string = ""> =
  B extends `${infer DB extends Digit}${infer RB extends string}`
    ? (
        DB extends "0"
          ? Acc extends "" ? "" : `0${Acc}`
          : AddRev<Acc extends "" ? "" : `0${Acc}`, DB extends "1" ? A : MulDigitRev<A, DB>>
      ) extends infer Next extends string
      ? MulRev<A, RB, Next>
      : never
    : B extends ""
      ? Acc
      : never;

// ---------------------------------------------------------------------------------------------
// Literal × literal, literal + literal, literal − literal. The arguments are decimal texts.
// Texts that are not plain non-negative integers give `number`.
// ---------------------------------------------------------------------------------------------

type MulLiteral<A extends string, B extends string> =
  Reverse<A> extends infer RA extends string
    ? [RA] extends [never]
      ? number
      : MulRev<RA, B> extends infer P extends string
        ? [P] extends [never]
          ? number
          : ToNumber<Reverse<P>>
        : never
    : never;

type AddLiteral<A extends string, B extends string> =
  [Reverse<A>, Reverse<B>] extends [infer RA extends string, infer RB extends string]
    ? [RA] extends [never]
      ? number
      : [RB] extends [never]
        ? number
        : ToNumber<Reverse<AddRev<RA, RB>>>
    : never;

type SubLiteral<A extends string, B extends string> =
  [Reverse<A>, Reverse<B>] extends [infer RA extends string, infer RB extends string]
    ? [RA] extends [never]
      ? number
      : [RB] extends [never]
        ? number
        : SubRev<RA, RB> extends infer D extends string
          ? [D] extends [never]
            ? never
            : ToNumber<TrimZeros<Reverse<D>>>
          : never
    : never;

// ---------------------------------------------------------------------------------------------
// Public types.
// ---------------------------------------------------------------------------------------------

type MulOne<A extends number, B extends number> =
  A extends 1 ? B
  : B extends 1 ? A
  : number extends A ? number
  : number extends B ? number
  : IsSymbolic<A> extends true ? Dim<`${DimName<A>}·${DimName<B>}`>
  : IsSymbolic<B> extends true ? Dim<`${DimName<A>}·${DimName<B>}`>
  : A extends 0 ? 0
  : B extends 0 ? 0
  : MulLiteral<`${A}`, `${B}`>;

type AddOne<A extends number, B extends number> =
  A extends 0 ? B
  : B extends 0 ? A
  : number extends A ? number
  : number extends B ? number
  : IsSymbolic<A> extends true ? Dim<`${DimName<A>}+${DimName<B>}`>
  : IsSymbolic<B> extends true ? Dim<`${DimName<A>}+${DimName<B>}`>
  : AddLiteral<`${A}`, `${B}`>;

type SubOne<A extends number, B extends number> =
  B extends 0 ? A
  : number extends A ? number
  : number extends B ? number
  : IsSymbolic<A> extends true ? SubSymbolic<A, B>
  : IsSymbolic<B> extends true ? SubSymbolic<A, B>
  : SubLiteral<`${A}`, `${B}`>;

/** n − n is 0 for one and the same named dim; anything else stays symbolic. */
type SubSymbolic<A extends number, B extends number> =
  [A, B] extends [B, A] ? 0 : Dim<`${DimName<A>}−${DimName<B>}`>;

/**
 * `A × B`.
 * - `Mul<1, X>` is `X` and `Mul<X, 1>` is `X` for any X (literal, `Dim`, or `number`).
 * - Otherwise, if either side is bare `number`: `number`.
 * - Otherwise, if either side is symbolic: `Dim<"a·b">` (U+00B7), e.g. `Mul<Dim<"n">, 3>` is `Dim<"n·3">`
 *   (0 is not special-cased here: `Mul<0, Dim<"n">>` is `Dim<"0·n">`).
 * - Otherwise both are literals: their exact product (`Mul<3, 4>` is `12`), or `number` when the
 *   product has no exact `number` representation (beyond 2^53) or an operand is not a
 *   non-negative integer.
 * @example
 * ```ts
 * type P = Mul<3, 4>;                       // 12
 * type Q = Mul<Dim<"n">, 3>;                // Dim<"n·3">
 * const K = kron(eye(2), zeros(3, 4));      // Matrix<6, 8>
 * ```
 */
export type Mul<A extends number, B extends number> = A extends unknown
  ? B extends unknown
    ? MulOne<A, B>
    : never
  : never;

/**
 * `A + B`.
 * - `Add<0, X>` is `X` and `Add<X, 0>` is `X` for any X.
 * - Otherwise, if either side is bare `number`: `number`.
 * - Otherwise, if either side is symbolic: `Dim<"a+b">`.
 * - Otherwise both are literals: their exact sum (`Add<999999, 1>` is `1000000`), or `number`
 *   when it has no exact `number` representation or an operand is not a non-negative integer.
 * @example
 * ```ts
 * type S = Add<2, 3>;                       // 5
 * const V = vstack(zeros(2, 3), ones(4, 3));   // Matrix<6, 3>
 * ```
 */
export type Add<A extends number, B extends number> = A extends unknown
  ? B extends unknown
    ? AddOne<A, B>
    : never
  : never;

/**
 * `A − B`.
 * - `Sub<X, 0>` is `X` for any X.
 * - Otherwise, if either side is bare `number`: `number`.
 * - Otherwise, if either side is symbolic: `0` when both are the same named dim, else
 *   `Dim<"a−b">` (U+2212 minus sign), e.g. `Sub<Dim<"n">, 1>` is `Dim<"n−1">`.
 * - Otherwise both are literals: `A − B` (`Sub<5, 2>` is `3`), `never` when `B > A`, `number` when
 *   an operand is not a non-negative integer.
 * @example
 * ```ts
 * type D = Sub<5, 2>;                       // 3
 * type E = Sub<Dim<"n">, 1>;                // Dim<"n−1">
 * const B = sliceRows(zeros(5, 2), 1, 4);   // Matrix<3, 2>
 * ```
 */
export type Sub<A extends number, B extends number> = A extends unknown
  ? B extends unknown
    ? SubOne<A, B>
    : never
  : never;

/**
 * Product of a tuple of dims, folded left to right with `Mul` starting from 1:
 * `Product<[]>` is `1`, `Product<[2, 3, 4]>` is `24`, `Product<[Dim<"n">, 3]>` is `Dim<"n·3">`,
 * `Product<[Dim<"n">, 2, 3]>` is `Dim<"n·2·3">`. A non-tuple array (`number[]`) gives `number`.
 * @example
 * ```ts
 * type P = Product<[2, 3, 4]>;              // 24
 * const J = tensor([2], [2, 3], new Float64Array(12)).toMatrix();   // Matrix<2, 6>
 * ```
 */
export type Product<Dims extends readonly number[]> = ProductFrom<Dims, 1>;

type ProductFrom<Dims extends readonly number[], Acc extends number> =
  Dims extends readonly [infer Head extends number, ...infer Rest extends readonly number[]]
    ? Mul<Acc, Head> extends infer Next extends number
      ? ProductFrom<Rest, Next>
      : never
    : Dims extends readonly []
      ? Acc
      : number;
