/**
 * The stacked layout of batched values (see `BatchArg` in ./primitive.ts) and the moves between it
 * and other arrangements, for the primitives' batching rules and the batched evaluator
 * (src/jit/batch.ts). Member k of a rows×cols value occupies entries k·rows·cols … (k+1)·rows·cols − 1.
 */
import { alloc, allocOutput } from "./alloc";
import { transposeInto } from "../kernels/transpose";
import type { BatchArg } from "./primitive";

/** `a` in the stacked layout: its own data when batched, else `size` copies one after another. */
export function stacked(a: BatchArg, size: number): Float64Array {
  return a.batched ? a.data : tile(a.data, size);
}

/** `size` copies of `x`, one after another. */
export function tile(x: Float64Array, size: number): Float64Array {
  const n = x.length, out = alloc(n * size);
  if (n === 1) return out.fill(x[0]);
  for (let k = 0; k < size; k++) out.set(x, k * n);
  return out;
}

/** Member k of stacked data (a view: kernels do not write to their inputs). */
export function member(x: Float64Array, entries: number, k: number): Float64Array {
  return x.subarray(k * entries, (k + 1) * entries);
}

/** The stacked members transposed each: rows×cols members become cols×rows. */
export function transposeMembers(x: Float64Array, rows: number, cols: number, size: number): Float64Array {
  const out = allocOutput(x.length), n = rows * cols;
  for (let k = 0; k < size; k++) transposeInto(x, k * n, rows, cols, out, k * n);
  return out;
}

/**
 * Stacked members side by side, as one rows×(size·cols) matrix [X₁ … X_K] (`toSideBySide`), and
 * back (`fromSideBySide`): A·[X₁ … X_K] = [A·X₁ … A·X_K] is then one product.
 */
export function toSideBySide(x: Float64Array, rows: number, cols: number, size: number): Float64Array {
  const out = alloc(x.length), w = size * cols;
  for (let k = 0, s = 0; k < size; k++) for (let i = 0; i < rows; i++) for (let j = 0, o = i * w + k * cols; j < cols; j++) out[o + j] = x[s++];
  return out;
}

export function fromSideBySide(x: Float64Array, rows: number, cols: number, size: number): Float64Array {
  const out = alloc(x.length), w = size * cols;
  for (let k = 0, o = 0; k < size; k++) for (let i = 0; i < rows; i++) for (let j = 0, s = i * w + k * cols; j < cols; j++) out[o++] = x[s + j];
  return out;
}

/** Member k of an input: a view of its k-th member when batched, else the one value all members share. */
export function memberOf(a: BatchArg, k: number): Float64Array {
  return a.batched ? member(a.data, a.rows * a.cols, k) : a.data;
}
