/**
 * Higher-rank derivatives. A `Tensor<Out, In>` is a derivative whose shape is `[...Out, ...In]`
 * (numerator layout): e.g. d(Ax)/dA for A ∈ R^{M×N} is a `Tensor<[M], [M, N]>`. Entries are stored
 * row-major over the full shape, so `toMatrix()` — the (∏Out)×(∏In) matrix — shares the same order.
 */
import type { Product } from "../types/arith";
import type { Dims } from "../types/deriv";
import { ShapeError, fmtValue } from "./errors";
import { Matrix } from "./matrix";
import { formatMatrix } from "./format";
import { copyOf } from "./core/alloc";

const inspect = Symbol.for("nodejs.util.inspect.custom");

/**
 * A matrix in the shape of a derivative's input: `[M, N]` → M×N, `[N]` → N×1.
 * @example
 * ```ts
 * type X = InputShaped<[2, 3]>;             // Matrix<2, 3>
 * type V = InputShaped<[3]>;                // Matrix<3, 1>
 * ```
 */
export type InputShaped<In extends Dims> = In extends readonly [infer R extends number, infer C extends number]
  ? Matrix<R, C>
  : In extends readonly [infer N extends number]
    ? Matrix<N, 1>
    : Matrix;

/**
 * A tensor from its output dims, input dims and entries (row-major over `[...out, ...in]`):
 * e.g. a closed-form derivative written down from the notes, to compare with `jacobian`.
 * @example
 * ```ts
 * // d(Ax)/dA for x = (1, 2, 3): row i holds xᵀ in block i (seed 001)
 * const closedForm = tensor([2], [2, 3], [1, 2, 3, 0, 0, 0, 0, 0, 0, 1, 2, 3]);   // Tensor<[2], [2, 3]>
 * ```
 */
export function tensor<const Out extends number[], const In extends number[]>(outDims: [...Out], inDims: [...In], data: Float64Array | readonly number[]): Tensor<Out, In> {
  for (const [what, dims] of [["outDims", outDims], ["inDims", inDims]] as const) {
    if (!Array.isArray(dims)) throw new ShapeError("tensor", `${what} must be an array of dims, got ${fmtValue(dims)}`);
    for (const d of dims) if (!Number.isInteger(d) || d < 0) throw new ShapeError("tensor", `dims must be non-negative integers, got ${fmtValue(d)} in ${what}`);
  }
  return new Tensor(outDims, inDims, data instanceof Float64Array ? copyOf(data) : Float64Array.from(data));
}

/**
 * A derivative with more than two dims: `Tensor<Out, In>` has shape `[...Out, ...In]` (numerator layout),
 * e.g. d(Ax)/dA for A ∈ R^{M×N} is a `Tensor<[M], [M, N]>`. Made by `jacobian`/`grad` and by `tensor`.
 * @example
 * ```ts
 * const A = mat([[1, 2, 3], [4, 5, 6]]), x = vec([1, 2, 3]);
 * const dfdA = jacobian((M: Matrix<2, 3>) => M.matmul(x))(A);   // Tensor<[2], [2, 3]>
 * const shape = dfdA.shape;                 // [2, 2, 3]
 * const flat = dfdA.toMatrix();             // Matrix<2, 6>
 * const block = dfdA.slice(0);              // Matrix<2, 3>: ∂f₀/∂A = [[1, 2, 3], [0, 0, 0]]
 * ```
 */
export class Tensor<Out extends Dims = Dims, In extends Dims = Dims> {
  /** The output (numerator) dims. */
  readonly outDims: Out;
  /** The input (denominator) dims. */
  readonly inDims: In;
  /** The (∏outDims)×(∏inDims) matrix holding the entries; it stays traced under an outer differentiation. */
  private readonly flat: Matrix;

  /** @internal Entries row-major over the full shape, as a Float64Array or as the flattened matrix. */
  constructor(outDims: Out, inDims: In, entries: Float64Array | Matrix) {
    const r = outDims.reduce((a, b) => a * b, 1), c = inDims.reduce((a, b) => a * b, 1);
    const n = entries instanceof Matrix ? entries.rows * entries.cols : entries.length;
    if (n !== r * c || (entries instanceof Matrix && (entries.rows !== r || entries.cols !== c))) {
      throw new ShapeError("Tensor", `${n} entries do not fit ${[...outDims, ...inDims].join("×")} (${r}×${c} when flattened)`);
    }
    this.outDims = outDims;
    this.inDims = inDims;
    this.flat = entries instanceof Matrix ? entries : new Matrix(r, c, entries, null);
  }

  /** All entries, row-major over `shape`. Treat as read-only. */
  get data(): Float64Array {
    return this.flat.data;
  }

  /** The full shape `[...outDims, ...inDims]`. */
  get shape(): [...Out, ...In] {
    return [...this.outDims, ...this.inDims];
  }

  /** The entry at a full index (one number per dim of `shape`). */
  get(...index: number[]): number {
    const shape = this.shape as number[];
    if (index.length !== shape.length) throw new ShapeError("Tensor.get", `expected ${shape.length} indices for shape ${shape.join("×")}, got ${index.length}`);
    let k = 0;
    for (let d = 0; d < shape.length; d++) {
      const i = index[d];
      if (!Number.isInteger(i) || i < 0 || i >= shape[d]) throw new ShapeError("Tensor.get", `index ${index.join(", ")} is outside shape ${shape.join("×")}`);
      k = k * shape[d] + i;
    }
    return this.data[k];
  }

  /**
   * Flattens to the (∏ outDims)×(∏ inDims) matrix, both sides in row-major order
   * (for a matrix input X that is the row-stacking order x₁₁, x₁₂, …, not the column-stacking `vec`).
   */
  toMatrix(): Matrix<Product<Out>, Product<In>> {
    return this.flat as Matrix<Product<Out>, Product<In>>;
  }

  /** For output index `o` (row-major over outDims), the slice ∂f_o/∂X as a matrix of the input's shape (for matrix inputs). */
  slice(o: number): InputShaped<In> {
    const c = this.inDims.reduce((a, b) => a * b, 1);
    const [r0, c0] = this.inDims.length === 2 ? this.inDims : [c, 1];
    if (!Number.isInteger(o) || o < 0 || o >= this.data.length / Math.max(c, 1)) throw new ShapeError("Tensor.slice", `output index ${o} is outside ${this.outDims.join("×")}`);
    return new Matrix(r0, c0, this.data.slice(o * c, o * c + c), null) as InputShaped<In>;
  }

  toString(): string {
    const shape = `(${this.outDims.join("×")})×(${this.inDims.join("×")})`;
    const m = this.toMatrix();
    if (m.data.length !== m.rows * m.cols) return `Tensor ${shape}, as a matrix: ${m.toString()}`; // symbolic: no entries to show
    return `Tensor ${shape}, as a matrix: ` + formatMatrix(m.rows, m.cols, m.data).replace(/^Matrix /, "");
  }

  [inspect](): string {
    return this.toString();
  }
}
