/**
 * The "no abstraction" reference for the training step: the closed-form value and gradient of
 * L = ½‖Y − tanh(AX + b·1ᵀ)‖² written out by hand on Float64Array, with shapecalc's raw `gemm`
 * kernels — `gemm` for the two products, the same tanh kernel as `tanh` — and plain loops for
 * everything else. Buffers are allocated once.
 *
 *   Z = AX + b·1ᵀ          (gemm, then add b_i along row i)
 *   T = tanh(Z),  R = Y − T,  L = ½ Σ R²
 *   G = ∂L/∂Z = −R ⊙ (1 − T²)
 *   ∂L/∂A = G·Xᵀ           (gemm with transB)
 *   ∂L/∂b = G·1            (row sums)
 */
import { gemm } from "../src/kernels/gemm";
import { tanhArray } from "../src/kernels/wasm/elementwise-wasm";
import type { Lib } from "./peers/common";

export interface TrainStep {
  /** Runs one step; returns the loss. `gA` and `gb` hold the gradient afterwards. */
  step(): number;
  readonly gA: Float64Array;
  readonly gb: Float64Array;
}

/** A: h×h, b: h, X and Y: h×s, all row-major. */
export function handwrittenTrainStep(h: number, s: number, A: Float64Array, b: Float64Array, X: Float64Array, Y: Float64Array): TrainStep {
  const Z = new Float64Array(h * s);
  const T = new Float64Array(h * s);
  const G = new Float64Array(h * s);
  const gA = new Float64Array(h * h);
  const gb = new Float64Array(h);
  return {
    gA,
    gb,
    step() {
      gemm(false, false, h, s, h, A, X, Z);
      for (let i = 0; i < h; i++) {
        const bi = b[i];
        for (let j = i * s, end = j + s; j < end; j++) Z[j] += bi;
      }
      tanhArray(Z, T);
      let loss = 0;
      for (let i = 0; i < h; i++) {
        let rowSum = 0;
        for (let j = i * s, end = j + s; j < end; j++) {
          const t = T[j];
          const r = Y[j] - t;
          loss += r * r;
          const g = -r * (1 - t * t);
          G[j] = g;
          rowSum += g;
        }
        gb[i] = rowSum;
      }
      gemm(false, true, h, h, s, G, X, gA);
      return 0.5 * loss;
    },
  };
}

export const handwrittenLib: Lib = {
  id: "handwritten",
  label: "hand-written",
  note: "float64; closed-form gradient on shapecalc's raw kernels (gemm, tanh) + plain loops, no allocation per step",
  ops: {
    train({ h, s, A, b, X, Y }) {
      const t = handwrittenTrainStep(h, s, A, b, X, Y);
      return { run: () => t.step(), read: (loss) => [loss as number, t.gA, t.gb] };
    },
  },
};
