/**
 * The logarithm kernels (src/kernels/wasm/elementwise.wat, elementwise-js.ts): log, softplus and
 * log σ. The Wasm SIMD kernel and its JS twin give the same bits for every input; log is below
 * 1 ulp of the exact value at reference points computed with mpmath, and within 1 ulp of Math.log
 * over the whole range (subnormal inputs, both sides of √2 where the reduction changes k, near 1);
 * log1p of u ∈ [0, 1] (softplus' and log σ's) within 1 ulp of Math.log1p; the ops run the kernels.
 */
import { describe, it, expect } from "vitest";
import { log1pUnit, logJs, logOne, logSigmoidJs, softplusJs, expOne } from "../src/kernels/wasm/elementwise-js";
import { EXP_WASM_MIN, LOG_WASM_MIN, logArray, logSigmoidArray, softplusArray, wasmInto } from "../src/kernels/wasm/elementwise-wasm";
import { dim, fromData, log, logSigmoid, softplus } from "../src/index";
import { expectKernelAtLengths, firstDiff, maxUlps, rng, ulp } from "./core-helpers";

type Kernel = (x: Float64Array, out: Float64Array) => void;
const wasm = (name: "log" | "softplus" | "logSigmoid"): Kernel => (x, out) => {
  if (!wasmInto(name, x, out)) throw new Error(`wasm ${name} unavailable`);
};

/** x, and log x = hi + lo to about 106 bits (mpmath at 200 bits). */
// prettier-ignore
const EXACT: readonly (readonly [number, number, number])[] = [
  [5e-324, -744.4400719213812, -4.422444340918698e-14],
  [1e-310, -713.8013788281542, -8.592254740270771e-15],
  [2.2250738585072014e-308, -708.3964185322641, -2.7475416721234714e-14],
  [1e-300, -690.7755278982137, -2.3670096176709832e-14],
  [1e-100, -230.25850929940458, 1.1069413097223595e-14],
  [1e-10, -23.025850929940457, 4.3083158129749673e-16],
  [0.1, -2.3025850929940455, -1.7150243628057985e-16],
  [0.5, -0.6931471805599453, -2.3190468138462996e-17],
  [0.7071067811865476, -0.3465735902799726, 1.2517012761299022e-18],
  [0.7071067811865475, -0.34657359027997275, 1.0775909101525876e-17],
  [0.9999999999999999, -1.1102230246251565e-16, -6.162975822039155e-33],
  [1.0000000000000002, 2.2204460492503128e-16, 3.649214750845877e-48],
  [0.99999999, -1.0000000100247594e-08, 7.30990666591367e-27],
  [1.00000001, 9.999999889225291e-09, 1.2983837121459766e-25],
  [1.4142135623730951, 0.3465735902799727, 2.4442169414592898e-17],
  [1.414213562373095, 0.3465735902799726, -2.1544773991268955e-17],
  [1.4142131805419922, 0.3465733202845741, 2.3468390855155186e-19],
  [1.5, 0.4054651081081644, -2.8811380259626426e-18],
  [2, 0.6931471805599453, 2.3190468138462996e-17],
  [3, 1.0986122886681098, -9.07129723500153e-17],
  [10, 2.302585092994046, -2.1707562233822494e-16],
  [10000000000.0, 23.025850929940457, -3.94399383981999e-16],
  [1e+100, 230.25850929940458, -1.1033518306311232e-14],
  [1e+300, 690.7755278982137, 2.3747660028800243e-14],
  [1.7976931348622157e+308, 709.782712893384, -3.1986156462398306e-14],
  [5.317886574664318e+74, 172.06237284558267, -4.1071135946149336e-17],
  [1.0220151288954941e+147, 338.5017849650212, -7.201153480739975e-17],
  [3.0290836439489635e+179, 413.27099179197535, 5.583922906721997e-17],
  [1.035627240342451e+269, 619.4303972878704, 6.665431816301217e-17],
  [7.265710949500017e+145, 335.85800463590294, -3.719351378348205e-18],
  [6.008718663741941e+256, 591.2549953315838, -5.875396018011295e-17],
  [4.259881258714982e-287, -659.3926804029394, 2.2194250284398176e-17],
  [1.2535795290832528e-21, -48.12828387065247, 6.156137877998394e-17],
  [3.6840540220115896e+269, 620.6994037976392, -1.4708140951669632e-17],
  [3.787537312339446e+90, 208.56437439169383, -5.783994166404377e-17],
  [5.654834558330064e+243, 561.2606884508718, 1.8871358199471318e-17],
  [6.6754222518980356e-236, -541.5116494855979, -4.714965480766165e-18],
  [1.0221621430039474, 0.021920131843253726, -5.282885210480683e-19],
  [0.8219155493578473, -0.19611762721135279, -6.570176885821526e-18],
  [1.0893847733123374, 0.0856131087376993, -1.6320568078505542e-19],
  [1.1165470691352906, 0.11024094916610405, 5.9766233473824375e-18],
  [0.611802770630012, -0.4913453186224141, 1.7865166902235656e-17],
  [0.7950568204174633, -0.22934169465859855, 7.708516636032331e-19],
  [0.8515341294099993, -0.1607156981676638, -1.2800078025898059e-17],
  [1.4247108346276969, 0.3539688700606594, -9.662658395807892e-18],
  [1.2891529064662275, 0.2539853410227979, -1.985984417738389e-17],
  [0.7436437911222344, -0.29619313417191073, -2.1360600080022053e-17],
  [1.3174322922880841, 0.2756846090601274, -2.2906625299508718e-18],
  [0.7248906765590128, -0.3217344264506468, 2.6342496557505315e-17],
];

/** The previous softplus, on Math.log1p: the new kernels must stay within 1 ulp of it. */
const softplusRef = (x: number): number => Math.max(x, 0) + Math.log1p(expOne(-Math.abs(x)));

function logInputs(): [string, Float64Array][] {
  const r = rng(20261207);
  const gen = (n: number, f: () => number) => Float64Array.from({ length: n }, f);
  const e = 2 ** -52;
  const edge: number[] = [Number.MIN_VALUE, Number.MAX_VALUE, 1, 1 - e / 2, 1 + e, Math.SQRT2, Math.SQRT1_2, 1.4142131805419922, 1.4142131805419924, 1.414213180541992];
  // every power of two and its neighbours, and √2 times it (the reduction's k changes there)
  for (let k = -1074; k <= 1023; k++) {
    const p = 2 ** k;
    edge.push(p, p * (1 + e), p * (1 - e / 2), p * Math.SQRT2, p * 1.4142131805419922);
  }
  return [
    ["log-uniform x ∈ [1e−320, 1e308]", gen(500_000, () => 10 ** (-320 + 628 * r()))],
    ["x ∈ [0.5, 2]", gen(300_000, () => 0.5 + 1.5 * r())],
    ["x ∈ 1 ± 1e−6", gen(200_000, () => 1 + 2e-6 * (r() - 0.5))],
    ["subnormal x", gen(100_000, () => r() * 2 ** -1022)],
    ["edge cases", Float64Array.from(edge)],
  ];
}

describe("log", () => {
  it("below 1 ulp of the exact value at the mpmath reference points (subnormal, near 1, around √2, the extremes)", () => {
    for (const [x, hi, lo] of EXACT) {
      for (const y of [logOne(x), logVia(wasm("log"), x)]) {
        const err = Math.abs(y - hi - lo) / ulp(hi); // y − hi is exact: y and hi are within a factor 2
        expect(err, `log(${x}) = ${y}, exact ${hi} + ${lo}`).toBeLessThan(1);
      }
    }
  });

  it.each(logInputs().map(([label, x]) => [label, x] as const))("%s: wasm and JS agree bit for bit, within 1 ulp of Math.log", (label, x) => {
    const x0 = x.slice();
    const a = new Float64Array(x.length), b = new Float64Array(x.length);
    wasm("log")(x, a);
    logJs(x, b);
    expect(firstDiff(x, x0), "input not mutated").toBe(-1);
    const i = firstDiff(a, b);
    expect(i, i < 0 ? "" : `x = ${x[i]}: wasm ${a[i]}, js ${b[i]}`).toBe(-1);
    const { ulps, at } = maxUlps(x, a, Math.log, `log ${label}`);
    expect(ulps, `max ${ulps} ulp at x = ${at}`).toBeLessThanOrEqual(1);
  });

  it("special values: log ±0 = −∞, log x < 0 = NaN, log ∞ = ∞, NaN stays NaN, log 1 = +0, log 2 = ln 2", () => {
    const x = Float64Array.from([0, -0, -1, -Number.MIN_VALUE, -Infinity, Infinity, NaN, 1, 2, Math.E]);
    for (const k of [wasm("log"), logJs]) {
      const y = new Float64Array(x.length);
      k(x, y);
      expect([y[0], y[1]]).toEqual([-Infinity, -Infinity]);
      for (const j of [2, 3, 4, 6]) expect(y[j], `x = ${x[j]}`).toBeNaN();
      expect(y[5]).toBe(Infinity);
      expect(Object.is(y[7], 0)).toBe(true);
      expect([y[8], y[9]]).toEqual([Math.LN2, 1]);
    }
  });

  it("a special value at each place of a group of four ordinary ones, and alone (the kernel's fast path takes four ordinary values only)", () => {
    const specials = [0, -0, -1, -Number.MIN_VALUE, -Infinity, Infinity, NaN, Number.MIN_VALUE, 2 ** -1023, 2 ** -1022, Number.MAX_VALUE];
    for (const v of specials) {
      const groups: [Float64Array, number][] = [[Float64Array.of(v), 0], [Float64Array.of(v, v, v, v), 3]];
      for (let at = 0; at < 4; at++) groups.push([Float64Array.from([2, 3, 0.5, 7], (u, i) => (i === at ? v : u)), at]);
      for (const [x, at] of groups) {
        const a = new Float64Array(x.length), b = new Float64Array(x.length);
        wasm("log")(x, a);
        logJs(x, b);
        const i = firstDiff(a, b);
        expect(i, `x = [${Array.from(x)}]: wasm [${Array.from(a)}], js [${Array.from(b)}]`).toBe(-1);
        const want = Math.log(v);
        expect(Object.is(b[at], want) || Math.abs(b[at] - want) <= ulp(want), `log ${v} = ${b[at]}, Math.log ${want}`).toBe(true);
      }
    }
  });

  it("every length around the chunk size and odd tails; in place; out longer than x", () => {
    const r = rng(12);
    const lengths = [0, 1, 2, 3, 5, LOG_WASM_MIN - 1, LOG_WASM_MIN, 63, 64, 65, 4095, 4096, 4097, 8193];
    expectKernelAtLengths({ wasm: wasm("log"), js: logJs, array: logArray }, lengths, () => 10 ** (60 * (r() - 0.5)));
  });
});

describe("log1p of u ∈ [0, 1], for softplus and log σ", () => {
  it("within 1 ulp of Math.log1p, u itself below 2^−53, log 2 at 1", () => {
    const r = rng(13);
    let worst = 0;
    for (let i = 0; i < 300_000; i++) {
      const u = i % 2 === 0 ? r() : 2 ** (-70 * r());
      const want = Math.log1p(u);
      worst = Math.max(worst, Math.abs(log1pUnit(u) - want) / ulp(want));
    }
    expect(worst).toBeLessThanOrEqual(1);
    expect([log1pUnit(0), log1pUnit(1e-20), log1pUnit(2 ** -60), log1pUnit(1)]).toEqual([0, 1e-20, 2 ** -60, Math.LN2]);
    expect(log1pUnit(NaN)).toBeNaN();
  });
});

describe.each([
  ["softplus", wasm("softplus"), softplusJs, softplusArray, softplusRef],
  ["logSigmoid", wasm("logSigmoid"), logSigmoidJs, logSigmoidArray, (x: number) => -softplusRef(-x)],
] as const)("%s", (name, wasmKernel, jsKernel, array, ref) => {
  it("wasm and JS agree bit for bit, within 1 ulp of max(x, 0) + Math.log1p(e^−|x|)", () => {
    const r = rng(14);
    const x = Float64Array.from({ length: 400_000 }, (_, i) => (i % 2 === 0 ? 80 * (r() - 0.5) : 1600 * (r() - 0.5)));
    const a = new Float64Array(x.length), b = new Float64Array(x.length);
    wasmKernel(x, a);
    jsKernel(x, b);
    const i = firstDiff(a, b);
    expect(i, i < 0 ? "" : `x = ${x[i]}: wasm ${a[i]}, js ${b[i]}`).toBe(-1);
    const { ulps, at } = maxUlps(x, a, ref, name);
    expect(ulps, `max ${ulps} ulp at x = ${at}`).toBeLessThanOrEqual(1);
  });

  it("every length around the chunk size and odd tails; in place; out longer than x", () => {
    const r = rng(15);
    const lengths = [0, 1, 3, EXP_WASM_MIN - 1, EXP_WASM_MIN, 65, 4095, 4096, 4097, 8193];
    expectKernelAtLengths({ wasm: wasmKernel, js: jsKernel, array }, lengths, () => 60 * (r() - 0.5));
  });
});

describe("softplus and log σ at special values", () => {
  it("no overflow at ±1000, tiny results for very negative x, ln 2 at ±0, NaN stays NaN", () => {
    const x = Float64Array.from([0, -0, 1000, -1000, -40, Infinity, -Infinity, NaN, 745, -745]);
    for (const k of [wasm("softplus"), softplusJs]) {
      const y = new Float64Array(x.length);
      k(x, y);
      expect(Array.from(y.subarray(0, 4))).toEqual([Math.LN2, Math.LN2, 1000, 0]);
      expect(y[4]).toBe(expOne(-40)); // log1p(u) = u for u below 2^−53
      expect([y[5], y[6]]).toEqual([Infinity, 0]);
      expect(y[7]).toBeNaN();
      expect([y[8], y[9]]).toEqual([745, expOne(-745)]);
    }
    for (const k of [wasm("logSigmoid"), logSigmoidJs]) {
      const y = new Float64Array(x.length);
      k(x, y);
      expect([y[0], y[1], y[2], y[3]]).toEqual([-Math.LN2, -Math.LN2, -0, -1000]);
      expect(y[4]).toBe(-40 - expOne(-40));
      expect([y[5], y[6]]).toEqual([-0, -Infinity]);
      expect(y[7]).toBeNaN();
    }
  });
});

describe("the log, softplus and logSigmoid ops run the kernels", () => {
  it.each([1, 7, LOG_WASM_MIN - 1, LOG_WASM_MIN, 300])("matrix of %i entries: equal to the JS kernels bit for bit, input not mutated", (n) => {
    const r = rng(n + 100);
    const pos = Float64Array.from({ length: n }, () => 10 ** (20 * (r() - 0.5)));
    const any = Float64Array.from({ length: n }, () => 40 * (r() - 0.5));
    const pos0 = pos.slice(), any0 = any.slice();
    const P = fromData(1, dim("n", n), pos), A = fromData(1, dim("n", n), any);
    for (const [name, op, js, M, d] of [["log", log, logJs, P, pos], ["softplus", softplus, softplusJs, A, any], ["logSigmoid", logSigmoid, logSigmoidJs, A, any]] as const) {
      const want = new Float64Array(n);
      js(d, want);
      expect(firstDiff(op(M).data, want), name).toBe(-1);
    }
    expect(firstDiff(pos, pos0)).toBe(-1);
    expect(firstDiff(any, any0)).toBe(-1);
  });
});

/** log x through a Wasm kernel on a one-entry array. */
function logVia(k: Kernel, x: number): number {
  const out = new Float64Array(1);
  k(Float64Array.of(x), out);
  return out[0];
}
