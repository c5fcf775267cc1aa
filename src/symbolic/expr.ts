/**
 * Expression nodes of symbolic matrices.
 *
 * A node is a symbol (a named matrix variable), a constant (a numeric matrix, with the common
 * structured ones — zero, identity, all-ones, the commutation matrix — recognised by a tag so that
 * they print as 0, I, 1, K and never need their entries), or the application of a `Primitive` (the
 * very object `bind` was called with, so evaluating a node runs the library's own kernel).
 *
 * Nodes are hash-consed: building a node equal to an existing one returns that node, so equal
 * subtrees are one object (`a === b` is structural equality) and common subexpressions are shared.
 */
import type { Primitive } from "../core/primitive";
import type { StructSpec } from "./structured";

interface NodeBase {
  /** Unique, increasing in creation order (children are always older than their parents). */
  readonly id: number;
  /** The hash-consing key. */
  readonly key: string;
  readonly rows: number;
  readonly cols: number;
}

export interface SymNode extends NodeBase {
  readonly kind: "sym";
  readonly name: string;
  /** Entries (of each column) are known to sum to one (one-hot or probability vectors): 1ᵀy simplifies to 1. */
  readonly oneHot: boolean;
  /** Known symmetric (Wᵀ = W). */
  readonly symmetric: boolean;
}

/** Structured constants keep no entries until asked (an identity of a large dim is never built). */
export type ConstTag = "zero" | "identity" | "fill" | "comm" | "data" | "struct";

export interface ConstNode extends NodeBase {
  readonly kind: "const";
  readonly tag: ConstTag;
  /** The fill value for "fill" (1 for the all-ones matrix), else NaN. */
  readonly value: number;
  /** The row-major entries (computed on first use for the structured tags). */
  readonly data: Float64Array;
  /** For "struct": the selection / shuffle it is (see structured.ts). */
  readonly spec?: StructSpec;
}

export interface OpNode extends NodeBase {
  readonly kind: "op";
  /** The primitive's name ("matmul", "transpose", "tanh", …). */
  readonly op: string;
  readonly prim: Primitive<unknown>;
  readonly params: unknown;
  readonly args: readonly Expr[];
}

export type Expr = SymNode | ConstNode | OpNode;

let counter = 0;
/**
 * Hash-consing: one node per distinct expression while anything uses it. Entries hold their nodes
 * weakly, so expressions a program no longer refers to are collected (a long-running process that
 * builds many expressions does not grow); the registry removes the dead entries.
 */
const table = new Map<string, WeakRef<Expr>>();
const dead = new FinalizationRegistry<string>((key) => {
  if (table.get(key)?.deref() === undefined) table.delete(key);
});

function intern<E extends Expr>(key: string, make: (id: number) => E): E {
  const hit = table.get(key)?.deref();
  if (hit !== undefined) return hit as E;
  const e = make(++counter);
  table.set(key, new WeakRef(e));
  dead.register(e, key);
  return e;
}

/** Number of distinct nodes in the table (for tests of hash-consing; includes ones not yet collected). */
export function nodeCount(): number {
  return table.size;
}

export function symNode(name: string, rows: number, cols: number, oneHot = false, symmetric = false): SymNode {
  const key = `s|${name}|${rows}|${cols}|${oneHot ? 1 : 0}|${symmetric ? 1 : 0}`;
  return intern(key, (id) => ({ kind: "sym", id, key, rows, cols, name, oneHot, symmetric }));
}

/** A constant whose entries are computed on first use (`spec` describes structured ones). */
function lazyConst(tag: ConstTag, key: string, rows: number, cols: number, value: number, fillData: () => Float64Array, spec?: StructSpec): ConstNode {
  return intern(key, (id) => {
    let data: Float64Array | null = null;
    return {
      kind: "const",
      id,
      key,
      rows,
      cols,
      tag,
      value,
      ...(spec === undefined ? {} : { spec }),
      get data(): Float64Array {
        if (data === null) data = fillData();
        return data;
      },
    };
  });
}

export function zeroNode(rows: number, cols: number): ConstNode {
  return lazyConst("zero", `c0|${rows}|${cols}`, rows, cols, 0, () => new Float64Array(rows * cols));
}

export function identityNode(n: number): ConstNode {
  if (n === 1) return fillNode(1, 1, 1);
  return lazyConst("identity", `cI|${n}`, n, n, NaN, () => {
    const d = new Float64Array(n * n);
    for (let i = 0; i < n; i++) d[i * n + i] = 1;
    return d;
  });
}

/** An r×c matrix every entry of which is `v` (v = 0 is the zero matrix; a 1×1 fill is the number v). */
export function fillNode(v: number, rows: number, cols: number): ConstNode {
  if (v === 0) return zeroNode(rows, cols);
  return lazyConst("fill", `cF|${v}|${rows}|${cols}`, rows, cols, v, () => new Float64Array(rows * cols).fill(v));
}

/** The number `v` as a 1×1 constant. */
export function numberNode(v: number): ConstNode {
  return fillNode(v === 0 ? 0 : v, 1, 1); // (−0 is 0)
}

/**
 * The commutation matrix K (pq×pq) with vec_r(Aᵀ) = K·vec_r(A) for A ∈ R^{p×q} (row-major vec):
 * K[j·p + i, i·q + j] = 1.
 */
export function commNode(p: number, q: number): ConstNode {
  if (p === 1 || q === 1) return identityNode(p * q);
  return lazyConst("comm", `cK|${p}|${q}`, p * q, p * q, NaN, () => {
    const n = p * q, d = new Float64Array(n * n);
    for (let i = 0; i < p; i++) for (let j = 0; j < q; j++) d[(j * p + i) * n + (i * q + j)] = 1;
    return d;
  });
}

/** A structured 0/1 constant of the Kronecker forms (selections, shuffles; see structured.ts). */
export function structConst(spec: StructSpec, rows: number, cols: number, fillData: () => Float64Array): ConstNode {
  return lazyConst("struct", `cS|${JSON.stringify(spec)}`, rows, cols, NaN, fillData, spec);
}

const byArray = new WeakMap<Float64Array, ConstNode>();

/** A numeric matrix as a constant node; structured values (0, I, c·11ᵀ) are recognised, small ones are shared by value. */
export function dataNode(rows: number, cols: number, data: Float64Array): ConstNode {
  const known = byArray.get(data);
  if (known !== undefined && known.rows === rows && known.cols === cols) return known;
  const n = rows * cols;
  let node: ConstNode;
  if (n > 0 && data.every((v) => v === data[0])) node = fillNode(data[0], rows, cols);
  else if (n === 0) node = zeroNode(rows, cols);
  else if (rows === cols && isIdentity(data, rows)) node = identityNode(rows);
  else {
    const key = n <= 64 ? `cD|${rows}|${cols}|${Array.from(data).join(",")}` : `cU|${++counter}`;
    const copy = data.slice();
    node = intern(key, (id) => ({ kind: "const", id, key, rows, cols, tag: "data", value: NaN, data: copy }));
  }
  byArray.set(data, node);
  return node;
}

function isIdentity(d: Float64Array, n: number): boolean {
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) if (d[i * n + j] !== (i === j ? 1 : 0)) return false;
  return true;
}

/** A stable text for the params of a primitive (they are plain data: numbers, flags, small records). */
export function paramsKey(p: unknown): string {
  return p === undefined ? "" : JSON.stringify(p);
}

export function opNode(prim: Primitive<unknown>, params: unknown, args: readonly Expr[], rows: number, cols: number): OpNode {
  const key = `o|${prim.name}|${paramsKey(params)}|${args.map((a) => a.id).join(",")}|${rows}|${cols}`;
  return intern(key, (id) => ({ kind: "op", id, key, rows, cols, op: prim.name, prim, params, args }));
}

// ---------------------------------------------------------------- queries

export function isZero(e: Expr): boolean {
  return e.kind === "const" && e.tag === "zero";
}
export function isIdentityNode(e: Expr): boolean {
  return e.kind === "const" && (e.tag === "identity" || (e.tag === "fill" && e.rows === 1 && e.cols === 1 && e.value === 1));
}
export function isOnes(e: Expr): boolean {
  return e.kind === "const" && e.tag === "fill" && e.value === 1;
}
/** The number of a 1×1 constant, else null. */
export function numberOf(e: Expr): number | null {
  if (e.kind !== "const" || e.rows !== 1 || e.cols !== 1) return null;
  return e.tag === "zero" ? 0 : e.tag === "fill" ? e.value : e.data[0];
}
export function isScalarShape(e: Expr): boolean {
  return e.rows === 1 && e.cols === 1;
}
export function isOp<K extends string>(e: Expr, op: K): e is OpNode & { readonly op: K } {
  return e.kind === "op" && e.op === op;
}

// keyed by the nodes themselves (weakly), so the memo goes with them
const depCache = new WeakMap<Expr, WeakMap<Expr, boolean>>();

/** Does `e` depend on the symbol `s`? (memoised per symbol) */
export function dependsOn(e: Expr, s: Expr): boolean {
  let m = depCache.get(s);
  if (m === undefined) depCache.set(s, (m = new WeakMap()));
  const memo = m;
  const walk = (x: Expr): boolean => {
    if (x === s) return true;
    if (x.kind !== "op") return false;
    const hit = memo.get(x);
    if (hit !== undefined) return hit;
    const r = x.args.some(walk);
    memo.set(x, r);
    return r;
  };
  return walk(e);
}

/** The symbols `e` depends on, in order of first appearance. */
export function symbolsOf(e: Expr | readonly Expr[]): SymNode[] {
  const seen = new Set<number>(), out: SymNode[] = [];
  const walk = (x: Expr): void => {
    if (seen.has(x.id)) return;
    seen.add(x.id);
    if (x.kind === "sym") out.push(x);
    else if (x.kind === "op") x.args.forEach(walk);
  };
  (Array.isArray(e) ? e : [e as Expr]).forEach(walk);
  return out;
}

/** All nodes reachable from the roots, children before parents. */
export function topoOrder(roots: readonly Expr[]): Expr[] {
  const seen = new Set<number>(), out: Expr[] = [];
  const visit = (x: Expr): void => {
    if (seen.has(x.id)) return;
    seen.add(x.id);
    if (x.kind === "op") x.args.forEach(visit);
    out.push(x);
  };
  roots.forEach(visit);
  return out;
}
