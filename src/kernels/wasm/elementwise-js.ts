/**
 * JS fallback of the element-wise Wasm kernels (see elementwise.wat): the same algorithm with the
 * same floating-point operations in the same order, so both give the same bits for every input.
 *
 * tanh, per entry, a = |x|:
 *   a < 0.625: a + a·z·P(z)/Q(z), z = a² (Cephes' rational approximation), sign of x put back;
 *   a < 22:    1 − 2/(e^{2a} + 1), e^{2a} by Cody–Waite reduction (n·ln2 in two parts), the
 *              Taylor polynomial of degree 13 for e^r (Estrin's scheme) and 2^n from a table;
 *   otherwise: ±1 (NaN stays NaN).
 * Max error against Math.tanh: 2 ulp (test/kernels-tanh.test.ts).
 */

// Cephes tanh: P(z) = P0·z² + P1·z + P2, Q(z) = z³ + Q0·z² + Q1·z + Q2
const P0 = -9.64399179425052238628e-1;
const P1 = -9.92877231001918586564e1;
const P2 = -1.61468768441708447952e3;
const Q0 = 1.12811678491632931402e2;
const Q1 = 2.23548839060100448583e3;
const Q2 = 4.84406305325125486048e3;
// exp: 1/ln2, 1.5·2^52 (adding it rounds to an integer), ln2 = LN2HI + LN2LO (LN2HI's low 32 bits are zero)
const LOG2E = 1.4426950408889634;
const SHIFT = 6755399441055744;
const LN2HI = 6.9314718036912381649e-1;
const LN2LO = 1.90821492927058770002e-10;
// 1/k!, k = 2..13
const C2 = 0.5;
const C3 = 0.16666666666666666;
const C4 = 0.041666666666666664;
const C5 = 0.008333333333333333;
const C6 = 0.001388888888888889;
const C7 = 0.0001984126984126984;
const C8 = 0.0000248015873015873;
const C9 = 0.0000027557319223985893;
const C10 = 2.755731922398589e-7;
const C11 = 2.505210838544172e-8;
const C12 = 2.08767569878681e-9;
const C13 = 1.6059043836821613e-10;
/** 2^n, n = 0..64 (n ≤ 64 for 2a < 44). */
const POW2 = new Float64Array(65);
for (let n = 0; n <= 64; n++) POW2[n] = 2 ** n;

/** out[i] = tanh(x[i]) for i < x.length (out may be x). */
export function tanhJs(x: Float64Array, out: Float64Array): void {
  const n = x.length;
  for (let i = 0; i < n; i++) {
    const v = x[i];
    const a = Math.abs(v);
    if (a < 0.625) {
      const z = a * a;
      const y = a + (a * (z * ((P0 * z + P1) * z + P2))) / (((z + Q0) * z + Q1) * z + Q2);
      out[i] = v > 0 ? y : v < 0 ? -y : v; // ±0 as is
    } else {
      let y: number;
      if (a < 22) {
        const s = a + a;
        const t = s * LOG2E + SHIFT;
        const k = t - SHIFT;
        const r = s - k * LN2HI - k * LN2LO;
        const r2 = r * r;
        const r4 = r2 * r2;
        const q =
          C2 + C3 * r + (C4 + C5 * r) * r2 +
          r4 * (C6 + C7 * r + (C8 + C9 * r) * r2 + r4 * (C10 + C11 * r + (C12 + C13 * r) * r2));
        const e = (1 + (r + r2 * q)) * POW2[k];
        y = 1 + -2 / (e + 1);
      } else {
        y = a === a ? 1 : a; // 2/(e^{2a} + 1) is below half an ulp of 1; NaN stays NaN
      }
      out[i] = v < 0 ? -y : y;
    }
  }
}
