/**
 * jax-js 0.1.25 (JAX/NumPy API, kernels generated as WebAssembly), four columns: float64 and
 * float32, eager and `jit`. Node 20 notes (printed with the results):
 *  - Node 20 has no `Float16Array`; jax-js tests `data instanceof Float16Array` whenever an array is
 *    built from a typed array, so a stub class is installed on `globalThis` (never instantiated:
 *    no float16 data is used).
 *  - `init()` with no argument probes every backend and reads `navigator.gpu`; `init("wasm")` starts
 *    only the WebAssembly backend. Node 20 has no web `Worker`, so the backend runs single-threaded
 *    (like every other column).
 * jax-js counts references by hand: every function takes ownership of its arguments, so inputs
 * that are reused are passed as `x.ref`, and `dataSync()` (which forces the lazy computation and
 * copies the result out) consumes the result.
 *
 * Jacobians: in 0.1.25 `jacrev` fails for M ≠ N (it batches the cotangents over the input size:
 * "unbroadcast shape mismatch" / "Invalid reshape") and `jacfwd` returns the transpose (N×M instead
 * of M×N). Reverse mode is therefore built the way JAX defines jacrev, `vmap(vjp)` over the rows of
 * the identity; the `jacfwd` result is transposed back for the agreement check only (not timed).
 */
import { defaultDevice, hessian, init, jacfwd, jit, nn, numpy as np, valueAndGrad, vjp, vmap } from "@jax-js/jax";
import type { Lib, Prepared } from "./common";

type JArray = np.Array;

/** Installs the Float16Array stand-in jax-js needs on Node 20 (no-op on Node ≥ 22 with a native one). */
export function installFloat16Stub(): boolean {
  const g = globalThis as { Float16Array?: unknown };
  if (typeof g.Float16Array !== "undefined") return false;
  g.Float16Array = class Float16ArrayStub {};
  return true;
}

let ready: Promise<void> | null = null;
export const jaxSetupNotes: string[] = [];

function setup(): Promise<void> {
  ready ??= (async () => {
    if (installFloat16Stub()) jaxSetupNotes.push("jax-js: Node has no Float16Array; installed a stub class on globalThis (jax-js only tests `instanceof Float16Array`).");
    const devices = await init("wasm");
    defaultDevice("wasm");
    jaxSetupNotes.push(`jax-js: init("wasm") (the default init() reads navigator.gpu) → devices [${devices.join(", ")}]; no web Worker in Node, so Wasm runs single-threaded.`);
  })();
  return ready;
}

type DT = "float64" | "float32";

function makeLib(dtype: DT, useJit: boolean): Lib {
  const dt = dtype === "float64" ? np.float64 : np.float32;
  const arr = (data: Float64Array, shape: number[]): JArray => {
    const typed = dtype === "float64" ? Float64Array.from(data) : Float32Array.from(data);
    return np.array(typed, { dtype: dt }).reshape(shape);
  };
  /** Wraps f with jit (or not) and owns the inputs: run() passes `.ref`s, dispose() frees everything. */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  function prep<F extends (...args: any[]) => any>(f: F, inputs: JArray[], call: (g: F) => unknown, read?: Prepared["read"]): Prepared {
    const g = (useJit ? jit(f) : f) as F;
    return {
      run: () => call(g),
      read,
      dispose: () => {
        for (const x of inputs) x.dispose();
        if (useJit) (g as unknown as { dispose(): void }).dispose();
      },
    };
  }
  /** Reverse-mode Jacobian of f: Rᴺ → Rᴹ as JAX defines jacrev: vmap of the VJP over the rows of I_M. */
  const jacrevVjp = (f: (v: JArray) => JArray, m: number) => (v: JArray): JArray => {
    const [y, pullback] = vjp(f, [v]);
    y.dispose();
    const J = vmap((ct: JArray) => (pullback(ct) as unknown as JArray[])[0])(np.eye(m, undefined, { dtype: dt }));
    pullback.dispose();
    return J;
  };
  const suffix = `${dtype === "float64" ? "f64" : "f32"}${useJit ? " jit" : ""}`;
  return {
    id: `jax-${suffix.replace(" ", "-")}`,
    label: `jax-js ${suffix}`,
    note: useJit && dtype === "float64" ? 'jax-js 0.1.25, Wasm backend (init("wasm")); columns: float64/float32, eager and jit(); result read back with dataSync()' : undefined,
    init: setup,
    ops: {
      matmul({ n, a, b }) {
        const A = arr(a, [n, n]), B = arr(b, [n, n]);
        return prep((x: JArray, y: JArray) => np.matmul(x, y), [A, B], (g) => g(A.ref, B.ref).dataSync());
      },
      inv({ n, a }) {
        const A = arr(a, [n, n]);
        return prep((x: JArray) => np.linalg.inv(x), [A], (g) => g(A.ref).dataSync());
      },
      det({ n, a }) {
        const A = arr(a, [n, n]);
        return prep((x: JArray) => np.linalg.det(x), [A], (g) => g(A.ref).dataSync());
      },
      solve({ n, nrhs, a, b }) {
        const A = arr(a, [n, n]), B = arr(b, [n, nrhs]);
        return prep((x: JArray, y: JArray) => np.linalg.solve(x, y), [A, B], (g) => g(A.ref, B.ref).dataSync());
      },
      elementwise({ fn, rows, cols, a }) {
        const A = arr(a, [rows, cols]);
        const f = { tanh: np.tanh, exp: np.exp, sigmoid: nn.sigmoid, log: np.log, softplus: nn.softplus, sin: np.sin }[fn];
        return prep((x: JArray) => f(x), [A], (g) => g(A.ref).dataSync());
      },
      logreg({ n, d, X, y, theta }) {
        const x = arr(X, [n, d]), t = arr(y, [n, 1]), w = arr(theta, [d, 1]);
        // L = Σ softplus(Xθ) − yᵀXθ (each array is consumed once: .ref for a second use)
        const loss = (v: JArray, xx: JArray, tt: JArray): JArray => {
          const z = np.matmul(xx, v);
          return np.sum(nn.softplus(z.ref)).sub(np.sum(tt.mul(z)));
        };
        return prep(valueAndGrad(loss), [w, x, t], (g) => {
          const [v, gr] = g(w.ref, x.ref, t.ref) as [JArray, JArray];
          return [v.dataSync()[0], gr.dataSync()];
        });
      },
      train({ h, s, A, b, X, Y }) {
        const pA = arr(A, [h, h]), pb = arr(b, [h, 1]), x = arr(X, [h, s]), y = arr(Y, [h, s]);
        type P = { A: JArray; b: JArray };
        // L = ½‖Y − tanh(AX + b·1ᵀ)‖²  (b is h×1 and broadcasts over the s columns)
        const loss = (p: P, xx: JArray, yy: JArray): JArray => {
          const r = yy.sub(np.tanh(np.matmul(p.A, xx).add(p.b)));
          return np.sum(r.ref.mul(r)).mul(0.5);
        };
        return prep(
          valueAndGrad(loss),
          [pA, pb, x, y],
          (g) => {
            const [v, gr] = g({ A: pA.ref, b: pb.ref }, x.ref, y.ref) as [JArray, P];
            return [v.dataSync()[0], gr.A.dataSync(), gr.b.dataSync()];
          },
          (r) => r as number[],
        );
      },
      jacobianA({ m, n, A, x, b }) {
        // Jacobians take only a 1-D input here: differentiate w.r.t. vec(A) (row-major), reshape inside.
        const a = arr(A, [m * n]), xv = arr(x, [n]), bv = arr(b, [m]);
        const f = (aflat: JArray): JArray => np.tanh(np.matmul(aflat.reshape([m, n]), xv.ref).add(bv.ref));
        return prep(jacrevVjp(f, m), [a, xv, bv], (g) => g(a.ref).dataSync());
      },
      hessian({ n, W, x }) {
        const w = arr(W, [n, n]), xv = arr(x, [n]);
        const f = (v: JArray): JArray => np.sum(np.tanh(np.matmul(w.ref, v)));
        return prep(hessian(f), [w, xv], (g) => g(xv.ref).dataSync());
      },
      jacmode({ n, m, W, x, mode }) {
        const w = arr(W, [m, n]), xv = arr(x, [n]);
        const f = (v: JArray): JArray => np.tanh(np.matmul(w.ref, v));
        if (mode === "reverse") return prep(jacrevVjp(f, m), [w, xv], (g) => g(xv.ref).dataSync());
        // jacfwd returns N×M here: transpose back for the check.
        return prep(jacfwd(f), [w, xv], (g) => g(xv.ref).dataSync(), (r) => transposeFlat(r as ArrayLike<number>, n, m));
      },
    },
  };
}

function transposeFlat(x: ArrayLike<number>, rows: number, cols: number): Float64Array {
  const out = new Float64Array(rows * cols);
  for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) out[j * rows + i] = x[i * cols + j];
  return out;
}

export const jaxLibs: Lib[] = [makeLib("float64", false), makeLib("float64", true), makeLib("float32", false), makeLib("float32", true)];
