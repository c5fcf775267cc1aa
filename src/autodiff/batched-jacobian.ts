/**
 * A Jacobian's passes run as one batched pass (JAX builds jacfwd and jacrev the same way: vmap of
 * jvp or vjp over the basis vectors). At a fixed point x the pushforward v ↦ J·v (forward mode) or
 * the pullback u ↦ uᵀJ (reverse mode) is linear, and tracing it once records only that linear map:
 * every primal value is a constant of the program (JAX's `linearize`). The program then runs once
 * on all basis vectors stacked (src/jit/batch.ts), so W·v for each of n tangents becomes one product
 * W·[e₁ … e_n], and each element-wise step one loop over all passes.
 */
import { alloc } from "../core/alloc";
import { Matrix } from "../matrix";
import type { AnyMatrix } from "../core/primitive";
import { traceMatrices } from "../jit/jit";
import { batchProgram, type BatchedProgram } from "../jit/batch";
import type { ProgramBuilder } from "../jit/program";

/** At most this many entries in one stacked value (16 MiB): more passes are split into batches. */
const MAX_STACKED_ENTRIES = 1 << 21;

/** The traced linear map, ready to run on stacked basis vectors, with how many fit in one batch. */
function prepare(f: (inputs: AnyMatrix[]) => readonly AnyMatrix[], input: AnyMatrix, passes: number): { run: BatchedProgram; chunk: number } | null {
  const traced = traceMatrices(f, [input]);
  if (traced === null) return null;
  return { run: batchProgram(traced.program, traced.outputs), chunk: membersPerBatch(traced.program, passes) };
}

function membersPerBatch(p: ProgramBuilder, passes: number): number {
  let largest = 1;
  for (let s = 0; s < p.rows.length; s++) largest = Math.max(largest, p.rows[s] * p.cols[s]);
  return Math.max(1, Math.min(passes, Math.floor(MAX_STACKED_ENTRIES / largest)));
}

/**
 * The (∏out)×(∏x) Jacobian from `pushforward` (v ↦ J·v at a fixed x); null if it cannot be traced
 * (it uses values of an outer differentiation).
 */
export function forwardJacobian(pushforward: (v: AnyMatrix) => AnyMatrix, x: AnyMatrix, out: AnyMatrix): AnyMatrix | null {
  const n = x.rows * x.cols, nOut = out.rows * out.cols;
  const ready = prepare(([v]) => [pushforward(v)], x, n);
  if (ready === null) return null;
  const J = alloc(nOut * n);
  for (let first = 0; first < n; first += ready.chunk) {
    const size = Math.min(ready.chunk, n - first);
    const [y] = ready.run([{ basis: first }], size);
    // member k, the tangent along input entry first + k, is that column of J
    for (let k = 0; k < size; k++) for (let o = 0, s = k * nOut; o < nOut; o++) J[o * n + first + k] = y[s + o];
  }
  return new Matrix(nOut, n, J, null);
}

/**
 * The (∏out)×(∏xs[m]) Jacobians from `pullback` (u ↦ uᵀJ for each input, at fixed xs); null if it
 * cannot be traced.
 */
export function reverseJacobians(pullback: (ct: AnyMatrix) => AnyMatrix[], out: AnyMatrix, xs: readonly AnyMatrix[]): AnyMatrix[] | null {
  const nOut = out.rows * out.cols;
  const ready = prepare(([u]) => pullback(u), out, nOut);
  if (ready === null) return null;
  // member k, the cotangent of output entry first + k, is that row of each J: stacked members are J's rows
  if (ready.chunk === nOut) {
    const seen = new Set<Float64Array>(); // two inputs can receive the same cotangent (x + x): one copy each
    return ready.run([{ basis: 0 }], nOut).map((J, m) => {
      const own = seen.has(J) ? Float64Array.from(J) : (seen.add(J), J);
      return new Matrix(nOut, xs[m].rows * xs[m].cols, own, null);
    });
  }
  const Js = xs.map((x) => alloc(nOut * x.rows * x.cols));
  for (let first = 0; first < nOut; first += ready.chunk) {
    const size = Math.min(ready.chunk, nOut - first);
    ready.run([{ basis: first }], size).forEach((rows, m) => Js[m].set(rows, first * xs[m].rows * xs[m].cols));
  }
  return Js.map((J, m) => new Matrix(nOut, xs[m].rows * xs[m].cols, J, null));
}
