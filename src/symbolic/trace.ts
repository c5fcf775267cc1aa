/**
 * The symbolic trace: symbolic matrices are ordinary `Matrix` values carrying a box of one global
 * `SymbolicTrace`. Every operation goes through `bind`, so on a symbolic input the trace's `process`
 * runs instead of the kernel: it applies the primitive's own shape rule (the same run-time rule as
 * for numbers; the compile-time rules are the ops' own signatures) and builds an expression node.
 *
 * The trace is created once, when this module loads, so its level is below every differentiation
 * trace made later: `gradient(f)(X)` of a symbolic X records the tape over symbolic primals, and the
 * primitives' vjp/jvp rules — written with the public ops — come out as symbolic expressions.
 *
 * Nodes are simplified as they are built (smart constructors): see `build`.
 */
import { Matrix } from "../matrix";
import { Tensor } from "../tensor";
import { Trace, bind, type AnyMatrix, type Box, type Primitive } from "../core/primitive";
import type { CheckDim } from "../../types/dim";
import type { Dims } from "../../types/deriv";
import { ShapeError, checkDim, fmtValue } from "../errors";
import { add, mul, scale, sub } from "../ops/elementwise";
import { kron, matmul } from "../ops/linalg";
import { transpose } from "../ops/transpose";
import { sum } from "../ops/reduce";
import {
  commNode, dataNode, fillNode, identityNode, isIdentityNode, isOnes, isOp, isScalarShape, isZero, numberNode, numberOf, opNode, symNode, zeroNode,
  type Expr, type OpNode,
} from "./expr";
import { toLatex, toText } from "./print";
import { composeStruct, selectionOf, transposeStruct } from "./structured";
import { sliceCols, sliceRows } from "../ops/structure";
import { evalExpr, type Bindings } from "./evaluate";

const EMPTY = new Float64Array(0);

interface SymBox extends Box {
  readonly expr: Expr;
}

class SymbolicTrace extends Trace {
  process<P>(prim: Primitive<P>, inputs: readonly AnyMatrix[], params: P): AnyMatrix {
    const args = inputs.map(exprOf);
    const [rows, cols] = prim.shape(inputs, params); // the primitive's own shape rule
    return wrap(build(prim as Primitive<unknown>, params, args, rows, cols));
  }
}

/** The one symbolic trace (always active, below every differentiation trace). */
export const SYMBOLIC: Trace = new SymbolicTrace();

/**
 * A symbolic matrix: a `Matrix` with no entries (a zero-length placeholder) and an expression.
 * Prints as its expression; `toLatex()`; `evaluate({ X: …, x: … })` gives the numeric value.
 * Every value made from symbols is one (`symbol` and the ops on symbols return them).
 * @example
 * ```ts
 * const A = symbol("A", 2, 3);
 * const y = A.matmul(symbol("x", 3));          // Matrix<2, 1>
 * const isSym = y instanceof SymbolicMatrix;   // boolean: true
 * const yv = (y as SymbolicMatrix<2, 1>).evaluate({ A: [[1, 2, 3], [4, 5, 6]], x: [1, 0, -1] }); // Matrix<2, 1>: [[-2], [-2]]
 * ```
 */
export class SymbolicMatrix<R extends number = number, C extends number = number> extends Matrix<R, C> {
  /** The expression node. */
  get expr(): Expr {
    return (this._box as SymBox).expr;
  }

  /** Plain text with Unicode (ᵀ, ⁻¹, ⊙, ⊗); common subexpressions named once. */
  override toString(): string {
    return toText(this.expr);
  }

  /** LaTeX source. */
  toLatex(): string {
    return toLatex(this.expr);
  }

  /** The numeric value for the given symbol bindings. */
  evaluate(env: Bindings): Matrix<R, C> {
    return evalExpr([this.expr], env)[0] as Matrix<R, C>;
  }
}

/**
 * A symbolic higher-rank derivative: `toMatrix()` is the (∏out)×(∏in) Kronecker-form expression.
 * For a scalar w.r.t. a matrix (shape 1×(M×N)) it prints as the M×N array the notes draw (the
 * input-shaped gradient); `display` holds that form.
 * @example
 * ```ts
 * const A = symbol("A", 2, 3), x = symbol("x", 3);
 * const D = derivative(A.matmul(x), A);        // Tensor<[2], [2, 3]>
 * const text = String(D);                      // "I ⊗ xᵀ"
 * const isSym = D instanceof SymbolicTensor;   // boolean: true
 * ```
 */
export class SymbolicTensor<Out extends Dims = Dims, In extends Dims = Dims> extends Tensor<Out, In> {
  /** What prints: the input-shaped gradient for 1×(M×N), else the flattened matrix. */
  readonly display: Expr;

  constructor(outDims: Out, inDims: In, flat: AnyMatrix, display?: Expr) {
    super(outDims, inDims, flat);
    this.display = display ?? exprOf(flat);
  }

  /** The expression of the flattened (∏out)×(∏in) matrix. */
  get expr(): Expr {
    return exprOf(this.toMatrix() as AnyMatrix);
  }

  override toString(): string {
    return toText(this.display);
  }

  toLatex(): string {
    return toLatex(this.display);
  }

  /** The numeric tensor for the given bindings. */
  evaluate(env: Bindings): Tensor<Out, In> {
    const m = evalExpr([this.expr], env)[0];
    return new Tensor(this.outDims, this.inDims, m.data);
  }
}

// a WeakMap entry whose value refers to its key is still collectable (an ephemeron)
const wrapped = new WeakMap<Expr, AnyMatrix>();

/** The symbolic matrix of a node (one per node). */
export function wrap(e: Expr): AnyMatrix {
  let m = wrapped.get(e);
  if (m === undefined) {
    const box: SymBox = { trace: SYMBOLIC, primal: new Matrix(e.rows, e.cols, EMPTY, null), expr: e };
    m = new SymbolicMatrix(e.rows, e.cols, EMPTY, box);
    wrapped.set(e, m);
  }
  return m;
}

/**
 * Is `x` symbolic (does it carry a symbolic expression)?
 * @example
 * ```ts
 * const yes = isSymbolic(symbol("x", 3));      // boolean: true
 * const no = isSymbolic(vec([1, 2, 3]));       // boolean: false
 * ```
 */
export function isSymbolic(x: unknown): boolean {
  return x instanceof Matrix && SYMBOLIC.boxOf(x as AnyMatrix) !== undefined;
}

/** The expression of a symbolic matrix, or a constant node for a numeric one. */
export function exprOf(x: AnyMatrix): Expr {
  const b = SYMBOLIC.boxOf(x) as SymBox | undefined;
  if (b !== undefined) return b.expr;
  let p = x;
  while (p._box !== null) p = p._box.primal;
  if (p.data.length !== p.rows * p.cols) {
    throw new ShapeError("symbolic", `a ${p.rows}×${p.cols} value has no entries: a derivative rule read the numbers of a symbolic matrix`);
  }
  return dataNode(p.rows, p.cols, p.data);
}

/**
 * Options of `symbol`: what is known about the value beyond its shape.
 * @example
 * ```ts
 * const opts: SymbolOptions = { oneHot: true };
 * const y = symbol("y", 4, 1, opts);           // Matrix<4, 1>
 * ```
 */
export interface SymbolOptions {
  /** The entries (of each column) sum to one — one-hot labels or probability vectors: 1ᵀy simplifies to 1. */
  readonly oneHot?: boolean;
  /** The matrix is symmetric (Wᵀ simplifies to W); evaluate does not check it. */
  readonly symmetric?: boolean;
}

/**
 * A symbolic matrix variable: `symbol("X", 3, 4)` is a `Matrix<3, 4>`, `symbol("x", 4)` a column
 * `Vector<4>`; dims may be symbolic (`symbol("Phi", n, d)` with `n = dim("n", 100)`). Names print
 * with Greek letters (Phi → Φ, theta → θ) and trailing digits as subscripts (W1 → W₁).
 * @example
 * ```ts
 * const X = symbol("X", 3, 4);                 // Matrix<3, 4>
 * const x = symbol("x", 4);                    // Matrix<4, 1>
 * const Phi = symbol("Phi", dim("n", 100), 3); // Matrix<Dim<"n">, 3>
 * const text = String(X.matmul(x));            // "Xx"
 * ```
 */
export function symbol<R extends number, C extends number = 1>(name: string, rows: R & CheckDim<R>, cols?: C & CheckDim<C>, opts: SymbolOptions = {}): Matrix<R, C> {
  const c = cols === undefined ? 1 : (cols as number);
  if (typeof name !== "string" || !/^[\p{L}_][\p{L}\p{N}_']*$/u.test(name)) throw new ShapeError("symbol", `a symbol name must be an identifier (letters, digits, _), got ${fmtValue(name)}`);
  checkDim("symbol", "rows", rows);
  checkDim("symbol", "cols", c);
  if (opts.symmetric === true && rows !== c) throw new ShapeError("symbol", `a symmetric matrix must be square, got ${rows}×${c}`);
  return wrap(symNode(name, rows as number, c, opts.oneHot === true, opts.symmetric === true)) as Matrix<R, C>;
}

// ---------------------------------------------------------------- the simplifier (smart constructors)

const M = wrap;
const T = (e: Expr): Expr => exprOf(transpose(M(e)));
const MM = (a: Expr, b: Expr): Expr => exprOf(matmul(M(a), M(b) as never));
const ADD = (a: Expr, b: Expr): Expr => exprOf(add(M(a), M(b) as never));
const SUB = (a: Expr, b: Expr): Expr => exprOf(sub(M(a), M(b) as never));
const HAD = (a: Expr, b: Expr): Expr => exprOf(mul(M(a), M(b) as never));
const SCALE = (a: Expr, s: Expr | number): Expr => exprOf(scale(M(a), M(typeof s === "number" ? numberNode(s) : s) as never));
const KRON = (a: Expr, b: Expr): Expr => exprOf(kron(M(a), M(b)) as AnyMatrix);
const SUM = (a: Expr, axis: unknown): Expr => exprOf(sum(M(a), axis as undefined));
const rebind = (e: OpNode, args: readonly Expr[]): Expr => exprOf(bind(e.prim, args.map(M), e.params));

/** Constant coefficient and the rest: c·X ↦ [c, X]. */
function coeff(e: Expr): [number, Expr] {
  if (isOp(e, "scale")) {
    const c = numberOf(e.args[1]);
    if (c !== null) return [c, e.args[0]];
  }
  return [1, e];
}

/** The factors of a product chain A·B·C (association ignored). */
function chainOf(e: Expr): Expr[] {
  return isOp(e, "matmul") ? [...chainOf(e.args[0]), ...chainOf(e.args[1])] : [e];
}

function product(fs: readonly Expr[], n: number): Expr {
  if (fs.length === 0) return identityNode(n);
  return fs.reduce((acc, f) => MM(acc, f));
}

/** Known symmetric: I, 0, c·11ᵀ (square), A + Aᵀ, AᵀA, AAᵀ, diag(v), and sums, scalings, inverses of those. */
export function isSymmetric(e: Expr): boolean {
  if (e.rows !== e.cols) return false;
  if (e.rows === 1) return true;
  if (e.kind === "sym") return e.symmetric;
  if (e.kind === "const") return e.tag === "zero" || e.tag === "identity" || e.tag === "fill";
  if (e.kind !== "op") return false;
  const [a, b] = e.args;
  switch (e.op) {
    case "add":
      return (isOp(b, "transpose") && b.args[0] === a) || (isOp(a, "transpose") && a.args[0] === b) || (isSymmetric(a) && isSymmetric(b));
    case "sub":
    case "mul":
      return isSymmetric(a) && isSymmetric(b);
    case "matmul":
      return (isOp(a, "transpose") && a.args[0] === b) || (isOp(b, "transpose") && b.args[0] === a);
    case "diag":
      return true;
    case "inv":
    case "scale":
      return isSymmetric(a);
    default:
      return false;
  }
}

/** How many transpose marks printing eᵀ costs (0 when it cancels or e is symmetric). */
function tcost(e: Expr): number {
  if (isOp(e, "transpose") || isScalarShape(e) || isSymmetric(e)) return 0;
  if (isOp(e, "matmul")) return Math.min(1, tcost(e.args[1]) + tcost(e.args[0]));
  if (isOp(e, "scale")) return tcost(e.args[0]);
  return 1;
}

/**
 * Collects common left or right factors: P·Q ± P·R = P(Q ± R), Q·P ± R·P = (Q ± R)P (with constant
 * coefficients carried into the bracket); null when the two terms share no factor.
 */
function collect(a: Expr, b: Expr, minus: boolean): Expr | null {
  const [ca, xa] = coeff(a), [cb, xb] = coeff(b);
  const A = chainOf(xa), B = chainOf(xb);
  if (A.length === 1 && B.length === 1) return null;
  const inner = (ra: Expr[], rb: Expr[], n: number): Expr => {
    const pa = SCALE(product(ra, n), ca), pb = SCALE(product(rb, n), cb);
    return minus ? SUB(pa, pb) : ADD(pa, pb);
  };
  // (one side may be used up: P + P·Q = P(I + Q))
  let p = 0;
  while (p < A.length && p < B.length && A[p] === B[p]) p++;
  if (p > 0) return MM(product(A.slice(0, p), 0), inner(A.slice(p), B.slice(p), A[p - 1].cols));
  let s = 0;
  while (s < A.length && s < B.length && A[A.length - 1 - s] === B[B.length - 1 - s]) s++;
  if (s > 0) return MM(inner(A.slice(0, A.length - s), B.slice(0, B.length - s), A[A.length - s].rows), product(A.slice(A.length - s), 0));
  return null;
}

/** All arguments constant and small: run the kernel now. */
function foldable(args: readonly Expr[], rows: number, cols: number): boolean {
  // (structured selections and shuffles stay symbolic, so Kronecker forms print with their structure)
  return rows * cols <= 64 && args.length > 0 && args.every((a) => a.kind === "const" && a.tag !== "struct" && a.rows * a.cols <= 4096);
}

/**
 * Builds the node prim(args), simplified: (Aᵀ)ᵀ = A, I·A = A·I = A, 0-propagation, scalar folding
 * (1·A = A, a·(b·A) = (ab)·A, −(−A) = A, A + (−B) = A − B), scalars pulled out of products, (AB)ᵀ =
 * BᵀAᵀ where that prints with fewer marks, common factors of sums collected, the mixed-product rule
 * (A⊗B)(C⊗D) = AC ⊗ BD, and small all-constant nodes folded. Transposed-operand products (the
 * engine's flagged matmuls) become explicit transposes, so one product form is canonical.
 */
export function build(prim: Primitive<unknown>, params: unknown, args: readonly Expr[], rows: number, cols: number): Expr {
  const r = rewrite(prim, params, args, rows, cols);
  if (r !== null) return r;
  if (foldable(args, rows, cols)) {
    try {
      const plain = args.map((a) => new Matrix(a.rows, a.cols, a.kind === "const" ? a.data : EMPTY, null));
      return dataNode(rows, cols, prim.impl(plain, params, rows, cols));
    } catch {
      // e.g. the inverse of a singular constant: keep the node, evaluation reports the error
    }
  }
  return opNode(prim, params, args, rows, cols);
}

function rewrite(prim: Primitive<unknown>, params: unknown, args: readonly Expr[], rows: number, cols: number): Expr | null {
  const [a, b] = args;
  const zero = (): Expr => zeroNode(rows, cols);
  switch (prim.name) {
    case "matmul": {
      const f = params as { ta: boolean; tb: boolean };
      if (f.ta || f.tb) return MM(f.ta ? T(a) : a, f.tb ? T(b) : b);
      if (isZero(a) || isZero(b)) return zero();
      if (isIdentityNode(a)) return b;
      if (isIdentityNode(b)) return a;
      if (isScalarShape(a)) return SCALE(b, a); // 1×1 · 1×n
      if (isScalarShape(b)) return SCALE(a, b); // n×1 · 1×1
      if (isOp(a, "scale")) return SCALE(MM(a.args[0], b), a.args[1]);
      if (isOp(b, "scale")) return SCALE(MM(a, b.args[0]), b.args[1]);
      if (isOp(a, "kron") && isOp(b, "kron")) {
        const [p, q] = a.args, [u, v] = b.args;
        if (p.cols === u.rows && q.cols === v.rows) return KRON(MM(p, u), MM(q, v));
      }
      if (a.kind === "const" && a.tag === "comm" && b.kind === "const" && b.tag === "comm" && a.rows === b.rows && MMisInverse(a, b)) return identityNode(rows);
      {
        // structured constants meeting in a chain compose (S₁S₂ is a selection, PPᵀ = I): …·P·Pᵀ·… = …·…
        const x = isOp(a, "matmul") ? a.args[1] : a, y = isOp(b, "matmul") ? b.args[0] : b;
        if (x.kind === "const" && x.tag === "struct" && y.kind === "const" && y.tag === "struct") {
          const c = composeStruct(x, y);
          if (c === null) {
            if (x === a && y === b) return null;
          } else {
            const left = x === a ? c : MM((a as OpNode).args[0], c);
            return y === b ? left : MM(left, (b as OpNode).args[1]);
          }
        }
      }
      {
        // a selection of rows (columns) of a non-constant matrix is its slice: I[1:3, :]·A = A[1:3, :]
        const sa = selectionOf(a), sb = selectionOf(b);
        if (sa !== null && !sa.t && sa.s === 1 && b.kind !== "const") return exprOf(sliceRows(M(b), sa.o, (sa.o + sa.p) as never));
        if (sb !== null && sb.t && sb.s === 1 && a.kind !== "const") return exprOf(sliceCols(M(a), sb.o, (sb.o + sb.p) as never));
      }
      return null;
    }
    case "kron": {
      if (isZero(a) || isZero(b)) return zero();
      if (isScalarShape(a)) return SCALE(b, a);
      if (isScalarShape(b)) return SCALE(a, b);
      if (isIdentityNode(a) && isIdentityNode(b)) return identityNode(rows);
      if (isOp(a, "scale")) return SCALE(KRON(a.args[0], b), a.args[1]);
      if (isOp(b, "scale")) return SCALE(KRON(a, b.args[0]), b.args[1]);
      return null;
    }
    case "transpose": {
      if (isOp(a, "transpose")) return a.args[0];
      if (isScalarShape(a)) return a;
      if (a.kind === "const") {
        if (a.tag === "zero") return zero();
        if (a.tag === "fill") return fillNode(a.value, rows, cols);
        if (a.tag === "identity") return a;
        if (a.tag === "comm") return commNode(commDims(a)[1], commDims(a)[0]); // K_{p,q}ᵀ = K_{q,p}
        if (a.tag === "struct") return transposeStruct(a.spec!);
        return null;
      }
      if (isSymmetric(a)) return a;
      if (isOp(a, "scale")) return SCALE(T(a.args[0]), a.args[1]);
      if (isOp(a, "kron")) return KRON(T(a.args[0]), T(a.args[1]));
      if (isOp(a, "matmul") && tcost(a.args[1]) + tcost(a.args[0]) <= 1) return MM(T(a.args[1]), T(a.args[0]));
      if (isOp(a, "add") || isOp(a, "sub")) {
        // (P·Q + P·R)ᵀ-like sums: push the transpose in only when the terms then collect into a product
        const c = a.op === "add" ? ADD(T(a.args[0]), T(a.args[1])) : SUB(T(a.args[0]), T(a.args[1]));
        if (isOp(c, "matmul") || (isOp(c, "scale") && isOp(c.args[0], "matmul"))) return c;
      }
      return null;
    }
    case "add": {
      if (isZero(a)) return b;
      if (isZero(b)) return a;
      if (isOp(a, "transpose") && a.args[0] === b) return ADD(b, a); // canonical order: B + Bᵀ
      const [ca, xa] = coeff(a), [cb, xb] = coeff(b);
      if (xa === xb) return SCALE(xa, ca + cb);
      if (cb < 0) return SUB(a, SCALE(xb, -cb));
      if (ca < 0) return SUB(b, SCALE(xa, -ca));
      return collect(a, b, false);
    }
    case "sub": {
      if (isZero(b)) return a;
      if (isZero(a)) return SCALE(b, -1);
      const [ca, xa] = coeff(a), [cb, xb] = coeff(b);
      if (xa === xb) return SCALE(xa, ca - cb);
      if (cb < 0) return ADD(a, SCALE(xb, -cb));
      if (ca < 0 && cb > 0 && !(a.kind === "const")) return SCALE(ADD(SCALE(xa, -ca), b), -1); // −A − B = −(A + B)
      return collect(a, b, true);
    }
    case "scale": {
      const c = numberOf(b);
      if (c === 1) return a;
      if (c === 0 || isZero(a)) return zero();
      if (c !== null) {
        if (a.kind === "const" && a.tag === "fill") return fillNode(a.value * c, rows, cols);
        const [ca, xa] = coeff(a);
        if (ca !== 1) return SCALE(xa, ca * c);
        return null;
      }
      // a non-constant scalar factor s
      if (a.kind === "const" && isScalarShape(a)) return SCALE(b, a); // c·s with the constant as the factor
      const [cs, xs] = coeff(b);
      if (cs !== 1) return SCALE(SCALE(a, xs), cs); // A·(c·t) = c·(A·t)
      const [ca, xa] = coeff(a);
      if (ca !== 1) return SCALE(SCALE(xa, b), ca); // (c·A)·s = c·(A·s)
      return null;
    }
    case "mul": {
      if (isZero(a) || isZero(b)) return zero();
      if (isOnes(a)) return b;
      if (isOnes(b)) return a;
      if (isOp(a, "div") && a.args[1] === b) return a.args[0]; // (p ⊘ q) ⊙ q = p
      if (isOp(b, "div") && b.args[1] === a) return b.args[0];
      if (a.kind === "const" && a.tag === "fill") return SCALE(b, a.value);
      if (b.kind === "const" && b.tag === "fill") return SCALE(a, b.value);
      if (isScalarShape(a)) return a.kind === "const" ? SCALE(b, a) : SCALE(a, b);
      if (isOp(a, "fill")) return SCALE(b, a.args[0]);
      if (isOp(b, "fill")) return SCALE(a, b.args[0]);
      const [ca, xa] = coeff(a), [cb, xb] = coeff(b);
      if (ca !== 1 || cb !== 1) return SCALE(HAD(xa, xb), ca * cb);
      return null;
    }
    case "div": {
      if (isZero(a)) return zero();
      if (isOnes(b)) return a;
      const [cb, xb] = coeff(b), [ca, xa] = coeff(a); // (c·p) ⊘ (d·q) = (c/d)·(p ⊘ q)
      if (cb !== 1 || (ca !== 1 && !isOnes(xa))) return SCALE(exprOf(bind(prim, [M(xa), M(xb)], params)), ca / cb);
      return null;
    }
    case "divScalar": {
      const c = numberOf(b);
      if (c !== null && c !== 0) return SCALE(a, 1 / c);
      if (isZero(a)) return zero();
      return null;
    }
    case "addScalar":
      return numberOf(b) === 0 ? a : null;
    case "fill": {
      const v = numberOf(a);
      if (v !== null) return fillNode(v, rows, cols);
      if (rows === 1 && cols === 1) return a;
      return null;
    }
    case "repeat":
      if (isZero(a)) return zero();
      if (a.kind === "const" && a.tag === "fill") return fillNode(a.value, rows, cols);
      return null;
    case "sum": {
      if (isZero(a)) return zero();
      if (a.rows === rows && a.cols === cols) return a;
      if (a.kind === "sym" && a.oneHot && (params === 0 || (params === undefined && a.cols === 1))) return fillNode(1, rows, cols); // 1ᵀy = 1
      if (a.kind === "const" && a.tag === "fill") return fillNode(a.value * (params === undefined ? a.rows * a.cols : params === 0 ? a.rows : a.cols), rows, cols);
      const [ca, xa] = coeff(a);
      if (ca !== 1) return SCALE(SUM(xa, params), ca);
      if (isOp(a, "scale")) return SCALE(SUM(a.args[0], params), a.args[1]);
      return null;
    }
    case "reshape":
      if (a.rows === rows && a.cols === cols) return a;
      if (isZero(a)) return zero();
      if (a.kind === "const" && a.tag === "fill") return fillNode(a.value, rows, cols);
      if ((a.rows === 1 || a.cols === 1) && a.rows === cols && a.cols === rows) return T(a); // a vector turned over
      if (isOp(a, "reshape")) return exprOf(bind(prim, [M(a.args[0])], params));
      if (isOp(a, "scale")) return SCALE(exprOf(bind(prim, [M(a.args[0])], params)), a.args[1]);
      return null;
    case "diag":
      if (isScalarShape(a)) return a;
      if (isOnes(a)) return identityNode(rows);
      return null;
    case "inv":
      if (isOp(a, "inv")) return a.args[0];
      if (isIdentityNode(a)) return a;
      if (isOp(a, "transpose")) return T(exprOf(bind(prim, [M(a.args[0])], params))); // (Xᵀ)⁻¹ = X⁻ᵀ
      return null;
    case "det":
    case "logAbsDet":
      if (isOp(a, "transpose")) return exprOf(bind(prim, [M(a.args[0])], params)); // det Xᵀ = det X
      return null;
    case "tanhGrad":
    case "sigmoidGrad": {
      if (isZero(b)) return zero();
      const [cb, xb] = coeff(b); // linear in the tangent: f′(y) ⊙ (c·t) = c·(f′(y) ⊙ t)
      return cb !== 1 ? SCALE(exprOf(bind(prim, [M(a), M(xb)], params)), cb) : null;
    }
    case "slice":
    case "pad":
      return isZero(a) ? zero() : null;
    case "kronContract":
      return isZero(a) || isZero(b) ? zero() : null;
    default:
      return null;
  }
}

/** The (p, q) of a commutation constant K_{p,q} (from its key). */
function commDims(k: Expr): [number, number] {
  const [, p, q] = k.key.split("|");
  return [Number(p), Number(q)];
}

/** K_{p,q}·K_{q,p} = I. */
function MMisInverse(a: Expr, b: Expr): boolean {
  const [p, q] = commDims(a), [u, v] = commDims(b);
  return p === v && q === u;
}

export { rebind as rebindNode };
