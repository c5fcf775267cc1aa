/**
 * Batched evaluation of a traced program (JAX's vmap, applied to a program): one run computes the
 * program for `size` stacked members of its inputs (layout: `BatchArg`, src/core/primitive.ts).
 * Each equation runs once on stacked data where its primitive has a batching rule (products,
 * element-wise kernels, sums, transposes, broadcasts), so K members cost one larger kernel call
 * instead of K small ones; any other primitive runs member by member. Values that do not depend on
 * the inputs stay single and are shared by every member.
 *
 * `jacobian` uses it to push all basis vectors through a linearized function in one pass.
 */
import { Matrix } from "../matrix";
import { BY_SCALAR, ELEMENTWISE, kernelRan, runKernel, type AnyMatrix, type BatchArg, type Primitive } from "../core/primitive";
import { alloc } from "../core/alloc";
import { memberOf, stacked, tile } from "../core/batching";
import type { ProgramBuilder } from "./program";

/**
 * Runs the program on stacked inputs; returns each output stacked (a single one tiled). An input
 * given as `{ basis: first }` is the stacked basis vectors e_first … e_(first+size−1), one given as
 * `{ single: data }` a value shared by every member.
 */
export type BatchedProgram = (inputs: readonly BatchedInput[], size: number) => Float64Array[];
export type BatchedInput = Float64Array | { readonly basis: number } | { readonly single: Float64Array };

export function batchProgram(p: ProgramBuilder, outputs: readonly number[]): BatchedProgram {
  // each slot's last reader, so that stacked intermediates can be collected early
  const lastUse = new Array<number>(p.rows.length).fill(-1);
  p.equations.forEach((e, i) => e.args.forEach((a) => (lastUse[a] = i)));
  for (const s of outputs) lastUse[s] = Infinity;

  return (inputs, size) => {
    const data = new Array<Float64Array | undefined>(p.rows.length);
    const batched = new Array<boolean>(p.rows.length).fill(false);
    const seeds = new Map<number, Seeds>(); // values kept as scaled basis vectors, made on first read
    p.inputs.forEach((s, k) => {
      const x = inputs[k];
      if ("single" in x) {
        data[s] = x.single;
        return;
      }
      if (x instanceof Float64Array) data[s] = x;
      else seeds.set(s, { first: x.basis });
      batched[s] = true;
    });
    for (const c of p.consts) data[c.slot] = c.value.data;
    const argOf = (a: number): BatchArg => {
      const seed = seeds.get(a);
      if (seed === undefined) return { rows: p.rows[a], cols: p.cols[a], data: data[a]!, batched: batched[a] };
      const entries = p.rows[a] * p.cols[a];
      return {
        rows: p.rows[a], cols: p.cols[a], batched: true, basis: seed.first, scale: seed.scale,
        get data() {
          return (data[a] ??= stackedSeeds(entries, seed, size));
        },
      };
    };
    p.equations.forEach((e, i) => {
      const args = e.args.map(argOf);
      const rows = p.rows[e.out], cols = p.cols[e.out];
      if (args.some((a) => a.batched)) {
        const seed = elementwiseOnSeeds(e.prim, e.params, args, size, rows, cols);
        if (seed !== null) seeds.set(e.out, seed);
        else data[e.out] = runBatched(e.prim, e.params, args, size, rows, cols);
        batched[e.out] = true;
        kernelRan(e.prim.name, size * rows, cols);
      } else {
        data[e.out] = runKernel(e.prim, args.map(single), e.params, rows, cols);
      }
      for (const a of e.args) if (lastUse[a] === i) data[a] = undefined;
    });
    return outputs.map((s) => (batched[s] ? argOf(s).data : tile(data[s]!, size)));
  };
}

/** Member k is scale[k]·e_(first+k) (scale 1 when absent): a Jacobian's seeds and their multiples. */
interface Seeds {
  readonly first: number;
  readonly scale?: Float64Array;
}

/** The seeds of a value with `entries` entries, stacked. */
function stackedSeeds(entries: number, { first, scale }: Seeds, size: number): Float64Array {
  const out = alloc(size * entries);
  for (let k = 0; k < size; k++) out[k * entries + first + k] = scale === undefined ? 1 : scale[k];
  return out;
}

/**
 * An element-wise step whose one batched input is seeds (s_k·e_(first+k)) and whose output is +0
 * wherever that input is +0 (f(c, 0) = +0, as for t ⊙ (1 − y²) or c·t with c ≥ 0) gives seeds
 * again: only the K seed entries are computed, and no stacked array is made. Null otherwise.
 */
function elementwiseOnSeeds(prim: Primitive<unknown>, params: unknown, args: readonly BatchArg[], size: number, rows: number, cols: number): Seeds | null {
  if (prim.batch !== ELEMENTWISE && prim.batch !== BY_SCALAR) return null;
  const entrywise = prim.batch === BY_SCALAR ? args.slice(0, 1) : args;
  const factor = prim.batch === BY_SCALAR ? [args[1]] : [];
  const seeded = entrywise.filter((a) => a.batched);
  if (seeded.length !== 1 || factor.some((a) => a.batched) || entrywise.some((a) => a.rows !== rows || a.cols !== cols)) return null;
  const s = seeded[0], first = s.basis;
  if (first === undefined) return null;
  const zeros = new Float64Array(rows * cols);
  const off = prim.impl([...entrywise.map((a) => new Matrix(rows, cols, a === s ? zeros : a.data, null)), ...factor.map(single)], params, rows, cols);
  for (let i = 0; i < off.length; i++) if (!Object.is(off[i], 0)) return null;
  const at = entrywise.map((a) => {
    const x = new Float64Array(size);
    for (let k = 0; k < size; k++) x[k] = a === s ? (s.scale === undefined ? 1 : s.scale[k]) : a.data[first + k];
    return new Matrix(size, 1, x, null);
  });
  return { first, scale: prim.impl([...at, ...factor.map(single)], params, size, 1) };
}

function single(a: BatchArg): AnyMatrix {
  return new Matrix(a.rows, a.cols, a.data, null);
}

function runBatched(prim: Primitive<unknown>, params: unknown, args: readonly BatchArg[], size: number, rows: number, cols: number): Float64Array {
  const rule = prim.batch;
  const out =
    rule === undefined ? null
    : rule === ELEMENTWISE ? elementwise(prim, params, args, size, rows, cols)
    : rule === BY_SCALAR ? (args[1].batched ? null : elementwise(prim, params, args.slice(0, 1), size, rows, cols, args[1]))
    : rule(args, params, size, rows, cols);
  return out ?? memberByMember(prim, params, args, size, rows, cols);
}

/**
 * From this many entries per member, an element-wise step with single inputs runs member by member
 * (each kernel call costs ~0.25 µs; tiling a single input costs ~1–2 ns per stacked entry).
 */
const MEMBERWISE_MIN_ENTRIES = 256;

/**
 * An element-wise kernel on the stacked data as one (size·rows)×cols matrix: inputs of the output's
 * shape stacked (single ones tiled), then the single 1×1 `factor` if there is one.
 */
function elementwise(prim: Primitive<unknown>, params: unknown, args: readonly BatchArg[], size: number, rows: number, cols: number, factor?: BatchArg): Float64Array | null {
  if (args.some((a) => a.rows !== rows || a.cols !== cols)) return null;
  const n = rows * cols;
  if (n >= MEMBERWISE_MIN_ENTRIES && prim.writesOut === true && args.some((a) => !a.batched)) {
    // large members: the kernel on each member, into its place, rather than tiling the single inputs
    const out = alloc(size * n);
    for (let k = 0; k < size; k++) {
      const ins = args.map((a) => new Matrix(rows, cols, memberOf(a, k), null));
      if (factor !== undefined) ins.push(single(factor));
      prim.impl(ins, params, rows, cols, out.subarray(k * n, (k + 1) * n));
    }
    return out;
  }
  const ins = args.map((a) => new Matrix(size * rows, cols, stacked(a, size), null));
  if (factor !== undefined) ins.push(single(factor));
  return prim.impl(ins, params, size * rows, cols);
}

/** The fallback: the kernel once per member, each result written into its place. */
function memberByMember(prim: Primitive<unknown>, params: unknown, args: readonly BatchArg[], size: number, rows: number, cols: number): Float64Array {
  const out = alloc(size * rows * cols);
  for (let k = 0; k < size; k++) {
    const ins = args.map((a) => new Matrix(a.rows, a.cols, memberOf(a, k), null));
    out.set(prim.impl(ins, params, rows, cols), k * rows * cols);
  }
  return out;
}
