/**
 * Higher-rank derivatives. A `Tensor<Out, In>` is a derivative whose shape is `[...Out, ...In]`
 * (numerator layout): e.g. d(Ax)/dA for A ∈ R^{M×N} is a `Tensor<[M], [M, N]>`. Entries are stored
 * row-major over the full shape, so `toMatrix()` — the (∏Out)×(∏In) matrix — shares the same order.
 */
import type { Product } from "../types/arith";
import type { Dims } from "../types/deriv";
import { ShapeError } from "./errors";
import { Matrix } from "./matrix";
import { formatMatrix } from "./format";

const inspect = Symbol.for("nodejs.util.inspect.custom");

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
  slice(o: number): Matrix {
    const c = this.inDims.reduce((a, b) => a * b, 1);
    const [r0, c0] = this.inDims.length === 2 ? this.inDims : [c, 1];
    return new Matrix(r0, c0, this.data.slice(o * c, o * c + c), null);
  }

  toString(): string {
    const shape = `(${this.outDims.join("×")})×(${this.inDims.join("×")})`;
    const m = this.toMatrix();
    return `Tensor ${shape}, as a matrix: ` + formatMatrix(m.rows, m.cols, m.data).replace(/^Matrix /, "");
  }

  [inspect](): string {
    return this.toString();
  }
}
