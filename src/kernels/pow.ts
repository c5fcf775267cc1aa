/**
 * xⁿ entry by entry. On Node 20, `Math.pow` costs 60–100 ns an entry for an integer exponent other
 * than 2 (against a few ns for multiplications) and misses the correctly rounded result by one unit
 * in the last place for about one input in ten (against exact BigInt powers; test/kernels-pow). So
 * integer exponents 3 ≤ |n| ≤ 32, and −2, go by repeated squaring in double-double arithmetic
 * (Dekker's exact product: no FMA is reachable from JS): each partial power is kept as hi + lo to
 * about 2⁻¹⁰⁰ relative error, so the final rounding gives the correctly rounded xⁿ unless xⁿ lies
 * within ~2⁻¹⁰⁰ of a midpoint between two doubles. Negative exponents take the reciprocal of the
 * double-double x^|n| with one Newton correction, likewise. Inputs whose powers could leave
 * [2⁻⁹⁰⁰, 2⁹⁰⁰], where the error terms would underflow or the splitting overflow (zeros,
 * subnormals, huge values, ±∞, NaN), take Math.pow itself.
 */

/** Veltkamp's splitting constant 2²⁷ + 1: splits a double into two halves of 26 bits. */
const SPLITTER = 134217729;
/**
 * |n| at most this goes by double-double squaring. Each bit of |n| costs a product or two, so the
 * time grows with it: at 31 (eight products) it was as fast as Math.pow, at 3 and 4 five to seven
 * times faster, at 17 1.5 times (2026-12-07).
 */
export const MAX_INTEGER_EXPONENT = 32;
/** Intermediate powers stay within [2⁻ᴸᴵᴹᴵᵀ, 2ᴸᴵᴹᴵᵀ]: normal, with normal error terms, and splittable. */
const MAGNITUDE_LIMIT = 900;

/** The parameters `powInteger` takes for an exponent. */
export interface IntegerPower {
  readonly n: number;
  /** |x| must lie strictly between lo and hi (powers of two) for the fast path. */
  readonly lo: number;
  readonly hi: number;
  /** The highest set bit of |n|. */
  readonly top: number;
}

/**
 * `powInteger`'s parameters for exponent p, or null when p does not go that way (2 is x·x, already
 * correctly rounded; −1 and 0.5 have shortcuts in `powArray`; the rest is Math.pow).
 */
export function integerPower(p: number): IntegerPower | null {
  const m = Math.abs(p);
  if (!Number.isInteger(p) || (m < 3 && p !== -2) || m > MAX_INTEGER_EXPONENT) return null;
  const k = Math.floor(MAGNITUDE_LIMIT / m);
  let top = 1;
  while (top * 2 <= m) top *= 2;
  return { n: p, lo: 2 ** -k, hi: 2 ** k, top };
}

/**
 * xⁿ for the exponent that `integerPower` described by (lo, hi, top). The error term of a product
 * a·b is (ah·bh − p) + ah·bl + al·bh + al·bl, exact with a = ah + al and b = bh + bl split in halves.
 */
export function powInteger(x: number, n: number, lo: number, hi: number, top: number): number {
  const a = x < 0 ? -x : x;
  if (!(a > lo && a < hi)) return Math.pow(x, n);
  const m = n < 0 ? -n : n;
  let c = SPLITTER * x;
  const xh = c - (c - x), xl = x - xh;
  // x² exactly as h + l, then one squaring per further bit of |n| and a product by x per set bit
  let p = x * x;
  let e = xh * xh - p + 2 * xh * xl + xl * xl;
  let h = p + e, l = e - (h - p);
  for (let bit = top >> 1; ; bit >>= 1) {
    if ((m & bit) !== 0) {
      // (h + l)·x ≈ h·x + l·x
      c = SPLITTER * h;
      const hh = c - (c - h), hl = h - hh;
      p = h * x;
      e = hh * xh - p + hh * xl + hl * xh + hl * xl + l * x;
      h = p + e;
      l = e - (h - p);
    }
    if (bit === 1) break;
    // (h + l)² ≈ h² + 2hl
    c = SPLITTER * h;
    const hh = c - (c - h), hl = h - hh;
    p = h * h;
    e = hh * hh - p + 2 * hh * hl + hl * hl + 2 * h * l;
    h = p + e;
    l = e - (h - p);
  }
  return n > 0 ? h : reciprocal(h, l);
}

/** 1/(h + l), nearly correctly rounded: r = 1/h, then r + r·(1 − r·(h + l)) with 1 − r·h exact. */
function reciprocal(h: number, l: number): number {
  const r = 1 / h;
  let c = SPLITTER * r;
  const rh = c - (c - r), rl = r - rh;
  c = SPLITTER * h;
  const hh = c - (c - h), hl = h - hh;
  const p = r * h; // within an ulp of 1, so 1 − p is exact
  const e = rh * hh - p + rh * hl + rl * hh + rl * hl;
  return r + r * (1 - p - e - r * l);
}

/**
 * x^0.5 as Math.pow gives it: √x, but +0 for −0 and +∞ for −∞ (fdlibm's pow takes y = 0.5 by
 * sqrt, so the bits are Math.pow's; a tenth of its time on Node 20).
 */
export function sqrtPow(x: number): number {
  return x === -Infinity ? Infinity : Math.sqrt(x) + 0;
}

/**
 * out[i] = x[i]ᵖ; `pow`'s kernel. Besides the integer powers above, three exponents have shortcuts
 * with Math.pow's bits: 2 (x·x), −1 (1/x, as fdlibm's pow computes it) and 0.5 (`sqrtPow`).
 */
export function powArray(x: Float64Array, p: number, out: Float64Array): void {
  const len = x.length;
  if (p === 2) {
    for (let i = 0; i < len; i++) out[i] = x[i] * x[i];
    return;
  }
  if (p === -1) {
    for (let i = 0; i < len; i++) out[i] = 1 / x[i];
    return;
  }
  if (p === 0.5) {
    for (let i = 0; i < len; i++) out[i] = sqrtPow(x[i]);
    return;
  }
  const ip = integerPower(p);
  if (ip === null) {
    for (let i = 0; i < len; i++) out[i] = Math.pow(x[i], p);
    return;
  }
  const { lo, hi, top } = ip;
  for (let i = 0; i < len; i++) out[i] = powInteger(x[i], p, lo, hi, top);
}
