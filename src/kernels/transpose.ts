/**
 * Transposition of a row-major block: out (cols×rows, from outOff) = the transpose of the rows×cols
 * block of x from xOff. It walks the input in 32×32 blocks, so that the lines of `out` it writes
 * stay in cache while it does (a plain double loop writes `out` with a stride of `rows` entries: a
 * new cache line for nearly every entry once the matrix is large). Within a block it reads four
 * rows at once and writes their entries of each column as a run of four.
 */
import { copyRows } from "./copy";

const BLOCK = 32;

export function transposeInto(x: Float64Array, xOff: number, rows: number, cols: number, out: Float64Array, outOff: number): void {
  if (rows === 1 || cols === 1) {
    copyRows(x, xOff, 0, out, outOff, 0, 1, rows * cols); // a row's or a column's entries come in the same order either way
    return;
  }
  for (let i0 = 0; i0 < rows; i0 += BLOCK) {
    const i1 = Math.min(i0 + BLOCK, rows);
    for (let j0 = 0; j0 < cols; j0 += BLOCK) {
      const j1 = Math.min(j0 + BLOCK, cols);
      let i = i0;
      for (; i + 4 <= i1; i += 4) {
        const s0 = xOff + i * cols, s1 = s0 + cols, s2 = s1 + cols, s3 = s2 + cols;
        for (let j = j0, d = outOff + j0 * rows + i; j < j1; j++, d += rows) {
          out[d] = x[s0 + j];
          out[d + 1] = x[s1 + j];
          out[d + 2] = x[s2 + j];
          out[d + 3] = x[s3 + j];
        }
      }
      for (; i < i1; i++) for (let j = j0, s = xOff + i * cols + j0, d = outOff + j0 * rows + i; j < j1; j++, s++, d += rows) out[d] = x[s];
    }
  }
}
