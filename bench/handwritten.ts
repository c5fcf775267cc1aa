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
      // four partial sums each for the loss and the row sums, as shapecalc's kernels use: one
      // sum would be one chain of dependent adds
      let l0 = 0, l1 = 0, l2 = 0, l3 = 0;
      for (let i = 0; i < h; i++) {
        let s0 = 0, s1 = 0, s2 = 0, s3 = 0, j = i * s;
        const end = j + s, end4 = end - (s % 4);
        for (; j < end4; j += 4) {
          const t0 = T[j], t1 = T[j + 1], t2 = T[j + 2], t3 = T[j + 3];
          const r0 = Y[j] - t0, r1 = Y[j + 1] - t1, r2 = Y[j + 2] - t2, r3 = Y[j + 3] - t3;
          l0 += r0 * r0;
          l1 += r1 * r1;
          l2 += r2 * r2;
          l3 += r3 * r3;
          const g0 = -r0 * (1 - t0 * t0), g1 = -r1 * (1 - t1 * t1), g2 = -r2 * (1 - t2 * t2), g3 = -r3 * (1 - t3 * t3);
          G[j] = g0;
          G[j + 1] = g1;
          G[j + 2] = g2;
          G[j + 3] = g3;
          s0 += g0;
          s1 += g1;
          s2 += g2;
          s3 += g3;
        }
        for (; j < end; j++) {
          const t = T[j];
          const r = Y[j] - t;
          l0 += r * r;
          const g = -r * (1 - t * t);
          G[j] = g;
          s0 += g;
        }
        gb[i] = s0 + s1 + (s2 + s3);
      }
      const loss = l0 + l1 + (l2 + l3);
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
