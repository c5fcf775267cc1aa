/**
 * JS fallback of the element-wise Wasm kernels (see elementwise.wat): the same algorithm with the
 * same floating-point operations in the same order, so both give the same bits for every input.
 *
 * tanh, per entry, a = |x|:
 *   a < 0.625: a + a·z·P(z)/Q(z), z = a² (Cephes' rational approximation), sign of x put back;
 *   a < 22:    1 − 2/(e^{2a} + 1), e^{2a} table-driven (Tang's method, N = 64): 2a = m·ln2/64 + r
 *              (ln2/64 in two parts), e^{2a} = 2^n·T_j·(1 + p(r)), m = 64n + j, T_j = 2^{j/64}
 *              rounded to nearest, p the Taylor polynomial of e^r − 1 to degree 5;
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
// exp: 64/ln2, 1.5·2^52 (adding it rounds to an integer), ln2/64 = L1 + L2 (fdlibm's ln2_hi and ln2_lo over 64)
const K64 = 92.33248261689366;
const SHIFT = 6755399441055744;
const L1 = 0.01083042469326756;
const L2 = 2.9815858269852933e-12;
// 1/k!, k = 2..5
const C2 = 0.5;
const C3 = 0.16666666666666666;
const C4 = 0.041666666666666664;
const C5 = 0.008333333333333333;
/** T_j = 2^{j/64} rounded to nearest (mpmath at 200 bits), j = 0..63; the Wasm table holds the same bits. */
// prettier-ignore
const T = Float64Array.from([
  1.0, 1.0108892860517005, 1.0218971486541166, 1.0330248790212284,
  1.0442737824274138, 1.0556451783605572, 1.0671404006768237, 1.0787607977571199,
  1.0905077326652577, 1.102382583307841, 1.1143867425958924, 1.1265216186082418,
  1.1387886347566916, 1.1511892299529827, 1.1637248587775775, 1.1763969916502812,
  1.189207115002721, 1.202156731452703, 1.215247359980469, 1.22848053610687,
  1.241857812073484, 1.255380757024691, 1.2690509571917332, 1.2828700160787783,
  1.2968395546510096, 1.3109612115247644, 1.3252366431597413, 1.339667524053303,
  1.3542555469368927, 1.3690024229745905, 1.383909881963832, 1.3989796725383112,
  1.4142135623730951, 1.42961333839197, 1.4451808069770467, 1.460917794180647,
  1.4768261459394993, 1.4929077282912648, 1.5091644275934228, 1.5255981507445384,
  1.5422108254079407, 1.559004400237837, 1.5759808451078865, 1.593142151342267,
  1.6104903319492543, 1.6280274218573478, 1.645755478153965, 1.6636765803267364,
  1.681792830507429, 1.7001063537185235, 1.718619298122478, 1.7373338352737062,
  1.7562521603732995, 1.7753764925265212, 1.7947090750031072, 1.8142521755003989,
  1.8340080864093424, 1.8539791250833855, 1.8741676341103, 1.8945759815869656,
  1.9152065613971474, 1.9360617934922943, 1.9571441241754002, 1.978456026387951,
]);
/** 2^n, n = 0..63 (n ≤ 63 for 2a < 44). */
const POW2 = new Float64Array(64);
for (let n = 0; n < 64; n++) POW2[n] = 2 ** n;

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
        const t = s * K64 + SHIFT;
        const m = t - SHIFT; // integer in [57, 4063]
        const r = s - m * L1 - m * L2;
        const r2 = r * r;
        const p = r + r2 * (C2 + C3 * r + r2 * (C4 + C5 * r));
        const sc = T[m & 63] * POW2[m >> 6]; // exact: a power of two times T_j
        const e = sc + sc * p;
        y = 1 + -2 / (e + 1);
      } else {
        y = a === a ? 1 : a; // 2/(e^{2a} + 1) is below half an ulp of 1; NaN stays NaN
      }
      out[i] = v < 0 ? -y : y;
    }
  }
}
