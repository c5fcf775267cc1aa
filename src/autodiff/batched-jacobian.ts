/**
 * A Jacobian's passes run as one batched pass (JAX builds jacfwd and jacrev the same way: vmap of
 * jvp or vjp over the basis vectors). At a fixed point x the pushforward v ↦ J·v (forward mode) or
 * the pullback u ↦ uᵀJ (reverse mode) is linear, and tracing it once records only that linear map:
 * every primal value is a constant of the program (JAX's `linearize`). The program then runs once
 * on all basis vectors stacked (src/jit/batch.ts), so W·v for each of n tangents becomes one product
 * W·[e₁ … e_n], and each element-wise step one loop over all passes.
 *
 * Inside a jitted function the primal values are the enclosing program's: the linear program takes
 * them as inputs, and the whole batched Jacobian becomes one step of the enclosing program.
 */
import { alloc, copyOf } from "../core/alloc";
import { Matrix } from "../matrix";
import { bind, primitive, type AnyMatrix, type Primitive } from "../core/primitive";
import { traceMatrices } from "../jit/jit";
import { batchProgram, type BatchedProgram } from "../jit/batch";
import type { ProgramBuilder } from "../jit/program";
import { sliceCols } from "../ops/structure";

/** At most this many entries in one stacked value (16 MiB): more passes are split into batches. */
const MAX_STACKED_ENTRIES = 1 << 21;

/** The traced linear map and the values of an enclosing jit trace it takes as further inputs. */
interface Linear {
  readonly run: BatchedProgram;
  /** Members per batch. */
  readonly chunk: number;
  readonly captured: readonly AnyMatrix[];
}

function linearize(f: (inputs: AnyMatrix[]) => readonly AnyMatrix[], input: AnyMatrix, passes: number): Linear | null {
  const traced = traceMatrices(f, [input], { captures: true });
  if (traced === null) return null;
  return { run: batchProgram(traced.program, traced.outputs), chunk: membersPerBatch(traced.program, passes), captured: traced.captured };
}

/** As many members per batch as keep the largest stacked value (one depending on the seed) in bounds. */
function membersPerBatch(p: ProgramBuilder, passes: number): number {
  const stacked = new Set<number>([p.inputs[0]]);
  for (const e of p.equations) if (e.args.some((a) => stacked.has(a))) stacked.add(e.out);
  let largest = 1;
  for (const s of stacked) largest = Math.max(largest, p.rows[s] * p.cols[s]);
  return Math.max(1, Math.min(passes, Math.floor(MAX_STACKED_ENTRIES / largest)));
}

/** A batched Jacobian as one step of an enclosing jitted program: `compute` runs it on the captured values. */
interface Deferred {
  readonly rows: number;
  readonly cols: number;
  readonly compute: (captured: readonly Float64Array[]) => Float64Array;
}

const batchedJacobianP: Primitive<Deferred> = primitive<Deferred>({
  name: "batchedJacobian",
  shape: (_, p) => [p.rows, p.cols],
  impl: (inputs, p) => p.compute(inputs.map((x) => x.data)),
  // Only a jit trace records this step (a differentiation trace around the inputs runs the passes
  // one by one instead), and a jitted program only runs it.
  jvp() {
    throw new Error("internal: a batched Jacobian step is not differentiated");
  },
  vjp() {
    throw new Error("internal: a batched Jacobian step is not differentiated");
  },
});

/** `compute` now, or as a step of the enclosing jitted program when the map captured its values. */
function result(lin: Linear, rows: number, cols: number, compute: (captured: readonly Float64Array[]) => Float64Array): AnyMatrix {
  if (lin.captured.length === 0) return new Matrix(rows, cols, compute([]), null);
  return bind(batchedJacobianP, lin.captured, { rows, cols, compute });
}

/**
 * The (∏out)×(∏x) Jacobian from `pushforward` (v ↦ J·v at a fixed x); null if it cannot be traced
 * (it uses values of a differentiation around it).
 */
export function forwardJacobian(pushforward: (v: AnyMatrix) => AnyMatrix, x: AnyMatrix, out: AnyMatrix): AnyMatrix | null {
  const n = x.rows * x.cols, nOut = out.rows * out.cols;
  const lin = linearize(([v]) => [pushforward(v)], x, n);
  if (lin === null) return null;
  return result(lin, nOut, n, (captured) => {
    const J = alloc(nOut * n), singles = captured.map((single) => ({ single }));
    for (let first = 0; first < n; first += lin.chunk) {
      const size = Math.min(lin.chunk, n - first);
      const [y] = lin.run([{ basis: first }, ...singles], size);
      // member k, the tangent along input entry first + k, is that column of J
      for (let o = 0; o < nOut; o++) for (let k = 0, r = o * n + first, s = o; k < size; k++, s += nOut) J[r + k] = y[s];
    }
    return J;
  });
}

/**
 * The (∏out)×(∏xs[m]) Jacobians from `pullback` (u ↦ uᵀJ for each input, at fixed xs); null if it
 * cannot be traced.
 */
export function reverseJacobians(pullback: (ct: AnyMatrix) => AnyMatrix[], out: AnyMatrix, xs: readonly AnyMatrix[]): AnyMatrix[] | null {
  const nOut = out.rows * out.cols, sizes = xs.map((x) => x.rows * x.cols);
  const lin = linearize(([u]) => pullback(u), out, nOut);
  if (lin === null) return null;
  /** Each input's Jacobian: member k, the cotangent of output entry k, is its row k. */
  const jacobians = (captured: readonly Float64Array[]): Float64Array[] => {
    const singles = captured.map((single) => ({ single }));
    if (lin.chunk === nOut) {
      const seen = new Set<Float64Array>(); // two inputs can receive the same cotangent (x + x): one copy each
      return lin.run([{ basis: 0 }, ...singles], nOut).map((J) => (seen.has(J) ? copyOf(J) : (seen.add(J), J)));
    }
    const Js = sizes.map((n) => alloc(nOut * n));
    for (let first = 0; first < nOut; first += lin.chunk) {
      const size = Math.min(lin.chunk, nOut - first);
      lin.run([{ basis: first }, ...singles], size).forEach((rows, m) => Js[m].set(rows, first * sizes[m]));
    }
    return Js;
  };
  if (lin.captured.length === 0) return jacobians([]).map((J, m) => new Matrix(nOut, sizes[m], J, null));
  // inside jit: one step computing [J₁ … J_m] side by side, then each input's columns
  const total = sizes.reduce((a, b) => a + b, 0);
  const all = result(lin, nOut, total, (captured) => {
    if (sizes.length === 1) return jacobians(captured)[0];
    const Js = jacobians(captured), side = alloc(nOut * total);
    for (let o = 0; o < nOut; o++) {
      for (let m = 0, c = 0; m < Js.length; c += sizes[m], m++) side.set(Js[m].subarray(o * sizes[m], (o + 1) * sizes[m]), o * total + c);
    }
    return side;
  });
  if (sizes.length === 1) return [all];
  let start = 0;
  return sizes.map((n) => sliceCols(all as Matrix<number, number>, start, (start += n) as never) as AnyMatrix);
}
