/** Raised when data or operands do not have the shape an operation needs. The message names the
 *  operation and the expected and actual shapes, e.g. `matmul: inner dimensions differ (2×3 · 2×3)`. */
export class ShapeError extends Error {
  override readonly name = "ShapeError";
  constructor(
    /** The operation that failed, e.g. `"matmul"`. */
    readonly op: string,
    message: string,
  ) {
    super(`${op}: ${message}`);
  }
}

/** Raised by `inv`, `solve` and friends when the matrix is (numerically) singular. */
export class SingularMatrixError extends Error {
  override readonly name = "SingularMatrixError";
  constructor(readonly op: string, message: string) {
    super(`${op}: ${message}`);
  }
}

/** Raised when data contains a value the caller forbade (NaN, ±Infinity). */
export class ValueError extends Error {
  override readonly name = "ValueError";
  constructor(readonly op: string, message: string) {
    super(`${op}: ${message}`);
  }
}

/** `r×c` for messages. */
export const fmtShape = (rows: number, cols: number): string => `${rows}×${cols}`;
