/**
 * Closed-form (symbolic) matrix derivatives with typed shapes (issue 6).
 *
 *   const X = symbol("X", 3, 3), a = symbol("a", 3), b = symbol("b", 3);
 *   const f = a.T.matmul(inv(X)).matmul(b);          // Scalar, built by the ordinary ops
 *   String(derivative(f, X));                         // "−X⁻ᵀabᵀX⁻ᵀ"
 *   derivative(f, X).evaluate({ X: …, a: …, b: … });  // the numbers
 *   compile([f, gradientOf(f, X)], [X, a, b]);        // a plain Float64Array function
 *
 * A symbolic value is a `Matrix` (same types, same shape rules) whose entries are an expression.
 */
import { Matrix } from "../matrix";
import type { AnyMatrix } from "../core/primitive";
import { Tensor } from "../tensor";
import { ShapeError, ValueError, fmtValue } from "../errors";
import { SymbolicTensor, exprOf, isSymbolic } from "./trace";
import { compileExprs, evalExpr, type Bindings, type CompiledFn } from "./evaluate";
import { toLatex as latexOf, toText } from "./print";
import type { Expr, SymNode } from "./expr";

export { symbol, isSymbolic, SymbolicMatrix, SymbolicTensor, type SymbolOptions } from "./trace";
export { derivative, gradientOf, explain, explainLatex } from "./derivative";
export type { Binding, Bindings, CompiledFn } from "./evaluate";
export type { Expr } from "./expr";

function exprsOf(op: string, x: AnyMatrix | Tensor): Expr {
  if (x instanceof Tensor) return exprOf(x.toMatrix() as AnyMatrix);
  if (x instanceof Matrix) return exprOf(x);
  throw new ValueError(op, "expected a Matrix or a Tensor");
}

/**
 * The plain-text closed form of a symbolic matrix or tensor (Unicode: ᵀ, ⁻¹, ⊙, ⊗); same as `String(x)`.
 * @example
 * ```ts
 * const X = symbol("X", 3, 3);
 * const text = printExpr(derivative(det(X), X)); // "det(X)·X⁻ᵀ"
 * ```
 */
export function toText_(x: AnyMatrix | Tensor): string {
  return x instanceof SymbolicTensor ? x.toString() : toText(exprsOf("print", x));
}
export { toText_ as printExpr };

/**
 * The LaTeX source of a symbolic matrix or tensor.
 * @example
 * ```ts
 * const a = symbol("a", 3), X = symbol("X", 3, 3), b = symbol("b", 3);
 * const tex = toLatex(derivative(a.T.matmul(X).matmul(b), X)); // "a b^\\top"
 * ```
 */
export function toLatex(x: AnyMatrix | Tensor): string {
  return x instanceof SymbolicTensor ? x.toLatex() : latexOf(exprsOf("toLatex", x));
}

/**
 * The numeric value of a symbolic matrix (or tensor) for values of its symbols: `evaluate(e, { X: …, x: [1, 2] })`.
 * Missing or mis-shaped values are errors naming the symbol and both shapes.
 * @example
 * ```ts
 * const A = symbol("A", 2, 3), x = symbol("x", 3);
 * const y = evaluate(A.matmul(x), { A: mat([[1, 2, 3], [4, 5, 6]]), x: [1, 0, -1] }); // Matrix<2, 1>: [[-2], [-2]]
 * ```
 */
export function evaluate<R extends number, C extends number>(x: Matrix<R, C>, env: Bindings): Matrix<R, C>;
export function evaluate<T extends Tensor>(x: T, env: Bindings): T;
export function evaluate(x: AnyMatrix | Tensor, env: Bindings): AnyMatrix | Tensor {
  if (x instanceof Tensor) {
    const m = evalExpr([exprsOf("evaluate", x)], env)[0];
    return new Tensor(x.outDims, x.inDims, m.data);
  }
  return evalExpr([exprsOf("evaluate", x)], env)[0];
}

/** Inputs of `compile`: the symbols, in the order the compiled function takes them. */
function inputSymbols(xs: readonly AnyMatrix[]): SymNode[] {
  if (!Array.isArray(xs)) throw new ShapeError("compile", `the inputs must be an array of symbols, got ${fmtValue(xs)}`);
  return xs.map((x, i) => {
    const e = x instanceof Matrix && isSymbolic(x) ? exprOf(x) : null;
    if (e === null || e.kind !== "sym") throw new ShapeError("compile", `input ${i} is not a symbol made by symbol(name, rows, cols)`);
    return e;
  });
}

/**
 * Compiles expressions (e.g. a loss and its closed-form gradients) into one plain function over
 * Float64Array: `compile([L, gA, gb], [A, b, X, Y])(A.data, b.data, X.data, Y.data)` returns
 * `[L, gA, gb]` as row-major Float64Arrays. Buffers are allocated once; the returned arrays are
 * overwritten by the next call. Shared subexpressions run once.
 * @example
 * ```ts
 * const A = symbol("A", 2, 2), y = symbol("y", 2), x = symbol("x", 2);
 * const L = sumSquares(y.sub(A.matmul(x)));
 * const step = compile([L, gradientOf(L, A)], [A, x, y]);
 * const [loss, gA] = step(Float64Array.of(1, 0, 0, 1), Float64Array.of(1, 2), Float64Array.of(0, 0)); // loss[0] is 5
 * ```
 */
export function compile(outputs: readonly (AnyMatrix | Tensor)[] | AnyMatrix | Tensor, inputs: readonly AnyMatrix[]): CompiledFn {
  const outs = Array.isArray(outputs) ? outputs : [outputs as AnyMatrix];
  return compileExprs(outs.map((o) => exprsOf("compile", o)), inputSymbols(inputs)).fn;
}

/**
 * The kernel schedule `compile` would run (for inspection and tests).
 * @example
 * ```ts
 * const A = symbol("A", 2, 2), x = symbol("x", 2);
 * const ks = compileSchedule([tanh(A.matmul(x))], [A, x]); // string[]
 * // ks lists the kernels in order: gemm, then tanh
 * ```
 */
export function compileSchedule(outputs: readonly (AnyMatrix | Tensor)[], inputs: readonly AnyMatrix[]): string[] {
  return compileExprs(outputs.map((o) => exprsOf("compile", o)), inputSymbols(inputs)).kernels;
}
