/**
 * Raised when data or operands do not have the shape an operation needs. The message names the
 * operation and the expected and actual shapes, e.g. `matmul: inner dimensions differ (2×3 · 2×3)`.
 * @example
 * ```ts
 * try {
 *   fromArray([[1, 2], [3]], 2, 2);         // ragged: row 1 has 1 entry
 * } catch (e) {
 *   if (e instanceof ShapeError) console.assert(e.op === "fromArray");
 * }
 * ```
 */
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

/**
 * Raised by `inv`, `solve` and friends when the matrix is (numerically) singular.
 * @example
 * ```ts
 * try {
 *   inv(mat([[1, 2], [2, 4]]));             // rank 1
 * } catch (e) {
 *   console.assert(e instanceof SingularMatrixError);
 * }
 * ```
 */
export class SingularMatrixError extends Error {
  override readonly name = "SingularMatrixError";
  constructor(readonly op: string, message: string) {
    super(`${op}: ${message}`);
  }
}

/**
 * Raised when data contains a value the caller forbade (NaN, ±Infinity).
 * @example
 * ```ts
 * try {
 *   fromData(1, 2, [1, NaN], { finite: true });
 * } catch (e) {
 *   console.assert(e instanceof ValueError); // "fromData: entry (0, 1) is NaN, but finite values were required"
 * }
 * ```
 */
export class ValueError extends Error {
  override readonly name = "ValueError";
  constructor(readonly op: string, message: string) {
    super(`${op}: ${message}`);
  }
}

/** `r×c` for messages. */
export const fmtShape = (rows: number, cols: number): string => `${rows}×${cols}`;

/**
 * A caller's value as a message shows it: numbers and short strings as they are, anything else by
 * its kind (`a Float64Array of 65536 entries`, `an array of 3 entries`, `a 2×3 matrix`, `an
 * object`), so that a wrong argument never puts a whole data array into the message.
 */
export function fmtValue(x: unknown): string {
  if (typeof x === "number" || typeof x === "bigint" || typeof x === "boolean" || x === null || x === undefined) return String(x);
  if (typeof x === "string") return x.length <= 40 ? JSON.stringify(x) : `a string of ${x.length} characters`;
  const entries = (n: number) => (n === 1 ? "1 entry" : `${n} entries`);
  if (Array.isArray(x)) return `an array of ${entries(x.length)}`;
  if (ArrayBuffer.isView(x)) {
    const kind = x.constructor.name;
    return "length" in x ? `a ${kind} of ${entries((x as unknown as { length: number }).length)}` : `a ${kind}`;
  }
  if (typeof x === "function") return "a function";
  if (typeof x === "symbol") return "a symbol";
  const m = x as { rows?: unknown; cols?: unknown; data?: unknown };
  if (typeof m.rows === "number" && typeof m.cols === "number" && ArrayBuffer.isView(m.data)) return `a ${fmtShape(m.rows, m.cols)} matrix`;
  return "an object";
}

/** A dimension, count or size given at run time: a non-negative integer, else a ShapeError saying `what` must be one. */
export function checkDim(op: string, what: string, n: number): void {
  if (!Number.isInteger(n) || n < 0) throw new ShapeError(op, `${what} must be a non-negative integer, got ${fmtValue(n)}`);
}

/** A TypeError naming the operation when `f` is not a function (untyped callers). */
export function checkFunction(op: string, f: unknown): void {
  if (typeof f !== "function") throw new TypeError(`${op}: expected a function, got ${fmtValue(f)}`);
}
