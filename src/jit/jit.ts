/**
 * `jit`: trace a function once per input structure and shape, then replay the recorded primitives
 * with storage planned in advance (src/jit/program.ts). The same kernels run as in eager mode, so
 * results are bit-for-bit those of calling the function directly; what goes away is the per-op
 * allocation (fresh result arrays and their page faults), which dominates at model sizes.
 */
import { liveBox, type AnyMatrix } from "../core/primitive";
import { checkFunction } from "../errors";
import { compileProgram, type CompiledProgram, type ProgramBuilder } from "./program";
import { ForeignTrace, JitTrace } from "./trace";
import { flattenTree, matchesTemplate, templateOf, treeKey, type Template, type Tree } from "./tree";

/** Programs kept per jitted function (one per argument structure and shapes); the oldest go first. */
const MAX_PROGRAMS = 32;

interface Compiled {
  readonly program: CompiledProgram;
  readonly result: Tree;
}

/**
 * Compiles `f` for speed: the first call with a given argument structure and shapes traces `f`
 * (with placeholder values: shapes only) into a program of primitives; later calls run that program
 * with buffers planned in advance, allocating only the results. Typical use: a training step,
 * `jit(valueAndGradient(loss))`, or a model's forward pass. Results equal those of `f` exactly.
 *
 * Rules, as in JAX: `f` must be a pure function of its arguments. Values it closes over are read
 * once, when it is traced — pass data that changes (a new batch) as an argument. Numbers, strings
 * and booleans among the arguments are compile-time constants (a new value traces again); pass a
 * changing number as a 1×1 matrix (`scalar(lr)`). `f` cannot branch on entry values: reading them
 * (`item()`, `get`, `data`) while tracing throws. Results that do not depend on the arguments
 * are computed once, while tracing, and every call returns that same (immutable) matrix. Under an
 * outer differentiation (`grad(jit(f))`) or with symbolic inputs, `f` simply runs as is.
 * @example
 * ```ts
 * type P = { W: Matrix<2, 3>; b: Vector<2> };
 * const loss = (p: P, x: Matrix<3, 8>, y: Matrix<2, 8>) => sumSquares(y.sub(tanh(addToCols(p.W.matmul(x), p.b))));
 * // the data are arguments, so a new batch needs no new trace
 * const step = jit((p: P, x: Matrix<3, 8>, y: Matrix<2, 8>) => valueAndGradient((q: P) => loss(q, x, y))(p));
 * const p: P = { W: randn(2, 3, { seed: 1 }), b: zeros(2, 1) };
 * const r = step(p, randn(3, 8, { seed: 2 }), randn(2, 8, { seed: 3 }));
 * const gW = r.gradient.W;                  // Denominator<Matrix<2, 3>>
 * ```
 */
export function jit<F extends (...args: never[]) => unknown>(f: F): F {
  checkFunction("jit", f);
  const programs = new Map<string, Compiled>();
  // The last call's arguments as a template and their program: a loop's next call matches it
  // without building its key.
  let last: { readonly template: Template; readonly compiled: Compiled } | null = null;
  const call = (f as unknown) as (...args: unknown[]) => unknown;
  /** The program for `key`, traced now if there is none; null if `f` touches an outer differentiation's values. */
  const programFor = (key: string, args: unknown[], leaves: readonly AnyMatrix[]): Compiled | null => {
    let c = programs.get(key);
    if (c === undefined) {
      const traced = traceProgram(call, flattenTree(args, [], "arguments"), leaves);
      if (traced === null) return null;
      c = traced;
      if (programs.size >= MAX_PROGRAMS) programs.delete(programs.keys().next().value as string);
      programs.set(key, c);
    }
    last = { template: templateOf(args), compiled: c };
    return c;
  };
  const jitted = (...args: unknown[]): unknown => {
    const leaves: AnyMatrix[] = [];
    const same = last !== null && matchesTemplate(args, last.template, leaves);
    if (!same) leaves.length = 0;
    const key = same ? null : treeKey(args, leaves) ?? flattenTree(args, [], "arguments").key; // the latter throws the error
    for (const x of leaves) if (liveBox(x) !== null) return call(...args);
    const c = key === null ? last!.compiled : programFor(key, args, leaves);
    return c === null ? call(...args) : c.result.build(c.program(leaves));
  };
  return jitted as unknown as F;
}

/** Traces `f` on abstract versions of `leaves`; null if it uses values of another active trace. */
function traceProgram(f: (...args: unknown[]) => unknown, args: Tree, leaves: readonly AnyMatrix[]): Compiled | null {
  let result: Tree | undefined;
  const traced = traceMatrices((ins) => {
    const outLeaves: AnyMatrix[] = [];
    result = flattenTree(f(...(args.build(ins) as unknown[])), outLeaves, "the result");
    return outLeaves;
  }, leaves);
  return traced === null ? null : { program: compileProgram(traced.program, traced.outputs), result: result! };
}

/**
 * Records `f` on abstract inputs shaped like `shapes` as a program, with the slots of its results;
 * null if `f` uses values of another active differentiation. With `captures`, values of an
 * enclosing `jit` trace that `f` uses become further inputs of the program, after `shapes`' ones,
 * listed in `captured`.
 */
export function traceMatrices(
  f: (inputs: AnyMatrix[]) => readonly AnyMatrix[], shapes: readonly { readonly rows: number; readonly cols: number }[], opts: { captures?: boolean } = {},
): { program: ProgramBuilder; outputs: number[]; captured: readonly AnyMatrix[] } | null {
  const trace = new JitTrace(opts);
  try {
    const outs = f(shapes.map((x) => trace.input(x.rows, x.cols)));
    const outputs = outs.map((y) => trace.slotOf(y));
    return { program: trace.program, outputs, captured: trace.captured ?? [] };
  } catch (e) {
    if (e instanceof ForeignTrace) return null;
    throw e;
  } finally {
    trace.active = false;
  }
}
