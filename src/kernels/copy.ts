/**
 * Copies of runs of contiguous entries between Float64Arrays. `dst.set(src.subarray(…))` is a
 * memcpy, but the subarray is a new object (about as costly as copying 15–30 entries by a loop on
 * Node 20), so runs shorter than `MIN_SET_ENTRIES` go by a loop: a column of 4096 entries copied
 * as 4096 one-entry rows took 25× as long by `set` as by the loop (2026-12-07).
 */
export const MIN_SET_ENTRIES = 64;

/**
 * dst[dOff + i·dStride + j] = src[sOff + i·sStride + j] for i < rows, j < len: `rows` runs of `len`
 * entries (one run: rows = 1, strides ignored). The runs must not overlap between src and dst.
 */
export function copyRows(src: Float64Array, sOff: number, sStride: number, dst: Float64Array, dOff: number, dStride: number, rows: number, len: number): void {
  if (len >= MIN_SET_ENTRIES) {
    if (sStride === 0) {
      // the same run every time (a row repeated): one view, or none for the whole array
      const run = sOff === 0 && len === src.length ? src : src.subarray(sOff, sOff + len);
      for (let i = 0; i < rows; i++, dOff += dStride) dst.set(run, dOff);
    } else {
      for (let i = 0; i < rows; i++, sOff += sStride, dOff += dStride) dst.set(src.subarray(sOff, sOff + len), dOff);
    }
  } else {
    for (let i = 0; i < rows; i++, sOff += sStride, dOff += dStride) for (let j = 0; j < len; j++) dst[dOff + j] = src[sOff + j];
  }
}
