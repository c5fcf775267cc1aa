/**
 * Element-wise fusion for jit programs. A chain such as scale → scale → tanhGrad (the backward pass
 * of ½‖Y − tanh(Z)‖²) makes three passes over memory, each writing an intermediate that only the
 * next one reads. Fusion rewrites every such chain into one equation whose kernel is generated from
 * the primitives' `pointwise` expressions: one loop, no intermediate arrays. A value is inlined
 * only when its producer is element-wise, it has the consumer's shape, and nothing else reads it,
 * so no work is repeated. The expressions perform the kernels' own floating-point operations, so
 * fused results are bit-for-bit those of the separate kernels.
 *
 * Kernels are generated with `new Function`; where that is forbidden (a strict Content Security
 * Policy), programs run unfused.
 */
import { alloc } from "../core/alloc";
import type { AnyMatrix, Primitive } from "../core/primitive";
import type { Equation, ProgramBuilder } from "./program";

/** A fused equation's expression tree: an equation whose arguments are slots or inlined trees. */
interface Tree {
  readonly eq: Equation;
  readonly args: readonly (Tree | number)[];
}

type FusedKernel = (ins: readonly AnyMatrix[], out: Float64Array, rows: number, cols: number) => Float64Array;

let codegenWorks: boolean | undefined;

/** The program's equations with element-wise chains fused (the input is not modified). */
export function fuseElementwise(p: ProgramBuilder, outputs: readonly number[]): Equation[] {
  const { equations } = p;
  if (!canGenerate()) return equations;
  const uses = new Array<number>(p.rows.length).fill(0);
  for (const e of equations) for (const a of e.args) uses[a]++;
  for (const s of outputs) uses[s]++;
  const producer = new Map<number, number>(equations.map((e, i) => [e.out, i]));
  const isPointwise = (e: Equation) => e.prim.pointwise !== undefined;

  const inlined = new Set<number>();
  const treeOf = (i: number): Tree => {
    const e = equations[i];
    const args = e.args.map((a) => {
      const j = producer.get(a);
      const fusable = j !== undefined && uses[a] === 1 && isPointwise(equations[j]) && p.rows[a] === p.rows[e.out] && p.cols[a] === p.cols[e.out];
      if (!fusable) return a;
      inlined.add(j);
      return treeOf(j);
    });
    return { eq: e, args };
  };

  const trees = new Map<number, Tree>();
  for (let i = equations.length - 1; i >= 0; i--) {
    if (inlined.has(i) || !isPointwise(equations[i])) continue;
    const t = treeOf(i);
    if (t.args.some((a) => typeof a !== "number")) trees.set(i, t);
  }
  const out: Equation[] = [];
  equations.forEach((e, i) => {
    if (inlined.has(i)) return;
    const t = trees.get(i);
    out.push(t === undefined ? e : fusedEquation(t, p));
  });
  return out;
}

/** One equation computing the whole tree with a generated kernel. */
function fusedEquation(tree: Tree, p: ProgramBuilder): Equation {
  const R = p.rows[tree.eq.out], C = p.cols[tree.eq.out];
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
  const emit = (t: Tree): string => {
    const args = t.args.map((a) => (typeof a === "number" ? slotRef(a) : emit(a)));
    names.push(t.eq.prim.name);
    const name = `t${temps++}`;
    lines.push(`const ${name} = ${t.eq.prim.pointwise!(args, t.eq.params, use)};`);
    return name;
  };
  const result = emit(tree);

  const loads = slots.map((s, k) => (p.rows[s] === 1 && p.cols[s] === 1 && !(R === 1 && C === 1) ? `const s${k} = ins[${k}].data[0];` : `const x${k} = ins[${k}].data;`));
  const body = `${lines.join(" ")} o[i] = ${result};`;
  const loop = broadcast
    ? `for (let r = 0, i = 0; r < R; r++) for (let c = 0; c < C; c++, i++) { ${body} }`
    : `for (let i = 0, n = R * C; i < n; i++) { ${body} }`;
  const source = `"use strict"; return function fused(ins, o, R, C) { ${loads.join(" ")} ${loop} return o; };`;
  const kernel = new Function(...fns.map((_, k) => `F${k}`), source)(...fns) as FusedKernel;

  const prim: Primitive<unknown> = {
    name: `fused(${names.join(", ")})`,
    writesOut: true,
    shape: () => [R, C],
    impl: (ins, _p, r, c, dest) => kernel(ins, dest ?? alloc(r * c), r, c),
    jvp: () => {
      throw new Error("fused kernels exist only inside compiled programs");
    },
    vjp: () => {
      throw new Error("fused kernels exist only inside compiled programs");
    },
  };
  return { prim, params: undefined, args: slots, out: tree.eq.out };
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
