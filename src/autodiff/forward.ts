/**
 * Forward mode: a trace that carries a tangent beside every value (dual numbers on matrices).
 * Each primitive's `jvp` rule maps input tangents to the output tangent.
 */
import { alloc } from "../core/alloc";
import { Matrix } from "../matrix";
import { Trace, bind, type AnyMatrix, type Box, type Primitive } from "../core/primitive";

interface JvpBox extends Box {
  readonly tangent: AnyMatrix;
}

export class JvpTrace extends Trace {
  process<P>(prim: Primitive<P>, inputs: readonly AnyMatrix[], params: P): AnyMatrix {
    const primals: AnyMatrix[] = [];
    const tangents: (AnyMatrix | null)[] = [];
    let any = false;
    for (const x of inputs) {
      const b = this.boxOf(x) as JvpBox | undefined;
      primals.push(b ? b.primal : x);
      tangents.push(b ? b.tangent : null);
      if (b) any = true;
    }
    const out = bind(prim, primals, params);
    if (!any) return out;
    const t = prim.jvp(primals, tangents, out, params);
    return t === null ? out : this.lift(out, t);
  }

  /** `x` carrying tangent `t` in this trace. */
  lift(x: AnyMatrix, t: AnyMatrix): AnyMatrix {
    const box: JvpBox = { trace: this, primal: x, tangent: t };
    return new Matrix(x.rows, x.cols, x.data, box);
  }

  /** The tangent of `y` in this trace (zeros when `y` does not depend on the input). */
  tangentOf(y: AnyMatrix): AnyMatrix {
    const b = this.boxOf(y) as JvpBox | undefined;
    return b ? b.tangent : new Matrix(y.rows, y.cols, alloc(y.rows * y.cols), null);
  }

  /** `y` without this trace's box. */
  primalOf(y: AnyMatrix): AnyMatrix {
    const b = this.boxOf(y);
    return b ? b.primal : y;
  }
}

/** Runs `f` at `x` with tangent `v`: returns f(x) and the directional derivative J·v. */
export function forward(f: (x: AnyMatrix) => AnyMatrix, x: AnyMatrix, v: AnyMatrix): { out: AnyMatrix; tangent: AnyMatrix } {
  const trace = new JvpTrace();
  try {
    const y = f(trace.lift(x, v));
    return { out: trace.primalOf(y), tangent: trace.tangentOf(y) };
  } finally {
    trace.active = false;
  }
}
