/**
 * Evaluation of expressions: `evalExpr` runs each node's primitive on numbers (the library's own
 * kernels, through `bind`); `compileExprs` turns a set of expressions into a plain function over
 * Float64Array with every buffer preallocated and a fixed schedule of kernels (the primitives' own
 * kernels writing into the buffers where they can, products fused with their transposes into one
 * gemm call, reshapes aliased).
 */
import { scalarData } from "../core/alloc";
import { Matrix } from "../matrix";
import { bind, dataKernel, type AnyMatrix } from "../core/primitive";
import { ShapeError, ValueError, fmtShape } from "../errors";
import { gemm } from "../kernels/gemm";
import { isOp, symbolsOf, topoOrder, type Expr, type OpNode, type SymNode } from "./expr";

/**
 * A value for a symbol: a Matrix, a number (1×1), or nested arrays of rows (a flat array for a column).
 * @example
 * ```ts
 * const v: Binding = [[1, 2], [3, 4]];
 * ```
 */
export type Binding = AnyMatrix | number | readonly number[] | readonly (readonly number[])[];
/**
 * Values of the symbols by name: `{ X: mat(...), x: [1, 2, 3] }`.
 * @example
 * ```ts
 * const env: Bindings = { X: eye(2), x: [1, 2], s: 3 };
 * ```
 */
export type Bindings = { readonly [name: string]: Binding };

function toMatrix(name: string, v: Binding, s: SymNode): AnyMatrix {
  let m: AnyMatrix;
  if (v instanceof Matrix) {
    let p: AnyMatrix = v;
    while (p._box !== null) p = p._box.primal;
    if (p.data.length !== p.rows * p.cols) throw new ValueError("evaluate", `the value of "${name}" is itself symbolic`);
    m = p;
  } else if (typeof v === "number") m = new Matrix(1, 1, scalarData(v), null);
  else if (Array.isArray(v)) {
    const nested = v.length > 0 && Array.isArray(v[0]);
    const rows = nested ? v.length : s.cols === 1 ? v.length : 1;
    const cols = nested ? (v[0] as number[]).length : s.cols === 1 ? 1 : v.length;
    const flat = nested ? (v as number[][]).flat() : (v as number[]);
    if (flat.length !== rows * cols || flat.some((x) => typeof x !== "number")) throw new ValueError("evaluate", `the value of "${name}" is not a rectangular array of numbers`);
    m = new Matrix(rows, cols, Float64Array.from(flat), null);
  } else throw new ValueError("evaluate", `the value of "${name}" must be a Matrix, a number or an array, got ${typeof v}`);
  if (m.rows !== s.rows || m.cols !== s.cols) throw new ShapeError("evaluate", `"${name}" is ${fmtShape(s.rows, s.cols)} but its value is ${fmtShape(m.rows, m.cols)}`);
  return m;
}

/** Checks that the roots' symbols have distinct names and that every one is bound. */
function symbolTable(roots: readonly Expr[]): Map<string, SymNode> {
  const table = new Map<string, SymNode>();
  for (const s of symbolsOf(roots)) {
    const prev = table.get(s.name);
    if (prev !== undefined && prev !== s) throw new ShapeError("evaluate", `two different symbols are named "${s.name}" (${fmtShape(prev.rows, prev.cols)} and ${fmtShape(s.rows, s.cols)})`);
    table.set(s.name, s);
  }
  return table;
}

/** The numeric values of the roots, given values for their symbols. */
export function evalExpr(roots: readonly Expr[], env: Bindings): AnyMatrix[] {
  if (env === null || typeof env !== "object") throw new ValueError("evaluate", "expected an object of symbol values, e.g. { X: mat(...) }");
  const table = symbolTable(roots);
  const missing = [...table.keys()].filter((n) => !(n in env));
  if (missing.length > 0) throw new ValueError("evaluate", `no value for ${missing.map((n) => `"${n}" (${fmtShape(table.get(n)!.rows, table.get(n)!.cols)})`).join(", ")}`);
  const vals = new Map<number, AnyMatrix>();
  for (const e of topoOrder(roots)) {
    let v: AnyMatrix;
    if (e.kind === "sym") v = toMatrix(e.name, env[e.name], e);
    else if (e.kind === "const") v = new Matrix(e.rows, e.cols, e.data, null);
    else v = bind(e.prim, e.args.map((a) => vals.get(a.id)!), e.params);
    vals.set(e.id, v);
  }
  return roots.map((r) => vals.get(r.id)!);
}

// ---------------------------------------------------------------- compile

/**
 * A compiled expression list: call with one Float64Array per input symbol (row-major).
 * @example
 * ```ts
 * const x = symbol("x", 2);
 * const f: CompiledFn = compile([sumSquares(x)], [x]);
 * const [v] = f(Float64Array.of(3, 4));       // v[0] is 25
 * ```
 */
export type CompiledFn = (...inputs: Float64Array[]) => Float64Array[];

type Step = () => void;

/**
 * Compiles `roots` as a function of the symbols `inputs` (every other symbol is an error). The
 * returned arrays are the function's own output buffers, overwritten by the next call: copy what
 * must be kept.
 */
export function compileExprs(roots: readonly Expr[], inputs: readonly SymNode[]): { fn: CompiledFn; kernels: string[] } {
  const inputSet = new Set(inputs.map((s) => s.id));
  for (const s of symbolsOf(roots)) if (!inputSet.has(s.id)) throw new ValueError("compile", `the expression uses "${s.name}" (${fmtShape(s.rows, s.cols)}), which is not among the inputs`);
  const order = topoOrder(roots);
  // products absorb their transposed operands (one gemm with flags); only nodes still used get a step
  const operand = (x: Expr): { e: Expr; t: boolean } => (isOp(x, "transpose") && x.rows > 1 && x.cols > 1 ? { e: x.args[0], t: true } : { e: x, t: false });
  const needed = new Set<number>();
  const mark = (e: Expr): void => {
    if (needed.has(e.id)) return;
    needed.add(e.id);
    if (e.kind !== "op") return;
    if (e.op === "matmul") e.args.forEach((a) => mark(operand(a).e));
    else e.args.forEach(mark);
  };
  roots.forEach(mark);
  const slot = new Map<number, number>();
  const B: Float64Array[] = [];
  const steps: Step[] = [];
  const kernels: string[] = [];
  const inputSlots = inputs.map(() => -1);
  for (const e of order) {
    if (!needed.has(e.id)) continue;
    const k = B.length;
    slot.set(e.id, k);
    if (e.kind === "sym") {
      B.push(new Float64Array(0));
      inputs.forEach((s, i) => s === e && (inputSlots[i] = k));
      continue;
    }
    if (e.kind === "const") {
      B.push(e.data);
      continue;
    }
    const args = e.args.map((a) => slot.get(a.id) ?? -1);
    if (e.op === "reshape") {
      B.push(new Float64Array(0));
      const src = args[0];
      steps.push(() => (B[k] = B[src]));
      kernels.push("alias");
      continue;
    }
    B.push(new Float64Array(e.rows * e.cols));
    if (e.op === "matmul") {
      const [pa, pb] = e.args.map(operand);
      const ia = slot.get(pa.e.id)!, ib = slot.get(pb.e.id)!;
      const m = e.rows, n = e.cols, kk = e.args[0].cols, ta = pa.t, tb = pb.t;
      steps.push(() => gemm(ta, tb, m, n, kk, B[ia], B[ib], B[k]));
      kernels.push(`gemm${ta ? "ᵀ" : ""}${tb ? "ᵀ" : ""}`);
      continue;
    }
    steps.push(kernelFor(e, args, k, B));
    kernels.push(e.op);
  }
  const outSlots = roots.map((r) => slot.get(r.id)!);
  const sizes = inputs.map((s) => s.rows * s.cols);
  const fn: CompiledFn = (...xs) => {
    if (xs.length !== inputs.length) throw new ValueError("compiled", `expected ${inputs.length} inputs (${inputs.map((s) => s.name).join(", ")}), got ${xs.length}`);
    for (let i = 0; i < xs.length; i++) {
      const x = xs[i];
      if (!(x instanceof Float64Array) || x.length !== sizes[i]) throw new ShapeError("compiled", `input "${inputs[i].name}" must be a Float64Array of ${sizes[i]} entries (${fmtShape(inputs[i].rows, inputs[i].cols)})`);
      if (inputSlots[i] >= 0) B[inputSlots[i]] = x;
    }
    for (let i = 0; i < steps.length; i++) steps[i]();
    return outSlots.map((s) => B[s]);
  };
  return { fn, kernels };
}

/**
 * One step writing node `e` into B[k]; B[args[i]] are its inputs. It runs the primitive's own
 * kernel (the eager one), into B[k] when the kernel can write there, so compiled results are those
 * of evaluating the expression. The inputs are looked up per call: a buffer of an input symbol
 * changes with each call.
 */
function kernelFor(e: OpNode, args: number[], k: number, B: Float64Array[]): Step {
  const kernel = dataKernel(e.prim, e.params, e.args.map((a) => [a.rows, a.cols] as const), e.rows, e.cols);
  const data: Float64Array[] = new Array(args.length);
  return () => {
    for (let i = 0; i < args.length; i++) data[i] = B[args[i]];
    const out = kernel(data, B[k]);
    if (out !== B[k]) B[k].set(out);
  };
}
