/**
 * Symbolic benchmark (issue 6; not part of the test suite). Run: node bench/run.mjs bench/symbolic.bench.ts [--quick]
 *
 * The training step L = ½‖Y − tanh(AX + b·1ᵀ)‖², A 128×128, X and Y 128×256:
 *  - reverse mode: `valueAndGradient(L)({ A, b })` (the engine, one tape per step);
 *  - compiled: the closed-form gradient derived once by `gradientOf`, compiled with the loss into one
 *    Float64Array function (`compile([L, ∇A, ∇b], [A, b, X, Y])`), buffers preallocated;
 *  - hand-written: bench/handwritten.ts (closed form by hand on the raw gemm), the floor.
 * Prints the median ms per step, the ratio engine / compiled, the agreement, and the schedule.
 */
import { dim, fromData, sumSquares, tanh, addToCols, valueAndGradient, type Dim, type Matrix, type Vector } from "../src/index";
import { symbol, gradientOf, compile, compileSchedule } from "../src/symbolic/index";
import { handwrittenTrainStep } from "./handwritten";
import { uniformArray } from "./random";

const quick = process.argv.includes("--quick");
const SAMPLES = quick ? 3 : 15;
const h = quick ? 16 : 128, s = quick ? 32 : 256;

/** Median ms per call, batching so each sample lasts ≳ 20 ms; the runners alternate sample by sample. */
function timeAll(fns: Record<string, () => void>): Record<string, number> {
  const reps: Record<string, number> = {};
  for (const [k, fn] of Object.entries(fns)) {
    let r = 1;
    for (;;) {
      const t = performance.now();
      for (let i = 0; i < r; i++) fn();
      if (performance.now() - t > (quick ? 2 : 20) || r > 1e6) break;
      r *= 2;
    }
    reps[k] = r;
  }
  const ts: Record<string, number[]> = Object.fromEntries(Object.keys(fns).map((k) => [k, []]));
  for (let smp = 0; smp < SAMPLES; smp++) {
    for (const [k, fn] of Object.entries(fns)) {
      const t = performance.now();
      for (let i = 0; i < reps[k]; i++) fn();
      ts[k].push((performance.now() - t) / reps[k]);
    }
  }
  return Object.fromEntries(Object.entries(ts).map(([k, v]) => [k, v.sort((a, b) => a - b)[v.length >> 1]]));
}

const maxDiff = (a: Float64Array, b: Float64Array): number => a.reduce((m, v, i) => Math.max(m, Math.abs(v - b[i])), 0);

const Ad = uniformArray(h * h, 1, 2 / Math.sqrt(h)), bd = uniformArray(h, 2, 0.2), Xd = uniformArray(h * s, 3, 2), Yd = uniformArray(h * s, 4, 1.6);

// reverse mode
const H = dim("h", h), S = dim("s", s);
const Xn = fromData(H, S, Xd), Yn = fromData(H, S, Yd);
const params = { A: fromData(H, H, Ad), b: fromData(H, 1, bd) };
type P = { A: Matrix<Dim<"h">, Dim<"h">>; b: Vector<Dim<"h">> };
const Lnum = (p: P) => sumSquares(Yn.sub(tanh(addToCols(p.A.matmul(Xn), p.b)))).scale(0.5);
const engine = valueAndGradient(Lnum);

// symbolic: derive once, compile once
const t0 = performance.now();
const A = symbol("A", H, H), b = symbol("b", H), X = symbol("X", H, S), Y = symbol("Y", H, S);
const L = sumSquares(Y.sub(tanh(addToCols(A.matmul(X), b)))).scale(0.5);
const g = gradientOf(L, { A, b });
const step = compile([L, g.A, g.b], [A, b, X, Y]);
const deriveMs = performance.now() - t0;

const hand = handwrittenTrainStep(h, s, Ad, bd, Xd, Yd);

// agreement
const r = engine(params);
const [lc, gAc, gbc] = step(Ad, bd, Xd, Yd);
const hl = hand.step();
console.log(`training step L = ½‖Y − tanh(AX + b·1ᵀ)‖², A ${h}×${h}, X ${h}×${s}${quick ? " (quick)" : ""}`);
console.log(`  L             = ${L}`);
console.log(`  ∂L/∂A         = ${g.A}`);
console.log(`  ∂L/∂b         = ${g.b}`);
console.log(`  derive + compile: ${deriveMs.toFixed(1)} ms (once)`);
console.log(`  schedule: ${compileSchedule([L, g.A, g.b], [A, b, X, Y]).join(" → ")}`);
console.log(`  check compiled vs engine: |ΔL| ${Math.abs(lc[0] - r.value.item()).toExponential(2)}  max|Δ∂A| ${maxDiff(gAc, r.gradient.A.data).toExponential(2)}  max|Δ∂b| ${maxDiff(gbc, r.gradient.b.data).toExponential(2)}`);
console.log(`  check compiled vs hand-written: |ΔL| ${Math.abs(lc[0] - hl).toExponential(2)}  max|Δ∂A| ${maxDiff(gAc, hand.gA).toExponential(2)}`);

const ms = timeAll({
  engine: () => engine(params),
  compiled: () => step(Ad, bd, Xd, Yd),
  hand: () => hand.step(),
});
console.log("");
console.log("  runner                          median ms/step");
console.log(`  reverse mode (valueAndGradient) ${ms.engine.toFixed(3)}`);
console.log(`  compiled symbolic gradient      ${ms.compiled.toFixed(3)}`);
console.log(`  hand-written closed form        ${ms.hand.toFixed(3)}`);
console.log(`  ratio engine / compiled: ${(ms.engine / ms.compiled).toFixed(2)}×   compiled / hand-written: ${(ms.compiled / ms.hand).toFixed(2)}×`);
