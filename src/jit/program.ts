/**
 * A traced program (what `jit` records): slots hold matrices — the inputs, constants captured at
 * trace time, and the result of each equation `out = prim(args; params)` in order.
 *
 * `compileProgram` turns the equations into steps, fusing element-wise chains into loops
 * (./fuse.ts), then plans storage once: every intermediate whose step can write into a given
 * buffer gets one that lives across calls, shared with other intermediates whose lifetimes do not
 * overlap (a buffer returns to the free list after the last step that reads it). A call then allocates nothing but the results it returns — fresh
 * storage each call, so results of earlier calls never change.
 */
import { Matrix } from "../matrix";
import { dataKernel, kernelRan, type AnyMatrix, type Primitive } from "../core/primitive";
import { giveScratch, takeScratch } from "../core/scratch";
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

/**
 * One step of a compiled program: a primitive's kernel, or a fused loop (./fuse.ts) computing one
 * or more results in one pass.
 */
export interface Step {
  /** For the kernel observer. */
  readonly name: string;
  readonly args: readonly number[];
  readonly outs: readonly number[];
  /** Writes every result into the buffer given for it; else it may allocate or return an argument's storage. */
  readonly writesOut: boolean;
  /**
   * Runs on the arguments' data; `bufs[k]` is the planned buffer of outs[k] (undefined: allocate).
   * The returned array may be reused by the next run: read it before running the step again.
   */
  run(args: readonly Float64Array[], bufs: readonly (Float64Array | undefined)[]): Float64Array[];
}

/** A step running one equation's primitive kernel. */
export function primitiveStep(e: Equation, p: ProgramBuilder): Step {
  const rows = p.rows[e.out], cols = p.cols[e.out];
  const kernel = dataKernel(e.prim, e.params, e.args.map((a) => [p.rows[a], p.cols[a]] as const), rows, cols);
  const result: Float64Array[] = [];
  return {
    name: e.prim.name,
    args: e.args,
    outs: [e.out],
    writesOut: e.prim.writesOut === true,
    run(data, bufs) {
      result[0] = kernel(data, bufs[0]);
      kernelRan(e.prim.name, rows, cols);
      return result; // reused: the program reads it at once
    },
  };
}

/** Runs the program on input matrices (in `addInput` order) and returns the output slots' matrices. */
export type CompiledProgram = (inputs: readonly AnyMatrix[]) => AnyMatrix[];

export interface CompileOptions {
  /**
   * Take the planned intermediates from the shared scratch arrays (../core/scratch.ts) on each call
   * and give them back when it returns, instead of keeping buffers of its own across calls (they
   * are still shared within a call). For programs held by a cache rather than by the user, which
   * must not pin memory each.
   */
  readonly scratchBuffers?: boolean;
}

export function compileProgram(p: ProgramBuilder, outputs: readonly number[], opts: CompileOptions = {}): CompiledProgram {
  const { rows, cols } = p;
  const steps = fuseElementwise(p, outputs);
  const plan = planBuffers(p, steps, outputs);
  /** Each step's output buffers drawn from `pool`. */
  const buffersFrom = (pool: readonly Float64Array[]) => plan.buffer.map((b) => b.map((j) => (j < 0 ? undefined : pool[j])));
  const kept = opts.scratchBuffers === true ? null : plan.sizes.map((n) => new Float64Array(n));
  const keptBuffers = kept === null ? null : buffersFrom(kept);
  const inputIndex = new Map(p.inputs.map((s, k) => [s, k]));
  const constOf = new Map(p.consts.map((c) => [c.slot, c.value]));
  // per output: the input it is (its index), else the constant it is, else neither
  const outputInput = outputs.map((s) => inputIndex.get(s) ?? -1);
  const outputConst = outputs.map((s) => constOf.get(s) ?? null);
  const argData = steps.map((st) => st.args.map(() => null as unknown as Float64Array));

  const run = (inputs: readonly AnyMatrix[], buffers: readonly (readonly (Float64Array | undefined)[])[]): AnyMatrix[] => {
    const data: Float64Array[] = new Array(rows.length);
    for (let k = 0; k < p.inputs.length; k++) data[p.inputs[k]] = inputs[k].data;
    for (const c of p.consts) data[c.slot] = c.value.data;
    for (let i = 0; i < steps.length; i++) {
      const st = steps[i], ins = argData[i];
      for (let j = 0; j < st.args.length; j++) ins[j] = data[st.args[j]];
      const results = st.run(ins, buffers[i]);
      for (let k = 0; k < st.outs.length; k++) data[st.outs[k]] = results[k];
    }
    const results: AnyMatrix[] = new Array(outputs.length);
    for (let i = 0; i < outputs.length; i++) {
      const s = outputs[i], k = outputInput[i], c = outputConst[i];
      if (k >= 0) results[i] = inputs[k];
      else if (c !== null) results[i] = c;
      // never a planned buffer (see planBuffers), so the next call does not overwrite it
      else results[i] = new Matrix(rows[s], cols[s], data[s], null);
    }
    return results;
  };
  if (keptBuffers !== null) return (inputs) => run(inputs, keptBuffers);
  return (inputs) => {
    const pool = plan.sizes.map(takeScratch);
    try {
      return run(inputs, buffersFrom(pool));
    } finally {
      pool.forEach(giveScratch); // no result is a planned buffer (see planBuffers)
    }
  };
}

/**
 * Storage plan: for each step, the pool buffer each result is written into (an index into `sizes`),
 * or −1 (the kernel allocates: program results, and kernels that cannot write into a given
 * buffer). A buffer is free again after the last step that reads its slot. A kernel without
 * `writesOut` might return storage of one of its arguments, so those are kept alive as long as its
 * results.
 */
function planBuffers(p: ProgramBuilder, steps: readonly Step[], outputs: readonly number[]): { buffer: number[][]; sizes: number[] } {
  const lastUse = new Array<number>(p.rows.length).fill(-1);
  for (const s of outputs) lastUse[s] = Infinity;
  for (let i = steps.length - 1; i >= 0; i--) {
    const st = steps[i];
    const resultsLive = Math.max(...st.outs.map((o) => lastUse[o]));
    for (const a of st.args) {
      lastUse[a] = Math.max(lastUse[a], i);
      if (!st.writesOut) lastUse[a] = Math.max(lastUse[a], resultsLive);
    }
  }
  const sizes: number[] = [];
  const free = new Map<number, number[]>(); // entries → free pool buffers of that size
  const owned = new Array<number>(p.rows.length).fill(-1);
  const release = (s: number) => {
    const b = owned[s];
    if (b < 0) return;
    owned[s] = -1;
    let list = free.get(sizes[b]);
    if (list === undefined) free.set(sizes[b], (list = []));
    list.push(b);
  };
  const buffer = steps.map((st, i) => {
    const bufs = st.outs.map((o) => {
      if (!st.writesOut || lastUse[o] === Infinity) return -1;
      const n = p.rows[o] * p.cols[o];
      const b = free.get(n)?.pop() ?? sizes.push(n) - 1;
      owned[o] = b;
      return b;
    });
    for (const a of st.args) if (lastUse[a] === i) release(a);
    for (const o of st.outs) if (lastUse[o] <= i) release(o); // never read
    return bufs;
  });
  return { buffer, sizes };
}
