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
 *
 * exp, per entry: the same reduction and table over the whole range, one more Taylor term, the
 * table's rounding errors δ_j added to the polynomial, and the clamping and scaling of
 * elementwise.wat's $expv (x in [−746, 710]; 2^{n−a}·T_j, then times 2^a). Max error 0.75 ulp
 * of the exact value (Math.exp: 0.83), within 1 ulp of Math.exp (test/kernels-exp.test.ts).
 * sigmoid: 1/(1 + e) or e/(1 + e), e = e^{−|x|}.
 *
 * log, per entry: fdlibm's algorithm (e_log.c) in its branch-free form, as elementwise.wat's
 * $logkf: x = 2^k·m, m ∈ [√2/2, √2), f = m − 1, s = f/(2 + f), log x = k·ln2 + f − hfsq +
 * s·(hfsq + R(s²)). A subnormal x is scaled by 2^54 first. Below 1 ulp of the exact value
 * (test/kernels-log.test.ts). log1p of u ∈ [0, 1] (softplus and log σ take it of e^{−|x|}):
 * log w + (u − (w − 1))/w with w = 1 + u rounded.
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
/** 2^n at index n + 1022, n = −1022..1023: every normal power of two. */
const POW2 = new Float64Array(2046);
for (let n = -1022; n <= 1023; n++) POW2[n + 1022] = 2 ** n;
/** δ_j = (2^{j/64} − T_j)/T_j (mpmath at 300 bits), the Wasm module's second table. */
// prettier-ignore
const D = Float64Array.from([
  0.0, -1.507066976926039e-17, 4.9997448722726326e-17, 7.357846871247418e-18,
  8.189317638195515e-17, 1.6665881442326747e-18, -7.402825309426177e-17, -6.170654745608695e-17,
  -2.7939114859515733e-17, 4.776959425256223e-17, 9.341710609905046e-17, 4.585670326662351e-17,
  7.826573258636076e-17, 2.823784425951061e-17, 3.2904726646008416e-17, 4.721368121170128e-17,
  3.3484623336251524e-17, 5.527550048505249e-17, -6.346552106729483e-17, -1.5456342819397733e-17,
  3.750854201303127e-17, -5.346099009198751e-18, 2.1023049675215714e-18, 1.3357510088834541e-17,
  1.9572585293112036e-17, -5.478069123926778e-17, -2.1571477251208752e-17, 6.663804589232195e-17,
  5.68648095791174e-17, 7.007875046906994e-17, -4.8923067513522756e-17, -6.872303720902018e-17,
  -6.835808657661922e-17, -8.416011634717156e-18, -2.092304381843353e-17, -3.833464968654295e-17,
  -2.3591094770850053e-17, 9.50689710108796e-18, -6.735219232374683e-17, -7.226635472101257e-17,
  5.1548301170786783e-17, 2.4253985766689806e-17, -6.432131775424189e-18, -6.336161863401293e-17,
  1.5341410053603723e-17, -4.123367330661149e-17, -6.152602891550265e-17, 3.540948262646183e-17,
  4.875160526227062e-17, -4.719539664590972e-18, -1.0772487078934056e-17, 1.821405440362259e-17,
  1.685487290628973e-17, 3.621615935336894e-17, 1.01562190116415e-17, -5.495118966122005e-17,
  1.790126907604513e-17, 5.265370768556274e-17, -3.266924100901318e-17, 1.7963932659833022e-17,
  -5.545065618639427e-17, 5.336805878514151e-17, 4.5784915277060095e-17, 2.0414278897578303e-17,
]);
const C6 = 0.001388888888888889; // 1/6!
const TWO_M1000 = 2 ** -1000;

/** tanh(v), as one lane of elementwise.wat's "tanh" computes it. */
export function tanhOne(v: number): number {
  const a = Math.abs(v);
  if (a < 0.625) {
    const z = a * a;
    const y = a + (a * (z * ((P0 * z + P1) * z + P2))) / (((z + Q0) * z + Q1) * z + Q2);
    return v > 0 ? y : v < 0 ? -y : v; // ±0 as is
  }
  let y: number;
  if (a < 22) {
    const s = a + a;
    const t = s * K64 + SHIFT;
    const m = t - SHIFT; // integer in [57, 4063]
    const r = s - m * L1 - m * L2;
    const r2 = r * r;
    const p = r + r2 * (C2 + C3 * r + r2 * (C4 + C5 * r));
    const sc = T[m & 63] * POW2[(m >> 6) + 1022]; // exact: a power of two times T_j
    const e = sc + sc * p;
    y = 1 + -2 / (e + 1);
  } else {
    y = a === a ? 1 : a; // 2/(e^{2a} + 1) is below half an ulp of 1; NaN stays NaN
  }
  return v < 0 ? -y : y;
}

/** out[i] = tanh(x[i]) for i < x.length (out may be x). */
export function tanhJs(x: Float64Array, out: Float64Array): void {
  for (let i = 0; i < x.length; i++) out[i] = tanhOne(x[i]);
}

/** e^v, as one lane of elementwise.wat's $expv computes it. */
export function expOne(v: number): number {
  const c = v < -746 ? -746 : v > 710 ? 710 : v; // NaN stays NaN
  const t = c * K64 + SHIFT;
  const m = t - SHIFT; // integer in [−68884, 65556]
  const r = c - m * L1 - m * L2;
  const r2 = r * r;
  const j = m & 63;
  const q = r + r2 * (C2 + C3 * r + r2 * (C4 + C5 * r + r2 * C6)) + D[j];
  const n = m >> 6; // floor(m / 64)
  // sc = 2^{n−a}·T_j (exact), e^v = (sc + sc·q)·2^a
  if (c > 709) {
    const sc = T[j] * POW2[n - 1 + 1022];
    return (sc + sc * q) * 2;
  }
  if (c < -708) {
    const sc = T[j] * POW2[n + 1000 + 1022];
    return (sc + sc * q) * TWO_M1000;
  }
  const sc = T[j] * POW2[n + 1022];
  return (sc + sc * q) * 1;
}

/** out[i] = e^{x[i]} for i < x.length (out may be x). */
export function expJs(x: Float64Array, out: Float64Array): void {
  for (let i = 0; i < x.length; i++) out[i] = expOne(x[i]);
}

/** σ(v) = 1/(1 + e^{−v}), as elementwise.wat's "sigmoid" computes it. */
export function sigmoidOne(v: number): number {
  const e = expOne(-Math.abs(v));
  return (v < 0 ? e : 1) / (1 + e);
}

/** out[i] = σ(x[i]) for i < x.length (out may be x). */
export function sigmoidJs(x: Float64Array, out: Float64Array): void {
  for (let i = 0; i < x.length; i++) out[i] = sigmoidOne(x[i]);
}

// log: fdlibm's Lg1..Lg7 (R(z) ≈ (log(1 + f) − f + hfsq)/s − hfsq, a Remez fit) and ln2 = LN2_HI + LN2_LO
const LG1 = 6.666666666666735130e-1;
const LG2 = 3.999999999940941908e-1;
const LG3 = 2.857142874366239149e-1;
const LG4 = 2.222219843214978396e-1;
const LG5 = 1.818357216161805012e-1;
const LG6 = 1.531383769920937332e-1;
const LG7 = 1.479819860511658591e-1;
const LN2_HI = 6.93147180369123816490e-1;
const LN2_LO = 1.90821492927058770002e-10;
const SMALLEST_NORMAL = 2 ** -1022;
const TWO54 = 2 ** 54;
/** A double's bits as two 32-bit words; HI indexes the word with the sign and exponent. */
const WORDS_F64 = new Float64Array(1);
const WORDS = new Uint32Array(WORDS_F64.buffer);
const HI = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1 ? 1 : 0;
/** 2^−k at index k + 1022, k = −1022..1025 (exact: the smallest is subnormal 2^−1025). */
const INV_POW2 = new Float64Array(2048);
for (let k = -1022; k <= 1025; k++) INV_POW2[k + 1022] = 2 ** -k;

/** log(w) + dk0·ln2 + c for a positive normal w, as elementwise.wat's $logkf computes it. */
function logkf(w: number, dk0: number, c: number): number {
  WORDS_F64[0] = w;
  // adding (0x3ff00000 − 0x3fe6a09e) to the high word carries into the exponent when w's mantissa ≥ √2's
  const hi = WORDS[HI] + 0x95f62;
  const k = (hi >>> 20) - 1023;
  const dk = k + dk0;
  // m = w/2^k ∈ [√2/2, √2), exactly the m the Wasm kernel builds from the bits. A product, not
  // the bits written back: a 4-byte store read back by an 8-byte load stalls (33 against 18 ns)
  const f = w * INV_POW2[k + 1022] - 1;
  const hfsq = 0.5 * f * f;
  const s = f / (2 + f);
  const z = s * s;
  const zz = z * z;
  const r = z * (LG1 + zz * (LG3 + zz * (LG5 + zz * LG7))) + zz * (LG2 + zz * (LG4 + zz * LG6));
  return s * (hfsq + r) + (dk * LN2_LO + c) - hfsq + f + dk * LN2_HI;
}

/** log v, as elementwise.wat's $logv computes it: ±0 → −∞, v < 0 → NaN, +∞ and NaN as they are. */
export function logOne(v: number): number {
  if (!(v > 0 && v < Infinity)) return v === 0 ? -Infinity : v < 0 ? NaN : v;
  const sub = v < SMALLEST_NORMAL; // a subnormal: scaled into the normals first
  return logkf(sub ? v * TWO54 : v, sub ? -54 : 0, 0);
}

/** out[i] = log x[i] for i < x.length (out may be x). */
export function logJs(x: Float64Array, out: Float64Array): void {
  for (let i = 0; i < x.length; i++) out[i] = logOne(x[i]);
}

/** log(1 + u) for u ∈ [0, 1] or NaN, as elementwise.wat's $log1pv computes it. */
export function log1pUnit(u: number): number {
  const w = 1 + u;
  return logkf(w, 0, (u - (w - 1)) / w);
}

/** softplus(v) = log(1 + e^v) = max(v, 0) + log1p(e^{−|v|}), as elementwise.wat's "softplus" (max as its pmax). */
export function softplusOne(v: number): number {
  return (0 < v ? v : 0) + log1pUnit(expOne(-Math.abs(v)));
}

/** out[i] = softplus(x[i]) for i < x.length (out may be x). */
export function softplusJs(x: Float64Array, out: Float64Array): void {
  for (let i = 0; i < x.length; i++) out[i] = softplusOne(x[i]);
}

/** log σ(v) = −(max(−v, 0) + log1p(e^{−|v|})), as elementwise.wat's "logSigmoid". */
export function logSigmoidOne(v: number): number {
  const m = -v;
  return -((0 < m ? m : 0) + log1pUnit(expOne(-Math.abs(v))));
}

/** out[i] = log σ(x[i]) for i < x.length (out may be x). */
export function logSigmoidJs(x: Float64Array, out: Float64Array): void {
  for (let i = 0; i < x.length; i++) out[i] = logSigmoidOne(x[i]);
}
