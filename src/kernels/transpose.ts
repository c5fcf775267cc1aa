/**
 * Transposition of a row-major block: out (cols×rows, from outOff) = the transpose of the rows×cols
 * block of x from xOff. It walks the input in 32×32 blocks, so that the lines of `out` it writes
 * stay in cache while it does (a plain double loop writes `out` with a stride of `rows` entries: a
 * new cache line for nearly every entry once the matrix is large).
 */
const BLOCK = 32;

export function transposeInto(x: Float64Array, xOff: number, rows: number, cols: number, out: Float64Array, outOff: number): void {
  for (let i0 = 0; i0 < rows; i0 += BLOCK) {
    const i1 = Math.min(i0 + BLOCK, rows);
    for (let j0 = 0; j0 < cols; j0 += BLOCK) {
      const j1 = Math.min(j0 + BLOCK, cols);
      for (let i = i0; i < i1; i++) for (let j = j0, s = xOff + i * cols + j0; j < j1; j++, s++) out[outOff + j * rows + i] = x[s];
    }
  }
}
