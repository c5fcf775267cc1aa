/**
 * Fixed-size kernels for the smallest products, where the loop set-up of the general code costs as
 * much as the arithmetic. Same contract and same rounding as `gemm` (see ./gemm.ts), which
 * dispatches to them: each entry is the left-to-right sum 0 + a_i0·b_0j + a_i1·b_1j + …, exactly as
 * the loop kernels compute it (the leading `0 +` turns a −0 result into +0, like every other path).
 */

/**
 * C = A·B for row-major 4×4 operands (the first 16 entries of each array). Fully unrolled: B is
 * held in locals, A is read one row at a time. `c` must not alias `a` or `b`; `a` and `b` are
 * never mutated.
 */
export function matmul4x4(a: Float64Array, b: Float64Array, c: Float64Array): void {
  const b00 = b[0], b01 = b[1], b02 = b[2], b03 = b[3];
  const b10 = b[4], b11 = b[5], b12 = b[6], b13 = b[7];
  const b20 = b[8], b21 = b[9], b22 = b[10], b23 = b[11];
  const b30 = b[12], b31 = b[13], b32 = b[14], b33 = b[15];
  let r0 = a[0], r1 = a[1], r2 = a[2], r3 = a[3];
  c[0] = 0 + r0 * b00 + r1 * b10 + r2 * b20 + r3 * b30;
  c[1] = 0 + r0 * b01 + r1 * b11 + r2 * b21 + r3 * b31;
  c[2] = 0 + r0 * b02 + r1 * b12 + r2 * b22 + r3 * b32;
  c[3] = 0 + r0 * b03 + r1 * b13 + r2 * b23 + r3 * b33;
  r0 = a[4]; r1 = a[5]; r2 = a[6]; r3 = a[7];
  c[4] = 0 + r0 * b00 + r1 * b10 + r2 * b20 + r3 * b30;
  c[5] = 0 + r0 * b01 + r1 * b11 + r2 * b21 + r3 * b31;
  c[6] = 0 + r0 * b02 + r1 * b12 + r2 * b22 + r3 * b32;
  c[7] = 0 + r0 * b03 + r1 * b13 + r2 * b23 + r3 * b33;
  r0 = a[8]; r1 = a[9]; r2 = a[10]; r3 = a[11];
  c[8] = 0 + r0 * b00 + r1 * b10 + r2 * b20 + r3 * b30;
  c[9] = 0 + r0 * b01 + r1 * b11 + r2 * b21 + r3 * b31;
  c[10] = 0 + r0 * b02 + r1 * b12 + r2 * b22 + r3 * b32;
  c[11] = 0 + r0 * b03 + r1 * b13 + r2 * b23 + r3 * b33;
  r0 = a[12]; r1 = a[13]; r2 = a[14]; r3 = a[15];
  c[12] = 0 + r0 * b00 + r1 * b10 + r2 * b20 + r3 * b30;
  c[13] = 0 + r0 * b01 + r1 * b11 + r2 * b21 + r3 * b31;
  c[14] = 0 + r0 * b02 + r1 * b12 + r2 * b22 + r3 * b32;
  c[15] = 0 + r0 * b03 + r1 * b13 + r2 * b23 + r3 * b33;
}
