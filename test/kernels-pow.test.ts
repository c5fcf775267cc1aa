/**
 * pow's kernel (src/kernels/pow.ts): integer exponents 3 ≤ |n| ≤ 32 and −2 by double-double
 * squaring give the correctly rounded xⁿ, checked against exact powers in BigInt arithmetic; every
 * other input or exponent gives Math.pow's bits (by x·x, 1/x and √x for 2, −1 and 0.5); `pow` runs
 * the kernel.
 */
import { describe, it, expect } from "vitest";
import { MAX_INTEGER_EXPONENT, integerPower, powArray, powInteger, sqrtPow } from "../src/kernels/pow";
import { dim, fromData, pow } from "../src/index";
import { firstDiff, rng } from "./core-helpers";

const bits = new DataView(new ArrayBuffer(8));
/** x = m·2^e with m a (signed) integer of at most 53 bits; x finite and nonzero. */
function decompose(x: number): [bigint, number] {
  bits.setFloat64(0, x);
  const word = bits.getBigUint64(0);
  const biased = Number((word >> 52n) & 0x7ffn);
  const frac = word & ((1n << 52n) - 1n);
  const m = biased === 0 ? frac : frac | (1n << 52n);
  return [word >> 63n === 1n ? -m : m, (biased === 0 ? 1 : biased) - 1075];
}
const bitLength = (v: bigint): number => v.toString(2).length;

/** q·2^s rounded to 53 bits, ties to even; `sticky`: q is a truncation with nonzero bits below. */
function round53(q: bigint, s: number, sticky: boolean): number {
  const drop = bitLength(q) - 53;
  if (drop <= 0) return Number(q) * 2 ** s; // exact (sticky needs drop > 0: the callers ensure it)
  let top = q >> BigInt(drop);
  const rest = q & ((1n << BigInt(drop)) - 1n), half = 1n << BigInt(drop - 1);
  if (rest > half || (rest === half && (sticky || (top & 1n) === 1n))) top += 1n;
  return Number(top) * 2 ** (s + drop); // a power of two times a 54-bit integer at most: exact for normal results
}

/** The correctly rounded xⁿ for a nonzero integer n, where the result is a normal double. */
function exactPow(x: number, n: number): number {
  const [m, e] = decompose(x);
  const sign = m < 0n && n % 2 !== 0 ? -1 : 1;
  const mag = m < 0n ? -m : m;
  if (n > 0) return sign * round53(mag ** BigInt(n), e * n, false);
  // 2^K / mag^|n| to at least 60 bits, then rounded; the remainder is the sticky bit
  const den = mag ** BigInt(-n), K = bitLength(den) + 60;
  const num = 1n << BigInt(K);
  return sign * round53(num / den, -K - e * -n, num % den !== 0n);
}

const FAST = [3, 4, 5, 6, 7, 8, 15, 16, 17, 31, 32, -2, -3, -4, -5, -7, -8, -16, -31, -32];

/** Random doubles of both signs: log-uniform across the fast range of n, near its ends, and within [−2, 2]. */
function inputs(n: number, count: number, seed: number): Float64Array {
  const { lo, hi } = integerPower(n)!;
  const r = rng(seed), L = Math.log2(hi);
  return Float64Array.from({ length: count }, (_, i) => {
    const sign = r() < 0.5 ? -1 : 1;
    switch (i % 4) {
      case 0: return sign * 2 ** ((2 * r() - 1) * L * 0.999);
      case 1: return sign * lo * (1 + r()); // within a factor 2 above lo
      case 2: return sign * hi * (0.5 + 0.5 * r()); // within a factor 2 below hi
      default: return sign * 2 * r();
    }
  });
}

describe("pow's integer kernel", () => {
  it("the exponents it takes", () => {
    expect(MAX_INTEGER_EXPONENT).toBe(32);
    for (const n of FAST) expect(integerPower(n)?.n).toBe(n);
    for (const p of [0, -0, 1, -1, 2, 33, -33, 1e6, 0.5, 2.5, -2.5, NaN, Infinity, -Infinity]) expect(integerPower(p)).toBeNull();
    expect(integerPower(3)).toEqual({ n: 3, lo: 2 ** -300, hi: 2 ** 300, top: 2 });
    expect(integerPower(-32)).toEqual({ n: -32, lo: 2 ** -28, hi: 2 ** 28, top: 32 });
  });

  it("gives the correctly rounded power (exact BigInt powers), where Math.pow is often 1 ulp off", () => {
    let mathPowOff = 0, total = 0;
    for (const n of FAST) {
      const x = inputs(n, 1200, 100 + n);
      const out = new Float64Array(x.length);
      powArray(x, n, out);
      for (let i = 0; i < x.length; i++) {
        const want = exactPow(x[i], n);
        if (!Object.is(out[i], want)) expect.fail(`${x[i]} ** ${n}: ${out[i]}, correctly rounded ${want}`);
        if (!Object.is(Math.pow(x[i], n), want)) mathPowOff++;
        total++;
      }
    }
    // not a property of this library: it shows why the kernel exists (about 1 in 10 on Node 20)
    expect(mathPowOff / total).toBeGreaterThan(0.01);
  });

  it("right at the ends of the fast range: correctly rounded inside, Math.pow's bits outside", () => {
    for (const n of FAST) {
      const { lo, hi, top } = integerPower(n)!;
      const inside = [lo * (1 + 2 ** -52), hi * (1 - 2 ** -53), -lo * (1 + 2 ** -52), -hi * (1 - 2 ** -53)];
      for (const x of inside) expect(powInteger(x, n, lo, hi, top), `${x} ** ${n}`).toBe(exactPow(x, n));
      const outside = [lo, hi, -lo, -hi, lo * (1 - 2 ** -53), hi * (1 + 2 ** -52)];
      for (const x of outside) expect(Object.is(powInteger(x, n, lo, hi, top), Math.pow(x, n)), `${x} ** ${n}`).toBe(true);
    }
  });

  it("special values and magnitudes outside the range give Math.pow's bits", () => {
    const special = [0, -0, Infinity, -Infinity, NaN, 5e-324, -5e-324, 2.2e-310, 1e-200, -1e-200, 1e200, -1e200, Number.MAX_VALUE, -Number.MAX_VALUE];
    const x = Float64Array.from(special), out = new Float64Array(x.length);
    for (const n of FAST) {
      powArray(x, n, out);
      special.forEach((v, i) => expect(Object.is(out[i], Math.pow(v, n)), `${v} ** ${n}: ${out[i]}`).toBe(true));
    }
  });

  it("other exponents: x·x for 2, Math.pow's bits for the rest (the shortcuts for −1 and 0.5 included)", () => {
    const special = [0, -0, Infinity, -Infinity, NaN, 5e-324, -5e-324, 2.2e-310, 1e-200, -1e-200, 1e200, -1e200, Number.MAX_VALUE, -Number.MAX_VALUE, 1, -1];
    const x = Float64Array.from([...inputs(3, 400, 7), ...special]), out = new Float64Array(x.length);
    powArray(x, 2, out);
    expect(firstDiff(out, x.map((v) => v * v))).toBe(-1);
    for (const p of [0, -0, 1, -1, 0.5, -0.5, 1.5, 33, -33, 100, NaN, Infinity, -Infinity]) {
      powArray(x, p, out);
      expect(firstDiff(out, x.map((v) => Math.pow(v, p))), `exponent ${p}`).toBe(-1);
    }
    // random bit patterns: every exponent range, subnormals and NaNs
    const r = rng(8), words = new Uint32Array(2 * 20000);
    for (let i = 0; i < words.length; i++) words[i] = Math.floor(r() * 2 ** 32);
    const any = new Float64Array(words.buffer), anyOut = new Float64Array(any.length);
    for (const p of [-1, 0.5]) {
      powArray(any, p, anyOut);
      expect(firstDiff(anyOut, any.map((v) => Math.pow(v, p))), `exponent ${p}, random bit patterns`).toBe(-1);
    }
    expect(Object.is(sqrtPow(-0), 0) && sqrtPow(-Infinity) === Infinity && Number.isNaN(sqrtPow(-1))).toBe(true);
  });

  it("pow runs it and leaves its input as it was (fused loops under jit: test/jit-fusion)", () => {
    const x = inputs(5, 60, 9), copy = x.slice();
    const M = fromData(dim("r", 6), dim("c", 10), x);
    for (const n of [3, -2, 5, 1.5]) {
      const want = new Float64Array(x.length);
      powArray(x, n, want);
      expect(firstDiff(pow(M, n).data, want), `pow(M, ${n})`).toBe(-1);
    }
    expect(firstDiff(x, copy)).toBe(-1);
  });
});
