/**
 * A traced program (what `jit` records): slots hold matrices — the inputs, constants captured at
 * trace time, and the result of each equation `out = prim(args; params)` in order.
 *
 * `compileProgram` fuses chains of element-wise equations (./fuse.ts), then plans storage once: every intermediate whose kernel can write into a given
 * buffer (`Primitive.writesOut`) gets a buffer that lives across calls, shared with other
 * intermediates whose lifetimes do not overlap (a buffer returns to the free list after the last
 * equation that reads it). A call then allocates nothing but the results it returns — fresh
 * storage each call, so results of earlier calls never change.
 */
import { Matrix } from "../matrix";
import { runKernel, type AnyMatrix, type Primitive } from "../core/primitive";
import { fuseElementwise } from "./fuse";

export interface Equation {
  readonly prim: Primitive<unknown>;
  readonly params: unknown;
  readonly args: readonly number[];
  readonly out: number;
}

export class ProgramBuilder {
  readonly rows: number[] = [];
  readonly cols: number[] = [];
  readonly inputs: number[] = [];
  readonly consts: { readonly slot: number; readonly value: AnyMatrix }[] = [];
  readonly equations: Equation[] = [];

  private slot(rows: number, cols: number): number {
    this.rows.push(rows);
    this.cols.push(cols);
    return this.rows.length - 1;
  }

  addInput(rows: number, cols: number): number {
    const s = this.slot(rows, cols);
    this.inputs.push(s);
    return s;
  }

  addConstant(value: AnyMatrix): number {
    const s = this.slot(value.rows, value.cols);
    this.consts.push({ slot: s, value });
    return s;
  }

  addEquation(prim: Primitive<unknown>, params: unknown, args: readonly number[], rows: number, cols: number): number {
    const out = this.slot(rows, cols);
    this.equations.push({ prim, params, args, out });
    return out;
  }
}

/** Runs the program on input matrices (in `addInput` order) and returns the output slots' matrices. */
export type CompiledProgram = (inputs: readonly AnyMatrix[]) => AnyMatrix[];

export function compileProgram(p: ProgramBuilder, outputs: readonly number[]): CompiledProgram {
  const { rows, cols } = p;
  const equations = fuseElementwise(p, outputs);
  const buffers = planBuffers(p, equations, outputs);
  const planned = new Set(buffers.filter((b): b is Float64Array => b !== undefined));
  const inputIndex = new Map(p.inputs.map((s, k) => [s, k]));
  const constOf = new Map(p.consts.map((c) => [c.slot, c.value]));
  const argMatrices = equations.map((e) => e.args.map(() => null as unknown as AnyMatrix));

  return (inputs) => {
    const data: Float64Array[] = new Array(rows.length);
    for (let k = 0; k < p.inputs.length; k++) data[p.inputs[k]] = inputs[k].data;
    for (const c of p.consts) data[c.slot] = c.value.data;
    for (let i = 0; i < equations.length; i++) {
      const e = equations[i], ins = argMatrices[i];
      for (let j = 0; j < e.args.length; j++) {
        const a = e.args[j];
        ins[j] = new Matrix(rows[a], cols[a], data[a], null);
      }
      data[e.out] = runKernel(e.prim, ins, e.params, rows[e.out], cols[e.out], buffers[i]);
    }
    return outputs.map((s) => {
      const k = inputIndex.get(s);
      if (k !== undefined) return inputs[k];
      const c = constOf.get(s);
      if (c !== undefined) return c;
      // a result must not share a buffer that the next call overwrites
      const d = planned.has(data[s]) ? Float64Array.from(data[s]) : data[s];
      return new Matrix(rows[s], cols[s], d, null);
    });
  };
}

/**
 * Storage plan: for equation i, the buffer its kernel writes into, or undefined (the kernel
 * allocates: results, and primitives without `writesOut`). A buffer is free again after the last
 * equation that reads its slot. A kernel without `writesOut` might return storage of one of its
 * inputs, so those inputs are kept alive as long as its result.
 */
function planBuffers(p: ProgramBuilder, equations: readonly Equation[], outputs: readonly number[]): (Float64Array | undefined)[] {
  const lastUse = new Array<number>(p.rows.length).fill(-1);
  for (const s of outputs) lastUse[s] = Infinity;
  for (let i = equations.length - 1; i >= 0; i--) {
    const e = equations[i];
    for (const a of e.args) {
      lastUse[a] = Math.max(lastUse[a], i);
      if (e.prim.writesOut !== true) lastUse[a] = Math.max(lastUse[a], lastUse[e.out]);
    }
  }
  const free = new Map<number, Float64Array[]>();
  const owned = new Array<Float64Array | undefined>(p.rows.length);
  const release = (s: number) => {
    const b = owned[s];
    if (b === undefined) return;
    owned[s] = undefined;
    let list = free.get(b.length);
    if (list === undefined) free.set(b.length, (list = []));
    list.push(b);
  };
  return equations.map((e, i) => {
    let buf: Float64Array | undefined;
    if (e.prim.writesOut === true && lastUse[e.out] !== Infinity) {
      const n = p.rows[e.out] * p.cols[e.out];
      buf = free.get(n)?.pop() ?? new Float64Array(n);
      owned[e.out] = buf;
    }
    for (const a of e.args) if (lastUse[a] === i) release(a);
    if (lastUse[e.out] <= i) release(e.out); // never read
    return buf;
  });
}
