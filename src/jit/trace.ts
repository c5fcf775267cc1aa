/**
 * The trace `jit` records with. Its values are abstract: a shape and a slot of the program being
 * built, no entries. Every primitive applied to one is checked by its own shape rule and appended
 * to the program as an equation; differentiation traces started inside the function run on top of
 * it as usual, so their forward and backward passes are recorded too.
 */
import { ValueError } from "../errors";
import { Matrix } from "../matrix";
import { Trace, liveBox, toPlain, type AnyMatrix, type Box, type Primitive } from "../core/primitive";
import { ProgramBuilder } from "./program";

const NO_ENTRIES = new Float64Array(0);

/**
 * The `data` of an abstract value: it reports no entries (length 0, as symbolic values do, so
 * rules that have a symbolic form take it) and throws on any other use.
 */
const TRACED_DATA: Float64Array = new Proxy(NO_ENTRIES, {
  get(target, prop) {
    if (prop === "length") return 0;
    throw new ValueError(
      "jit",
      "the function read the entries of a traced value (item, get, data, toArray, printing…). A jitted function is traced once per input shape, " +
        "so its operations cannot depend on entry values: return the value and read it outside, or call the function without jit",
    );
  },
});

/** Thrown while tracing when the function touches a value traced by another active differentiation. */
export class ForeignTrace extends Error {}

interface JitBox extends Box {
  readonly slot: number;
}

export class JitTrace extends Trace {
  readonly program = new ProgramBuilder();
  private readonly constants = new Map<AnyMatrix, number>();
  /**
   * With `captures`, values of an enclosing `jit` trace that the function uses become extra inputs
   * of this program (in `captured`, in order) instead of making the trace fail: a program traced
   * inside a jitted function takes the enclosing program's values as arguments.
   */
  readonly captured: AnyMatrix[] | null;
  private readonly capturedSlots = new Map<AnyMatrix, number>();

  constructor(opts: { captures?: boolean } = {}) {
    super();
    this.captured = opts.captures === true ? [] : null;
  }

  process<P>(prim: Primitive<P>, inputs: readonly AnyMatrix[], params: P): AnyMatrix {
    const args = inputs.map((x) => this.slotOf(x));
    const [rows, cols] = prim.shape(inputs, params); // the primitive's own shape rule
    return this.abstract(rows, cols, this.program.addEquation(prim as Primitive<unknown>, params, args, rows, cols));
  }

  /** A new program input of this shape, as an abstract value. */
  input(rows: number, cols: number): AnyMatrix {
    return this.abstract(rows, cols, this.program.addInput(rows, cols));
  }

  /** The slot of `x`: its own if this trace made it, else a constant captured now. */
  slotOf(x: AnyMatrix): number {
    const b = this.boxOf(x) as JitBox | undefined;
    if (b !== undefined) return b.slot;
    const live = liveBox(x);
    if (live !== null) {
      if (this.captured === null || !(live.trace instanceof JitTrace)) throw new ForeignTrace();
      let c = this.capturedSlots.get(x);
      if (c === undefined) {
        c = this.program.addInput(x.rows, x.cols);
        this.capturedSlots.set(x, c);
        this.captured.push(x);
      }
      return c;
    }
    const plain = toPlain(x); // throws for a placeholder of an earlier trace
    let s = this.constants.get(plain);
    if (s === undefined) {
      s = this.program.addConstant(plain);
      this.constants.set(plain, s);
    }
    return s;
  }

  private abstract(rows: number, cols: number, slot: number): AnyMatrix {
    const box: JitBox = { trace: this, primal: new Matrix(rows, cols, TRACED_DATA, null), slot };
    return new Matrix(rows, cols, TRACED_DATA, box);
  }
}
