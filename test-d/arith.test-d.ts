/**
 * Type-level arithmetic on dims (types/arith.ts): `Mul`, `Add`, `Sub`, `Product` are exact on
 * literals of any size, give named dims for symbolic ones (`Mul<Dim<"n">, 3>` is `Dim<"n·3">`),
 * `number` for a bare `number`, and distribute over unions. These compute the shapes of `kron`,
 * `vstack` / `hstack`, slices, `flatten` and `Tensor.toMatrix()`.
 */
import { expectError, expectType } from "tsd";
import type { Dim } from "../types/dim";
import type { Add, Mul, Product, Sub } from "../types/arith";

type N = Dim<"n">;
type M = Dim<"m">;

// Mul: literal × literal
declare const m1: Mul<3, 4>;
expectType<12>(m1);
declare const m2: Mul<4, 3>;
expectType<12>(m2);
declare const m3: Mul<9, 9>;
expectType<81>(m3);
declare const m4: Mul<10, 10>;
expectType<100>(m4);
declare const m5: Mul<99, 99>;
expectType<9801>(m5);
declare const m6: Mul<99999, 99999>;
expectType<9999800001>(m6);
declare const m7: Mul<999999, 999999>;
expectType<999998000001>(m7);
declare const m8: Mul<1000000, 1000000>;
expectType<1000000000000>(m8);
declare const m9: Mul<123456, 654321>;
expectType<80779853376>(m9);
declare const m10: Mul<654321, 123456>;
expectType<80779853376>(m10);
declare const m11: Mul<105, 205>;
expectType<21525>(m11);
declare const m12: Mul<142857, 7>;
expectType<999999>(m12);
declare const m13: Mul<65536, 65536>;
expectType<4294967296>(m13);
declare const m14: Mul<4294967296, 2097152>; // 2^53
expectType<9007199254740992>(m14);
declare const m15: Mul<3, 3002399751580331>; // 2^53 + 1 has no exact number
expectType<number>(m15);
// Mul: zero
declare const m16: Mul<0, 7>;
expectType<0>(m16);
declare const m17: Mul<7, 0>;
expectType<0>(m17);
declare const m18: Mul<0, 1000000>;
expectType<0>(m18);
// Mul: identity
declare const m19: Mul<1, 1>;
expectType<1>(m19);
declare const m20: Mul<1, 5>;
expectType<5>(m20);
declare const m21: Mul<5, 1>;
expectType<5>(m21);
declare const m22: Mul<1, N>;
expectType<N>(m22);
declare const m23: Mul<N, 1>;
expectType<N>(m23);
declare const m24: Mul<1, number>;
expectType<number>(m24);
// Mul: symbolic
declare const m25: Mul<N, 3>;
expectType<Dim<"n·3">>(m25);
declare const m26: Mul<3, N>;
expectType<Dim<"3·n">>(m26);
declare const m27: Mul<N, M>;
expectType<Dim<"n·m">>(m27);
declare const m28: Mul<Mul<N, M>, 2>;
expectType<Dim<"n·m·2">>(m28);
// Mul: bare number
declare const m29: Mul<number, 3>;
expectType<number>(m29);
declare const m30: Mul<3, number>;
expectType<number>(m30);
declare const m31: Mul<N, number>;
expectType<number>(m31);
// Mul: unions, non-integers
declare const m32: Mul<2 | 3, 4>;
expectType<8 | 12>(m32);
declare const m33: Mul<2.5, 2>;
expectType<number>(m33);

// Add
declare const a1: Add<3, 4>;
expectType<7>(a1);
declare const a2: Add<9, 9>;
expectType<18>(a2);
declare const a3: Add<999999, 1>;
expectType<1000000>(a3);
declare const a4: Add<1, 999999>;
expectType<1000000>(a4);
declare const a5: Add<95, 7>;
expectType<102>(a5);
declare const a6: Add<9999999999, 9999999999>;
expectType<19999999998>(a6);
declare const a7: Add<0, 7>;
expectType<7>(a7);
declare const a8: Add<7, 0>;
expectType<7>(a8);
declare const a9: Add<0, N>;
expectType<N>(a9);
declare const a10: Add<N, 0>;
expectType<N>(a10);
declare const a11: Add<N, 1>;
expectType<Dim<"n+1">>(a11);
declare const a12: Add<N, M>;
expectType<Dim<"n+m">>(a12);
declare const a13: Add<number, 1>;
expectType<number>(a13);

// Sub
declare const s1: Sub<5, 2>;
expectType<3>(s1);
declare const s2: Sub<5, 5>;
expectType<0>(s2);
declare const s3: Sub<1000000, 1>;
expectType<999999>(s3);
declare const s4: Sub<1000, 999>;
expectType<1>(s4);
declare const s5: Sub<2, 5>;
expectType<never>(s5);
declare const s6: Sub<N, 0>;
expectType<N>(s6);
declare const s7: Sub<N, 1>;
expectType<Dim<"n−1">>(s7);
declare const s8: Sub<N, M>;
expectType<Dim<"n−m">>(s8);
declare const s9: Sub<N, N>;
expectType<0>(s9);
declare const s10: Sub<number, 1>;
expectType<number>(s10);

// Product
declare const p1: Product<[]>;
expectType<1>(p1);
declare const p2: Product<[2, 3, 4]>;
expectType<24>(p2);
declare const p3: Product<readonly [2, 3, 4]>;
expectType<24>(p3);
declare const p4: Product<[1000, 1000, 1000, 1000]>;
expectType<1000000000000>(p4);
declare const p5: Product<[N, 3]>;
expectType<Dim<"n·3">>(p5);
declare const p6: Product<[1, N, 1]>;
expectType<N>(p6);
declare const p7: Product<[N, 2, 3]>;
expectType<Dim<"n·2·3">>(p7);
declare const p8: Product<number[]>;
expectType<number>(p8);

// Results are exact: neighbours are rejected, and symbolic results never unify with literals.
expectError<Mul<3, 4>>(13);
expectError<Add<999999, 1>>(999999);
expectError<Mul<Dim<"n">, 3>>(3);
