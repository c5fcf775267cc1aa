/**
 * TensorFlow.js 4.22.0 with its pure-JavaScript CPU backend (`@tensorflow/tfjs`, no tfjs-node native
 * binding): float32 only, so its numbers differ from the float64 columns at float32 precision.
 * Gradients by `tf.valueAndGrads`; tfjs has no Jacobian/Hessian and no inverse/determinant/solve.
 * Each op runs inside `tf.tidy` and reads its result back with `dataSync()`.
 */
import * as tf from "@tensorflow/tfjs";
import type { Lib, Prepared } from "./common";

let ready: Promise<void> | null = null;
function setup(): Promise<void> {
  ready ??= (async () => {
    await tf.setBackend("cpu");
    await tf.ready();
    // The CPU backend prints a "install tfjs-node" banner on its first tensor: create that one quietly.
    const warn = console.warn;
    console.warn = () => {};
    try {
      tf.scalar(0).dispose();
    } finally {
      console.warn = warn;
    }
  })();
  return ready;
}

const t32 = (data: Float64Array, shape: number[]) => tf.tensor(Float32Array.from(data), shape, "float32");

function prep(inputs: tf.Tensor[], body: () => unknown): Prepared {
  return {
    run: () => {
      let out: unknown;
      tf.tidy(() => {
        out = body();
      });
      return out;
    },
    dispose: () => tf.dispose(inputs),
  };
}

export const tfjsLib: Lib = {
  id: "tfjs",
  label: "tfjs f32 (cpu)",
  note: "@tensorflow/tfjs 4.22.0, pure-JS CPU backend, float32 only; no inverse/det/solve, no Jacobian/Hessian",
  init: setup,
  ops: {
    matmul({ n, a, b }) {
      const A = t32(a, [n, n]), B = t32(b, [n, n]);
      return prep([A, B], () => tf.matMul(A, B).dataSync());
    },
    elementwise({ fn, rows, cols, a }) {
      const A = t32(a, [rows, cols]);
      const f = { tanh: tf.tanh, exp: tf.exp, sigmoid: tf.sigmoid, log: tf.log, softplus: tf.softplus, sin: tf.sin }[fn];
      return prep([A], () => f(A).dataSync());
    },
    logreg({ n, d, X, y, theta }) {
      const x = t32(X, [n, d]), t = t32(y, [n, 1]), w = t32(theta, [d, 1]);
      // L = Σ softplus(Xθ) − yᵀXθ
      const loss = (v: tf.Tensor): tf.Scalar => {
        const z = tf.matMul(x, v);
        return tf.sub(tf.sum(tf.softplus(z)), tf.sum(tf.mul(t, z))) as tf.Scalar;
      };
      const step = tf.valueAndGrads(loss);
      return prep([x, t, w], () => {
        const { value, grads } = step([w]);
        return [value.dataSync()[0], grads[0].dataSync()];
      });
    },
    train({ h, s, A, b, X, Y }) {
      const pA = t32(A, [h, h]), pb = t32(b, [h, 1]), x = t32(X, [h, s]), y = t32(Y, [h, s]);
      // L = ½‖Y − tanh(AX + b·1ᵀ)‖²  (b is h×1 and broadcasts over the s columns)
      const loss = (a: tf.Tensor, bb: tf.Tensor): tf.Scalar => tf.mul(tf.sum(tf.square(tf.sub(y, tf.tanh(tf.add(tf.matMul(a, x), bb))))), 0.5) as tf.Scalar;
      const step = tf.valueAndGrads(loss);
      return prep([pA, pb, x, y], () => {
        const { value, grads } = step([pA, pb]);
        return [value.dataSync()[0], grads[0].dataSync(), grads[1].dataSync()];
      });
    },
  },
};
