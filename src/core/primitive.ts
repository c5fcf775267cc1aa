/**
 * Primitives and their dispatch.
 *
 * Every operation of shapecalc is one `Primitive`: a shape rule, a kernel on Float64Array, a
 * Jacobian–vector product (forward mode) and a vector–Jacobian product (reverse mode), defined
 * together in one place. The derivative rules are written with the public operations themselves, so
 * they can be differentiated again (hessians, nested `grad`).
 *
 * `bind` runs a primitive. On plain matrices it checks the shapes and calls the kernel. When an input
 * is being traced by a differentiation (it carries a `Box`), the innermost active trace handles the
 * call: it computes the primal result one level down and records what its derivative mode needs.
 */
import { Matrix } from "../matrix";
import { ShapeError, ValueError, fmtValue } from "../errors";

/** A matrix of any shape, for code that does not track dims in its types. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyMatrix = Matrix<any, any>;

/** A function of numbers that a fused loop's expression calls by name (`pointwise`'s `use`). */
export type ScalarFunction = (...xs: number[]) => number;

export interface Primitive<P = void> {
  readonly name: string;
  /** The output shape `[rows, cols]` for these inputs; throws `ShapeError` when they do not fit. */
  shape(inputs: readonly AnyMatrix[], params: P): readonly [number, number];
  /**
   * The kernel: the output's row-major data. Inputs are plain (untraced) and must not be mutated.
   * `out`, when given (by `jit`'s executor), is a buffer of rows·cols entries with arbitrary contents
   * that aliases no input; a kernel that supports it writes the whole result there and returns it
   * (see `writesOut`), any other kernel ignores it and returns fresh storage.
   */
  impl(inputs: readonly AnyMatrix[], params: P, rows: number, cols: number, out?: Float64Array): Float64Array;
  /** True when `impl` honours `out` and its result never shares storage with an input. */
  readonly writesOut?: boolean;
  /**
   * For element-wise kernels, the same computation as an expression in one output entry, so `jit`
   * can fuse chains of them into one loop (like a JAX primitive's lowering beside its impl rule).
   * `args` name the inputs' entries (an input of the output's shape at the same index; a 1×1, a
   * column or a row broadcast); `use(f)` names a scalar function the expression calls (its other
   * arguments written as number literals). The
   * expression must do exactly the kernel's floating-point operations, in its order, so fused
   * results are bit-for-bit the kernel's (test/jit-fusion.test.ts).
   */
  pointwise?(args: readonly string[], params: P, use: (f: ScalarFunction) => string): string;
  /**
   * With `pointwise`: fuse only values of fewer entries than this. Set where the kernel runs a
   * faster array code (Wasm SIMD) from that size on than `pointwise` can in a fused loop.
   */
  readonly fuseBelow?: number;
  /**
   * For sums of entries: the term each entry `x` adds (`x * x` for Σx²) and the axis summed along
   * (undefined: all entries; 0: down columns; 1: along rows), so `jit` can compute the summed
   * chain inside the reduction's loop. The kernel must add the terms in the order of the generated
   * loops: that of sumRange in src/ops/reduce.ts (four accumulators; a column sum, row after row).
   */
  reduction?(x: string, params: P): { readonly term: string; readonly axis: 0 | 1 | undefined };
  /**
   * Batching (JAX's vmap rule, used by `jacobian` to run all its passes at once: src/jit/batch.ts):
   * the output for `size` stacked members of the batched inputs, in the stacked layout of
   * `BatchArg`, for an output member of shape rows×cols; or null to run member by member.
   * `ELEMENTWISE` says the kernel works entry by entry on inputs of the output's shape, and
   * `BY_SCALAR` that it works entry by entry on its first input with a 1×1 factor as the second: then
   * it runs once on the stacked data (with a factor per member: member by member). Without a rule:
   * member by member.
   */
  readonly batch?: typeof ELEMENTWISE | typeof BY_SCALAR | ((args: readonly BatchArg[], params: P, size: number, rows: number, cols: number) => Float64Array | null);
  /** Forward mode: the output tangent given input tangents (`null` = zero tangent). */
  jvp(primals: readonly AnyMatrix[], tangents: readonly (AnyMatrix | null)[], out: AnyMatrix, params: P): AnyMatrix | null;
  /** Reverse mode: input cotangents given the output cotangent `ct`; only `needed[i]` ones are computed. */
  vjp(primals: readonly AnyMatrix[], out: AnyMatrix, ct: AnyMatrix, params: P, needed: readonly boolean[]): readonly (AnyMatrix | null)[];
}

/** `Primitive.batch` for kernels that work entry by entry on inputs of equal shapes. */
export const ELEMENTWISE = "elementwise";
/** `Primitive.batch` for kernels that work entry by entry on their first input, by a 1×1 second one. */
export const BY_SCALAR = "by scalar";

/**
 * An input of a batched evaluation. A batched one holds `size` members of shape rows×cols one after
 * another (member k's entries, row-major, from k·rows·cols on): a (size·rows)×cols matrix, so
 * [A₁; …; A_K]·B is one product, and so is the product of a matrix with K stacked vectors, read
 * as K×n. An unbatched input is one value shared by every member.
 */
export interface BatchArg {
  readonly rows: number;
  readonly cols: number;
  readonly data: Float64Array;
  readonly batched: boolean;
  /**
   * Set when the members are scaled basis vectors (as `jacobian` pushes through, and element-wise
   * steps keep): member k is scale[k]·e_(basis + k), scale[k] (1 without `scale`) at row-major
   * index basis + k and +0 elsewhere. A rule can use that instead of reading `data`, which is
   * then made only on first use.
   */
  readonly basis?: number;
  readonly scale?: Float64Array;
}

/**
 * Defines a primitive. Every primitive gets the same fields in the same order (absent optional
 * rules as undefined), so that all of them share one object layout and the reads of `bind`, the
 * traces and jit (`prim.shape`, `prim.impl`, …) stay monomorphic instead of probing one layout per
 * primitive (the eager training step at 4×4 and 16×16: 5–8% faster, alternating processes).
 */
export function primitive<P = void>(def: Primitive<P>): Primitive<P> {
  return {
    name: def.name,
    shape: def.shape,
    impl: def.impl,
    writesOut: def.writesOut,
    pointwise: def.pointwise,
    fuseBelow: def.fuseBelow,
    reduction: def.reduction,
    batch: def.batch,
    jvp: def.jvp,
    vjp: def.vjp,
  };
}

/** What a differentiation attaches to a matrix it traces. */
export interface Box {
  readonly trace: Trace;
  /** The same value one level down (plain, or boxed by an outer trace). */
  readonly primal: AnyMatrix;
}

/** One active differentiation (a forward-mode or reverse-mode interpreter). Levels nest. */
export abstract class Trace {
  private static counter = 0;
  /** Unique and increasing: an inner trace always has a higher level than the traces around it. */
  readonly level = ++Trace.counter;
  active = true;
  abstract process<P>(prim: Primitive<P>, inputs: readonly AnyMatrix[], params: P): AnyMatrix;

  /** The box of `x` if this trace made it, else undefined; boxes of finished traces are seen through. */
  boxOf(x: AnyMatrix): Box | undefined {
    const b = liveBox(x);
    return b !== null && b.trace === this ? b : undefined;
  }
}

/** The innermost box of `x` whose trace is still active, or null. */
export function liveBox(x: AnyMatrix): Box | null {
  let b = x._box;
  while (b !== null && !b.trace.active) b = b.primal._box;
  return b;
}

/**
 * Called after every kernel run with the primitive's name and output shape (for tests and profiling).
 * @example
 * ```ts
 * const seen: string[] = [];
 * const observer: KernelObserver = (name, rows, cols) => void seen.push(`${name} ${rows}×${cols}`);
 * ```
 */
export type KernelObserver = (name: string, rows: number, cols: number) => void;
let observer: KernelObserver | null = null;

/**
 * Installs (or with null removes) a `KernelObserver`; returns the previous one.
 * @example
 * ```ts
 * const seen: string[] = [];
 * const previous = observeKernels((name, rows, cols) => void seen.push(`${name} ${rows}×${cols}`));
 * matmul(eye(2), vec([1, 2]));              // seen: ["matmul 2×1"]
 * observeKernels(previous);
 * ```
 */
export function observeKernels(fn: KernelObserver | null): KernelObserver | null {
  const prev = observer;
  observer = fn;
  return prev;
}

/** Runs `prim` on `inputs`: directly on plain values, or through the innermost active trace. */
export function bind<P>(prim: Primitive<P>, inputs: readonly AnyMatrix[], params: P): AnyMatrix {
  let top: Trace | null = null;
  let boxed = false;
  for (let i = 0; i < inputs.length; i++) {
    const b = inputs[i]?._box;
    if (b === null) continue;
    if (b === undefined) throw notAMatrix(prim.name, i, inputs[i]);
    boxed = true;
    const live = b.trace.active ? b : liveBox(inputs[i]);
    if (live !== null && (top === null || live.trace.level > top.level)) top = live.trace;
  }
  if (top !== null) return top.process(prim, inputs, params);
  const plain = boxed ? inputs.map(toPlain) : inputs; // boxes of finished traces only
  const shape = prim.shape(plain, params);
  const rows = shape[0], cols = shape[1]; // indexing, not destructuring: no iterator on the hot path
  return new Matrix(rows, cols, runKernel(prim, plain, params, rows, cols), null);
}

/** The error for operand i of `op` when it is not a Matrix (plain JavaScript callers, or data typed `any`). */
export function notAMatrix(op: string, i: number, x: unknown): ShapeError {
  return new ShapeError(op, `operand ${i + 1} must be a Matrix, got ${fmtValue(x)}`);
}

/** Runs `prim`'s kernel on plain inputs (into `out` if it supports that) and tells the observer. */
export function runKernel<P>(prim: Primitive<P>, inputs: readonly AnyMatrix[], params: P, rows: number, cols: number, out?: Float64Array): Float64Array {
  const data = prim.impl(inputs, params, rows, cols, out);
  kernelRan(prim.name, rows, cols);
  return data;
}

/**
 * `prim`'s kernel for inputs of fixed shapes, as a function of their entries, for code that plans
 * its own buffers (jit's programs, symbolic `compile`): it wraps the entries as plain matrices
 * (wrappers kept from call to call while the storage is the same) and runs the kernel, into `out`
 * when the kernel can write there (`writesOut`; else it returns fresh storage). It does not tell
 * the kernel observer.
 */
export function dataKernel<P>(
  prim: Primitive<P>, params: P, shapes: readonly (readonly [number, number])[], rows: number, cols: number,
): (data: readonly Float64Array[], out: Float64Array | undefined) => Float64Array {
  const ins: AnyMatrix[] = shapes.map(([r, c]) => new Matrix(r, c, new Float64Array(0), null));
  const into = prim.writesOut === true;
  return (data, out) => {
    // a new wrapper only for new storage: planned buffers and constants are the same on every call
    for (let j = 0; j < ins.length; j++) if (ins[j].data !== data[j]) ins[j] = new Matrix(shapes[j][0], shapes[j][1], data[j], null);
    return prim.impl(ins, params, rows, cols, into ? out : undefined);
  };
}

/** Tells the kernel observer that a kernel ran (a primitive's, or one of jit's fused loops). */
export function kernelRan(name: string, rows: number, cols: number): void {
  if (observer !== null) observer(name, rows, cols);
}

/**
 * The plain value under every (finished) box. Only `jit`'s placeholders have no entries, and they
 * must not outlive their trace.
 */
export function toPlain(x: AnyMatrix): AnyMatrix {
  while (x._box !== null) x = x._box.primal;
  if (x.data.length !== x.rows * x.cols) {
    throw new ValueError("jit", "a value traced by an earlier call of a jitted function was used later: values made inside a jitted function are only valid in that call (return them instead of storing them)");
  }
  return x;
}
