/**
 * Element-wise fusion for jit programs. A chain such as scale → scale → tanhGrad (the backward pass
 * of ½‖Y − tanh(Z)‖²) makes three passes over memory, each writing an intermediate that only the
 * next one reads. Fusion rewrites every such chain into one equation whose kernel is generated from
 * the primitives' `pointwise` expressions: one loop, no intermediate arrays. A sum over entries
 * (`sum`, `sumSquares`) takes the chain it sums into its own loop the same way.
 *
 * A value is computed inside its consumer when its producer is element-wise and the consumer is
 * element-wise of the same shape, or a sum. It must either be read by nothing else, or be one cheap
 * operation on stored values whose every reader can take it in: then each recomputes it and it is
 * never stored (Y − T in ½‖Y − T‖², read by the loss and by its derivative).
 *
 * The expressions perform the kernels' own floating-point operations in the kernels' order, so
 * fused results are bit-for-bit those of the separate kernels. Kernels are generated with
 * `new Function`; where that is forbidden (a strict Content Security Policy), programs run unfused.
 */
import { alloc } from "../core/alloc";
import type { AnyMatrix, Primitive } from "../core/primitive";
import type { Equation, ProgramBuilder } from "./program";

/** A fused equation's expression tree: an equation whose arguments are slots or inlined trees. */
interface Tree {
  readonly eq: Equation;
  readonly args: readonly (Tree | number)[];
}

type FusedKernel = (ins: readonly AnyMatrix[], out: Float64Array) => Float64Array;

let codegenWorks: boolean | undefined;

/** The program's equations with element-wise chains fused (the input is not modified). */
export function fuseElementwise(p: ProgramBuilder, outputs: readonly number[]): Equation[] {
  const { equations } = p;
  if (!canGenerate()) return equations;
  const readers: number[][] = p.rows.map(() => []);
  equations.forEach((e, i) => e.args.forEach((a) => readers[a].push(i)));
  const results = new Set(outputs);
  const producer = new Map<number, number>(equations.map((e, i) => [e.out, i]));
  const isPointwise = (e: Equation) => e.prim.pointwise !== undefined;
  const sameShape = (a: number, b: number) => p.rows[a] === p.rows[b] && p.cols[a] === p.cols[b];
  /** Can consumer `e` compute the value of slot `a` in its own loop? */
  const takesIn = (e: Equation, a: number) => e.prim.reduction !== undefined || (isPointwise(e) && sameShape(a, e.out));
  /** Recomputing it costs less than a pass over memory: one operation, no function calls. */
  const cheap = (e: Equation) => {
    let calls = false;
    e.prim.pointwise!(e.args.map(() => "x"), e.params, () => ((calls = true), "f"));
    return !calls;
  };

  // Decided per value, producers first: is it computed inside its readers instead of stored?
  const recompute = new Array<boolean>(p.rows.length).fill(false);
  for (const e of equations) {
    const a = e.out, rs = readers[a];
    if (!isPointwise(e) || results.has(a) || rs.length === 0 || !rs.every((k) => takesIn(equations[k], a))) continue;
    // a value read more than once is recomputed only if that is cheap and does not cascade
    recompute[a] = rs.length === 1 || (cheap(e) && e.args.every((x) => !recompute[x]));
  }
  const treeOf = (i: number): Tree => {
    const e = equations[i];
    return { eq: e, args: e.args.map((a) => (recompute[a] ? treeOf(producer.get(a)!) : a)) };
  };
  const trees = new Map<number, Tree>();
  equations.forEach((e, i) => {
    if (recompute[e.out] || !(isPointwise(e) || e.prim.reduction !== undefined)) return;
    if (e.args.some((a) => recompute[a])) trees.set(i, treeOf(i));
  });
  const out: Equation[] = [];
  equations.forEach((e, i) => {
    if (recompute[e.out]) return; // computed inside its readers
    const t = trees.get(i);
    out.push(t === undefined ? e : fusedEquation(t, p));
  });
  return out;
}

/** One equation computing the whole tree with a generated kernel. */
function fusedEquation(tree: Tree, p: ProgramBuilder): Equation {
  const root = tree.eq;
  const reduction = root.prim.reduction?.("v", root.params);
  // the loop runs over the entries of the root's output, or of the summed value
  const shapeOf = (a: Tree | number) => (typeof a === "number" ? a : a.eq.out);
  const loopSlot = reduction === undefined ? root.out : shapeOf(tree.args[0]);
  const R = p.rows[loopSlot], C = p.cols[loopSlot];
  const slots: number[] = [];
  const fns: ((x: number) => number)[] = [];
  const names: string[] = [];
  const lines: string[] = [];
  let broadcast = false;
  let temps = 0;

  const slotRef = (s: number): string => {
    let k = slots.indexOf(s);
    if (k < 0) k = slots.push(s) - 1;
    const r = p.rows[s], c = p.cols[s];
    if (r === R && c === C) return `x${k}[i]`;
    if (r === 1 && c === 1) return `s${k}`;
    broadcast = true;
    return c === 1 ? `x${k}[r]` : `x${k}[c]`; // a column (R×1) or a row (1×C)
  };
  const use = (f: (x: number) => number): string => {
    let k = fns.indexOf(f);
    if (k < 0) k = fns.push(f) - 1;
    return `F${k}`;
  };
  const emit = (t: Tree | number): string => {
    if (typeof t === "number") return slotRef(t);
    const args = t.args.map(emit);
    names.push(t.eq.prim.name);
    const name = `t${temps++}`;
    lines.push(`const ${name} = ${t.eq.prim.pointwise!(args, t.eq.params, use)};`);
    return name;
  };

  let body: string, before = "", after = "";
  if (reduction === undefined) {
    const v = emit(tree);
    body = `${lines.join(" ")} o[i] = ${v};`;
  } else {
    const v = emit(tree.args[0]);
    names.push(root.prim.name);
    const term = root.prim.reduction!(v, root.params).term;
    if (reduction.axis === undefined) [before, body, after] = ["let acc = 0;", `${lines.join(" ")} acc += ${term};`, "o[0] = acc;"];
    else if (reduction.axis === 0) [before, body] = ["o.fill(0);", `${lines.join(" ")} o[c] += ${term};`];
    else {
      broadcast = true;
      body = `${lines.join(" ")} acc += ${term};`;
    }
  }
  const rowSums = reduction !== undefined && reduction.axis === 1;
  const loads = slots.map((s, k) => (slotRef(s).startsWith("s") ? `const s${k} = ins[${k}].data[0];` : `const x${k} = ins[${k}].data;`));
  const loop = rowSums
    ? `for (let r = 0, i = 0; r < ${R}; r++) { let acc = 0; for (let c = 0; c < ${C}; c++, i++) { ${body} } o[r] = acc; }`
    : broadcast || reduction?.axis === 0
      ? `for (let r = 0, i = 0; r < ${R}; r++) for (let c = 0; c < ${C}; c++, i++) { ${body} }`
      : `for (let i = 0; i < ${R * C}; i++) { ${body} }`;
  const source = `"use strict"; return function fused(ins, o) { ${loads.join(" ")} ${before} ${loop} ${after} return o; };`;
  const kernel = new Function(...fns.map((_, k) => `F${k}`), source)(...fns) as FusedKernel;

  const notDifferentiable = () => {
    throw new Error("fused kernels exist only inside compiled programs");
  };
  const rows = p.rows[root.out], cols = p.cols[root.out];
  const prim: Primitive<unknown> = {
    name: `fused(${names.join(", ")})`,
    writesOut: true,
    shape: () => [rows, cols],
    impl: (ins, _p, r, c, dest) => kernel(ins, dest ?? alloc(r * c)),
    jvp: notDifferentiable,
    vjp: notDifferentiable,
  };
  return { prim, params: undefined, args: slots, out: root.out };
}

function canGenerate(): boolean {
  if (codegenWorks === undefined) {
    try {
      codegenWorks = (new Function("return 1") as () => number)() === 1;
    } catch {
      codegenWorks = false;
    }
  }
  return codegenWorks;
}
