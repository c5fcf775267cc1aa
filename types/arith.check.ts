/**
 * Compile-time checks for `types/arith.ts`, no test runner needed: every line below fails to
 * compile (TS2344) if the computed type is not exactly the expected one.
 *
 *   node node_modules/typescript/bin/tsc  --noEmit --strict --skipLibCheck --ignoreConfig types/arith.check.ts
 *   node node_modules/typescript7/bin/tsc --noEmit --strict --skipLibCheck --ignoreConfig types/arith.check.ts
 *
 * (`--ignoreConfig` is needed because a tsconfig.json is present; without it both compilers stop
 * with TS5112. The file is also covered by `npm run typecheck` / `typecheck:ts7` via tsconfig.)
 */

import type { Dim } from "./dim";
import type { Add, Mul, Product, Sub } from "./arith";

type Equal<X, Y> = (<T>() => T extends X ? 1 : 2) extends (<T>() => T extends Y ? 1 : 2) ? true : false;
type Assert<T extends true> = T;

type N = Dim<"n">;
type M = Dim<"m">;

// Mul: literal × literal
export type _m01 = Assert<Equal<Mul<3, 4>, 12>>;
export type _m02 = Assert<Equal<Mul<4, 3>, 12>>;
export type _m03 = Assert<Equal<Mul<2, 2>, 4>>;
export type _m04 = Assert<Equal<Mul<9, 9>, 81>>;
export type _m05 = Assert<Equal<Mul<7, 8>, 56>>;
export type _m06 = Assert<Equal<Mul<10, 10>, 100>>;
export type _m07 = Assert<Equal<Mul<12, 12>, 144>>;
export type _m08 = Assert<Equal<Mul<25, 4>, 100>>;
export type _m09 = Assert<Equal<Mul<99, 99>, 9801>>;
export type _m10 = Assert<Equal<Mul<999, 999>, 998001>>;
export type _m11 = Assert<Equal<Mul<99999, 99999>, 9999800001>>;
export type _m12 = Assert<Equal<Mul<999999, 999999>, 999998000001>>;
export type _m13 = Assert<Equal<Mul<1000000, 1000000>, 1000000000000>>;
export type _m14 = Assert<Equal<Mul<123456, 654321>, 80779853376>>;
export type _m15 = Assert<Equal<Mul<654321, 123456>, 80779853376>>;
export type _m16 = Assert<Equal<Mul<1024, 1024>, 1048576>>;
export type _m17 = Assert<Equal<Mul<105, 205>, 21525>>;
export type _m18 = Assert<Equal<Mul<100, 7>, 700>>;
export type _m19 = Assert<Equal<Mul<7, 100>, 700>>;
export type _m20 = Assert<Equal<Mul<5, 1000001>, 5000005>>;
export type _m21 = Assert<Equal<Mul<1000001, 999999>, 999999999999>>;
export type _m22 = Assert<Equal<Mul<65536, 65536>, 4294967296>>;
export type _m23 = Assert<Equal<Mul<4294967296, 2097152>, 9007199254740992>>;  // 2^32 · 2^21 = 2^53
export type _m24 = Assert<Equal<Mul<94906265, 94906265>, 9007199136250225>>;   // just below 2^53
export type _m25 = Assert<Equal<Mul<3, 3002399751580331>, number>>; // 2^53 + 1 = 9007199254740993: not exact
export type _m26 = Assert<Equal<Mul<2, 4503599627370495>, 9007199254740990>>;
export type _m27 = Assert<Equal<Mul<50, 2>, 100>>;
export type _m28 = Assert<Equal<Mul<11, 11>, 121>>;
export type _m29 = Assert<Equal<Mul<37, 27>, 999>>;
export type _m30 = Assert<Equal<Mul<142857, 7>, 999999>>;
// Mul: zero
export type _m31 = Assert<Equal<Mul<0, 7>, 0>>;
export type _m32 = Assert<Equal<Mul<7, 0>, 0>>;
export type _m33 = Assert<Equal<Mul<0, 0>, 0>>;
export type _m34 = Assert<Equal<Mul<0, 1000000>, 0>>;
// Mul: identity, also with symbolic and bare number
export type _m35 = Assert<Equal<Mul<1, 1>, 1>>;
export type _m36 = Assert<Equal<Mul<1, 5>, 5>>;
export type _m37 = Assert<Equal<Mul<5, 1>, 5>>;
export type _m38 = Assert<Equal<Mul<1, N>, N>>;
export type _m39 = Assert<Equal<Mul<N, 1>, N>>;
export type _m40 = Assert<Equal<Mul<1, number>, number>>;
export type _m41 = Assert<Equal<Mul<0, 1>, 0>>;
// Mul: symbolic
export type _m42 = Assert<Equal<Mul<N, 3>, Dim<"n·3">>>;
export type _m43 = Assert<Equal<Mul<3, N>, Dim<"3·n">>>;
export type _m44 = Assert<Equal<Mul<N, M>, Dim<"n·m">>>;
export type _m45 = Assert<Equal<Mul<N, N>, Dim<"n·n">>>;
export type _m46b = Assert<Equal<Mul<0, N>, Dim<"0·n">>>; // 0 is only special-cased between literals
export type _m46 = Assert<Equal<Mul<Mul<N, M>, 2>, Dim<"n·m·2">>>;
// Mul: bare number
export type _m47 = Assert<Equal<Mul<number, 3>, number>>;
export type _m48 = Assert<Equal<Mul<3, number>, number>>;
export type _m49 = Assert<Equal<Mul<number, N>, number>>;
export type _m50 = Assert<Equal<Mul<N, number>, number>>;
export type _m51 = Assert<Equal<Mul<number, number>, number>>;
// Mul: unions distribute; non-integers give number
export type _m52 = Assert<Equal<Mul<2 | 3, 4>, 8 | 12>>;
export type _m53 = Assert<Equal<Mul<2.5, 2>, number>>;
export type _m54 = Assert<Equal<Mul<-3, 2>, number>>;

// Add
export type _a01 = Assert<Equal<Add<3, 4>, 7>>;
export type _a02 = Assert<Equal<Add<5, 5>, 10>>;
export type _a03 = Assert<Equal<Add<9, 9>, 18>>;
export type _a04 = Assert<Equal<Add<999999, 1>, 1000000>>;
export type _a05 = Assert<Equal<Add<1, 999999>, 1000000>>;
export type _a06 = Assert<Equal<Add<123456, 654321>, 777777>>;
export type _a07 = Assert<Equal<Add<99, 1>, 100>>;
export type _a08 = Assert<Equal<Add<95, 7>, 102>>;
export type _a09 = Assert<Equal<Add<1000000, 1000000>, 2000000>>;
export type _a10 = Assert<Equal<Add<9999999999, 9999999999>, 19999999998>>;
export type _a11 = Assert<Equal<Add<4503599627370496, 4503599627370496>, 9007199254740992>>;
export type _a12 = Assert<Equal<Add<9007199254740992, 1>, number>>; // 2^53 + 1: not exact
export type _a13 = Assert<Equal<Add<0, 7>, 7>>;
export type _a14 = Assert<Equal<Add<7, 0>, 7>>;
export type _a15 = Assert<Equal<Add<0, 0>, 0>>;
export type _a16 = Assert<Equal<Add<0, N>, N>>;
export type _a17 = Assert<Equal<Add<N, 0>, N>>;
export type _a18 = Assert<Equal<Add<N, 1>, Dim<"n+1">>>;
export type _a19 = Assert<Equal<Add<2, N>, Dim<"2+n">>>;
export type _a20 = Assert<Equal<Add<N, M>, Dim<"n+m">>>;
export type _a21 = Assert<Equal<Add<number, 1>, number>>;
export type _a22 = Assert<Equal<Add<N, number>, number>>;
export type _a23 = Assert<Equal<Add<0, number>, number>>;
export type _a24 = Assert<Equal<Add<1 | 2, 10>, 11 | 12>>;

// Sub
export type _s01 = Assert<Equal<Sub<5, 2>, 3>>;
export type _s02 = Assert<Equal<Sub<5, 5>, 0>>;
export type _s03 = Assert<Equal<Sub<5, 0>, 5>>;
export type _s04 = Assert<Equal<Sub<2, 5>, never>>;
export type _s05 = Assert<Equal<Sub<1000000, 1>, 999999>>;
export type _s06 = Assert<Equal<Sub<1000, 999>, 1>>;
export type _s07 = Assert<Equal<Sub<100, 1>, 99>>;
export type _s08 = Assert<Equal<Sub<10, 10>, 0>>;
export type _s09 = Assert<Equal<Sub<99, 100>, never>>;
export type _s10 = Assert<Equal<Sub<100, 101>, never>>;
export type _s11 = Assert<Equal<Sub<80779853376, 123456>, 80779729920>>;
export type _s12 = Assert<Equal<Sub<N, 0>, N>>;
export type _s13 = Assert<Equal<Sub<N, 1>, Dim<"n−1">>>;
export type _s14 = Assert<Equal<Sub<5, N>, Dim<"5−n">>>;
export type _s15 = Assert<Equal<Sub<N, M>, Dim<"n−m">>>;
export type _s16 = Assert<Equal<Sub<N, N>, 0>>;
export type _s17 = Assert<Equal<Sub<number, 1>, number>>;
export type _s18 = Assert<Equal<Sub<N, number>, number>>;

// Product
export type _p01 = Assert<Equal<Product<[]>, 1>>;
export type _p02 = Assert<Equal<Product<[7]>, 7>>;
export type _p03 = Assert<Equal<Product<[2, 3, 4]>, 24>>;
export type _p04 = Assert<Equal<Product<readonly [2, 3, 4]>, 24>>;
export type _p05 = Assert<Equal<Product<[1000, 1000, 1000, 1000]>, 1000000000000>>;
export type _p06 = Assert<Equal<Product<[2, 0, 4]>, 0>>;
export type _p07 = Assert<Equal<Product<[N]>, N>>;
export type _p08 = Assert<Equal<Product<[N, 3]>, Dim<"n·3">>>;
export type _p09 = Assert<Equal<Product<[3, N]>, Dim<"3·n">>>;
export type _p10 = Assert<Equal<Product<[N, M]>, Dim<"n·m">>>;
export type _p11 = Assert<Equal<Product<[1, N, 1]>, N>>;
export type _p12 = Assert<Equal<Product<[N, 2, 3]>, Dim<"n·2·3">>>;
export type _p13 = Assert<Equal<Product<[2, 3, N]>, Dim<"6·n">>>;
export type _p14 = Assert<Equal<Product<[2, number]>, number>>;
export type _p15 = Assert<Equal<Product<number[]>, number>>;
