/**
 * Closed-form derivatives. The expression graph is re-evaluated as a function of the variable
 * (`replay`), and the library's own differentiation runs on it with symbolic primals:
 *  - a scalar: one reverse pass (`gradient`), giving the input-shaped gradient G; the numerator
 *    layout is Gᵀ for a vector, and for a matrix the 1×(M×N) tensor that prints as G (as the notes
 *    draw it);
 *  - otherwise: one forward pass in a symbolic direction dX. The tangent is linear in dX and is
 *    turned into Kronecker/identity form (row-major vec): vec(P·dX·Q) = (P ⊗ Qᵀ)vec(dX),
 *    vec(dXᵀ) = K·vec(dX), vec(H ⊙ dX) = diag(vec H)·vec(dX), so d(Ax)/dA is I ⊗ xᵀ and
 *    d(X⁻¹)/dX is −(X⁻¹ ⊗ X⁻ᵀ).
 */
import { Matrix } from "../matrix";
import { bind, type AnyMatrix } from "../core/primitive";
import { ShapeError, fmtShape } from "../errors";
import { gradient, type Differentiable, type GradientOf, type JacobianOf } from "../autodiff/api";
import { forward } from "../autodiff/forward";
import { Tensor } from "../tensor";
import { div } from "../ops/elementwise";
import { inv, kron, matmul } from "../ops/linalg";
import { transpose } from "../ops/transpose";
import { diag, reshape } from "../ops/structure";
import { add, scale, sub } from "../ops/elementwise";
import { dependsOn, fillNode, identityNode, isZero, symNode, zeroNode, commNode, type Expr, type OpNode, type SymNode } from "./expr";
import { SymbolicTensor, exprOf, isSymbolic, wrap } from "./trace";
import { toLatex, toText } from "./print";
import { selectNode, shuffleNode } from "./structured";

const M = wrap;
const E = exprOf;

/** The variable a derivative is taken with respect to: it must be a symbol. */
function variableOf(op: string, x: AnyMatrix): SymNode {
  if (!(x instanceof Matrix) || !isSymbolic(x)) throw new ShapeError(op, "differentiate with respect to a symbol made by symbol(name, rows, cols)");
  const e = E(x);
  if (e.kind !== "sym") throw new ShapeError(op, `differentiate with respect to a symbol, not an expression (${toText(e)})`);
  return e;
}

/** `y` rebuilt as a function of `x` in place of the symbol `v` (parts not depending on v are reused). */
function replay(y: Expr, v: SymNode, x: AnyMatrix): AnyMatrix {
  const memo = new Map<number, AnyMatrix>();
  const go = (e: Expr): AnyMatrix => {
    if (e === v) return x;
    if (!dependsOn(e, v)) return M(e);
    let r = memo.get(e.id);
    if (r === undefined) {
      const o = e as OpNode;
      r = bind(o.prim, o.args.map(go), o.params);
      memo.set(e.id, r);
    }
    return r;
  };
  return go(y);
}

/** The input-shaped gradient of a scalar expression (denominator layout, the ∇ of seeds 003–004). */
function gradientExpr(y: Expr, v: SymNode): Expr {
  if (y.rows !== 1 || y.cols !== 1) throw new ShapeError("gradientOf", `the expression must be a scalar (1×1), got ${fmtShape(y.rows, y.cols)}; use derivative for the Jacobian`);
  if (!dependsOn(y, v)) return zeroNode(v.rows, v.cols);
  const g = gradient((x: AnyMatrix) => replay(y, v, x) as Matrix<1, 1>)(M(v));
  return E(g as AnyMatrix);
}

function dimsOf(rows: number, cols: number): number[] {
  return cols === 1 ? (rows === 1 ? [1] : [rows]) : [rows, cols];
}

/** d y/d v in numerator layout, as a Matrix (2 dims in all) or a SymbolicTensor. */
function derivativeOne(y: Expr, v: SymNode): AnyMatrix | Tensor {
  const o = dimsOf(y.rows, y.cols), i = dimsOf(v.rows, v.cols);
  const nIn = v.rows * v.cols, nOut = y.rows * y.cols;
  let flat: Expr, display: Expr | undefined;
  if (nOut === 1 && y.rows === 1) {
    const g = gradientExpr(y, v); // input-shaped
    flat = E(reshape(M(g), 1, nIn as never));
    display = v.cols === 1 ? flat : g;
  } else {
    flat = jacobianExpr(y, v);
  }
  if (o.length + i.length === 2) return M(flat);
  return new SymbolicTensor(o, i, M(flat), display);
}

/** The (∏out)×(∏in) Jacobian of a non-scalar expression, in Kronecker/identity form. */
function jacobianExpr(y: Expr, v: SymNode): Expr {
  if (!dependsOn(y, v)) return zeroNode(y.rows * y.cols, v.rows * v.cols);
  const dv = symNode(`d${v.name}`, v.rows, v.cols);
  const { tangent } = forward((x) => replay(y, v, x), M(v), M(dv));
  const j = linearize(E(tangent), dv, new Map());
  return j ?? zeroNode(y.rows * y.cols, v.rows * v.cols);
}

const onesCol = (n: number): Expr => fillNode(1, n, 1);
const onesRow = (n: number): Expr => fillNode(1, 1, n);
const MM = (a: Expr, b: Expr): Expr => E(matmul(M(a), M(b) as never));
const KR = (a: Expr, b: Expr): Expr => E(kron(M(a), M(b)) as AnyMatrix);
const T = (a: Expr): Expr => E(transpose(M(a)));
const vec = (a: Expr): Expr => E(reshape(M(a), a.rows * a.cols, 1 as never));
const DIAG = (a: Expr): Expr => E(diag(M(vec(a)) as never) as AnyMatrix);
const ADD = (a: Expr | null, b: Expr | null): Expr | null => (a === null ? b : b === null ? a : E(add(M(a), M(b) as never)));
const NEG = (a: Expr | null): Expr | null => (a === null ? null : E(scale(M(a), -1)));
const SUB = (a: Expr | null, b: Expr | null): Expr | null => (b === null ? a : a === null ? NEG(b) : E(sub(M(a), M(b) as never)));

class NotLinear extends ShapeError {}

/** J with vec_r(t) = J·vec_r(d), for a tangent t linear in the direction d; null when t does not involve d. */
function linearize(t: Expr, d: SymNode, memo: Map<number, Expr | null>): Expr | null {
  if (t === d) return identityNode(d.rows * d.cols);
  if (isZero(t) || !dependsOn(t, d)) return null;
  const hit = memo.get(t.id);
  if (hit !== undefined) return hit;
  const e = t as OpNode;
  const L = (x: Expr): Expr | null => linearize(x, d, memo);
  const dep = (x: Expr): boolean => dependsOn(x, d);
  const only = (k: number): void => {
    e.args.forEach((x, i) => {
      if (i !== k && dep(x)) throw new NotLinear("derivative", `${e.op}: the tangent is not linear in ${d.name}`);
    });
  };
  const [a, b] = e.args;
  let j: Expr | null;
  switch (e.op) {
    case "add":
      j = ADD(L(a), L(b));
      break;
    case "sub":
      j = SUB(L(a), L(b));
      break;
    case "scale":
      if (dep(b)) {
        only(1);
        j = MM(vec(a), L(b)!);
      } else j = E(scale(M(L(a)!), M(b) as never));
      break;
    case "divScalar":
      only(0);
      j = E(bind(e.prim, [M(L(a)!), M(b)], e.params));
      break;
    case "matmul":
      if (dep(a)) {
        only(0);
        j = MM(KR(identityNode(a.rows), T(b)), L(a)!); // vec(dA·B) = (I ⊗ Bᵀ)vec(dA)
      } else j = MM(KR(a, identityNode(b.cols)), L(b)!); // vec(A·dB) = (A ⊗ I)vec(dB)
      break;
    case "transpose":
      j = MM(commNode(a.rows, a.cols), L(a)!);
      break;
    case "mul":
      if (dep(a)) {
        only(0);
        j = MM(DIAG(b), L(a)!);
      } else j = MM(DIAG(a), L(b)!);
      break;
    case "div":
      only(0);
      j = MM(DIAG(E(div(M(fillNode(1, b.rows, b.cols)), M(b) as never))), L(a)!);
      break;
    case "tanhGrad":
    case "sigmoidGrad":
      only(1);
      j = MM(DIAG(E(bind(e.prim, [M(a), M(fillNode(1, a.rows, a.cols))], e.params))), L(b)!);
      break;
    case "sum": {
      const axis = e.params as 0 | 1 | undefined;
      const S = axis === undefined ? onesRow(a.rows * a.cols) : axis === 0 ? KR(onesRow(a.rows), identityNode(a.cols)) : KR(identityNode(a.rows), onesRow(a.cols));
      j = MM(S, L(a)!);
      break;
    }
    case "reshape":
      j = L(a);
      break;
    case "fill":
      j = MM(onesCol(e.rows * e.cols), L(a)!);
      break;
    case "repeat": {
      const { axis, n } = e.params as { axis: 0 | 1; n: number };
      j = MM(axis === 0 ? KR(onesCol(n), identityNode(a.cols)) : KR(identityNode(a.rows), onesCol(n)), L(a)!);
      break;
    }
    case "addBroadcast": {
      const axis = e.params as 0 | 1;
      const lb = dep(b) ? MM(axis === 0 ? KR(onesCol(e.rows), identityNode(e.cols)) : KR(identityNode(e.rows), onesCol(e.cols)), L(b)!) : null;
      j = ADD(L(a), lb);
      break;
    }
    case "addScalar":
      j = ADD(L(a), dep(b) ? MM(onesCol(e.rows * e.cols), L(b)!) : null);
      break;
    case "solve":
      only(1);
      j = MM(KR(E(inv(M(a) as never)), identityNode(b.cols)), L(b)!);
      break;
    case "slice": {
      const w = e.params as { r0: number; c0: number; rows: number; cols: number };
      j = MM(KR(selectNode(w.r0, w.rows, 1, a.rows), selectNode(w.c0, w.cols, 1, a.cols)), L(a)!);
      break;
    }
    case "pad": {
      const w = e.params as { r0: number; c0: number; rows: number; cols: number };
      j = MM(KR(selectNode(w.r0, a.rows, 1, w.rows, true), selectNode(w.c0, a.cols, 1, w.cols, true)), L(a)!);
      break;
    }
    case "concat": {
      // each part lands in its block of rows (axis 0: a block of vec_r) or of columns (axis 1: I ⊗ selection)
      const n = e.rows * e.cols, I = identityNode(e.rows);
      let offset = 0;
      j = e.args.reduce<Expr | null>((acc, x) => {
        const P = e.params === 0 ? selectNode(offset, x.rows * x.cols, 1, n, true) : KR(I, selectNode(offset, x.cols, 1, e.cols, true));
        offset += e.params === 0 ? x.rows * x.cols : x.cols;
        return dep(x) ? ADD(acc, MM(P, L(x)!)) : acc;
      }, null);
      break;
    }
    case "assemble": {
      const n = e.rows * e.cols;
      j = e.args.reduce<Expr | null>((acc, x, i) => (dep(x) ? ADD(acc, MM(selectNode(i, 1, 1, n, true), L(x)!)) : acc), null);
      break;
    }
    case "diag": {
      const n = a.rows * a.cols;
      j = MM(selectNode(0, n, n + 1, n * n, true), L(a)!);
      break;
    }
    case "diagPart":
      j = MM(selectNode(0, e.rows, a.cols + 1, a.rows * a.cols), L(a)!);
      break;
    case "kron": {
      const P = shuffleNode(a.rows, a.cols, b.rows, b.cols);
      if (dep(a)) {
        only(0);
        j = MM(MM(P, KR(identityNode(a.rows * a.cols), vec(b))), L(a)!); // vec(dA ⊗ B) = P(I ⊗ vec B)vec(dA)
      } else j = MM(MM(P, KR(vec(a), identityNode(b.rows * b.cols))), L(b)!); // vec(A ⊗ dB) = P(vec A ⊗ I)vec(dB)
      break;
    }
    case "kronContract": {
      // the adjoints of A ↦ A ⊗ B (left: G against B) and B ↦ A ⊗ B (right: G against A)
      const left = e.params === "left";
      const [m, n, p, q] = left ? [e.rows, e.cols, b.rows, b.cols] : [b.rows, b.cols, e.rows, e.cols];
      const Pt = shuffleNode(m, p, n, q); // Pᵀ
      if (dep(a)) {
        only(0);
        const f = T(vec(b));
        j = MM(MM(left ? KR(identityNode(m * n), f) : KR(f, identityNode(p * q)), Pt), L(a)!);
      } else {
        const R = E(reshape(M(MM(Pt, vec(a))), (m * n) as never, (p * q) as never)); // R[(i,j),(k,l)] = G[(i,k),(j,l)]
        j = MM(left ? R : T(R), L(b)!);
      }
      break;
    }
    default:
      throw new ShapeError("derivative", `no Kronecker/identity form for the tangent of ${e.op} yet`);
  }
  memo.set(t.id, j);
  return j;
}

/** Splits a Differentiable into named symbols. */
function variables(op: string, wrt: Differentiable): { keys: string[] | null; vars: SymNode[] } {
  if (wrt instanceof Matrix) return { keys: null, vars: [variableOf(op, wrt)] };
  if (wrt === null || typeof wrt !== "object") throw new ShapeError(op, "differentiate with respect to a symbol or a record of symbols");
  const keys = Object.keys(wrt);
  return { keys, vars: keys.map((k) => variableOf(op, (wrt as Record<string, AnyMatrix>)[k])) };
}

function assemble<T>(keys: string[] | null, vals: T[]): unknown {
  return keys === null ? vals[0] : Object.fromEntries(keys.map((k, i) => [k, vals[i]]));
}

/**
 * The closed-form derivative of `y` with respect to the symbol `wrt` (or a record of symbols), in
 * numerator layout and typed like `jacobian`: 1×D for a scalar of θ ∈ R^D (prints xᵀ(B + Bᵀ)), a
 * Tensor 1×(M×N) for a scalar of a matrix (prints as the M×N array abᵀ), M×N for R^N → R^M, a
 * Tensor in Kronecker form otherwise (d(Ax)/dA prints I ⊗ xᵀ; toMatrix() is that expression).
 * @example
 * ```ts
 * const x = symbol("x", 3), B = symbol("B", 3, 3), X = symbol("X", 3, 3);
 * const d1 = derivative(x.T.matmul(B).matmul(x), x);   // Matrix<1, 3>
 * const s1 = String(d1);                                // "xᵀ(B + Bᵀ)"
 * const d2 = derivative(inv(X), X);                     // Tensor<[3, 3], [3, 3]>
 * const s2 = String(d2);                                // "−(X⁻¹ ⊗ X⁻ᵀ)"
 * ```
 */
export function derivative<Y extends AnyMatrix, X extends Differentiable>(y: Y, wrt: X): JacobianOf<Y, X> {
  if (!(y instanceof Matrix)) throw new ShapeError("derivative", "the expression must be a Matrix (symbolic or numeric)");
  const ye = E(y);
  const { keys, vars } = variables("derivative", wrt);
  return assemble(keys, vars.map((v) => derivativeOne(ye, v))) as JacobianOf<Y, X>;
}

/**
 * The input-shaped gradient of a scalar expression (denominator layout, ∇ of seeds 003–004):
 * `gradientOf(f, X)` is shaped like X — 2Xᵀ(Xθ − y), (softmax(Θx) − y)xᵀ.
 * @example
 * ```ts
 * const Phi = symbol("Phi", 5, 3), theta = symbol("theta", 3), y = symbol("y", 5);
 * const g = gradientOf(sumSquares(y.sub(Phi.matmul(theta))), theta); // Denominator<Matrix<3, 1>>
 * const text = String(g);                                            // "−2Φᵀ(y − Φθ)"
 * ```
 */
export function gradientOf<X extends Differentiable>(y: Matrix<1, 1>, wrt: X): GradientOf<X> {
  if (!(y instanceof Matrix)) throw new ShapeError("gradientOf", "the expression must be a Matrix (symbolic or numeric)");
  const ye = E(y);
  const { keys, vars } = variables("gradientOf", wrt);
  return assemble(keys, vars.map((v) => M(gradientExpr(ye, v)))) as GradientOf<X>;
}

function describe(v: unknown, latex: boolean): string {
  if (v instanceof SymbolicTensor) return latex ? v.toLatex() : v.toString();
  if (v instanceof Tensor) return (latex ? toLatex : toText)(E(v.toMatrix() as AnyMatrix));
  if (v instanceof Matrix) return (latex ? toLatex : toText)(E(v as AnyMatrix));
  if (Array.isArray(v)) return v.map((x) => describe(x, latex)).join("\n");
  if (v !== null && typeof v === "object") {
    return Object.entries(v)
      .map(([k, x]) => `${k}: ${describe(x, latex)}`)
      .join("\n");
  }
  return String(v);
}

/**
 * Runs an ordinary function on symbolic arguments and prints what it computed:
 * `explain(grad(L), theta)` prints the closed form of the gradient a user's L traces to.
 * A record or array result prints one line per entry ("A: …").
 * @example
 * ```ts
 * const A = symbol("A", 2, 3), x = symbol("x", 3), y = symbol("y", 2);
 * const L = (M: Matrix<2, 3>) => sumSquares(y.sub(M.matmul(x)));
 * const text = explain(gradient(L), A);        // "−2(y − Ax)xᵀ"
 * ```
 */
export function explain<A extends unknown[]>(fn: (...args: A) => unknown, ...args: A): string {
  return describe(fn(...args), false);
}

/**
 * `explain` in LaTeX.
 * @example
 * ```ts
 * const x = symbol("x", 3);
 * const tex = explainLatex((v: Matrix<3, 1>) => sumSquares(v), x); // "\\left\\|x\\right\\|^2"
 * ```
 */
export function explainLatex<A extends unknown[]>(fn: (...args: A) => unknown, ...args: A): string {
  return describe(fn(...args), true);
}
