/**
 * Reverse mode: a trace that records every primitive applied to a traced value on a tape, then
 * walks the tape backwards with each primitive's `vjp` rule. Only vector–Jacobian products are
 * formed: no Jacobian is ever materialized. The cotangent arithmetic uses the public operations, so
 * an outer trace can differentiate the backward pass again (hessians, nested `grad`).
 */
import { alloc } from "../core/alloc";
import { Matrix } from "../matrix";
import { Trace, bind, type AnyMatrix, type Box, type Primitive } from "../core/primitive";
import { add } from "../ops/elementwise";
import { compiledBackward, type TapeNode as Node } from "./compiled-backward";

interface VjpBox extends Box {
  readonly node: Node;
}

/** Numbers the recordings (compiled-backward.ts compiles a structure that a second one shows). */
let recordings = 0;

export class VjpTrace extends Trace {
  private readonly tape: Node[] = [];
  private readonly recording = recordings++;

  process<P>(prim: Primitive<P>, inputs: readonly AnyMatrix[], params: P): AnyMatrix {
    const n = inputs.length;
    const primals: AnyMatrix[] = new Array(n);
    const parents: (Node | null)[] = new Array(n);
    let any = false;
    for (let i = 0; i < n; i++) {
      const x = inputs[i];
      const b = this.boxOf(x) as VjpBox | undefined;
      primals[i] = b ? b.primal : x;
      parents[i] = b ? b.node : null;
      if (b) any = true;
    }
    const out = bind(prim, primals, params);
    if (!any) return out;
    return this.record(prim as Primitive<unknown>, params, primals, out, parents);
  }

  /** Starts tracing `x` as an input; returns the traced value and its leaf node. */
  input(x: AnyMatrix): { value: AnyMatrix; node: Node } {
    const value = this.record(null, undefined, [], x, []);
    return { value, node: (value._box as VjpBox).node };
  }

  private record(prim: Primitive<unknown> | null, params: unknown, primals: readonly AnyMatrix[], out: AnyMatrix, parents: readonly (Node | null)[]): AnyMatrix {
    const node: Node = { index: this.tape.length, prim, params, primals, out, parents };
    this.tape.push(node);
    const box: VjpBox = { trace: this, primal: out, node };
    return new Matrix(out.rows, out.cols, out.data, box);
  }

  /** The node of `y` if it depends on an input of this trace. */
  nodeOf(y: AnyMatrix): Node | undefined {
    return (this.boxOf(y) as VjpBox | undefined)?.node;
  }

  primalOf(y: AnyMatrix): AnyMatrix {
    const b = this.boxOf(y);
    return b ? b.primal : y;
  }

  /**
   * Forward mode over the recorded tape: the tangent of `root` when leaf `i` moves along `t`, by
   * each node's jvp rule on its recorded primals (f is not run again); null when `root` does not
   * depend on that leaf.
   */
  forward(root: Node, leaves: readonly Node[], i: number, t: AnyMatrix): AnyMatrix | null {
    const ts: (AnyMatrix | null)[] = new Array(root.index + 1).fill(null);
    ts[leaves[i].index] = t;
    for (let j = leaves[i].index + 1; j <= root.index; j++) {
      const node = this.tape[j];
      if (node.prim === null) continue;
      const inputs = node.parents.map((p) => (p === null ? null : ts[p.index]));
      if (inputs.every((x) => x === null)) continue;
      ts[j] = node.prim.jvp(node.primals, inputs, node.out, node.params);
    }
    return ts[root.index];
  }

  /**
   * Cotangents of `leaves` given cotangent `seed` on the output node `root` (null = zero). With
   * `valueOf`, the rules read `valueOf(v)` for each recorded value v (compiled-backward.ts traces
   * them on stand-ins).
   */
  backward(root: Node, seed: AnyMatrix, leaves: readonly Node[], valueOf?: (x: AnyMatrix) => AnyMatrix): (AnyMatrix | null)[] {
    const ct: (AnyMatrix | null)[] = [];
    for (let i = 0; i < root.index; i++) ct.push(null);
    ct.push(seed);
    for (let i = root.index; i >= 0; i--) {
      const g = ct[i];
      const node = this.tape[i];
      if (g === null || node.prim === null) continue;
      const needed = neededOf(node.parents);
      const gs = valueOf === undefined
        ? node.prim.vjp(node.primals, node.out, g, node.params, needed)
        : node.prim.vjp(node.primals.map(valueOf), valueOf(node.out), g, node.params, needed);
      for (let k = 0; k < node.parents.length; k++) {
        const p = node.parents[k], gk = gs[k];
        if (p === null || gk === null || gk === undefined) continue;
        const prev = ct[p.index];
        ct[p.index] = prev === null ? gk : add(prev, gk);
      }
      ct[i] = null; // this cotangent is spent: free it as we go
    }
    return leaves.map((l) => ct[l.index] ?? null);
  }

  /** `backward`, by a cached compiled program when this tape's structure has been seen before. */
  backwardFast(root: Node, seed: AnyMatrix, leaves: readonly Node[]): (AnyMatrix | null)[] {
    const run = (u: AnyMatrix, valueOf?: (x: AnyMatrix) => AnyMatrix) => this.backward(root, u, leaves, valueOf);
    return compiledBackward(this.tape, this.recording, root, leaves, seed, run) ?? run(seed);
  }
}

/** Which inputs of a step need a cotangent (the traced ones), shared for one and two inputs. */
const NEEDED_1 = [[false], [true]] as const;
const NEEDED_2 = [[false, false], [true, false], [false, true], [true, true]] as const;
function neededOf(parents: readonly (Node | null)[]): readonly boolean[] {
  if (parents.length === 1) return NEEDED_1[parents[0] === null ? 0 : 1];
  if (parents.length === 2) return NEEDED_2[(parents[0] === null ? 0 : 1) + (parents[1] === null ? 0 : 2)];
  return parents.map((p) => p !== null);
}

/** A pullback: maps an output cotangent to the cotangents of the inputs. */
export type Pullback = (ct: AnyMatrix) => AnyMatrix[];
/** A pushforward: maps a tangent of input i to the output's tangent. */
export type Pushforward = (i: number, t: AnyMatrix) => AnyMatrix;

/**
 * Runs `f` on traced copies of `xs` and returns its output with a pullback (and, over the same
 * recording, a pushforward). Both may be called many times (once per row or column of a Jacobian).
 */
export function reverse(f: (xs: AnyMatrix[]) => AnyMatrix, xs: readonly AnyMatrix[]): { out: AnyMatrix; pullback: Pullback; pushforward: Pushforward } {
  const trace = new VjpTrace();
  const leaves: Node[] = [];
  let root: Node | undefined, out: AnyMatrix;
  try {
    const traced = xs.map((x) => {
      const { value, node } = trace.input(x);
      leaves.push(node);
      return value;
    });
    const y = f(traced);
    root = trace.nodeOf(y); // read while the trace is active: finished traces are seen through
    out = trace.primalOf(y);
  } finally {
    trace.active = false;
  }
  const zeros = (x: AnyMatrix) => new Matrix(x.rows, x.cols, alloc(x.rows * x.cols), null);
  const pullback: Pullback = (ct) => {
    if (ct.rows !== out.rows || ct.cols !== out.cols) {
      throw new Error(`pullback: the cotangent is ${ct.rows}×${ct.cols}, the output is ${out.rows}×${out.cols}`);
    }
    if (root === undefined) return xs.map(zeros);
    const gs = trace.backwardFast(root, ct, leaves);
    return gs.map((g, i) => g ?? zeros(xs[i]));
  };
  const pushforward: Pushforward = (i, t) => (root === undefined ? null : trace.forward(root, leaves, i, t)) ?? zeros(out);
  return { out, pullback, pushforward };
}
